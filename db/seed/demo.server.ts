import { evaluate, type Facts, type RuleSet } from '~/model/eligibility'
import { CONSENT_TEXT_VERSIONS, publicFields, type PublicField } from '~/model/consent'
import { hashPassword } from '~/utils/password.server'
import type { Role } from '~/model/permissions'
import type { ApplicationState } from '../../workflows/application.machine'
import { rowAfter } from '../../workflows/snapshot'
import type { Sql, Tx } from '../client.server'
import { addCommissionMember } from '../queries/commissions.server'
import { ensureOrganisation } from '../queries/organisations.server'
import { insertPerson } from '../queries/people.server'
import { municipalitiesOf } from '../queries/regions.server'
import { grantRole, grantsOf, insertUser, userByLogin } from '../queries/users.server'
import { addAgendaItem, closeMeeting, createMeeting, recordVotes, setAttendance } from '../../app/domain/meetings.server'
import { decideApplications } from '../../app/domain/ministry.server'
import { publishApproved } from '../../app/domain/publish.server'
import { presets, type RegionPreset } from '../presets'
import { installPreset, type InstalledRegion } from './presets.server'
import { DEMO_APPELLANT, seedDemoAppeals } from './demo-appeals.server'
import { seedDemoEvaluation } from './demo-evaluation.server'
import { seedDemoTerms } from './demo-terms.server'
import { seedDemoReport } from './demo-report.server'
import { municipalDemoAccounts, seedMunicipalActive } from './demo-municipal.server'
import { groupFor, groupTopics, jobAt, latin, organisationPool, personName, rng, type DemoOrganisation, type Rng } from './random'

export const DEMO_PASSWORD = 'demo-rma-2026'

/** `what` describes the account for whoever tries the demo; `position` is the person's job title. */
export type DemoAccount = { login: string; role: Role; name: string; what: string; position: string }

// One account per role, all in the Tomsk region (the fullest preset).
export const demoAccounts: DemoAccount[] = [
  { login: 'teacher@demo.rma', role: 'applicant', name: 'Лебедева Анна Сергеевна', what: 'педагог-заявитель', position: 'учитель математики' },
  { login: 'expert@demo.rma', role: 'applicant', name: 'Никитина Светлана Павловна', what: 'член актива (управляет согласием на публикацию)', position: 'учитель русского языка и литературы' },
  { login: 'municipal@demo.rma', role: 'municipalCoordinator', name: 'Орлова Марина Петровна', what: 'координатор г. Томска', position: 'методист' },
  { login: 'secretary@demo.rma', role: 'secretary', name: 'Иванова Ольга Георгиевна', what: 'секретарь комиссии', position: 'старший методист' },
  { login: 'chair@demo.rma', role: 'chair', name: 'Замятина Оксана Михайловна', what: 'председатель комиссии', position: 'проректор по научно-методической работе' },
  { login: 'member1@demo.rma', role: 'commissionMember', name: 'Кузнецов Андрей Викторович', what: 'член комиссии', position: 'заведующий кафедрой' },
  { login: 'member2@demo.rma', role: 'commissionMember', name: 'Соколова Елена Ивановна', what: 'член комиссии', position: 'доцент кафедры' },
  { login: 'member3@demo.rma', role: 'commissionMember', name: 'Морозов Павел Юрьевич', what: 'член комиссии', position: 'заместитель директора по учебно-воспитательной работе' },
  { login: 'ministry@demo.rma', role: 'ministryOfficer', name: 'Павлова Ирина Николаевна', what: 'департамент образования', position: 'консультант' },
  { login: 'coordinator@demo.rma', role: 'regionalCoordinator', name: 'Фёдоров Дмитрий Олегович', what: 'региональный координатор', position: 'руководитель регионального методического центра' },
  { login: 'admin@demo.rma', role: 'admin', name: 'Администратор системы', what: 'администратор', position: '' },
]

/** An account the demo can be signed in with; the appellant's name is their application's. */
export type DemoSignIn = { login: string; role: Role; what: string; name?: string }

/** Every account the demo can be signed in with, for the startup console and `rma seed`: the ones above, the appellant and the municipal selection's. */
export const demoSignIns: DemoSignIn[] = [
  ...demoAccounts,
  { login: DEMO_APPELLANT, role: 'applicant', what: 'заявитель, подавший апелляцию' },
  ...municipalDemoAccounts,
]

/** The order that admitted each region's demo members, numbered and dated in the region's own style. */
export const demoOrders: Record<string, { number: string; date: string; title: string }> = {
  tomsk: { number: '1645-р', date: '2025-09-12', title: 'Об утверждении состава регионального методического актива Томской области' },
  chelyabinsk: { number: '01/2214', date: '2025-09-19', title: 'Об утверждении состава регионального методического актива Челябинской области' },
  khabarovsk: { number: '1187', date: '2025-09-26', title: 'Об утверждении состава регионального методического актива Хабаровского края' },
  yugra: { number: '10-П-2043', date: '2025-10-03', title: 'Об утверждении состава регионального методического актива Ханты-Мансийского автономного округа – Югры' },
}
const orderOf = (code: string, index: number) =>
  demoOrders[code] ?? { number: `${300 + index * 37}-о`, date: `2025-10-${String(10 + index).padStart(2, '0')}`, title: 'Об утверждении состава регионального методического актива' }

