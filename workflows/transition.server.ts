import { transition } from 'xstate'
import { can, type Actor } from '~/model/permissions'
import { transitionRefusal } from '~/model/refusals'
import { inTransaction, type Db, type Tx } from '../db/client.server'
import { appendAudit } from '../db/queries/audit.server'
import { enqueue, resolveRecipients, type OutboxInput } from '../db/queries/outbox.server'
import { workflows, type Entity, type EntityEvents } from './definitions'
import { Forbidden, NotFound, StaleRow, TransitionRefused, AppError } from './errors'
import type { NotifyParams } from './notify'
import { eventsInState, persist, restore, type PersistedSnapshot } from './snapshot'

/** The app itself (eligibility runs, deadline jobs); audited with no user. */
export const SYSTEM = 'system' as const
export type Sender = Actor | typeof SYSTEM

export type TransitionInput<E extends Entity> = {
  entity: E
  id: number
  event: EntityEvents[E]
  actor: Sender
  reason?: string | null
  /** The row version the caller saw (hidden form field): a mismatch is refused. */
  expectedRowVersion?: number
  /** What the domain knows and the machine does not (an order's number, a ground's name), for the letters of this transition. */
  letter?: Record<string, unknown>
}

export type TransitionResult = {
  entity: Entity
  id: number
  from: string
  to: string
  rowVersion: number
  context: Record<string, unknown>
}

type LockedRow = {
  id: number
  /** applications only: a municipality acts on what it nominated, never on a teacher's own application */
  source?: string
  regionId: number
  municipalityId: number | null
  commissionId: number | null
  ownerUserId: number | null
  /** campaigns and applications: the municipality whose own selection it is (null: the region's) */
  campaignMunicipalityId?: number | null
  /** activity records: the member the record belongs to (their letters go to that member) */
  memberId?: number | null
  /** appeals: the application appealed (the applicant's letters are about it) */
  applicationId?: number | null
  snapshot: PersistedSnapshot
  state: string
  machineVersion: string
  rowVersion: number
}

/**
 * The one way a workflow row changes. In one transaction: lock the row,
 * check the sender's permission for this event on this row, restore the
 * snapshot, refuse an event the machine does not accept, compute the next
 * state with XState's pure transition(), store it, append the audit event
 * and turn the machine's notify actions into outbox rows.
 */
export async function sendEvent<E extends Entity>(input: TransitionInput<E>, tx?: Db): Promise<TransitionResult> {
  return inTransaction((t) => run(input, t), tx)
}

async function run<E extends Entity>(input: TransitionInput<E>, tx: Tx): Promise<TransitionResult> {
  const { entity, id, event, actor } = input
  const def = workflows[entity]
  const row = await lockRow(entity, id, tx)
  if (!row) throw new NotFound(entity, id)

  const permission = def.eventPermissions[event.type]
  if (actor !== SYSTEM && (permission === 'system' || !can(actor, permission, eventScope(row)))) {
    throw new Forbidden(`${entity}.${event.type}`)
  }
  if (input.expectedRowVersion !== undefined && input.expectedRowVersion !== row.rowVersion) {
    throw new StaleRow(entity, id, input.expectedRowVersion, row.rowVersion)
  }
  if (row.machineVersion !== def.version) {
    throw new AppError('MACHINE_VERSION', 500, 'Запись создана другой версией процесса; нужна миграция снимков.', {
      entity,
      id,
      stored: row.machineVersion,
      current: def.version,
    })
  }

  const snapshot = restore(entity, row.snapshot)
  if (!snapshot.can(event)) {
    const possible = eventsInState(entity, row.state).includes(event.type)
    throw new TransitionRefused(entity, id, row.state, event.type, transitionRefusal(entity, event.type, row.state, possible))
  }
  const [next, actions] = transition(def.machine, snapshot, event)
  const to = String(next.value)
  const persisted = persist(entity, next)

  const updated = await tx<{ rowVersion: number }[]>`
    update ${tx(def.table)}
    set snapshot = ${tx.json(persisted as never)}, state = ${to}, machine_version = ${def.version},
        row_version = row_version + 1
        ${def.table === 'campaigns' ? tx`` : tx`, updated_at = now()`}
    where id = ${id} and row_version = ${row.rowVersion}
    returning row_version as "rowVersion"`
  // Unreachable while the row is locked; kept so a missing lock cannot pass silently.
  if (updated.length !== 1) throw new StaleRow(entity, id, row.rowVersion, -1)

  const actorUserId = actor === SYSTEM ? null : actor.userId
  const { type: _type, ...eventData } = event as { type: string } & Record<string, unknown>
  await appendAudit(
    {
      actorUserId,
      regionId: row.regionId,
      entity,
      entityId: id,
      action: event.type,
      fromState: row.state,
      toState: to,
      reason: input.reason ?? reasonOf(event),
      data: eventData,
    },
    tx,
  )

  const outbox: OutboxInput[] = []
  for (const action of actions as { type: string; params?: unknown }[]) {
    if (action.type !== 'notify') continue
    const params = action.params as NotifyParams
    const recipients = await resolveRecipients(
      params.to,
      {
        regionId: row.regionId,
        municipalityId: row.municipalityId,
        commissionId: row.commissionId,
        applicationId: entity === 'application' ? id : (row.applicationId ?? undefined),
        memberId: entity === 'member' ? id : (row.memberId ?? undefined),
        campaignMunicipalityId: row.campaignMunicipalityId ?? null,
      },
      tx,
    )
    for (const addressee of recipients) {
      outbox.push({
        regionId: row.regionId,
        template: params.template,
        to: addressee,
        entity,
        entityId: id,
        payload: { ...input.letter, event: event.type, from: row.state, to, reason: input.reason ?? reasonOf(event), ...deadlineOf(event), ...meetingOf(event) },
      })
    }
  }
  await enqueue(outbox, tx)

  return { entity, id, from: row.state, to, rowVersion: updated[0].rowVersion, context: persisted.context }
}


