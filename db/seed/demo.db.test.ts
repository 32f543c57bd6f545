import { describe, expect, it } from 'vitest'
import { verifyPassword } from '~/utils/password.server'
import { applicationStates } from '../../workflows/application.machine'
import { db } from '../client.server'
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './demo.server'
import { groupFits, personName, rng } from './random'

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

    // each region's members were admitted by its own order, not one number shared by all
    const orders = await sql<{ code: string; number: string; date: string }[]>`
      select distinct r.code, o.number, o.date::text as date from members m join orders o on o.id = m.admitted_order_id join regions r on r.id = m.region_id
      where r.code in ('tomsk', 'chelyabinsk', 'khabarovsk', 'yugra')`
    expect(new Set(orders.map((o) => o.code)).size).toBe(4)
    expect(new Set(orders.map((o) => `${o.number} ${o.date}`)).size).toBe(orders.length)
    expect(new Set(orders.map((o) => o.number)).size).toBe(4)

    // the demo teacher is one person: one record, one birth date, under every application she holds
    const teacherRecords = await sql<{ personId: number; birthDate: string | null }[]>`
      select distinct p.id::int as "personId", pp.birth_date::text as "birthDate" from people p
        left join person_private pp on pp.person_id = p.id
      where p.work_email = 'teacher@demo.rma'
         or (p.last_name, p.first_name, p.middle_name) = ('Лебедева', 'Анна', 'Сергеевна')
         or p.id in (select a.person_id from applications a join users u on u.id = a.applicant_user_id where u.login = 'teacher@demo.rma')`
    expect(teacherRecords).toHaveLength(1)
    expect(teacherRecords[0].birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    // a member placed in a group teaches what the group is about; kindergartens have no «учитель (…)»
    const placed = await sql<{ group: string; subjects: string[]; position: string; organisation: string }[]>`
      select g.name as group, m.subjects, p.position, o.name as organisation from members m join roster_groups g on g.id = m.group_id
        join people p on p.id = m.person_id left join organisations o on o.id = p.organisation_id
      where p.work_email like '%@school.demo.rma'`
    expect(placed.length).toBeGreaterThan(0)
    for (const m of placed) expect(groupFits(m.group, m.subjects), `${m.group} ← ${m.subjects.join(', ')}`).toBe(true)
    const staff = await sql<{ position: string; organisation: string }[]>`
      select p.position, o.name as organisation from people p join organisations o on o.id = p.organisation_id where o.name like '%Детский сад%'`
    for (const s of staff) expect(s.position).not.toMatch(/^учитель(?!-логопед)|преподаватель/)
    const names = await sql<{ name: string }[]>`select name from organisations where name ~ '\\(.*\\(' or name ~ '(район|округ).*(район|округ)'`
    expect(names).toEqual([])

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
