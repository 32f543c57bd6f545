import { db, type Db } from '../client.server'
import type { FormRow } from '~/model/indicators'

// indicator_reports (issue 10 §2.5): one report per region and year, a
// workflow row; `content` is the form frozen when it goes to the commission.

export type ReportRow = {
  id: number
  regionId: number
  regionName: string
  year: number
  state: string
  rowVersion: number
  returnReason: string | null
  content: FormRow[] | null
  computedAt: Date | null
  decidedMeetingId: number | null
  protocolNumber: number | null
  protocolYear: number | null
  protocolId: number | null
  meetingHeldAt: Date | null
  updatedAt: Date
}

const columns = (tx: Db) => tx`
  r.id::int, r.region_id::int as "regionId", g.name as "regionName", r.year, r.state, r.row_version as "rowVersion",
  r.snapshot->'context'->>'returnReason' as "returnReason", r.content, r.computed_at as "computedAt",
  r.decided_meeting_id::int as "decidedMeetingId", pr.number as "protocolNumber", pr.year as "protocolYear", pr.id::int as "protocolId",
  mt.held_at as "meetingHeldAt", r.updated_at as "updatedAt"`

const from = (tx: Db) => tx`
  indicator_reports r join regions g on g.id = r.region_id
  left join meetings mt on mt.id = r.decided_meeting_id left join protocols pr on pr.meeting_id = r.decided_meeting_id`

export async function insertReport(
  r: { regionId: number; year: number; createdBy: number },
  row: { snapshot: unknown; state: string; machineVersion: string },
  tx: Db = db(),
): Promise<number | undefined> {
  const [found] = await tx<{ id: number }[]>`
    insert into indicator_reports (region_id, year, created_by, snapshot, state, machine_version)
    values (${r.regionId}, ${r.year}, ${r.createdBy}, ${tx.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})
    on conflict (region_id, year) do nothing returning id::int`
  return found?.id
}

/** The report row locked for the rest of the transaction: entering values, recomputing and sending it serialise on it. */
export async function lockReport(id: number, tx: Db): Promise<ReportRow | undefined> {
  await tx`select id from indicator_reports where id = ${id} for update`
  return reportById(id, tx)
}

export async function reportById(id: number, tx: Db = db()): Promise<ReportRow | undefined> {
  const [row] = await tx<ReportRow[]>`select ${columns(tx)} from ${from(tx)} where r.id = ${id}`
  return row
}

export async function reportOfYear(regionId: number, year: number, tx: Db = db()): Promise<{ id: number } | undefined> {
  const [row] = await tx<{ id: number }[]>`select id::int from indicator_reports where region_id = ${regionId} and year = ${year}`
  return row
}

/** The region's reports, newest year first (a region has one a year: no paging needed for decades). */
export async function reportsOfRegion(regionId: number, tx: Db = db()): Promise<ReportRow[]> {
  return tx<ReportRow[]>`select ${columns(tx)} from ${from(tx)} where r.region_id = ${regionId} order by r.year desc limit 200`
}

/** Reports of a region in the given states, oldest first (the commission's agenda picker). */
export async function reportsInStates(regionId: number, states: readonly string[], tx: Db = db()): Promise<{ id: number; year: number; state: string }[]> {
  return tx`select id::int, year, state from indicator_reports where region_id = ${regionId} and state = any(${states as string[]}) order by year, id`
}

export async function markComputed(id: number, tx: Db = db()): Promise<void> {
  await tx`update indicator_reports set computed_at = now(), updated_at = now() where id = ${id}`
}

export async function freezeContent(id: number, content: FormRow[] | null, tx: Db = db()): Promise<void> {
  await tx`update indicator_reports set content = ${content === null ? null : tx.json(content as never)} where id = ${id}`
}

export async function setDecidedMeeting(id: number, meetingId: number, tx: Db = db()): Promise<void> {
  await tx`update indicator_reports set decided_meeting_id = ${meetingId} where id = ${id}`
}
