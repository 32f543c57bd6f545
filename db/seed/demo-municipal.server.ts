import { evaluate, type Facts, type RuleSet } from '~/model/eligibility'
import { CONSENT_TEXT_VERSIONS, publicFields } from '~/model/consent'
import type { Actor, Role } from '~/model/permissions'
import { hashPassword } from '~/utils/password.server'
import { rowAfter } from '../../workflows/snapshot'
import { sendEvent } from '../../workflows/transition.server'
import type { Tx } from '../client.server'
import { addCommissionMember } from '../queries/commissions.server'
import { insertPerson } from '../queries/people.server'
import { municipalitiesOf } from '../queries/regions.server'
import { grantRole, grantsOf, insertUser } from '../queries/users.server'
import { createCampaign } from '../../app/domain/campaign-admin.server'
import { sendRecommendedToMinistry } from '../../app/domain/commission.server'
import { addAgendaItem, closeMeeting, createMeeting, recordVotes, setAttendance } from '../../app/domain/meetings.server'
import { createMunicipalCommission } from '../../app/domain/municipal-selection.server'
import { decideApplications } from '../../app/domain/ministry.server'
import { publishApproved } from '../../app/domain/publish.server'
import type { InstalledRegion } from './presets.server'

// Город Томск's municipal active (issue 10 §6), published on the first start:
// the city's coordinator sets up its commission and campaign, the municipal
// commission meets and sends its list on, the city's education authority
// approves it by its order, and the coordinator publishes it to the municipal
// roster — every step through the domain, as the people would.

/** The municipal selection's people (password: the demo's). */
export const municipalDemoAccounts: { login: string; role: Role; name: string; what: string }[] = [
  { login: 'msecretary@demo.rma', role: 'secretary', name: 'Белова Наталья Андреевна', what: 'секретарь муниципальной комиссии г. Томска' },
  { login: 'mchair@demo.rma', role: 'chair', name: 'Гришин Виктор Степанович', what: 'председатель муниципальной комиссии г. Томска' },
  { login: 'mmember@demo.rma', role: 'commissionMember', name: 'Жукова Татьяна Олеговна', what: 'член муниципальной комиссии г. Томска' },
  { login: 'mapprover@demo.rma', role: 'municipalApprover', name: 'Ершова Людмила Викторовна', what: 'департамент образования администрации г. Томска' },
]

export const municipalDemoOrder = { number: '412', date: '2025-10-20', title: 'Об утверждении состава муниципального методического актива г. Томска' }

const candidates = [
  { lastName: 'Сазонова', firstName: 'Ирина', middleName: 'Владимировна', position: 'учитель начальных классов', subjects: ['Русский язык', 'Математика'] },
  { lastName: 'Тимофеев', firstName: 'Олег', middleName: 'Игоревич', position: 'учитель физики', subjects: ['Физика'] },
  { lastName: 'Уварова', firstName: 'Елена', middleName: 'Сергеевна', position: 'учитель английского языка', subjects: ['Иностранный язык'] },
  { lastName: 'Фролова', firstName: 'Анастасия', middleName: 'Петровна', position: 'учитель химии', subjects: ['Химия'] },
]

/** Waiting at the municipal authority in this year's additional selection. */
const waiting = [
  { lastName: 'Харитонова', firstName: 'Дарья', middleName: 'Алексеевна', position: 'учитель биологии', subjects: ['Биология'] },
  { lastName: 'Цветков', firstName: 'Максим', middleName: 'Андреевич', position: 'учитель информатики', subjects: ['Информатика'] },
]

const strong = (i: number): Facts => {
  const f = (value: string | number | boolean) => ({ value, verified: true, source: 'self' as const })
  return { qualificationCategory: f('highest'), educationLevel: f('higher'), educationPedagogical: f(true), experienceYears: f(9 + i * 4), contestWinner: f(true) }
}

/** Runs once, with the other demo accounts; `coordinatorLogin` is the city's municipal coordinator. */
export async function seedMunicipalActive(tx: Tx, region: InstalledRegion, coordinatorLogin: string, password: string): Promise<void> {
  const city = (await municipalitiesOf(region.regionId, tx)).find((m) => m.code === 'tomsk-city')
  if (!city) return
  const actorOf = async (userId: number) => ({ userId, grants: await grantsOf(userId, tx) })
  const [coordinatorRow] = await tx<{ id: number }[]>`select id::int from users where login = ${coordinatorLogin}`
  const coordinator = await actorOf(coordinatorRow.id)

  const commissionId = await createMunicipalCommission(coordinator, city.id, 'Муниципальная комиссия по отбору в методический актив г. Томска', tx)
  const hash = await hashPassword(password)
  const ids = new Map<string, number>()
  for (const a of municipalDemoAccounts) {
    const id = await insertUser({ login: a.login, passwordHash: hash, displayName: a.name }, tx)
    ids.set(a.login, id)
    const onCommission = a.role !== 'municipalApprover'
    await grantRole(
      id,
      { role: a.role, regionId: region.regionId, municipalityId: onCommission ? null : city.id, commissionId: onCommission ? commissionId : null },
      tx,
    )
    if (onCommission) {
      await addCommissionMember({ commissionId, userId: id, role: a.role === 'commissionMember' ? 'member' : (a.role as 'chair' | 'secretary'), organisationId: null }, tx)
    }
  }

  const secretary = await actorOf(ids.get('msecretary@demo.rma')!)
  const run = { tx, region, cityId: city.id, coordinator, secretary, commissionId }
  const published = await toAuthority(run, 'Отбор в муниципальный методический актив г. Томска, 2025/2026 учебный год', candidates, '2025-10-14T15:00')
  const approver = await actorOf(ids.get('mapprover@demo.rma')!)
  const o = municipalDemoOrder
  await decideApplications(approver, { regionId: region.regionId, municipalityId: city.id }, { intent: 'approve', ids: published.heard, orderNumber: o.number, orderDate: o.date, orderTitle: o.title }, tx)
  await publishApproved(coordinator, published.campaignId, tx)
  // this year's additional selection waits for the authority's decision (the approver's work on the first start)
  await toAuthority(run, 'Дополнительный отбор в муниципальный методический актив г. Томска, 2026/2027 учебный год', waiting, '2026-11-18T15:00')
}

