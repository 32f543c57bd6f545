import { db, type Db } from '../client.server'
import type { Cursor } from '~/model/paging'
import type { ActivityListShow } from '~/model/activity'
import { afterCursor } from './keyset'

// activity_records (issue 10 §1): a member's records of methodological work.
// The evidence file's bytes are read only by activityEvidenceFile.

export type ActivityFields = {
  kind: string
  heldOn: string
  level: string
  audience: number
  description: string
  evidenceUrl: string | null
}
export type ActivityFile = { fileName: string; mimeType: string; content: Uint8Array; sha256: string }

export type ActivityRow = ActivityFields & {
  id: number
  regionId: number
  memberId: number
  municipalityId: number | null
  municipalityName: string | null
  memberName: string
  ownerUserId: number | null
  evidenceFileName: string | null
  state: string
  returnReason: string | null
  rowVersion: number
  createdAt: Date
  updatedAt: Date
}

const columns = (tx: Db) => tx`
  r.id::int, r.region_id::int as "regionId", r.member_id::int as "memberId", r.municipality_id::int as "municipalityId",
  mu.name as "municipalityName", concat_ws(' ', p.last_name, p.first_name, nullif(p.middle_name, '')) as "memberName",
  (select u.id::int from users u where u.person_id = m.person_id limit 1) as "ownerUserId",
  r.kind, to_char(r.held_on, 'YYYY-MM-DD') as "heldOn", r.level, r.audience, r.description, r.evidence_url as "evidenceUrl",
  r.evidence_file_name as "evidenceFileName", r.state, r.snapshot->'context'->>'returnReason' as "returnReason",
  r.row_version as "rowVersion", r.created_at as "createdAt", r.updated_at as "updatedAt"`

const from = (tx: Db) => tx`
  activity_records r join members m on m.id = r.member_id join people p on p.id = m.person_id
  left join municipalities mu on mu.id = r.municipality_id`

/** An imported record names its event (title and its folded key, the natural key's part) and its import. */
export type ImportedEvent = { title: string; titleKey: string; importId: number }

export async function insertActivity(
  a: ActivityFields & { regionId: number; memberId: number; municipalityId: number | null; createdBy: number | null; file: ActivityFile | null; imported?: ImportedEvent },
  row: { snapshot: unknown; state: string; machineVersion: string },
  tx: Db = db(),
): Promise<number> {
  const [{ id }] = await tx<{ id: number }[]>`
    insert into activity_records (region_id, member_id, municipality_id, kind, held_on, level, audience, description, evidence_url,
      evidence_file_name, evidence_mime_type, evidence_content, evidence_sha256, created_by, snapshot, state, machine_version,
      title, title_key, import_id)
    values (${a.regionId}, ${a.memberId}, ${a.municipalityId}, ${a.kind}, ${a.heldOn}, ${a.level}, ${a.audience}, ${a.description}, ${a.evidenceUrl},
      ${a.file?.fileName ?? null}, ${a.file?.mimeType ?? null}, ${a.file ? Buffer.from(a.file.content) : null}, ${a.file?.sha256 ?? null},
      ${a.createdBy}, ${tx.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion},
      ${a.imported?.title ?? null}, ${a.imported?.titleKey ?? null}, ${a.imported?.importId ?? null})
    returning id::int`
  return id
}

/** The natural keys of a region's imported records: member, kind, day and the event's folded title. */
export async function importedActivityKeys(regionId: number, tx: Db = db()): Promise<Set<string>> {
  const rows = await tx<{ key: string }[]>`
    select concat_ws('|', member_id, kind, to_char(held_on, 'YYYY-MM-DD'), title_key) as key
    from activity_records where region_id = ${regionId} and title_key is not null`
  return new Set(rows.map((r) => r.key))
}