async function ensureDemoOrder(sql: Sql | Tx, regionId: number, code: string): Promise<number> {
  const o = orderOf(code, presets.findIndex((p) => p.code === code))
  const [order] = await sql<{ id: number }[]>`
    insert into orders (region_id, number, date, title, kind)
    values (${regionId}, ${o.number}, ${o.date}, ${o.title}, 'composition')
    on conflict (region_id, number, date) do update set title = excluded.title
    returning id::int`
  return order.id
}

/** The preset's workplaces, stored, with their ids by municipality code. */
async function ensureOrganisations(sql: Sql | Tx, regionId: number, preset: RegionPreset, municipalities: { id: number; code: string }[]) {
  const pool = organisationPool(preset.code, preset.municipalities.map((m) => m.code))
  const rows = municipalities.flatMap((m) => (pool.get(m.code) ?? []).map((o) => ({ region_id: regionId, municipality_id: m.id, name: o.name, kind: o.kind, code: m.code })))
  const ids = rows.length
    ? await sql<{ id: number; name: string }[]>`
        insert into organisations ${sql(rows.map(({ region_id, municipality_id, name }) => ({ region_id, municipality_id, name })))}
        on conflict (region_id, name) do update set name = excluded.name returning id::int, name`
    : []
  const idOf = new Map(ids.map((x) => [x.name, x.id]))
  const byMunicipality = new Map<string, (DemoOrganisation & { id: number })[]>()
  for (const row of rows) byMunicipality.set(row.code, [...(byMunicipality.get(row.code) ?? []), { name: row.name, kind: row.kind, id: idOf.get(row.name)! }])
  return byMunicipality
}

const commissionRole: Partial<Record<Role, 'chair' | 'secretary' | 'member'>> = {
  secretary: 'secretary',
  chair: 'chair',
  commissionMember: 'member',
}

/** The event path that leaves an application in each state. */
const pathTo: Record<ApplicationState, { type: string; [k: string]: unknown }[]> = (() => {
  const submit = [{ type: 'SUBMIT' }]
  const screening = [...submit, { type: 'START_SCREENING', eligibility: 'unverified', failedRules: [] }]
  const review = [...submit, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }]
  const recommended = [...review, { type: 'RECOMMEND' }]
  const atMinistry = [...recommended, { type: 'SEND_TO_MINISTRY' }]
  const approved = [...atMinistry, { type: 'APPROVE' }]
  return {
    draft: [],
    submitted: submit,
    screening,
    needsInformation: [...screening, { type: 'REQUEST_INFO', message: 'Приложите копию аттестационного листа.' }],
    ineligible: [...submit, { type: 'START_SCREENING', eligibility: 'fail', failedRules: ['Стаж'] }, { type: 'MARK_INELIGIBLE', reasons: ['Стаж работы по специальности не менее 5 лет'] }],
    inReview: review,
    recommended,
    rejected: [...review, { type: 'REJECT' }],
    deferred: [...review, { type: 'DEFER' }],
    atMinistry,
    approved,
    returned: [...atMinistry, { type: 'RETURN', reason: 'Не представлены сведения о результатах оценки компетенций.' }],
    published: [...approved, { type: 'PUBLISH' }],
    withdrawn: [...submit, { type: 'WITHDRAW' }],
  }
})()

/** The year of the demo's current selection (2026/2027); last year's ran in the year before. */
const CURRENT_YEAR = 2026
const TEACHER_BIRTH_DATE = '1986-04-12'

/**
 * The most years of experience a person born in `birthYear` can claim in
 * `year`: teaching from 22, after a pedagogical degree (null: no birth date
 * on record, the usual range).
 */
const experienceCap = (birthYear: number | null, year: number) => (birthYear === null ? 30 : Math.min(30, year - birthYear - 22))

function factsFor(r: Rng, strong: boolean, verified: boolean, cap = 30): Facts {
  const f = (value: string | number | boolean) => ({ value, verified, source: 'self' as const })
  const facts: Facts = {
    qualificationCategory: f(strong ? 'highest' : r.pick(['first', 'highest'] as const)),
    educationLevel: f('higher'),
    educationPedagogical: f(true),
    experienceYears: f(strong ? r.int(6, Math.max(6, cap)) : r.int(2, Math.max(2, Math.min(12, cap)))),
  }
  facts[r.pick(['fiokoAssessment', 'giaCommission', 'methodCouncilHead', 'contestWinner'] as const)] = f(true)
  return facts
}

export type SeedResult = { accounts: DemoSignIn[]; password: string; membersAdded: number; created: boolean }

/**
 * Presets for every region, then (once) the demo accounts and a campaign
 * with an application in every state, then published members up to
 * `members` in all. Deterministic: the same arguments give the same data.
 */
