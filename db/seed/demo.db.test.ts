import { describe, expect, it } from 'vitest'
import { verifyPassword } from '~/utils/password.server'
import { applicationStates } from '../../workflows/application.machine'
import { db } from '../client.server'
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './demo.server'
import { personName, rng } from './random'

describe('demo data', () => {
  it('installs every region, one account per role, an application in every state, and members; a re-run adds nothing', async () => {
    const sql = db()
    const first = await seedDemo(sql, { members: 40 })
    const regions = await sql<{ code: string; n: number }[]>`
      select r.code, count(m.id)::int as n from regions r join municipalities m on m.region_id = r.id
      where r.code in ('tomsk', 'chelyabinsk', 'khabarovsk', 'yugra') group by r.code order by r.code`
    expect(Object.fromEntries(regions.map((r) => [r.code, r.n]))).toMatchObject({ khabarovsk: 19, yugra: 22 })

    const roles = await sql<{ role: string }[]>`
      select distinct g.role from role_grants g join users u on u.id = g.user_id where u.login like '%@demo.rma'`
    expect(roles.map((r) => r.role).sort()).toEqual(
      ['admin', 'applicant', 'chair', 'commissionMember', 'ministryOfficer', 'municipalCoordinator', 'regionalCoordinator', 'secretary'],
    )
    const [teacher] = await sql`select password_hash from users where login = 'teacher@demo.rma'`
    expect(await verifyPassword(DEMO_PASSWORD, teacher.password_hash)).toBe(true)

    const states = await sql<{ state: string }[]>`
      select distinct a.state from applications a join regions r on r.id = a.region_id where r.code = 'tomsk'`
    expect(states.map((s) => s.state).sort()).toEqual([...applicationStates].sort())

    const [{ members, public: pub, generated, withPrivate }] = await sql`
      select count(*)::int as members, count(*) filter (where public)::int as public,
             count(*) filter (where p.work_email like '%@school.demo.rma')::int as generated,
             count(pp.person_id) filter (where p.work_email like '%@school.demo.rma')::int as "withPrivate"
      from members m join regions r on r.id = m.region_id join people p on p.id = m.person_id
        left join person_private pp on pp.person_id = m.person_id
      where m.application_id is null and r.code in ('tomsk', 'chelyabinsk', 'khabarovsk', 'yugra')`
    expect(members).toBeGreaterThanOrEqual(40)
    expect(pub).toBeLessThan(members)
    // every generated member carries private values (the leak test relies on it)
    expect(withPrivate).toBe(generated)

    const again = await seedDemo(sql, { members: 40 })
    expect(again.created).toBe(false)
    expect(again.membersAdded).toBe(0)
    expect(first.accounts).toEqual(demoAccounts)
  })

  it('is deterministic: the same seed gives the same people', () => {
    const a = Array.from({ length: 5 }, (_, i) => personName(rng(i)))
    const b = Array.from({ length: 5 }, (_, i) => personName(rng(i)))
    expect(a).toEqual(b)
    expect(new Set(a.map((p) => p.lastName + p.firstName)).size).toBeGreaterThan(1)
  })
})
