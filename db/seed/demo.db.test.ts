import { describe, expect, it } from 'vitest'
import { verifyPassword } from '~/utils/password.server'
import { applicationStates } from '../../workflows/application.machine'
import { db } from '../client.server'
import { orderAppendix } from '~/domain/ministry.server'
import { regionStatistics } from '~/domain/statistics.server'
import { appendixDocx } from '~/exports/docx/order.server'
import { myCertificateDocument } from '~/exports/docx/documents.server'
import { readDocx } from '../../test/support/docx'
import { regionById } from '../queries/regions.server'
import { grantsOf } from '../queries/users.server'
import { DEMO_PASSWORD, demoOrders, demoSignIns, seedDemo } from './demo.server'
import { exportCsv, exportXlsx } from '~/exports/exports.server'
import { OPERATOR, runImport } from '~/imports/import.server'
import { groupFits, personName, PRESCHOOL, PRIMARY, rng } from './random'

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
      ['admin', 'applicant', 'chair', 'commissionMember', 'ministryOfficer', 'municipalApprover', 'municipalCoordinator', 'regionalCoordinator', 'secretary'],
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
      where r.code in ('tomsk', 'chelyabinsk', 'khabarovsk', 'yugra') and o.municipality_id is null`
    expect(new Set(orders.map((o) => o.code)).size).toBe(4)

    // Город Томск's municipal active (issue 10 §6): published through the pipeline under the city authority's order
    const municipal = await sql<{ state: string; public: boolean; order: string; orderMunicipality: string; campaign: string }[]>`
      select m.state, m.public, o.number as order, mo.name as "orderMunicipality", c.state as campaign
      from members m join rosters ro on ro.id = m.roster_id join orders o on o.id = m.admitted_order_id
        join municipalities mo on mo.id = o.municipality_id join applications a on a.id = m.application_id join campaigns c on c.id = a.campaign_id
      where ro.level = 'municipal' and mo.code = 'tomsk-city'`
    expect(municipal.length).toBeGreaterThanOrEqual(3)
    expect(municipal.every((m) => m.state === 'active' && m.public && m.order === '412' && m.campaign === 'published')).toBe(true)
    // and this year's additional selection waits at the city's education authority
    const [waiting] = await sql`
      select count(*)::int as n from applications a join campaigns c on c.id = a.campaign_id join rosters ro on ro.id = c.roster_id
      where ro.level = 'municipal' and a.state = 'atMinistry' and c.state = 'atMinistry'`
    expect(waiting.n).toBeGreaterThanOrEqual(2)
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
    // (a kindergarten's staff and a primary teacher by the level they work at: no subject of the region's list names it)
    const placed = await sql<{ group: string; subjects: string[]; position: string; organisation: string }[]>`
      select g.name as group, m.subjects, p.position, o.name as organisation from members m join roster_groups g on g.id = m.group_id
        join people p on p.id = m.person_id left join organisations o on o.id = p.organisation_id
      where p.work_email like '%@school.demo.rma'`
    expect(placed.length).toBeGreaterThan(0)
    const topics = (m: (typeof placed)[number]) => (m.organisation.includes('Детский сад') ? [PRESCHOOL] : m.position === 'учитель начальных классов' ? [PRIMARY] : m.subjects)
    for (const m of placed) expect(groupFits(m.group, topics(m)), `${m.group} ← ${topics(m).join(', ')}`).toBe(true)
    // every demo person's subjects are in their region's list (the form's choices, what an import takes)
    const strange = await sql<{ region: string; subject: string }[]>`
      select distinct r.code as region, s as subject from people p join regions r on r.id = p.region_id, unnest(p.subjects) s
      where not (r.settings->'subjects' ? s)`
    expect(strange).toEqual([])
    const staff = await sql<{ position: string; organisation: string }[]>`
      select p.position, o.name as organisation from people p join organisations o on o.id = p.organisation_id where o.name like '%Детский сад%'`
    for (const s of staff) expect(s.position).not.toMatch(/^учитель(?!-логопед)|преподаватель/)
    const names = await sql<{ name: string }[]>`select name from organisations where name ~ '\\(.*\\(' or name ~ '(район|округ).*(район|округ)'`
    expect(names).toEqual([])

    // The demo order's appendix is the composition the ministry approved through the real flow:
    // approvals that name the order, and the members it admitted (PRODUCT §11).
    const coordinator = await sql<{ id: number }[]>`select id::int from users where login = 'coordinator@demo.rma'`
    const coordinatorActor = { userId: coordinator[0].id, grants: await grantsOf(coordinator[0].id) }
    const [order] = await sql<{ id: number }[]>`
      select o.id::int from orders o join regions r on r.id = o.region_id where r.code = 'tomsk' and o.number = ${demoOrders.tomsk.number}`
    const approvals = await sql<{ name: string }[]>`
      select p.last_name as name from approvals ap join applications a on a.id = ap.application_id join people p on p.id = a.person_id
      where ap.order_id = ${order.id} and ap.decision = 'approved'`
    expect(approvals.map((a) => a.name)).toContain('Никитина')
    expect(approvals.length).toBe(4)
    const appendix = await orderAppendix(coordinatorActor, order.id)
    for (const a of approvals) expect(appendix.rows.map((r) => r.fullName.split(' ')[0])).toContain(a.name)
    const appendixDoc = await readDocx(await appendixDocx({ ...appendix, rows: appendix.rows.map((r) => ({ ...r, direction: null, group: null })), termEndsOn: null }))
    expect(appendixDoc.paragraphs.some((p) => p.startsWith('Никитина Светлана Павловна'))).toBe(true)
    // the approved were published by the coordinator: members admitted by that order, with its term
    const admitted = await sql<{ termEndsOn: string; public: boolean }[]>`
      select to_char(m.term_ends_on, 'YYYY-MM-DD') as "termEndsOn", m.public from members m join approvals ap on ap.application_id = m.application_id
      where ap.order_id = ${order.id}`
    expect(admitted).toHaveLength(4)
    for (const m of admitted) expect(m).toEqual({ termEndsOn: '2028-09-12', public: true })

    // the expert downloads her certificate of membership (/my/certificate.docx)
    const [expertUser] = await sql<{ id: number }[]>`select id::int from users where login = 'expert@demo.rma'`
    const certificate = await myCertificateDocument({ userId: expertUser.id, grants: await grantsOf(expertUser.id) })
    const text = (await readDocx(certificate.body)).paragraphs.join('\n')
    expect(text).toContain('Никитина Светлана Павловна')
    expect(text).toContain(`№\u00A0${demoOrders.tomsk.number}`)
    expect(text).toContain('12.09.2028')

    // last year's selection feeds the statistics: its funnel and a refusal by the experience rule
    const [past] = await sql<{ id: number }[]>`select id::int from campaigns where title like '%2025/2026%' and state = 'published'`
    const [region] = await sql<{ id: number }[]>`select id::int from regions where code = 'tomsk'`
    const report = await regionStatistics(coordinatorActor, (await regionById(region.id))!, past.id)
    expect(report.selection.find((t) => t.id === 'funnel')!.rows.map((r) => r[1])).toEqual([6, 5, 4, 4])
    expect(report.selection.find((t) => t.id === 'refusals')!.rows[0]).toMatchObject(['Стаж работы по специальности не менее 5 лет', expect.any(String), 1])

    // nobody claims more years of experience than their age allows (work from 18 at the earliest)
    const people = await sql<{ name: string; born: string; experience: number; age: number }[]>`
      select concat_ws(' ', p.last_name, p.first_name) as name, pp.birth_date::text as born, (a.facts->'experienceYears'->>'value')::numeric::float8 as experience,
             extract(year from age(coalesce(a.submitted_at, a.created_at), pp.birth_date))::int as age
      from applications a join people p on p.id = a.person_id join person_private pp on pp.person_id = p.id
      where pp.birth_date is not null and a.facts ? 'experienceYears'`
    expect(people.length).toBeGreaterThan(10)
    for (const p of people) expect(p.experience, `${p.name}, born ${p.born}, ${p.age} years old`).toBeLessThanOrEqual(p.age - 18)

    // the coordinator's members export imports back as nominations, in both formats, without an error
    const coordinatorUser = await sql<{ id: number }[]>`select id::int from users where login = 'coordinator@demo.rma'`
    const asCoordinator = { userId: coordinatorUser[0].id, grants: await grantsOf(coordinatorUser[0].id) }
    const [open] = await sql<{ id: number }[]>`
      select c.id::int from campaigns c join regions r on r.id = c.region_id join rosters ro on ro.id = c.roster_id
      where r.code = 'tomsk' and c.state = 'open' and ro.level = 'regional' order by c.id limit 1`
    for (const [write, fileName] of [[exportCsv, 'members.csv'], [exportXlsx, 'members.xlsx']] as const) {
      const file = await write(asCoordinator, { kind: 'members' })
      const back = await runImport({ kind: 'nominations', campaignId: open.id, fileName, source: file.body as unknown as AsyncIterable<Uint8Array>, actor: OPERATOR, dryRun: true })
      expect(back.rows, fileName).toBeGreaterThan(20)
      expect(back.errors, fileName).toEqual([])
    }

    const again = await seedDemo(sql, { members: 40 })
    expect(again.created).toBe(false)
    expect(again.membersAdded).toBe(0)
    expect(first.accounts).toEqual(demoSignIns)
  })

  it('is deterministic: the same seed gives the same people', () => {
    const a = Array.from({ length: 5 }, (_, i) => personName(rng(i)))
    const b = Array.from({ length: 5 }, (_, i) => personName(rng(i)))
    expect(a).toEqual(b)
    expect(new Set(a.map((p) => p.lastName + p.firstName)).size).toBeGreaterThan(1)
  })
})