export async function seedDemo(sql: Sql, opts: { members?: number; seed?: number } = {}): Promise<SeedResult> {
  const installed = new Map<string, InstalledRegion>()
  for (const p of presets) installed.set(p.code, await installPreset(p, {}, sql))
  const created = !(await userByLogin(demoAccounts[0].login, sql))
  if (created) await sql.begin((tx) => seedAccountsAndCampaigns(tx, installed.get('tomsk')!, presets[0]))
  await seedDemoAppeals(sql, DEMO_PASSWORD)
  const membersAdded = await seedMembers(sql, installed, opts.members ?? 120, opts.seed ?? 1)
  // Fresh statistics after bulk inserts: PGlite has no autovacuum, and without
  // them the planner picks nested loops that make the roster 20× slower. Before
  // the steps below: they query the members (seedDemoTerms took 250 s for
  // 50,000 members planned as none), and write only a few rows.
  if (created || membersAdded > 0) await sql`analyze`
  await seedDemoEvaluation(sql)
  await seedDemoTerms(sql)
  await seedDemoReport(sql, installed.get('tomsk')!.regionId)
  return { accounts: demoSignIns, password: DEMO_PASSWORD, membersAdded, created }
}

async function seedAccountsAndCampaigns(tx: Tx, region: InstalledRegion, preset: RegionPreset) {
  const r = rng(42)
  const hash = await hashPassword(DEMO_PASSWORD)
  const municipalities = await municipalitiesOf(region.regionId, tx)
  const city = municipalities.find((m) => m.code === 'tomsk-city') ?? municipalities[0]
  const institute = await ensureOrganisation({ regionId: region.regionId, municipalityId: city.id, name: 'ТОИПКРО' }, tx)
  const cityOrgs = (await ensureOrganisations(tx, region.regionId, preset, municipalities)).get(city.code) ?? []
  const school = (cityOrgs.find((o) => o.kind === 'school') ?? cityOrgs[0]).id

  const userIds = new Map<string, number>()
  const personIds = new Map<string, number>()
  for (const a of demoAccounts) {
    const [lastName, firstName, middleName = ''] = a.name.split(' ')
    // member3 works at the same school as a candidate: a recusal case for the journey.
    const organisationId = a.login === 'member3@demo.rma' || a.role === 'applicant' ? school : institute
    const personId =
      a.role === 'admin'
        ? null
        : await insertPerson(
            {
              regionId: region.regionId,
              municipalityId: city.id,
              lastName,
              firstName,
              middleName,
              organisationId,
              position: a.position,
              workEmail: a.login,
              subjects: a.login === 'expert@demo.rma' ? ['Русский язык', 'Литература'] : a.role === 'applicant' ? ['Математика'] : [],
            },
            // The demo teacher's own record: her application reads these, so she has one birth date everywhere.
            a.login === 'teacher@demo.rma' ? { phone: '+7 913 000-00-01', birthDate: TEACHER_BIRTH_DATE } : {},
            tx,
          )
    const id = await insertUser({ login: a.login, passwordHash: hash, displayName: a.name, personId }, tx)
    userIds.set(a.login, id)
    if (personId !== null) personIds.set(a.login, personId)
    await grantRole(
      id,
      {
        role: a.role,
        regionId: a.role === 'admin' || a.role === 'applicant' ? null : region.regionId,
        municipalityId: a.role === 'municipalCoordinator' ? city.id : null,
        commissionId: commissionRole[a.role] ? region.commissionId : null,
      },
      tx,
    )
    const cr = commissionRole[a.role]
    if (cr) await addCommissionMember({ commissionId: region.commissionId, userId: id, role: cr, organisationId }, tx)
  }

  const [{ document }] = await tx<{ document: RuleSet }[]>`select document from rule_sets where id = ${region.ruleSetId}`
  const campaign = async (title: string, path: { type: string }[], opensOn: string, closesOn: string) => {
    const row = rowAfter('campaign', path)
    const [c] = await tx<{ id: number }[]>`
      insert into campaigns (region_id, roster_id, commission_id, rule_set_id, title, opens_on, closes_on, snapshot, state, machine_version)
      values (${region.regionId}, ${region.rosterId}, ${region.commissionId}, ${region.ruleSetId}, ${title}, ${opensOn}, ${closesOn},
              ${tx.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})
      returning id::int`
    return c.id
  }
  // Last year's selection first (a lower id: the current one stays first in the lists).
  await admitLastYear(tx, region, preset, {
    document,
    campaign,
    municipalityId: city.id,
    orgs: cityOrgs,
    expert: { personId: personIds.get('expert@demo.rma')!, userId: userIds.get('expert@demo.rma')! },
    ministryUserId: userIds.get('ministry@demo.rma')!,
    coordinatorUserId: userIds.get('coordinator@demo.rma')!,
  })
  const open = await campaign('Отбор в региональный методический актив Томской области, 2026/2027 учебный год', [{ type: 'OPEN' }], '2026-10-01', '2026-12-20')
  // The later stages' days (issue 11, §4.1), after Chelyabinsk's plan: screening, reviews, the meeting, the ministry's decision.
  await tx`update campaigns set screening_until = '2027-01-15', review_until = '2027-02-10', meeting_on = '2027-02-17', decision_until = '2027-03-15' where id = ${open}`

  const teacher = userIds.get('teacher@demo.rma')!
  const teacherPerson = personIds.get('teacher@demo.rma')!
  const municipal = userIds.get('municipal@demo.rma')!
  const heard: number[] = []
  // One application in every state, and one more in review: the candidate heard at the demo meeting below.
  const states = [...(Object.keys(pathTo) as ApplicationState[]), 'inReview' as const]
  for (const [i, state] of states.entries()) {
    const name = personName(r)
    // The demo teacher holds one application (awaiting information), on her own record, as a real applicant would.
    const mine = state === 'needsInformation'
    const strong = !['ineligible', 'screening', 'submitted', 'needsInformation'].includes(state)
    const birthDate = mine ? TEACHER_BIRTH_DATE : `19${70 + ((i * 7) % 25)}-${String((i % 12) + 1).padStart(2, '0')}-${String(((i * 5) % 27) + 1).padStart(2, '0')}`
    const facts = factsFor(r, strong, strong, experienceCap(Number(birthDate.slice(0, 4)), CURRENT_YEAR))
    if (state === 'ineligible') facts.experienceYears = { value: 4, verified: true, source: 'evidence' }
    const org = i % 3 === 0 ? cityOrgs.find((o) => o.id === school)! : r.pick(cityOrgs)
    const job = jobAt(r, org.kind, preset.subjects)
    const personId = mine
      ? teacherPerson
      : await insertPerson(
          {
            regionId: region.regionId,
            municipalityId: city.id,
            lastName: name.lastName,
            firstName: name.firstName,
            middleName: name.middleName,
            organisationId: org.id,
            position: job.position,
            workEmail: `${latin(name.lastName)}.${i}@school.demo.rma`,
            subjects: job.subjects,
          },
          { phone: `+7 913 000-01-${String(i).padStart(2, '0')}`, birthDate },
          tx,
        )
    const row = rowAfter('application', pathTo[state])
    const evaluated = state === 'draft' ? null : evaluate(facts, document)
    const source = i % 4 === 1 ? 'municipality' : 'self'
    const [a] = await tx<{ id: number }[]>`
      insert into applications (campaign_id, region_id, municipality_id, person_id, applicant_user_id, nominated_by, source, facts,
                                eligibility, eligibility_rule_set_id, eligibility_evaluated_at, submitted_at, snapshot, state, machine_version)
      values (${open}, ${region.regionId}, ${city.id}, ${personId}, ${mine ? teacher : null}, ${source === 'municipality' ? municipal : null},
              ${source}, ${tx.json(facts as never)}, ${evaluated ? tx.json(evaluated as never) : null},
              ${evaluated ? region.ruleSetId : null}, ${evaluated ? tx`now()` : null}, ${state === 'draft' ? null : tx`now()`},
              ${tx.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})
      returning id::int`
    await tx`
      insert into audit_events (region_id, entity, entity_id, action, to_state, reason)
      values (${region.regionId}, 'application', ${a.id}, 'SEED', ${row.state}, 'демонстрационные данные')`
    if (i === states.length - 1) heard.push(a.id)
  }
  await holdDemoMeeting(tx, region, userIds.get('secretary@demo.rma')!, heard)
  await seedMunicipalActive(tx, region, 'municipal@demo.rma', DEMO_PASSWORD)
}

