import type { Facts } from '~/model/eligibility'
import type { Cursor } from '~/model/paging'
import type { InitialWorkflowRow } from './workflow-row'
import { afterCursor } from './keyset'
import { db, type Db, type Tx } from '../client.server'

// Spreadsheet imports (app/imports): the import log, uploads kept between
// preview and confirmation, and the set-based writes of registry and
// attestation facts (a batch travels as one jsonb parameter, unpacked with
// jsonb_to_recordset). Nominations are staged: staging.server.ts.

export type ImportKindDb = 'nominations' | 'registry' | 'qualification' | 'activity'
export type ImportCounts = { created: number; updated: number; unchanged: number; skipped: number }

/** Imports into one campaign run one at a time, so natural-key matching sees every earlier import. */
export async function lockCampaignImports(campaignId: number, tx: Tx): Promise<void> {
  await tx`select pg_advisory_xact_lock(727002, ${campaignId % 2147483647}::int)`
}

/** Activity imports into one region run one at a time, so a second one finds the first one's records. */
export async function lockRegionActivityImports(regionId: number, tx: Tx): Promise<void> {
  await tx`select pg_advisory_xact_lock(727003, ${regionId % 2147483647}::int)`
}

export async function insertImport(
  i: {
    regionId: number
    campaignId: number | null
    municipalityId: number | null
    kind: ImportKindDb
    fileName: string
    importedBy: number | null
  },
  tx: Db,
): Promise<number> {
  // The hash and counts are known only at the end; the row exists first so
  // the audit rows of the imported applications can name it.
  const [row] = await tx<{ id: number }[]>`
    insert into imports (region_id, campaign_id, municipality_id, kind, file_name, file_sha256, rows_total, rows_changed, imported_by)
    values (${i.regionId}, ${i.campaignId}, ${i.municipalityId}, ${i.kind}, ${i.fileName}, '', 0, 0, ${i.importedBy})
    returning id::int`
  return row.id
}

export async function finishImport(
  id: number,
  f: { sha256: string; rowsTotal: number; counts: ImportCounts; encoding: string; delimiter: string },
  tx: Db,
): Promise<void> {
  await tx`
    update imports set file_sha256 = ${f.sha256}, rows_total = ${f.rowsTotal}, rows_changed = ${f.counts.created + f.counts.updated},
      counts = ${tx.json(f.counts as never)}, encoding = ${f.encoding}, delimiter = ${f.delimiter}
    where id = ${id}`
}

export type ImportLogRow = {
  id: number
  kind: ImportKindDb
  fileName: string
  sha256: string
  rowsTotal: number
  rowsChanged: number
  counts: ImportCounts
  campaignTitle: string | null
  municipalityName: string | null
  importedByName: string | null
  importedAt: Date
}

// ─── what a campaign already holds ──────────────────────────────────────────

export type CampaignApplicant = {
  id: number
  personId: number
  state: string
  source: string
  municipalityId: number | null
  groupId: number | null
  facts: Facts
  lastName: string
  firstName: string
  middleName: string
  workEmail: string | null
  position: string
  subjects: string[]
  organisationName: string | null
  /**
   * Private: read only to tell whether a file's birth date changes the
   * stored one (idempotent re-import); it is compared in the importer and
   * never shown, logged or returned.
   */
  birthDate: string | null
}

/**
 * Every application of a campaign with its person, in pages (a cursor), so
 * the caller keeps only what it needs of each (a key and a signature).
 */
export async function* campaignApplicants(campaignId: number, tx: Tx): AsyncGenerator<CampaignApplicant> {
  const cursor = tx<CampaignApplicant[]>`
    select a.id::int, a.person_id::int as "personId", a.state, a.source, a.municipality_id::int as "municipalityId",
           a.group_id::int as "groupId", a.facts, p.last_name as "lastName", p.first_name as "firstName",
           p.middle_name as "middleName", p.work_email as "workEmail", p.position, p.subjects, o.name as "organisationName",
           to_char(pp.birth_date, 'YYYY-MM-DD') as "birthDate"
    from applications a join people p on p.id = a.person_id left join organisations o on o.id = p.organisation_id
    left join person_private pp on pp.person_id = p.id
    where a.campaign_id = ${campaignId}
    order by a.id`.cursor(2000)
  for await (const page of cursor) yield* page
}

/** A member of the region as an activity file may name them: the person's name and the hints that tell namesakes apart. */
export type RegionMember = {
  id: number
  state: string
  lastName: string
  firstName: string
  middleName: string
  workEmail: string | null
  municipalityId: number | null
  municipalityName: string | null
  organisationName: string | null
  userId: number | null
}

/** Every member of a region, in any state (a row naming a former member is refused with the reason). */
export async function* regionMembers(regionId: number, tx: Tx): AsyncGenerator<RegionMember> {
  const cursor = tx<RegionMember[]>`
    select m.id::int, m.state, p.last_name as "lastName", p.first_name as "firstName", p.middle_name as "middleName",
           p.work_email as "workEmail", p.municipality_id::int as "municipalityId", mu.name as "municipalityName",
           o.name as "organisationName", (select u.id::int from users u where u.person_id = m.person_id limit 1) as "userId"
    from members m join people p on p.id = m.person_id left join organisations o on o.id = p.organisation_id
    left join municipalities mu on mu.id = p.municipality_id
    where m.region_id = ${regionId}
    order by m.id`.cursor(2000)
  for await (const page of cursor) yield* page
}

