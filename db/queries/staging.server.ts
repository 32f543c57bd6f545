import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import type { Writable } from 'node:stream'
import type { Facts } from '~/model/eligibility'
import type { Tx } from '../client.server'
import type { BatchContext } from './imports.server'

// The nominations of one import, staged before they touch a real table
// (issue 14): accepted rows go to a temporary table in chunks while the file
// is still being read, and a few set-based statements per chunk write
// organisations, people, private data and applications, and update the
// drafts a newer file changes. On PostgreSQL the staging table is filled by COPY FROM STDIN,
// streamed row by row; the embedded PGlite behind pglite-socket cannot carry
// the copy sub-protocol (the connection closes), so there the rows go in
// batches through json_to_recordset. The table lives in the import's
// transaction only (on commit drop; a rollback drops it too).

/** One accepted row: a new nomination (no application) or a change to a draft of the same municipality. */
export type StagedNomination = {
  row: number
  applicationId: number | null
  personId: number | null
  municipalityId: number
  lastName: string
  firstName: string
  middleName: string
  email: string
  /** The organisation's exact name; created at commit when the region has none of that name. */
  organisation: string
  position: string
  subjects: string[]
  groupId: number | null
  directionId: number | null
  facts: Facts
  /** Private: goes to person_private only; null keeps a stored one. */
  birthDate: string | null
}

const COLUMNS =
  'row_no, application_id, person_id, municipality_id, last_name, first_name, middle_name, work_email, organisation, position, subjects, group_id, direction_id, facts, birth_date'

export async function createNominationStage(tx: Tx): Promise<void> {
  // A committed import inside a caller's transaction leaves its table until
  // that transaction ends: a second import there starts afresh.
  await tx`drop table if exists import_stage`
  await tx`
    create temporary table import_stage (
      row_no integer not null, application_id bigint, person_id bigint, municipality_id bigint not null,
      last_name text not null, first_name text not null, middle_name text not null, work_email text not null,
      organisation text not null, position text not null, subjects text[] not null, group_id bigint, direction_id bigint,
      facts jsonb not null, birth_date date
    ) on commit drop`
}

/** COPY FROM STDIN works on PostgreSQL, not on PGlite behind its socket. */
export async function stageByCopy(tx: Tx): Promise<boolean> {
  const [{ pglite }] = await tx<{ pglite: boolean }[]>`select version() like '%PGlite%' as pglite`
  return !pglite
}

// COPY's text format: tab-separated, \N for null, backslash escapes.
const SPECIAL = /[\\\t\n\r]/
const escText = (v: string): string =>
  SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v
const esc = (v: string | number | null): string => (v === null ? '\\N' : typeof v === 'number' ? String(v) : escText(v))
const arrayLiteral = (items: string[]) => `{${items.map((s) => `"${s.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`

/** The row as a line of COPY text. */
export function copyLine(r: StagedNomination): string {
  return (
    [
      r.row,
      r.applicationId,
      r.personId,
      r.municipalityId,
      r.lastName,
      r.firstName,
      r.middleName,
      r.email,
      r.organisation,
      r.position,
      arrayLiteral(r.subjects),
      r.groupId,
      r.directionId,
      JSON.stringify(r.facts),
      r.birthDate,
    ]
      .map(esc)
      .join('\t') + '\n'
  )
}