/** The people of last year's demo selection besides the expert, and where each one ended. */
const lastYearOutcomes = ['approved', 'approved', 'approved', 'ineligible', 'rejected'] as const

/**
 * Last year's selection, run to its end as the real flow does, so the demo
 * order's appendix lists people and a member holds a certificate: the
 * candidates reach the ministry, which approves them under the region's demo
 * order (one approvals row each, through `decideApplications`), and the
 * coordinator publishes them (`publishApproved`): members admitted by that
 * order, public as their consents allow. The expert is one of them. One
 * applicant failed the experience rule and one was rejected by the
 * commission, so the statistics' funnel and refusal reasons have data.
 */
async function admitLastYear(
  tx: Tx,
  region: InstalledRegion,
  preset: RegionPreset,
  c: {
    document: RuleSet
    campaign: (title: string, path: { type: string }[], opensOn: string, closesOn: string) => Promise<number>
    municipalityId: number
    orgs: (DemoOrganisation & { id: number })[]
    expert: { personId: number; userId: number }
    ministryUserId: number
    coordinatorUserId: number
  },
) {
  const r = rng(43)
  const past = await c.campaign(
    'Отбор в региональный методический актив Томской области, 2025/2026 учебный год',
    [{ type: 'OPEN' }, { type: 'CLOSE' }, { type: 'START_REVIEW' }, { type: 'SEND_TO_MINISTRY' }],
    '2025-06-02',
    '2025-07-11',
  )
  const groups = await tx<{ id: number; directionId: number; name: string }[]>`
    select g.id::int, g.direction_id::int as "directionId", g.name from roster_groups g join directions d on d.id = g.direction_id
    where d.region_id = ${region.regionId} order by g.id`
  const people: { personId: number; userId: number | null; topics: readonly string[]; birthYear: number | null; outcome: (typeof lastYearOutcomes)[number] }[] = [
    { ...c.expert, topics: ['Русский язык', 'Литература'], birthYear: null, outcome: 'approved' },
  ]
  for (const [i, outcome] of lastYearOutcomes.entries()) {
    const name = personName(r)
    const org = r.pick(c.orgs)
    const job = jobAt(r, org.kind, preset.subjects)
    const personId = await insertPerson(
      {
        regionId: region.regionId,
        municipalityId: c.municipalityId,
        lastName: name.lastName,
        firstName: name.firstName,
        middleName: name.middleName,
        organisationId: org.id,
        position: job.position,
        workEmail: `${latin(name.lastName)}.${i}@school2025.demo.rma`,
        subjects: job.subjects,
      },
      { phone: `+7 913 000-02-${String(i).padStart(2, '0')}`, birthDate: `${1972 + i * 3}-0${(i % 9) + 1}-1${i}` },
      tx,
    )
    people.push({ personId, userId: null, topics: groupTopics(job), birthYear: 1972 + i * 3, outcome })
  }
  const atMinistry: number[] = []
  for (const [i, p] of people.entries()) {
    const facts = factsFor(r, true, true, experienceCap(p.birthYear, CURRENT_YEAR - 1))
    if (p.outcome === 'ineligible') facts.experienceYears = { value: 3, verified: true, source: 'evidence' }
    const path = p.outcome === 'approved' ? pathTo.atMinistry : pathTo[p.outcome]
    const row = rowAfter('application', path)
    const group = groupFor(r, groups, p.topics)
    // submitted a week apart from June 2025, at 10:00 in Tomsk
    const submittedAt = new Date(Date.UTC(2025, 5, 2 + i * 7, 3))
    const [a] = await tx<{ id: number }[]>`
      insert into applications (campaign_id, region_id, municipality_id, person_id, applicant_user_id, source, direction_id, group_id, facts,
                                eligibility, eligibility_rule_set_id, eligibility_evaluated_at, submitted_at, snapshot, state, machine_version)
      values (${past}, ${region.regionId}, ${c.municipalityId}, ${p.personId}, ${p.userId}, ${p.userId ? 'self' : 'municipality'},
              ${group?.directionId ?? null}, ${group?.id ?? null}, ${tx.json(facts as never)}, ${tx.json(evaluate(facts, c.document) as never)},
              ${region.ruleSetId}, ${submittedAt}, ${submittedAt}, ${tx.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})
      returning id::int`
    await tx`
      insert into audit_events (region_id, entity, entity_id, action, to_state, reason)
      values (${region.regionId}, 'application', ${a.id}, 'SEED', ${row.state}, 'демонстрационные данные')`
    if (p.outcome !== 'approved') continue
    atMinistry.push(a.id)
    // the expert can narrow or withdraw her consent; the others published everything too
    await tx`
      insert into consents (person_id, purpose, text_version, fields) values
        (${p.personId}, 'processing', ${CONSENT_TEXT_VERSIONS.processing}, '{}'),
        (${p.personId}, 'dissemination', ${CONSENT_TEXT_VERSIONS.dissemination}, ${[...publicFields]})`
  }
  const o = orderOf(preset.code, presets.findIndex((x) => x.code === preset.code))
  const ministry = { userId: c.ministryUserId, grants: await grantsOf(c.ministryUserId, tx) }
  await decideApplications(ministry, region.regionId, { intent: 'approve', ids: atMinistry, orderNumber: o.number, orderDate: o.date, orderTitle: o.title }, tx)
  const coordinator = { userId: c.coordinatorUserId, grants: await grantsOf(c.coordinatorUserId, tx) }
  await publishApproved(coordinator, past, tx)
}