// ─── writes ─────────────────────────────────────────────────────────────────

export type BatchContext = { regionId: number; campaignId: number; actorUserId: number | null; importId: number; initialApplication: InitialWorkflowRow }

export type FactsPatch = { id: number; facts: Facts; data: Record<string, unknown> }

/**
 * Registry and attestation data: each patch is merged over the
 * application's facts (a registry's word replaces a claim). Returns the ids
 * that really changed, each with an audit row.
 */
export async function patchFacts(patches: FactsPatch[], action: string, c: BatchContext, tx: Tx): Promise<number[]> {
  if (patches.length === 0) return []
  const rows = await tx<{ id: number }[]>`
    with src as materialized (
      select * from jsonb_to_recordset(${tx.json(patches as never)}) as r(id bigint, facts jsonb, data jsonb)
    ), changed as (
      update applications a set facts = a.facts || s.facts, updated_at = now(), row_version = a.row_version + 1
      from src s
      where a.id = s.id and a.campaign_id = ${c.campaignId} and a.facts <> a.facts || s.facts
      returning a.id, s.data
    ), audited as (
      insert into audit_events (actor_user_id, region_id, entity, entity_id, action, data)
      select ${c.actorUserId}, ${c.regionId}, 'application', id, ${action}, data || ${tx.json({ importId: c.importId } as never)}
      from changed
    )
    select id::int from changed`
  return rows.map((r) => r.id)
}

// ─── uploads between preview and confirmation ───────────────────────────────

export type StoredUpload = {
  id: number
  regionId: number
  /** null for an activity file, which goes into the region */
  campaignId: number | null
  kind: ImportKindDb
  uploadedBy: number
  fileName: string
  sha256: string
  content: Buffer
  /** The municipality a regional coordinator chose for a municipality's file. */
  municipalityId: number | null
  createdAt: Date
}

/** How long an uploaded file waits for its confirmation. */
export const UPLOAD_TTL_HOURS = 24

export async function storeUpload(
  u: { regionId: number; campaignId: number | null; kind: ImportKindDb; uploadedBy: number; fileName: string; sha256: string; content: Buffer; municipalityId: number | null },
  tx: Db = db(),
): Promise<number> {
  // Files nobody confirmed are personal data with no purpose left; a new
  // preview of the same kind into the same campaign replaces the user's last one.
  await tx`
    delete from import_uploads
    where created_at < now() - make_interval(hours => ${UPLOAD_TTL_HOURS})
       or (uploaded_by = ${u.uploadedBy} and region_id = ${u.regionId} and campaign_id is not distinct from ${u.campaignId}::bigint and kind = ${u.kind})`
  const [row] = await tx<{ id: number }[]>`
    insert into import_uploads (region_id, campaign_id, kind, uploaded_by, file_name, file_sha256, size_bytes, content, municipality_id)
    values (${u.regionId}, ${u.campaignId}, ${u.kind}, ${u.uploadedBy}, ${u.fileName}, ${u.sha256}, ${u.content.length}, ${u.content}, ${u.municipalityId})
    returning id::int`
  return row.id
}

/** The upload, only for the user who uploaded it and only while it is fresh. */
export async function uploadOf(id: number, userId: number, tx: Db = db()): Promise<StoredUpload | undefined> {
  const [row] = await tx<StoredUpload[]>`
    select id::int, region_id::int as "regionId", campaign_id::int as "campaignId", kind, uploaded_by::int as "uploadedBy",
           file_name as "fileName", file_sha256 as sha256, content, municipality_id::int as "municipalityId", created_at as "createdAt"
    from import_uploads
    where id = ${id} and uploaded_by = ${userId} and created_at >= now() - make_interval(hours => ${UPLOAD_TTL_HOURS})`
  return row
}

export async function deleteUpload(id: number, tx: Db = db()): Promise<void> {
  await tx`delete from import_uploads where id = ${id}`
}

/**
 * One page of the import log over several scopes (newest first, keyset on
 * the id), with the total: imports are few, so counting them is cheap.
 */
export async function importLogPage(
  scopes: { regionId: number; municipalityId: number | null }[],
  after: Cursor | null,
  limit: number,
  tx: Db = db(),
): Promise<{ rows: ImportLogRow[]; total: number }> {
  if (scopes.length === 0) return { rows: [], total: 0 }
  const inScope = () =>
    scopes
      .map((s) => tx`(i.region_id = ${s.regionId} and (${s.municipalityId}::bigint is null or i.municipality_id = ${s.municipalityId}))`)
      .reduce((a, b) => tx`${a} or ${b}`)
  const [rows, [count]] = await Promise.all([
    tx<ImportLogRow[]>`
      select i.id::int, i.kind, i.file_name as "fileName", i.file_sha256 as sha256, i.rows_total as "rowsTotal",
             i.rows_changed as "rowsChanged", i.counts, c.title as "campaignTitle", m.name as "municipalityName",
             u.display_name as "importedByName", i.imported_at as "importedAt"
      from imports i left join campaigns c on c.id = i.campaign_id left join municipalities m on m.id = i.municipality_id
      left join users u on u.id = i.imported_by
      where (${inScope()}) and ${afterCursor(tx, tx`i.id`, tx`i.id`, after, 'desc')}
      order by i.id desc limit ${limit + 1}`,
    tx<{ n: number }[]>`select count(*)::int as n from imports i where ${inScope()}`,
  ])
  return { rows, total: count.n }
}