type Run = { tx: Tx; region: InstalledRegion; cityId: number; coordinator: Actor; secretary: Actor; commissionId: number }

/**
 * A municipal campaign from its creation to the municipal authority: the
 * coordinator opens it, the candidates (admitted to review) are heard at a
 * meeting of the municipal commission, all «за», and the secretary sends the
 * recommended list on.
 */
async function toAuthority(run: Run, title: string, people: typeof candidates, heldAt: string): Promise<{ campaignId: number; heard: number[] }> {
  const { tx, region, coordinator, secretary, commissionId } = run
  const city = { id: run.cityId }
  const campaignId = await createCampaign(coordinator, region.regionId, { title, ruleSetId: region.ruleSetId, commissionId, municipalityId: city.id }, tx)
  await sendEvent({ entity: 'campaign', id: campaignId, actor: coordinator, event: { type: 'OPEN' } }, tx)
  const [{ document }] = await tx<{ document: RuleSet }[]>`select document from rule_sets where id = ${region.ruleSetId}`
  const orgs = await tx<{ id: number }[]>`select id::int from organisations where municipality_id = ${city.id} order by id limit ${people.length}`
  // The candidates applied and were admitted to review (the demo does not replay their screening).
  const review = rowAfter('application', [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }])
  const heard: number[] = []
  for (const [i, c] of people.entries()) {
    const personId = await insertPerson(
      { regionId: region.regionId, municipalityId: city.id, ...c, organisationId: orgs[i % Math.max(orgs.length, 1)]?.id ?? null, workEmail: `c${campaignId}.m${i + 1}@city-school.demo.rma` },
      {},
      tx,
    )
    const facts = strong(i)
    const [a] = await tx<{ id: number }[]>`
      insert into applications (campaign_id, region_id, municipality_id, person_id, source, facts, eligibility, eligibility_rule_set_id,
                                eligibility_evaluated_at, submitted_at, snapshot, state, machine_version)
      values (${campaignId}, ${region.regionId}, ${city.id}, ${personId}, 'municipality', ${tx.json(facts as never)},
              ${tx.json(evaluate(facts, document) as never)}, ${region.ruleSetId}, now(), now(),
              ${tx.json(review.snapshot as never)}, ${review.state}, ${review.machineVersion})
      returning id::int`
    await tx`
      insert into audit_events (region_id, entity, entity_id, action, to_state, reason)
      values (${region.regionId}, 'application', ${a.id}, 'SEED', ${review.state}, 'демонстрационные данные')`
    await tx`
      insert into consents (person_id, purpose, text_version, fields) values
        (${personId}, 'processing', ${CONSENT_TEXT_VERSIONS.processing}, '{}'),
        (${personId}, 'dissemination', ${CONSENT_TEXT_VERSIONS.dissemination}, ${[...publicFields]})`
    heard.push(a.id)
  }
  await sendEvent({ entity: 'campaign', id: campaignId, actor: coordinator, event: { type: 'CLOSE' } }, tx)
  await sendEvent({ entity: 'campaign', id: campaignId, actor: coordinator, event: { type: 'START_REVIEW' } }, tx)

  const meetingId = await createMeeting(
    secretary,
    commissionId,
    { heldAt, place: 'г. Томск, пр. Ленина, 73, каб. 12', agenda: 'О рассмотрении кандидатур в состав муниципального методического актива г. Томска.' },
    tx,
  )
  const seats = await tx<{ id: number; role: string }[]>`select id::int, role from commission_members where commission_id = ${commissionId} and active order by id`
  await setAttendance(secretary, meetingId, seats.map((m) => ({ memberId: m.id, status: 'present' as const })), tx)
  for (const id of heard) {
    await addAgendaItem(secretary, meetingId, id, tx)
    await recordVotes(secretary, meetingId, id, seats.filter((m) => m.role !== 'secretary').map((m) => ({ memberId: m.id, choice: 'for' as const })), tx)
  }
  await closeMeeting(secretary, meetingId, {}, tx)
  await sendRecommendedToMinistry(secretary, campaignId, tx)

  return { campaignId, heard }
}