/** A reply deadline the event carries (a request for information) reaches the letter. */
function deadlineOf(event: Record<string, unknown>): { replyBy?: string } {
  return typeof event.replyBy === 'string' ? { replyBy: event.replyBy } : {}
}

/** The meeting an appeal was put on: its letter names the day. */
function meetingOf(event: Record<string, unknown>): { meetingAt?: string } {
  return typeof event.meetingAt === 'string' ? { meetingAt: event.meetingAt } : {}
}

function reasonOf(event: { type: string } & Record<string, unknown>): string | null {
  if (typeof event.reason === 'string') return event.reason
  if (typeof event.message === 'string') return event.message
  if (Array.isArray(event.reasons)) return event.reasons.join('; ')
  return null
}

async function lockRow(entity: Entity, id: number, tx: Tx): Promise<LockedRow | undefined> {
  let rows: LockedRow[]
  switch (entity) {
    case 'application':
      rows = await tx<LockedRow[]>`
        select a.id::int, a.source, a.region_id::int as "regionId", a.municipality_id::int as "municipalityId",
               c.commission_id::int as "commissionId", a.applicant_user_id::int as "ownerUserId",
               ro.municipality_id::int as "campaignMunicipalityId",
               a.snapshot, a.state, a.machine_version as "machineVersion", a.row_version as "rowVersion"
        from applications a join campaigns c on c.id = a.campaign_id join rosters ro on ro.id = c.roster_id
        where a.id = ${id} for update of a`
      break
    case 'campaign':
      rows = await tx<LockedRow[]>`
        select c.id::int, c.region_id::int as "regionId", null as "municipalityId", c.commission_id::int as "commissionId",
               null as "ownerUserId", ro.municipality_id::int as "campaignMunicipalityId",
               c.snapshot, c.state, c.machine_version as "machineVersion", c.row_version as "rowVersion"
        from campaigns c join rosters ro on ro.id = c.roster_id where c.id = ${id} for update of c`
      break
    case 'member':
      rows = await tx<LockedRow[]>`
        select m.id::int, m.region_id::int as "regionId", p.municipality_id::int as "municipalityId", null as "commissionId",
               (select u.id::int from users u where u.person_id = m.person_id limit 1) as "ownerUserId",
               m.snapshot, m.state, m.machine_version as "machineVersion", m.row_version as "rowVersion"
        from members m join people p on p.id = m.person_id
        where m.id = ${id} for update of m`
      break
    case 'activity':
      rows = await tx<LockedRow[]>`
        select r.id::int, r.region_id::int as "regionId", r.municipality_id::int as "municipalityId", null as "commissionId",
               (select u.id::int from users u where u.person_id = m.person_id limit 1) as "ownerUserId", r.member_id::int as "memberId",
               r.snapshot, r.state, r.machine_version as "machineVersion", r.row_version as "rowVersion"
        from activity_records r join members m on m.id = r.member_id
        where r.id = ${id} for update of r`
      break
    case 'appeal':
      rows = await tx<LockedRow[]>`
        select ap.id::int, ap.region_id::int as "regionId", ap.municipality_id::int as "municipalityId", ap.commission_id::int as "commissionId",
               ap.owner_user_id::int as "ownerUserId", ap.application_id::int as "applicationId",
               (select ro.municipality_id::int from applications a join campaigns c on c.id = a.campaign_id join rosters ro on ro.id = c.roster_id
                where a.id = ap.application_id) as "campaignMunicipalityId",
               ap.snapshot, ap.state, ap.machine_version as "machineVersion", ap.row_version as "rowVersion"
        from appeals ap where ap.id = ${id} for update of ap`
      break
    case 'indicatorReport':
      // the region's report: its region-wide staff act on it; the regional commission (the region's first
      // that is not a municipality's) decides it at a meeting through system events, and its secretary is told when it is sent
      rows = await tx<LockedRow[]>`
        select r.id::int, r.region_id::int as "regionId", null as "municipalityId",
               (select min(c.id)::int from commissions c where c.region_id = r.region_id and c.municipality_id is null) as "commissionId", null as "ownerUserId",
               r.snapshot, r.state, r.machine_version as "machineVersion", r.row_version as "rowVersion"
        from indicator_reports r where r.id = ${id} for update of r`
      break
  }
  return rows[0]
}

/**
 * The scope a row offers to the role table. A teacher's own application is
 * theirs alone: the municipality's coordinator may read it but acts (submit,
 * answer) only on the candidates the municipality nominated.
 */
function eventScope<R extends { source?: string; municipalityId?: number | null }>(row: R): R {
  return row.source === 'self' ? { ...row, municipalityId: null } : row
}

/**
 * The events this sender may send to this row now: the machine has a
 * transition for them in the current state and the role table allows them.
 * The UI shows a button only for these.
 */
export function allowedEvents(
  entity: Entity,
  row: {
    state: string
    source?: string
    regionId: number
    municipalityId?: number | null
    commissionId?: number | null
    ownerUserId?: number | null
    campaignMunicipalityId?: number | null
  },
  actor: Actor,
): string[] {
  const perms = workflows[entity].eventPermissions
  const scope = eventScope(row)
  return eventsInState(entity, row.state).filter((type) => {
    const p = perms[type]
    return p !== undefined && p !== 'system' && can(actor, p, scope)
  })
}
