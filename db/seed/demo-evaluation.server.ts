import { createActivity } from '../../app/domain/activity.server'
import { yearContext } from '../../app/domain/evaluation.server'
import type { ActivityForm } from '~/model/inputs/activity'
import { addDays, regionDay } from '~/utils/dates'
import { sendEvent, SYSTEM } from '../../workflows/transition.server'
import { initialRow } from '../../workflows/snapshot'
import type { Sql } from '../client.server'
import { insertActivity } from '../queries/activity-records.server'
import { appendAudit } from '../queries/audit.server'
import { grantsOf, userByLogin } from '../queries/users.server'

// The demo's evaluation (issue 10 §2): Tomsk's members with confirmed and
// pending records of methodological work in the current school year and the
// last one, so /evaluation ranks them and flags the low ones. The expert
// records through the domain, as on /my/activity; members without an account
// have their records sent by the system, and the coordinator confirms them —
// every step through the transition service, audited. Once per database.

type Plan = { kind: string; level: string; days: number; confirm: boolean }

/** What each demo member did: the expert, then the first members of the roster. Days count from the year's first day. */
const plans: { current: Plan[]; last: Plan[] }[] = [
  {
    last: [
      { kind: 'seminar', level: 'regional', days: 20, confirm: true },
      { kind: 'openLesson', level: 'municipal', days: 60, confirm: true },
    ],
    current: [
      { kind: 'consultation', level: 'school', days: 10, confirm: true },
      { kind: 'publication', level: 'regional', days: 30, confirm: false },
    ],
  },
  { last: [{ kind: 'course', level: 'regional', days: 40, confirm: true }], current: [{ kind: 'course', level: 'federal', days: 5, confirm: true }] },
  { last: [{ kind: 'jury', level: 'municipal', days: 90, confirm: true }], current: [{ kind: 'expertWork', level: 'regional', days: 15, confirm: true }, { kind: 'mentoring', level: 'school', days: 25, confirm: false }] },
  { last: [], current: [{ kind: 'consultation', level: 'municipal', days: 3, confirm: true }] },
  { last: [{ kind: 'other', level: 'school', days: 100, confirm: true }], current: [{ kind: 'seminar', level: 'municipal', days: 12, confirm: false }] },
]

export async function seedDemoEvaluation(sql: Sql): Promise<void> {
  const expertUser = await userByLogin('expert@demo.rma', sql)
  const coordinatorUser = await userByLogin('coordinator@demo.rma', sql)
  if (!expertUser || !coordinatorUser) return
  const [region] = await sql<{ id: number }[]>`select id::int from regions where code = 'tomsk'`
  if (!region) return
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from activity_records where region_id = ${region.id}`
  if (n > 0) return
  const members = await sql<{ id: number; municipalityId: number | null; userId: number | null }[]>`
    select m.id::int, p.municipality_id::int as "municipalityId", u.id::int as "userId"
    from members m join people p on p.id = m.person_id left join users u on u.person_id = m.person_id
    where m.region_id = ${region.id} and m.state = 'active'
    order by (u.id = ${expertUser.id}) desc nulls last, m.id
    limit ${plans.length}`
  const coordinator = { userId: coordinatorUser.id, grants: await grantsOf(coordinatorUser.id, sql) }
  const current = await yearContext(region.id, null, new Date(), sql)
  const last = await yearContext(region.id, current.year - 1, new Date(), sql)
  const today = regionDay(new Date(), current.timeZone)
  const dayIn = (from: string, days: number) => {
    const d = addDays(from, days)
    return d > today ? today : d
  }

  for (const [i, m] of members.entries()) {
    const plan = plans[i]
    const own = m.userId === expertUser.id ? { userId: expertUser.id, grants: await grantsOf(expertUser.id, sql) } : null
    for (const [year, list] of [[last, plan.last], [current, plan.current]] as const) {
      for (const p of list) {
        const form: ActivityForm = {
          intent: 'submit',
          kind: p.kind,
          heldOn: dayIn(year.from, p.days),
          level: p.level as ActivityForm['level'],
          audience: 12 + i * 5,
          description: 'Методическое мероприятие для педагогов (демонстрационная запись)',
          evidenceUrl: 'https://example.org/demo-activity',
        }
        const id = own ? await createActivity(own, form, null, sql) : await systemRecord(sql, region.id, m, form, coordinatorUser.id)
        if (p.confirm) await sendEvent({ entity: 'activity', id, event: { type: 'CONFIRM' }, actor: coordinator }, sql)
      }
    }
  }
}

/** A record of a member without an account: written as the coordinator's, sent by the system. */
async function systemRecord(sql: Sql, regionId: number, m: { id: number; municipalityId: number | null }, f: ActivityForm, coordinatorUserId: number): Promise<number> {
  return sql.begin(async (t) => {
    const id = await insertActivity(
      { kind: f.kind, heldOn: f.heldOn, level: f.level, audience: f.audience, description: f.description, evidenceUrl: f.evidenceUrl ?? null, regionId, memberId: m.id, municipalityId: m.municipalityId, createdBy: coordinatorUserId, file: null },
      initialRow('activity'),
      t,
    )
    await appendAudit({ actorUserId: coordinatorUserId, regionId, entity: 'activity', entityId: id, action: 'CREATE', reason: 'демонстрационные данные', data: { kind: f.kind, level: f.level } }, t)
    await sendEvent({ entity: 'activity', id, event: { type: 'SUBMIT' }, actor: SYSTEM }, t)
    return id
  })
}