/**
 * A meeting already held, with its protocol, so a new user sees the documents
 * on the first start (the secretary reaches it from /meetings). It runs
 * through the domain as the demo secretary would: attendance, the agenda,
 * the votes, closing by majority.
 */
async function holdDemoMeeting(tx: Tx, region: InstalledRegion, secretaryUserId: number, candidates: number[]) {
  if (candidates.length === 0) return
  const secretary = { userId: secretaryUserId, grants: await grantsOf(secretaryUserId, tx) }
  const meetingId = await createMeeting(
    secretary,
    region.commissionId,
    { heldAt: '2026-11-16T15:00', place: 'г. Томск, ул. Пирогова, 10, ауд. 204', agenda: 'О рассмотрении кандидатур в состав регионального методического актива.' },
    tx,
  )
  const members = await tx<{ id: number; role: string }[]>`select id::int, role from commission_members where commission_id = ${region.commissionId} and active order by id`
  await setAttendance(secretary, meetingId, members.map((m) => ({ memberId: m.id, status: 'present' as const })), tx)
  for (const id of candidates) {
    await addAgendaItem(secretary, meetingId, id, tx)
    const recused = await tx<{ id: number }[]>`select commission_member_id::int as id from recusals where application_id = ${id}`
    // the chair and the members vote; the secretary records
    const voters = members.filter((m) => m.role !== 'secretary' && !recused.some((r) => r.id === m.id))
    await recordVotes(secretary, meetingId, id, voters.map((m) => ({ memberId: m.id, choice: 'for' as const })), tx)
  }
  await closeMeeting(secretary, meetingId, {}, tx)
}

