import type { Facts } from '~/model/eligibility'
import type { Cursor } from '~/model/paging'
import type { InitialWorkflowRow } from './workflow-row'
import { afterCursor } from './keyset'
import { db, type Db, type Tx } from '../client.server'

// Spreadsheet imports (app/imports): the import log, uploads kept between
// preview and confirmation, and the set-based writes of a batch of rows.
// Batches travel as one jsonb parameter and are unpacked with
// jsonb_to_recordset: one round trip and one statement per batch.

export type ImportKindDb = 'nominations' | 'registry' | 'qualification'
export type ImportCounts = { created: number; updated: number; unchanged: number; skipped: number }

/** Imports into one campaign run one at a time, so natural-key matching sees every earlier import. */
export async function lockCampaignImports(campaignId: number, tx: Tx): Promise<void> {
  await tx`select pg_advisory_xact_lock(727002, ${campaignId % 2147483647}::int)`
}

export async function insertImport(
  i: {
    regionId: number
    campaignId: number
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

export async function organisationsOf(regionId: number, tx: Db): Promise<{ id: number; name: string }[]> {
  return tx<{ id: number; name: string }[]>`select id::int, name from organisations where region_id = ${regionId}`
}

/** Organisations are keyed by (region, name); a name seen first in a municipality belongs to it. */
export async function ensureOrganisations(
  regionId: number,
  orgs: { name: string; municipalityId: number }[],
  tx: Db,
): Promise<{ id: number; name: string }[]> {
  if (orgs.length === 0) return []
  // `do nothing` + a second read rather than `do update`: an update would
  // fire the public roster's change triggers for nothing.
  const inserted = await tx<{ id: number; name: string }[]>`
    insert into organisations (region_id, municipality_id, name)
    select ${regionId}, r.municipality_id, r.name
    from jsonb_to_recordset(${tx.json(orgs.map((o) => ({ name: o.name, municipality_id: o.municipalityId })) as never)})
      as r(name text, municipality_id bigint)
    on conflict (region_id, name) do nothing
    returning id::int, name`
  if (inserted.length === orgs.length) return inserted
  const names = orgs.map((o) => o.name)
  return tx<{ id: number; name: string }[]>`
    select id::int, name from organisations where region_id = ${regionId} and name = any(${names}::text[])`
}

// ─── writes ─────────────────────────────────────────────────────────────────

export type BatchContext = { regionId: number; campaignId: number; actorUserId: number | null; importId: number; initialApplication: InitialWorkflowRow }

export type NominationInsert = {
  municipalityId: number
  lastName: string
  firstName: string
  middleName: string
  email: string
  /** The organisation's exact name; ensureOrganisations has created it. */
  organisation: string
  position: string
  subjects: string[]
  groupId: number | null
  directionId: number | null
  facts: Facts
  /** Private: goes to person_private only. */
  birthDate: string | null
}

/**
 * One row of a batch as JSON text, made when the row is accepted: a batch
 * waiting for the database is then one string per row, not a tree of objects
 * (the importer's memory stays flat over 100,000 rows).
 */
export function nominationRecord(r: NominationInsert): string {
  return JSON.stringify({
    municipality_id: r.municipalityId,
    last_name: r.lastName,
    first_name: r.firstName,
    middle_name: r.middleName,
    work_email: r.email,
    organisation: r.organisation,
    position: r.position,
    subjects: r.subjects,
    group_id: r.groupId,
    direction_id: r.directionId,
    facts: r.facts,
    birth_date: r.birthDate,
  })
}

/**
 * New people and their draft applications (source 'municipality') in one
 * statement, from records made by nominationRecord. Person ids are drawn
 * from the identity's sequence first, so each application is tied to its
 * person without relying on the order of RETURNING. No audit row per
 * application (a tenth of the import's time): the import's own audit row
 * covers them, and they are found again as the campaign's applications with
 * nominated_by = imports.imported_by and created_at = imports.imported_at
 * (both now() of the one transaction).
 */
export async function insertNominations(records: string[], c: BatchContext, tx: Tx): Promise<number> {
  if (records.length === 0) return 0
  const init = c.initialApplication
  const [{ n }] = await tx<{ n: number }[]>`
    with src as materialized (
      select nextval(pg_get_serial_sequence('people', 'id')) as person_id, o.id as organisation_id, r.*
      from jsonb_to_recordset(${`[${records.join(',')}]`}::text::jsonb) as r(
        municipality_id bigint, last_name text, first_name text, middle_name text, work_email text,
        organisation text, position text, subjects text[], group_id bigint, direction_id bigint, facts jsonb, birth_date date)
      join organisations o on o.region_id = ${c.regionId} and o.name = r.organisation
    ), new_people as (
      insert into people (id, region_id, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects)
      overriding system value
      select person_id, ${c.regionId}, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects
      from src
    ), new_private as (
      -- The birth date is private (PRODUCT §6), never a column of people.
      insert into person_private (person_id, birth_date)
      select person_id, birth_date from src where birth_date is not null
    ), created as (
      insert into applications (campaign_id, region_id, municipality_id, person_id, nominated_by, source, direction_id, group_id,
                                facts, snapshot, state, machine_version)
      select ${c.campaignId}, ${c.regionId}, municipality_id, person_id, ${c.actorUserId}, 'municipality', direction_id, group_id,
             facts, ${tx.json(init.snapshot as never)}, ${init.state}, ${init.machineVersion}
      from src
      returning 1
    )
    select count(*)::int as n from created`
  // An organisation missing from the join would drop its rows silently.
  if (n !== records.length) throw new Error(`insertNominations: ${n} of ${records.length} rows inserted`)
  return n
}

export type NominationUpdate = {
  application_id: number
  person_id: number
  municipality_id: number
  organisation_id: number
  position: string
  subjects: string[]
  group_id: number | null
  direction_id: number | null
  /** The claims of the file; facts already verified on the application are kept over them. */
  facts: Facts
  /** Private; null keeps the stored one. */
  birth_date: string | null
}

/** Changes drafts to what a newer file says; a draft that moved on meanwhile is left alone. */
export async function updateNominations(rows: NominationUpdate[], c: BatchContext, tx: Tx): Promise<number> {
  if (rows.length === 0) return 0
  const result = await tx`
    with src as materialized (
      select * from jsonb_to_recordset(${tx.json(rows as never)}) as r(
        application_id bigint, person_id bigint, municipality_id bigint, organisation_id bigint, position text,
        subjects text[], group_id bigint, direction_id bigint, facts jsonb, birth_date date)
    ), changed as (
      update applications a set
        municipality_id = s.municipality_id, group_id = s.group_id, direction_id = s.direction_id,
        facts = s.facts || coalesce((select jsonb_object_agg(e.key, e.value) from jsonb_each(a.facts) e
                                     where (e.value ->> 'verified')::boolean), '{}'::jsonb),
        updated_at = now(), row_version = a.row_version + 1
      from src s
      where a.id = s.application_id and a.state = 'draft' and a.source = 'municipality'
      returning a.id, a.person_id
    ), people_changed as (
      update people p set municipality_id = s.municipality_id, organisation_id = s.organisation_id, position = s.position, subjects = s.subjects
      from src s join changed on changed.person_id = s.person_id
      where p.id = s.person_id
    ), private_changed as (
      insert into person_private (person_id, birth_date)
      select s.person_id, s.birth_date from src s join changed on changed.person_id = s.person_id
      where s.birth_date is not null
      on conflict (person_id) do update set birth_date = excluded.birth_date, updated_at = now()
    )
    insert into audit_events (actor_user_id, region_id, entity, entity_id, action, data)
    select ${c.actorUserId}, ${c.regionId}, 'application', id, 'IMPORT_UPDATE', ${tx.json({ importId: c.importId } as never)}
    from changed`
  return result.count
}

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
  campaignId: number
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
  u: { regionId: number; campaignId: number; kind: ImportKindDb; uploadedBy: number; fileName: string; sha256: string; content: Buffer; municipalityId: number | null },
  tx: Db = db(),
): Promise<number> {
  // Files nobody confirmed are personal data with no purpose left; a new
  // preview of the same kind into the same campaign replaces the user's last one.
  await tx`
    delete from import_uploads
    where created_at < now() - make_interval(hours => ${UPLOAD_TTL_HOURS})
       or (uploaded_by = ${u.uploadedBy} and campaign_id = ${u.campaignId} and kind = ${u.kind})`
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