/** Changes the fields of a record (and its file when a new one is given); the state is the machine's business. */
export async function updateActivity(id: number, a: ActivityFields & { file: ActivityFile | null }, tx: Db = db()): Promise<void> {
  await tx`
    update activity_records set kind = ${a.kind}, held_on = ${a.heldOn}, level = ${a.level}, audience = ${a.audience},
      description = ${a.description}, evidence_url = ${a.evidenceUrl},
      ${a.file ? tx`evidence_file_name = ${a.file.fileName}, evidence_mime_type = ${a.file.mimeType}, evidence_content = ${Buffer.from(a.file.content)}, evidence_sha256 = ${a.file.sha256},` : tx``}
      row_version = row_version + 1, updated_at = now()
    where id = ${id}`
}

export async function activityById(id: number, tx: Db = db()): Promise<ActivityRow | undefined> {
  const [row] = await tx<ActivityRow[]>`select ${columns(tx)} from ${from(tx)} where r.id = ${id}`
  return row
}

export async function activityForUpdate(id: number, tx: Db): Promise<ActivityRow | undefined> {
  const [row] = await tx<ActivityRow[]>`select ${columns(tx)} from ${from(tx)} where r.id = ${id} for update of r`
  return row
}

/** A member's records, newest work first (keyset on the day and id). */
export async function activitiesOfMembers(memberIds: number[], after: Cursor | null, limit: number, tx: Db = db()): Promise<ActivityRow[]> {
  return tx<ActivityRow[]>`
    select ${columns(tx)} from ${from(tx)}
    where r.member_id = any(${memberIds}) and ${afterCursor(tx, tx`to_char(r.held_on, 'YYYY-MM-DD')`, tx`r.id`, after, 'desc')}
    order by r.held_on desc, r.id desc limit ${limit}`
}

export async function countActivitiesOfMembers(memberIds: number[], tx: Db = db()): Promise<number> {
  const [{ count }] = await tx<{ count: number }[]>`select count(*)::int as count from activity_records where member_id = any(${memberIds})`
  return count
}

export type { ActivityListShow }

/** A region's records, or some of its municipalities': waiting ones oldest first, the others newest first. */
export async function activityQueue(
  f: { regionId: number; municipalityIds: number[] | null; show?: ActivityListShow },
  after: Cursor | null,
  limit: number,
  tx: Db = db(),
): Promise<{ rows: ActivityRow[]; total: number }> {
  const show = f.show ?? 'pending'
  const states =
    show === 'pending' ? tx`r.state in ('submitted', 'resubmitted')` : show === 'confirmed' ? tx`r.state = 'confirmed'` : tx`r.state <> 'draft'`
  const where = tx`r.region_id = ${f.regionId} and ${states}
    and ${f.municipalityIds ? tx`r.municipality_id = any(${f.municipalityIds})` : tx`true`}`
  const dir = show === 'pending' ? 'asc' : 'desc'
  const [rows, [{ count }]] = await Promise.all([
    tx<ActivityRow[]>`select ${columns(tx)} from ${from(tx)} where ${where} and ${afterCursor(tx, tx`r.id`, tx`r.id`, after, dir)}
      order by r.id ${dir === 'asc' ? tx`asc` : tx`desc`} limit ${limit}`,
    tx<{ count: number }[]>`select count(*)::int as count from activity_records r where ${where}`,
  ])
  return { rows, total: count }
}

export async function activityEvidenceFile(id: number, tx: Db = db()): Promise<{ fileName: string; mimeType: string; content: Uint8Array } | undefined> {
  const [row] = await tx<{ fileName: string; mimeType: string; content: Uint8Array }[]>`
    select evidence_file_name as "fileName", evidence_mime_type as "mimeType", evidence_content as content
    from activity_records where id = ${id} and evidence_content is not null`
  return row
}

/** The members a signed-in person is (one per region they were admitted in), with what a record needs. */
export async function membersOfUser(userId: number, tx: Db = db()): Promise<{ id: number; regionId: number; municipalityId: number | null; state: string; regionName: string }[]> {
  return tx`
    select m.id::int, m.region_id::int as "regionId", p.municipality_id::int as "municipalityId", m.state, g.name as "regionName"
    from users u join members m on m.person_id = u.person_id join people p on p.id = m.person_id join regions g on g.id = m.region_id
    where u.id = ${userId} order by m.id`
}