const consentProfiles: { weight: number; fields: readonly PublicField[] | null; withdrawn?: boolean }[] = [
  { weight: 0.85, fields: publicFields },
  { weight: 0.07, fields: publicFields.filter((f) => f !== 'workEmail' && f !== 'position') },
  { weight: 0.05, fields: null },
  { weight: 0.03, fields: publicFields, withdrawn: true },
]

/** Adds published members until the demo has `target` of them; bulk inserts in chunks. */
async function seedMembers(sql: Sql, installed: Map<string, InstalledRegion>, target: number, seed: number): Promise<number> {
  const regionIds = [...installed.values()].map((r) => r.regionId)
  const [{ n }] = await sql<{ n: number }[]>`
    select count(*)::int as n from members where application_id is null and region_id = any(${regionIds})`
  if (n >= target) return 0
  const regionCodes = [...installed.keys()]
  type Org = DemoOrganisation & { id: number }
  type Group = { id: number; directionId: number; name: string }
  const perRegion = new Map<string, { municipalities: { id: number; code: string }[]; orgs: Map<string, Org[]>; orderId: number; groups: Group[] }>()
  for (const code of regionCodes) {
    const inst = installed.get(code)!
    const preset = presets.find((p) => p.code === code)!
    const all = await municipalitiesOf(inst.regionId, sql)
    const orderId = await ensureDemoOrder(sql, inst.regionId, code)
    const groups = await sql<Group[]>`
      select g.id::int, g.direction_id::int as "directionId", g.name from roster_groups g join directions d on d.id = g.direction_id
      where d.region_id = ${inst.regionId} order by g.id`
    // A fixed pool of workplaces per municipality, so members share workplaces as in life.
    const orgs = await ensureOrganisations(sql, inst.regionId, preset, all)
    perRegion.set(code, { municipalities: all.filter((m) => orgs.has(m.code)), orgs, orderId, groups })
  }
  const memberRow = rowAfter('member', [])
  const direct = await mayInsertDirectly(sql)
  // One statement per chunk, its rows as column arrays (unnest): a handful of
  // parameters instead of one per value, and one plan for people, their
  // private data, the members and the consents. On the embedded database the
  // old multi-row VALUES (13,000 parameters a chunk) ran at ~200 members/s.
  // Without the direct path the first chunk is small: until the first ANALYZE
  // the foreign-key checks plan sequential scans of tables that grow within
  // the statement (5,000 rows took 5.7 s where the next 5,000 took 1.2 s).
  const chunk = 5000
  const first = direct ? chunk : 1000
  for (let start = n, k = 0; start < target; k++) {
    const end = Math.min(target, start + (k === 0 ? first : chunk))
    const cols = {
      region: [] as number[],
      roster: [] as number[],
      municipality: [] as number[],
      lastName: [] as string[],
      firstName: [] as string[],
      middleName: [] as string[],
      organisation: [] as number[],
      position: [] as string[],
      workEmail: [] as string[],
      // PostgreSQL array literals: a member may teach several subjects, or none (a kindergarten).
      subjects: [] as string[],
      phone: [] as string[],
      birthDate: [] as string[],
      privateEmail: [] as string[],
      direction: [] as (number | null)[],
      group: [] as (number | null)[],
      order: [] as number[],
      // Booleans travel as 't'/'f': postgres.js sends a boolean array as one boolean.
      public: [] as string[],
      // A PostgreSQL array literal of the dissemination consent's fields, or null when none was given.
      fields: [] as (string | null)[],
      withdrawn: [] as string[],
    }
    for (let i = start; i < end; i++) {
      const r = rng(seed * 1_000_003 + i)
      const code = i % 5 < 2 ? 'tomsk' : regionCodes[(i % 5) - 1] ?? 'tomsk'
      const inst = installed.get(code)!
      const reg = perRegion.get(code)!
      const mun = r.pick(reg.municipalities)
      const name = personName(r)
      const org = r.pick(reg.orgs.get(mun.code)!)
      const job = jobAt(r, org.kind, presets.find((p) => p.code === code)!.subjects)
      let roll = r.next()
      const profile = consentProfiles.find((p) => (roll -= p.weight) < 0) ?? consentProfiles[0]
      const group = groupFor(r, reg.groups, groupTopics(job))
      cols.region.push(inst.regionId)
      cols.roster.push(inst.rosterId)
      cols.municipality.push(mun.id)
      cols.lastName.push(name.lastName)
      cols.firstName.push(name.firstName)
      cols.middleName.push(name.middleName)
      cols.organisation.push(org.id)
      cols.position.push(job.position)
      cols.workEmail.push(`${latin(name.lastName)}.${latin(name.firstName).slice(0, 1)}.${i}@school.demo.rma`)
      cols.subjects.push(pgArray(job.subjects))
      cols.phone.push(`+7 9${String(10 + (i % 89)).padStart(2, '0')} ${String(100 + (i % 900))}-${String(10 + (i % 90))}-${String(10 + ((i * 7) % 90))}`)
      cols.birthDate.push(`19${60 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`)
      cols.privateEmail.push(`private.${i}@mail.demo.rma`)
      cols.direction.push(group?.directionId ?? null)
      cols.group.push(group?.id ?? null)
      cols.order.push(reg.orderId)
      cols.public.push(profile.fields !== null && !profile.withdrawn ? 't' : 'f')
      cols.fields.push(profile.fields ? `{${profile.fields.join(',')}}` : null)
      cols.withdrawn.push(profile.withdrawn ? 't' : 'f')
    }
    if (direct) await insertMembersDirectly(sql, cols, memberRow)
    else {
      await insertMembers(sql, cols, memberRow)
      // PGlite has no autovacuum, and its one backend keeps the foreign-key
      // checks' plans made when these tables were nearly empty (sequential
      // scans): fresh statistics replan them, or each chunk takes longer than
      // the one before (233 s for 50,000 members). Once the tables hold a few
      // thousand rows the plans are index scans and stay so; analysing after
      // every chunk cost ≈ 0.1 s more per chunk as the tables grew.
      if (k <= 1) await sql`analyze people, person_private, members, consents`
    }
    start = end
  }
  return target - n
}

