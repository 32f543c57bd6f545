import { db, type Db } from '../client.server'
import type { Cursor } from '~/model/paging'
import type { InitialWorkflowRow } from './workflow-row'
import { afterCursor } from './keyset'

// appeals (issue 10 §5): one per decision on an application, decided at a
// meeting. The appeal's documents are evidence rows with its appeal_id.

export type AppealRow = {
  id: number
  regionId: number
  applicationId: number
  campaignId: number
  campaignTitle: string
  commissionId: number | null
  municipalityId: number | null
  ownerUserId: number | null
  fullName: string
  decisionState: 'ineligible' | 'rejected'
  decisionRef: string
  decidedAt: Date
  body: string
  filedBy: number
  state: string
  meetingId: number | null
  meetingAt: string | null
  decision: string | null
  rowVersion: number
  createdAt: Date
  updatedAt: Date
}

const columns = (tx: Db) => tx`
  ap.id::int, ap.region_id::int as "regionId", ap.application_id::int as "applicationId", a.campaign_id::int as "campaignId",
  c.title as "campaignTitle", ap.commission_id::int as "commissionId", ap.municipality_id::int as "municipalityId",
  ap.owner_user_id::int as "ownerUserId", concat_ws(' ', p.last_name, p.first_name, nullif(p.middle_name, '')) as "fullName",
  ap.decision_state as "decisionState", ap.decision_ref as "decisionRef", ap.decided_at as "decidedAt", ap.body, ap.filed_by::int as "filedBy", ap.state,
  (ap.snapshot->'context'->>'meetingId')::int as "meetingId", ap.snapshot->'context'->>'meetingAt' as "meetingAt",
  ap.snapshot->'context'->>'decision' as decision, ap.row_version as "rowVersion", ap.created_at as "createdAt", ap.updated_at as "updatedAt"`

const from = (tx: Db) => tx`
  appeals ap join applications a on a.id = ap.application_id join people p on p.id = a.person_id join campaigns c on c.id = a.campaign_id`

export type AppealInsert = {
  regionId: number
  applicationId: number
  commissionId: number | null
  municipalityId: number | null
  ownerUserId: number | null
  decisionState: string
  decisionRef: string
  decidedAt: Date
  body: string
  filedBy: number
}

/** The new appeal's id, or null when this decision already has one (the unique index decides a race). */
export async function insertAppeal(a: AppealInsert, row: InitialWorkflowRow, tx: Db = db()): Promise<number | null> {
  const rows = await tx<{ id: number }[]>`
    insert into appeals (region_id, application_id, commission_id, municipality_id, owner_user_id, decision_state, decision_ref,
                         decided_at, body, filed_by, snapshot, state, machine_version)
    values (${a.regionId}, ${a.applicationId}, ${a.commissionId}, ${a.municipalityId}, ${a.ownerUserId}, ${a.decisionState}, ${a.decisionRef},
            ${a.decidedAt}, ${a.body}, ${a.filedBy}, ${tx.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})
    on conflict (application_id, decision_ref) do nothing
    returning id::int`
  return rows[0]?.id ?? null
}

export async function appealById(id: number, tx: Db = db()): Promise<AppealRow | undefined> {
  const [row] = await tx<AppealRow[]>`select ${columns(tx)} from ${from(tx)} where ap.id = ${id}`
  return row
}

/** An application's appeals, newest first. */
export async function appealsOfApplication(applicationId: number, tx: Db = db()): Promise<AppealRow[]> {
  return tx<AppealRow[]>`select ${columns(tx)} from ${from(tx)} where ap.application_id = ${applicationId} order by ap.id desc`
}

/** The appeal of one decision, if filed. */
export async function appealOfDecision(applicationId: number, decisionRef: string, tx: Db = db()): Promise<AppealRow | undefined> {
  const [row] = await tx<AppealRow[]>`
    select ${columns(tx)} from ${from(tx)} where ap.application_id = ${applicationId} and ap.decision_ref = ${decisionRef}`
  return row
}

/** The commission's appeals still to be decided, oldest first (keyset on id). */
export async function appealQueue(commissionId: number, after: Cursor | null, limit: number, tx: Db = db()) {
  const where = tx`ap.commission_id = ${commissionId} and ap.state in ('filed', 'onAgenda')`
  const [rows, [{ count }]] = await Promise.all([
    tx<AppealRow[]>`
      select ${columns(tx)} from ${from(tx)}
      where ${where} and ${afterCursor(tx, tx`ap.id`, tx`ap.id`, after, 'asc')} order by ap.id limit ${limit}`,
    tx<{ count: number }[]>`select count(*)::int as count from appeals ap where ${where}`,
  ])
  return { rows, total: count }
}

/** Appeals waiting for a meeting of this commission (the agenda picker). */
export async function appealsWaiting(commissionId: number, tx: Db = db()): Promise<AppealRow[]> {
  return tx<AppealRow[]>`
    select ${columns(tx)} from ${from(tx)} where ap.commission_id = ${commissionId} and ap.state = 'filed' order by ap.id limit 200`
}

/**
 * The decision an application is in now: the audit row of its last move into
 * its present state, or, for a row that got there without one (old demo
 * data), its last change.
 */
export async function currentDecision(applicationId: number, state: string, tx: Db = db()): Promise<{ ref: string; at: Date }> {
  const [audit] = await tx<{ id: number; at: Date }[]>`
    select id::int, at from audit_events
    where entity = 'application' and entity_id = ${applicationId} and to_state = ${state} and from_state is distinct from ${state}
    order by id desc limit 1`
  if (audit) return { ref: `audit:${audit.id}`, at: audit.at }
  const [row] = await tx<{ at: Date }[]>`select updated_at as at from applications where id = ${applicationId}`
  return { ref: `at:${row.at.toISOString()}`, at: row.at }
}

/** Another application of the same person in the same campaign that is still going (an upheld appeal could not reopen this one). */
export async function otherActiveApplication(applicationId: number, tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    select 1 from applications o join applications a on a.person_id = o.person_id and a.campaign_id = o.campaign_id
    where a.id = ${applicationId} and o.id <> a.id
      and o.state in ('draft', 'submitted', 'screening', 'needsInformation', 'inReview', 'deferred', 'recommended', 'atMinistry', 'returned', 'approved')
    limit 1`
  return rows.length > 0
}

/** Locks the appealed application for the filing's transaction. */
export async function lockApplication(applicationId: number, tx: Db): Promise<void> {
  await tx`select id from applications where id = ${applicationId} for update`
}
