import { describe, expect, it } from 'vitest'
import { evaluationRanking, myScore } from '~/domain/evaluation.server'
import { db } from '../client.server'
import { grantsOf, userByLogin } from '../queries/users.server'
import { seedDemo } from './demo.server'

// The demo shows the evaluation on the first start (issue 10, «Done means»):
// Tomsk's members with confirmed and pending records in this school year and
// the last, a ranking with «низкая активность», every record audited.

describe('demo evaluation', () => {
  it('ranks Tomsk’s members, flags the low ones, and the expert has a score of their own; a re-run adds nothing', async () => {
    const sql = db()
    await seedDemo(sql, { members: 20 })
    const states = await sql<{ state: string; n: number }[]>`
      select a.state, count(*)::int as n from activity_records a join regions r on r.id = a.region_id where r.code = 'tomsk' group by a.state order by a.state`
    expect(states.map((s) => s.state)).toEqual(['confirmed', 'submitted'])
    const [{ unaudited }] = await sql<{ unaudited: number }[]>`
      select count(*)::int as unaudited from activity_records a join regions r on r.id = a.region_id
      where r.code = 'tomsk' -- other test files' records share this database
        and not exists (select 1 from audit_events e where e.entity = 'activity' and e.entity_id = a.id and e.action = 'CREATE')`
    expect(unaudited).toBe(0)

    const coordinatorUser = (await userByLogin('coordinator@demo.rma', sql))!
    const coordinator = { userId: coordinatorUser.id, grants: await grantsOf(coordinatorUser.id, sql) }
    const [tomsk] = await sql<{ id: number }[]>`select id::int from regions where code = 'tomsk'`
    const ranking = await evaluationRanking(coordinator, tomsk.id, { year: null, municipalityId: null, groupId: null, subject: null }, { after: null, from: 1 })
    expect(ranking.page.rows.some((r) => r.low)).toBe(true)
    expect(ranking.page.rows.some((r) => !r.low && r.confirmed > 0)).toBe(true)
    const lastYear = await evaluationRanking(coordinator, tomsk.id, { year: ranking.year.year - 1, municipalityId: null, groupId: null, subject: null }, { after: null, from: 1 })
    expect(lastYear.page.rows.filter((r) => r.confirmed > 0).length).toBeGreaterThanOrEqual(3)

    const expertUser = (await userByLogin('expert@demo.rma', sql))!
    const own = await myScore({ userId: expertUser.id, grants: await grantsOf(expertUser.id, sql) })
    expect(own?.current.confirmed).toBe(1)
    expect(own?.previous.low).toBe(false)

    const before = await sql<{ n: number }[]>`select count(*)::int as n from activity_records`
    await seedDemo(sql, { members: 20 })
    expect(await sql<{ n: number }[]>`select count(*)::int as n from activity_records`).toEqual(before)
  })
})