/** The row as a JSON record for json_to_recordset (the embedded database). */
export function jsonRecord(r: StagedNomination): string {
  return JSON.stringify({
    row_no: r.row,
    application_id: r.applicationId,
    person_id: r.personId,
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

/** The open COPY into the staging table; nothing else may run on `tx` until it is ended. */
export async function openStageCopy(tx: Tx): Promise<Writable> {
  const w = await tx.unsafe(`copy import_stage (${COLUMNS}) from stdin`).writable()
  // A server error destroys the stream: it surfaces from writeCopy or endCopy, never as an unhandled event.
  w.on('error', () => {})
  return w
}

/** Rejects when the stream fails or ends early; resolves when it finishes. */
function settled(w: Writable): Promise<void> {
  const done = finished(w)
  done.catch(() => {})
  return done
}

/**
 * Writes a chunk's lines, a few hundred kilobytes per write: postgres.js
 * makes each write one CopyData message and one socket write, so a write per
 * line cost a system call and a message per row (≈ a third of the import).
 */
export async function writeCopy(w: Writable, lines: string[]): Promise<void> {
  const PIECE = 256 * 1024
  let piece = ''
  for (let i = 0; i < lines.length; i++) {
    piece += lines[i]
    if (piece.length < PIECE && i < lines.length - 1) continue
    if (w.errored) throw w.errored
    if (w.destroyed) throw new Error('COPY of the import ended early')
    // postgres.js destroys the stream with the server's error, which rejects the wait.
    if (!w.write(piece)) await once(w, 'drain')
    piece = ''
  }
}

/**
 * Ends the COPY and waits for the server's word on it. postgres.js drops an
 * error the server reports after the end of the data (the stream was handed
 * over, nothing listens): a query queued behind the COPY fails then, as the
 * transaction is aborted, and a success finishes the stream first.
 */
export async function endCopy(w: Writable, tx: Tx): Promise<void> {
  if (w.errored) throw w.errored
  if (w.destroyed) throw new Error('COPY of the import ended early')
  // The next query may be sent only once postgres.js has sent the end of the
  // data (its _final), or it refuses it as "during copy".
  const stream = w as Writable & { _final: (cb: (e?: Error | null) => void) => void }
  const original = stream._final.bind(stream)
  const dataEnded = new Promise<void>((sent) => {
    stream._final = (cb) => {
      original(cb)
      sent()
    }
  })
  w.end()
  await Promise.race([dataEnded, settled(w)])
  await Promise.all([settled(w), tx`select 1`])
}

/** A batch of jsonRecord rows into the staging table, one statement. */
export async function stageRecords(records: string[], tx: Tx): Promise<void> {
  if (records.length === 0) return
  await tx`
    insert into import_stage (${tx.unsafe(COLUMNS)})
    select ${tx.unsafe(COLUMNS)}
    from json_to_recordset(${`[${records.join(',')}]`}::text::json) as r(
      row_no integer, application_id bigint, person_id bigint, municipality_id bigint, last_name text, first_name text,
      middle_name text, work_email text, organisation text, position text, subjects text[], group_id bigint, direction_id bigint,
      facts jsonb, birth_date date)`
}

// ─── new nominations straight into their tables (PostgreSQL) ───────────────
//
// On PostgreSQL a chunk's new nominations skip the staging table: the client
// knows every id the rows need (the organisations' by name, the people's
// reserved from their sequence), so COPY writes people, private data and
// applications directly. Staging them cost a COPY into the temporary table
// and a statement reading it back (a sort, a join, a materialized CTE) on
// top of the same inserts: about a quarter of the database's time per row.
// The drafts a newer file changes still go through the staging table.

/** The region's organisations by exact name. */
export async function organisationIdsOf(regionId: number, tx: Tx): Promise<Map<string, number>> {
  const rows = await tx<{ id: number; name: string }[]>`select id::int, name from organisations where region_id = ${regionId}`
  return new Map(rows.map((r) => [r.name, r.id]))
}

/**
 * Creates the organisations the region lacks (each with the municipality of
 * the row that named it first, as `wanted` is ordered) and adds their ids
 * to `known`. One that another import creates meanwhile is taken as it is.
 */
export async function ensureOrganisations(regionId: number, wanted: Map<string, number>, known: Map<string, number>, tx: Tx): Promise<void> {
  if (wanted.size === 0) return
  const names = [...wanted.keys()]
  const rows = await tx<{ id: number; name: string }[]>`
    with added as (
      insert into organisations (region_id, municipality_id, name)
      select ${regionId}::bigint, m, n from unnest(${names}::text[], ${[...wanted.values()]}::bigint[]) as w(n, m)
      on conflict (region_id, name) do nothing
      returning id, name
    )
    select id::int, name from added
    union all
    select id::int, name from organisations where region_id = ${regionId} and name = any(${names}::text[])`
  for (const r of rows) known.set(r.name, r.id)
  // Committed by another transaction after this statement's snapshot: a new statement sees it.
  const missing = names.filter((n) => !known.has(n))
  if (missing.length) {
    for (const r of await tx<{ id: number; name: string }[]>`select id::int, name from organisations where region_id = ${regionId} and name = any(${missing}::text[])`) {
      known.set(r.name, r.id)
    }
  }
  const still = names.find((n) => !known.has(n))
  if (still !== undefined) throw new Error(`ensureOrganisations: no organisation «${still}»`)
}

/** `n` fresh ids of people, reserved from their sequence (not necessarily consecutive). */
export async function reservePersonIds(n: number, tx: Tx): Promise<number[]> {
  if (n === 0) return []
  const [{ ids }] = await tx<{ ids: string }[]>`
    select string_agg(nextval((select pg_get_serial_sequence('people', 'id'))::regclass)::text, ',') as ids from generate_series(1, ${n}::int)`
  return ids.split(',').map(Number)
}

/** COPY of ready lines into `table`, ended and confirmed. */
async function copyInto(tx: Tx, table: string, columns: string, lines: string[]): Promise<void> {
  const w = await tx.unsafe(`copy ${table} (${columns}) from stdin`).writable()
  w.on('error', () => {})
  await writeCopy(w, lines)
  await endCopy(w, tx)
}

/**
 * A chunk of new nominations (no application yet) as COPY lines for people,
 * person_private and applications, formatted as the file is read: only the
 * organisation's id waits for the write, which may have to create it first.
 */
export class NewNominations {
  private people: { head: string; organisation: string; tail: string }[] = []
  private applications: string[] = []
  private privates: string[] = []
  /** The same for every row: the campaign, the region, who nominated, the initial workflow snapshot. */
  private readonly appHead: string
  private readonly appTail: string
  private readonly by: string

  constructor(private c: BatchContext) {
    const init = c.initialApplication
    this.appHead = `${c.campaignId}\t${c.regionId}\t`
    this.appTail = `\t${escText(JSON.stringify(init.snapshot))}\t${escText(init.state)}\t${escText(init.machineVersion)}\n`
    this.by = esc(c.actorUserId)
  }

  get size(): number {
    return this.applications.length
  }

  /** Row `r` as the person `personId` (a reserved id) and their draft application. */
  add(r: StagedNomination, personId: number): void {
    const municipality = esc(r.municipalityId)
    this.people.push({
      head: `${personId}\t${this.c.regionId}\t${municipality}\t${escText(r.lastName)}\t${escText(r.firstName)}\t${escText(r.middleName)}\t`,
      organisation: r.organisation,
      tail: `\t${escText(r.position)}\t${escText(r.email)}\t${escText(arrayLiteral(r.subjects))}\n`,
    })
    this.applications.push(
      `${this.appHead}${municipality}\t${personId}\t${this.by}\tmunicipality\t${esc(r.directionId)}\t${esc(r.groupId)}\t${escText(JSON.stringify(r.facts))}${this.appTail}`,
    )
    // The birth date is private (PRODUCT §6), never a column of people.
    if (r.birthDate !== null) this.privates.push(`${personId}\t${r.birthDate}\n`)
  }

  /**
   * Into people, person_private and applications by COPY; `organisations`
   * holds every row's organisation. New drafts get no audit row of their own
   * (decision 0004: the import's row covers them).
   */
  async copy(organisations: Map<string, number>, tx: Tx, opts: { replan: boolean }): Promise<number> {
    if (this.size === 0) return 0
    const people = this.people.map((p) => {
      const id = organisations.get(p.organisation)
      if (id === undefined) throw new Error(`NewNominations: no organisation «${p.organisation}»`)
      return `${p.head}${id}${p.tail}`
    })
    await copyInto(tx, 'people', 'id, region_id, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects', people)
    // A big file's first chunk: fresh statistics, with the chunk's people in
    // them, so the session plans the applications' check of their person by
    // its index (a plan made on an empty table scans it, for every row after).
    if (opts.replan && this.size >= 1000) await tx`analyze people, applications`
    if (this.privates.length) await copyInto(tx, 'person_private', 'person_id, birth_date', this.privates)
    await copyInto(
      tx,
      'applications',
      'campaign_id, region_id, municipality_id, person_id, nominated_by, source, direction_id, group_id, facts, snapshot, state, machine_version',
      this.applications,
    )
    return this.size
  }
}

/**
 * The staged rows (a chunk of the file) into the real tables, set-based, in the caller's
 * transaction: organisations the region lacks (a name seen first in a
 * municipality belongs to it), then new people with their draft
 * applications (source 'municipality'), then the drafts a newer file
 * changes, each with its IMPORT_UPDATE audit row. New drafts get no audit
 * row of their own (decision 0004: the import's row covers them).
 */
export async function commitStagedNominations(
  c: BatchContext,
  tx: Tx,
  opts: { replan: boolean; rows: number; created: number },
): Promise<{ created: number; updated: number }> {
  if (opts.rows === 0) return { created: 0, updated: 0 }
  // A big file's first chunk: fresh statistics, which also make the session
  // replan its foreign-key checks. PGlite's one long-lived backend keeps the
  // plans it made when people was nearly empty (sequential scans), and each
  // of the file's rows would scan the whole table. Later chunks need none
  // (an ANALYZE per chunk cost a tenth of the import): the staging table is
  // read whole, and the joins go by unique indexes.
  // One round trip for the chunk: postgres.js sends queries issued together
  // back to back on the transaction's connection (a loaded machine pays a
  // scheduling delay per round trip). Whatever fails aborts the transaction,
  // so a statement sent after a failed one changes nothing that stays.
  const analyzed = opts.replan && opts.rows >= 1000 ? tx`analyze import_stage, people, applications` : null
  const organisations = tx`
    insert into organisations (region_id, municipality_id, name)
    select distinct on (s.organisation) ${c.regionId}::bigint, s.municipality_id, s.organisation
    from import_stage s
    where not exists (select 1 from organisations o where o.region_id = ${c.regionId} and o.name = s.organisation)
    order by s.organisation, s.row_no
    on conflict (region_id, name) do nothing`
  const init = c.initialApplication
  const expected = opts.created
  const inserted = expected === 0 ? null : tx<{ created: number }[]>`
    with src as materialized (
      select nextval(pg_get_serial_sequence('people', 'id')) as person_id, o.id as organisation_id, s.row_no, s.municipality_id,
             s.last_name, s.first_name, s.middle_name, s.work_email, s.position, s.subjects, s.group_id, s.direction_id, s.facts, s.birth_date
      from (select * from import_stage where application_id is null order by row_no) s
      join organisations o on o.region_id = ${c.regionId} and o.name = s.organisation
    ), new_people as (
      insert into people (id, region_id, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects)
      overriding system value
      select person_id, ${c.regionId}, municipality_id, last_name, first_name, middle_name, organisation_id, position, work_email, subjects
      from src order by row_no
    ), new_private as (
      -- The birth date is private (PRODUCT §6), never a column of people.
      insert into person_private (person_id, birth_date)
      select person_id, birth_date from src where birth_date is not null
    ), inserted as (
      insert into applications (campaign_id, region_id, municipality_id, person_id, nominated_by, source, direction_id, group_id,
                                facts, snapshot, state, machine_version)
      select ${c.campaignId}, ${c.regionId}, municipality_id, person_id, ${c.actorUserId}, 'municipality', direction_id, group_id,
             facts, ${tx.json(init.snapshot as never)}, ${init.state}, ${init.machineVersion}
      from src order by row_no
      returning 1
    )
    select count(*)::int as created from inserted`
  const updated = opts.rows === expected ? null : tx`
    with src as materialized (
      select s.*, o.id as organisation_id
      from import_stage s join organisations o on o.region_id = ${c.regionId} and o.name = s.organisation
      where s.application_id is not null
    ), changed as (
      update applications a set
        municipality_id = s.municipality_id, group_id = s.group_id, direction_id = s.direction_id,
        -- facts already verified on the application are kept over the file's claims
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
    from changed order by id`
  // The next chunk starts from an empty table.
  const emptied = tx`truncate import_stage`
  const [, , rows, changed] = await Promise.all([analyzed, organisations, inserted, updated, emptied])
  const created = rows?.[0].created ?? 0
  // An organisation missing from the join would drop its rows silently.
  if (created !== expected) throw new Error(`commitStagedNominations: ${created} of ${expected} rows inserted`)
  return { created, updated: changed?.count ?? 0 }
}