/** A PostgreSQL array literal, every element quoted. */
function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`
}

/** A chunk of members as column arrays, one element per member (see seedMembers for the columns). */
export type SeedColumns = Record<string, (string | number | null)[]>
type MemberRow = { snapshot: unknown; state: string; machineVersion: string }

/**
 * The foreign keys of the tables a chunk writes, and where the chunk's values
 * for each come from: a column array, the people the same statement inserts
 * (`new person`), or none (the statement leaves the column null). The direct path checks these
 * itself; a db test holds this list equal to the schema's.
 */
export const seedMemberReferences: { from: string; to: string; values: keyof SeedColumns | 'new person' | 'consent texts' | 'not written' }[] = [
  { from: 'people.region_id', to: 'regions.id', values: 'region' },
  { from: 'people.municipality_id', to: 'municipalities.id', values: 'municipality' },
  { from: 'people.organisation_id', to: 'organisations.id', values: 'organisation' },
  { from: 'person_private.person_id', to: 'people.id', values: 'new person' },
  { from: 'members.region_id', to: 'regions.id', values: 'region' },
  { from: 'members.roster_id', to: 'rosters.id', values: 'roster' },
  { from: 'members.person_id', to: 'people.id', values: 'new person' },
  { from: 'members.direction_id', to: 'directions.id', values: 'direction' },
  { from: 'members.group_id', to: 'roster_groups.id', values: 'group' },
  { from: 'members.admitted_order_id', to: 'orders.id', values: 'order' },
  { from: 'members.application_id', to: 'applications.id', values: 'not written' },
  { from: 'members.changed_order_id', to: 'orders.id', values: 'not written' },
  { from: 'consents.person_id', to: 'people.id', values: 'new person' },
  { from: 'consents.text_version', to: 'consent_texts.version', values: 'consent texts' },
]

/**
 * The triggers that fire on inserting into those tables, and why the direct
 * path may skip each; a db test holds this list equal to the schema's.
 */
export const seedMemberInsertTriggers: Record<string, string> = {
  'members.members_sort_key': 'fires only for a member written without sort_key; the chunk gives every key',
  'members.members_sort_key_filled': 'fills the keys of members written without one: there are none',
  'members.roster_members': 'bump_roster_state: done once by the chunk itself',
  'consents.roster_consents': 'bump_roster_state: done once by the chunk itself',
}

/**
 * Whether chunks may take the direct path: it switches triggers off for its
 * own transaction, which PostgreSQL allows a superuser only (PGlite's user
 * is one; an operator's DATABASE_URL may not be).
 */
async function mayInsertDirectly(sql: Sql): Promise<boolean> {
  const [{ superuser }] = await sql<{ superuser: boolean }[]>`select current_setting('is_superuser') = 'on' as superuser`
  return superuser
}

/**
 * One chunk with the per-row foreign-key checks done per chunk instead. On the
 * embedded database the checks (≈ 70,000 a chunk, one query each) were half
 * of the members' time. In one transaction: the chunk's distinct referenced
 * rows are locked FOR KEY SHARE and counted, as the checks would lock and
 * find them; then the statement runs with triggers off
 * (session_replication_role = replica, this transaction only) — their
 * effects are listed in seedMemberInsertTriggers — and the roster's version
 * is bumped as bump_roster_state (migration 0005) does, with triggers on
 * again so the public files drop as after any change of the roster.
 * Constraints other than foreign keys (not null, unique, check) still hold.
 */
export async function insertMembersDirectly(sql: Sql, c: SeedColumns, memberRow: MemberRow): Promise<void> {
  const distinct = (name: keyof SeedColumns) => [...new Set(c[name].filter((v) => v !== null))]
  await sql.begin(async (tx) => {
    const checks = seedMemberReferences.flatMap((ref) => {
      if (ref.values === 'new person' || ref.values === 'not written') return []
      const [table, key] = ref.to.split('.')
      const values = ref.values === 'consent texts' ? Object.values(CONSENT_TEXT_VERSIONS) : distinct(ref.values)
      const list = key === 'version' ? tx`${values}::text[]` : tx`${values}::bigint[]`
      return [{ ref, expected: values.length, found: tx`(select count(*)::int from (select from ${tx(table)} where ${tx(key)} = any(${list}) for key share) x)` }]
    })
    const [found] = await tx<Record<string, number>[]>`select ${checks.map((ch, i) => tx`${ch.found} as ${tx(`c${i}`)}`).reduce((a, b) => tx`${a}, ${b}`)}`
    checks.forEach((ch, i) => {
      if (found[`c${i}`] !== ch.expected) throw new Error(`seed: ${ch.ref.from} would reference a missing ${ch.ref.to}`)
    })
    await tx`set local session_replication_role = replica`
    await insertMembers(tx, c, memberRow)
    await tx`set local session_replication_role = origin`
    await tx`update roster_state set version = version + 1, changed_at = now()`
  })
}

/**
 * People, their private data, published members and their consents from
 * column arrays, in one statement. Person ids are drawn in the rows' order
 * first, so every other row is tied to its person without RETURNING; the
 * consents keep the old order (each person's processing, then dissemination).
 */
export async function insertMembers(sql: Sql | Tx, c: SeedColumns, memberRow: MemberRow): Promise<void> {
  const withdrawnAt = '2026-03-01T10:00:00Z'
  await sql`
    with src as materialized (
      select nextval(pg_get_serial_sequence('people', 'id')) as person_id, r.*
      from unnest(${c.region}::bigint[], ${c.roster}::bigint[], ${c.municipality}::bigint[], ${c.lastName}::text[], ${c.firstName}::text[],
                  ${c.middleName}::text[], ${c.organisation}::bigint[], ${c.position}::text[], ${c.workEmail}::text[], ${c.subjects}::text[],
                  ${c.phone}::text[], ${c.birthDate}::date[], ${c.privateEmail}::text[], ${c.direction}::bigint[], ${c.group}::bigint[],
                  ${c.order}::bigint[], ${c.public}::text[]::boolean[], ${c.fields}::text[], ${c.withdrawn}::text[]::boolean[]) with ordinality
        as r(region_id, roster_id, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects,
             phone, birth_date, private_email, direction_id, group_id, order_id, public, fields, withdrawn, ord)
      order by ord
    ), terms as materialized (
      -- the term publishing gives: the order's date plus the region's term (publish.server.ts), not a fixed 3 years;
      -- once per order (a chunk names one per region), not once per member
      select o.id as order_id, (o.date + make_interval(years => r.term_years))::date as ends_on
      from orders o join regions r on r.id = o.region_id where o.id in (select distinct order_id from src)
    ), new_people as (
      insert into people (id, region_id, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects)
      overriding system value
      select person_id, region_id, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects::text[]
      from src order by ord
    ), new_private as (
      insert into person_private (person_id, phone, birth_date, private_email)
      select person_id, phone, birth_date, private_email from src order by ord
    ), new_members as (
      insert into members (region_id, roster_id, person_id, direction_id, group_id, subjects, admitted_order_id, term_ends_on, public,
                           snapshot, state, machine_version, sort_key)
      select s.region_id, s.roster_id, s.person_id, s.direction_id, s.group_id, s.subjects::text[], s.order_id, t.ends_on, s.public,
             ${sql.json(memberRow.snapshot as never)}, ${memberRow.state}, ${memberRow.machineVersion},
             person_sort_key(s.last_name, s.first_name, s.middle_name)
      from src s left join terms t on t.order_id = s.order_id order by s.ord
    )
    insert into consents (person_id, purpose, text_version, fields, withdrawn_at)
    select s.person_id, k.purpose, k.text_version, k.fields, k.withdrawn_at
    from src s cross join lateral (values
      (1, 'processing', ${CONSENT_TEXT_VERSIONS.processing}, '{}'::text[], null::timestamptz),
      (2, 'dissemination', ${CONSENT_TEXT_VERSIONS.dissemination}, s.fields::text[], case when s.withdrawn then ${withdrawnAt}::timestamptz end)
    ) as k(n, purpose, text_version, fields, withdrawn_at)
    where k.n = 1 or s.fields is not null
    order by s.ord, k.n`
}

