import type { PublicField } from '~/model/consent'
import type { RosterFilter } from '~/model/roster-filter'
import { isTransaction, readDb, type Db, type Sql, type Tx } from '../client.server'

// The ONLY queries that feed public pages and open data. Rows come back
// with the member's consented field list; `toPublic()` is the one place that
// turns a row into what may be shown: a field stays null unless the current
// dissemination consent names it. Private columns (person_private) are never
// joined. Names of organisations, municipalities, groups and orders are read
// once per distinct id instead of once per member: exports of tens of
// thousands of members move a fraction of the bytes.

export type PublicMember = {
  id: number
  fullName: string
  regionCode: string
  regionName: string
  level: 'regional' | 'municipal'
  workplace: string | null
  position: string | null
  subjects: string[] | null
  workEmail: string | null
  municipality: string | null
  direction: string | null
  group: string | null
  orderNumber: string | null
  orderDate: string | null
}

type Row = {
  id: number
  lastName: string
  firstName: string
  middleName: string
  regionId: number
  rosterId: number
  organisationId: number | null
  position: string
  /** Joined with SEP: a flat string parses several times faster than a text[] over 20,000 rows. */
  subjects: string
  workEmail: string | null
  municipalityId: number | null
  groupId: number | null
  orderId: number | null
  fields: string
}

const SEP = '\u001f'
const split = (s: string) => (s ? s.split(SEP) : [])

type Names = {
  regions: Map<number, { code: string; name: string }>
  rosters: Map<number, 'regional' | 'municipal'>
  organisations: Map<number, string>
  municipalities: Map<number, string>
  groups: Map<number, { group: string; direction: string }>
  orders: Map<number, { number: string; date: string }>
}

export function toPublic(r: Row, names: Names): PublicMember {
  const allowed = new Set(split(r.fields) as PublicField[])
  const subjects = split(r.subjects)
  const show = <T>(field: PublicField, value: T | null | undefined): T | null => (allowed.has(field) && value != null && value !== '' ? value : null)
  const region = names.regions.get(r.regionId)!
  const group = r.groupId ? names.groups.get(r.groupId) : undefined
  const order = r.orderId ? names.orders.get(r.orderId) : undefined
  return {
    id: r.id,
    fullName: [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' '),
    regionCode: region.code,
    regionName: region.name,
    level: names.rosters.get(r.rosterId) ?? 'regional',
    workplace: show('workplace', r.organisationId ? names.organisations.get(r.organisationId) : null),
    position: show('position', r.position),
    subjects: show('subjects', subjects.length ? subjects : null),
    workEmail: show('workEmail', r.workEmail),
    municipality: show('municipality', r.municipalityId ? names.municipalities.get(r.municipalityId) : null),
    direction: show('group', group?.direction),
    group: show('group', group?.group),
    orderNumber: show('order', order?.number),
    orderDate: show('order', order?.date),
  }
}

/**
 * A consent «valid until D» covers all of D in the member's region and ends at
 * that region's midnight (PRODUCT §12), not at the database's UTC day. `now` is
 * the clock of the request (the public cache keys its pages on the same clock).
 */
function fromVisible(tx: Db, now: Date) {
  return tx`
    members m
    join regions mr on mr.id = m.region_id
    join people p on p.id = m.person_id
    join consents c on c.person_id = p.id and c.purpose = 'dissemination'
      and c.withdrawn_at is null and c.superseded_at is null
      and (c.valid_until is null or c.valid_until >= (${now}::timestamptz at time zone mr.time_zone)::date)`
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

function where(tx: Db, f: Partial<RosterFilter>) {
  // A filter on a field only matches members who allowed that field: a list
  // filtered by municipality must not reveal the municipality of someone who
  // did not consent to show it.
  const parts = [tx`m.public and m.state = 'active' and 'fullName' = any(c.fields)`]
  if (f.region) parts.push(tx`m.region_id = (select id from regions where code = ${f.region})`)
  if (f.level) parts.push(tx`m.roster_id in (select id from rosters where level = ${f.level})`)
  if (f.municipality) {
    parts.push(tx`p.municipality_id in (select id from municipalities where code = ${f.municipality}) and 'municipality' = any(c.fields)`)
  }
  if (f.subject) parts.push(tx`${f.subject} = any(m.subjects) and 'subjects' = any(c.fields)`)
  if (f.group) parts.push(tx`m.group_id in (select id from roster_groups where code = ${f.group}) and 'group' = any(c.fields)`)
  if (f.order) parts.push(tx`m.admitted_order_id = ${f.order} and 'order' = any(c.fields)`)
  for (const word of (f.q ?? '').split(' ').filter(Boolean)) {
    const like = `%${escapeLike(word)}%`
    parts.push(
      tx`(p.sort_key like ${like} or ('workplace' = any(c.fields) and p.organisation_id in (select id from organisations where search_key like ${like})))`,
    )
  }
  return parts.reduce((acc, part) => tx`${acc} and ${part}`)
}

const columns = (tx: Db) => tx`
  m.id::int, p.last_name as "lastName", p.first_name as "firstName", p.middle_name as "middleName",
  m.region_id::int as "regionId", m.roster_id::int as "rosterId", p.organisation_id::int as "organisationId",
  p.position, array_to_string(m.subjects, ${SEP}) as subjects, p.work_email as "workEmail",
  p.municipality_id::int as "municipalityId", m.group_id::int as "groupId", m.admitted_order_id::int as "orderId",
  array_to_string(c.fields, ${SEP}) as fields`

/** The ids of `key` in these rows that `known` does not name yet. */
const missing = (rows: Row[], key: keyof Row, known: Map<number, unknown>) => [
  ...new Set(rows.map((r) => r[key]).filter((v): v is number => typeof v === 'number' && !known.has(v))),
]

const emptyNames = (): Names => ({
  regions: new Map(),
  rosters: new Map(),
  organisations: new Map(),
  municipalities: new Map(),
  groups: new Map(),
  orders: new Map(),
})

/** Adds to `names` the directory entries these rows refer to and it lacks (a streamed file reads each once). */
async function namesFor(rows: Row[], tx: Db, names: Names = emptyNames()): Promise<Names> {
  const want = {
    regions: missing(rows, 'regionId', names.regions),
    rosters: missing(rows, 'rosterId', names.rosters),
    organisations: missing(rows, 'organisationId', names.organisations),
    municipalities: missing(rows, 'municipalityId', names.municipalities),
    groups: missing(rows, 'groupId', names.groups),
    orders: missing(rows, 'orderId', names.orders),
  }
  const none = Promise.resolve([])
  const [regions, rosters, organisations, municipalities, groups, orders] = await Promise.all([
    want.regions.length ? tx<{ id: number; code: string; name: string }[]>`select id::int, code, name from regions where id = any(${want.regions})` : none,
    want.rosters.length ? tx<{ id: number; level: 'regional' | 'municipal' }[]>`select id::int, level from rosters where id = any(${want.rosters})` : none,
    want.organisations.length ? tx<{ id: number; name: string }[]>`select id::int, name from organisations where id = any(${want.organisations})` : none,
    want.municipalities.length ? tx<{ id: number; name: string }[]>`select id::int, name from municipalities where id = any(${want.municipalities})` : none,
    want.groups.length
      ? tx<{ id: number; group: string; direction: string }[]>`
      select g.id::int, g.name as group, d.name as direction from roster_groups g join directions d on d.id = g.direction_id
      where g.id = any(${want.groups})`
      : none,
    want.orders.length
      ? tx<{ id: number; number: string; date: string }[]>`
      select id::int, number, to_char(date, 'YYYY-MM-DD') as date from orders where id = any(${want.orders})`
      : none,
  ])
  for (const r of regions) names.regions.set(r.id, r)
  for (const r of rosters) names.rosters.set(r.id, r.level)
  for (const o of organisations) names.organisations.set(o.id, o.name)
  for (const m of municipalities) names.municipalities.set(m.id, m.name)
  for (const g of groups) names.groups.set(g.id, g)
  for (const o of orders) names.orders.set(o.id, o)
  return names
}

/**
 * The open-data JSON list of a whole file (every region, or one): the
 * members exactly as `JSON.stringify` of `toPublic()` without `id` and its
 * nulls writes them, comma-separated, in roster order, and their number —
 * built by the database (publicMembersJsonSql). Read row by row into
 * JavaScript, 46,000 members cost ≈ 1.7 s of CPU across both processes;
 * this is one hash join and one string (issue 14, roster_json_all_ms). It is
 * the same whitelist as `toPublic()` (a field only when the consent names it
 * and it is not empty), and test/streamed-files.test.ts checks the two give
 * the same bytes. Narrower filters stream in batches through `toPublic()`.
 *
 * The list comes back as the UTF-8 bytes the database sent, in pieces to be
 * written one after the other: decoded into a JavaScript string and encoded
 * again for the response, its 28 MB cost the server more than the
 * statement's joins (≈ 0.3 s of CPU and 40 MB of two-byte text).
 *
 * A file of `partRows` members or more is built in parts of the roster
 * order. On a PostgreSQL server (a pool of 2 connections or more) as two
 * halves, each on its own connection, at the same time: the statement is
 * CPU-bound in one backend, and a second core halves its time. On one
 * connection (the embedded database) as parts of about `partRows` members,
 * one after the other: the statements of other requests, queued on that one
 * connection, run between two parts instead of waiting for the whole build
 * (46,000 members: ≈ 0.75 s). Each part reads the roster version in its own
 * snapshot; the parts see the same roster only when the versions are equal
 * (every change of what the file shows bumps it), otherwise the file is
 * built again in one statement. No part waits for another's connection
 * while holding its own.
 */
export async function publicMembersJsonList(
  f: Partial<RosterFilter>,
  tx: Db = readDb(),
  now: Date = new Date(),
  opts: { partRows?: number } = {},
): Promise<{ total: number; list: Uint8Array[] }> {
  if (!isTransaction(tx)) {
    const parallel = tx.options.max >= 2
    const bounds = await partBounds(tx, f, opts.partRows ?? 20_000, parallel ? 2 : null)
    if (bounds.length) {
      const ranges: Range[] = [...bounds, undefined].map((before, i) => ({ from: bounds[i - 1], before }))
      const parts: Awaited<ReturnType<typeof jsonPart>>[] = []
      if (parallel) parts.push(...(await Promise.all(ranges.map((r) => jsonPart(tx, f, now, r)))))
      else {
        for (const r of ranges) {
          parts.push(await jsonPart(tx, f, now, r))
          if (parts.at(-1)!.version !== parts[0].version) break
        }
      }
      if (parts.length === ranges.length && parts.every((p) => p.version === parts[0].version)) {
        const lists = parts.map((p) => p.list).filter((l) => l.length > 0)
        return { total: parts.reduce((n, p) => n + p.total, 0), list: lists.flatMap((l, i) => (i ? [COMMA, l] : [l])) }
      }
    }
  }
  const whole = await jsonPart(tx, f, now)
  return { total: whole.total, list: [whole.list] }
}

const COMMA = new TextEncoder().encode(',')

type Key = { sortKey: string; id: number }
/** A part of the roster order: from `from` (inclusive) to `before` (exclusive); an open end when absent. */
type Range = { from?: Key; before?: Key }

/**
 * The first member of each part but the first, in the file's roster order,
 * among the public, active members of its region (or all): the parts need not
 * be exact. As many parts as `partRows` fills, at most `maxParts`; none when
 * that is one.
 */
async function partBounds(tx: Sql, f: Partial<RosterFilter>, partRows: number, maxParts: number | null): Promise<Key[]> {
  const region = f.region ? tx`and m.region_id = (select id from regions where code = ${f.region})` : tx``
  return tx<Key[]>`
    with r as (
      select m.sort_key as k, m.id, row_number() over (order by m.sort_key collate "C", m.id) - 1 as i, count(*) over () as n
      from members m where m.public and m.state = 'active' ${region}
    ), p as (select least(${maxParts}::int, ceil(n::numeric / ${partRows}))::bigint as parts from r limit 1)
    select r.k as "sortKey", r.id::int from r, p
    where p.parts > 1 and r.i > 0 and r.i * p.parts / r.n > (r.i - 1) * p.parts / r.n
    order by r.k collate "C", r.id`
}

/** The list of the members of one part (all when none), their number, and the roster version of the same snapshot. */
async function jsonPart(tx: Db, f: Partial<RosterFilter>, now: Date, range?: Range) {
  const run = async (t: Tx) => {
    // The ordered aggregate of ≈ 25 MB sorts in memory instead of on disk.
    await t`set local work_mem = '64MB'`
    const [{ version }] = await t<{ version: string }[]>`select version::text from roster_state`
    const [[total, list]] = await publicMembersJsonSql(t, f, now, range).raw()
    return { version, total: Number(total.toString()), list: list ?? new Uint8Array(0) }
  }
  // why: the version and the list must come from one snapshot; a caller's transaction already is one
  return isTransaction(tx) ? run(tx) : (tx.begin('isolation level repeatable read read only', run) as Promise<Awaited<ReturnType<typeof run>>>)
}

/**
 * Each directory entry's JSON members, written once per entry instead of
 * once per member: 46,000 members name 4 regions, a few hundred
 * organisations and a handful of groups and orders, and `to_json` per field
 * and member was most of the statement. `offset 0` keeps each one a
 * subquery of its own (pulled up into the join, its expressions would run
 * per member again). An empty name is no member, as in `toPublic()`.
 */
function directoriesJson(tx: Db) {
  return tx`
    join (select id, '"regionCode":' || to_json(code)::text || ',"regionName":' || to_json(name)::text as j
          from regions offset 0) rj on rj.id = m.region_id
    left join (select id, ',"level":' || to_json(level)::text as j from rosters offset 0) ro on ro.id = m.roster_id
    left join (select id, ',"workplace":' || to_json(name)::text as j from organisations where name <> '' offset 0) o
      on o.id = p.organisation_id
    left join (select id, ',"municipality":' || to_json(name)::text as j from municipalities where name <> '' offset 0) mu
      on mu.id = p.municipality_id
    left join (select g.id, concat(case when d.name <> '' then ',"direction":' || to_json(d.name)::text end,
                                   case when g.name <> '' then ',"group":' || to_json(g.name)::text end) as j
               from roster_groups g left join directions d on d.id = g.direction_id offset 0) g on g.id = m.group_id
    left join (select id, concat(case when number <> '' then ',"orderNumber":' || to_json(number)::text end,
                                 ',"orderDate":' || to_json(to_char(date, 'YYYY-MM-DD'))::text) as j
               from orders offset 0) od on od.id = m.admitted_order_id`
}

function publicMembersJsonSql(tx: Db, f: Partial<RosterFilter>, now: Date, range: Range = {}) {
  const from = range.from ? tx`and (m.sort_key collate "C", m.id) >= (${range.from.sortKey}, ${range.from.id})` : tx``
  const before = range.before ? tx`and (m.sort_key collate "C", m.id) < (${range.before.sortKey}, ${range.before.id})` : tx``
  const field = (name: PublicField, key: string, value: ReturnType<Db>) =>
    tx`case when ${name} = any(c.fields) and ${value} <> '' then ${`,"${key}":`} || to_json(${value})::text end`
  const entry = (name: PublicField, json: ReturnType<Db>) => tx`case when ${name} = any(c.fields) then ${json} end`
  return tx<{ total: number; list: string | null }[]>`
    select count(*)::int as total, string_agg(j, ',' order by k collate "C", id) as list from (
      select m.id, m.sort_key as k, concat(
        '{"fullName":', to_json(concat_ws(' ', nullif(p.last_name, ''), nullif(p.first_name, ''), nullif(p.middle_name, '')))::text,
        ',', rj.j,
        coalesce(ro.j, ',"level":"regional"'),
        ${entry('workplace', tx`o.j`)},
        ${field('position', 'position', tx`p.position`)},
        case when 'subjects' = any(c.fields) and array_to_string(m.subjects, ${SEP}) <> ''
          then ',"subjects":' || array_to_json(array_remove(m.subjects, null))::text end,
        ${field('workEmail', 'workEmail', tx`p.work_email`)},
        ${entry('municipality', tx`mu.j`)},
        ${entry('group', tx`g.j`)},
        ${entry('order', tx`od.j`)},
        '}') as j
      from ${fromVisible(tx, now)}
        ${directoriesJson(tx)}
      where ${where(tx, f)} ${from} ${before}
    ) t`
}

export async function publicMembersPage(
  f: RosterFilter,
  pageSize: number,
  tx: Db = readDb(),
  now: Date = new Date(),
): Promise<{ total: number; members: PublicMember[] }> {
  const rows = await tx<(Row & { total: number })[]>`
    select ${columns(tx)}, count(*) over ()::int as total
    from ${fromVisible(tx, now)}
    where ${where(tx, f)}
    order by m.sort_key collate "C", m.id
    limit ${pageSize} offset ${(f.page - 1) * pageSize}`
  if (rows.length === 0) {
    if (f.page === 1) return { total: 0, members: [] }
    const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from ${fromVisible(tx, now)} where ${where(tx, f)}`
    return { total: n, members: [] }
  }
  const names = await namesFor(rows, tx)
  return { total: rows[0].total, members: rows.map((r) => toPublic(r, names)) }
}

/** Every matching member, in roster order (open data). */
export async function publicMembersAll(f: RosterFilter, tx: Db = readDb(), now: Date = new Date()): Promise<PublicMember[]> {
  const all: PublicMember[] = []
  const reader = publicMembersReader(f, 5000, now)
  for (let batch = await reader.next(tx); batch.length; batch = await reader.next(tx)) all.push(...batch)
  return all
}

export async function countPublicMembers(f: Partial<RosterFilter>, tx: Db = readDb(), now: Date = new Date()): Promise<number> {
  const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from ${fromVisible(tx, now)} where ${where(tx, f)}`
  return n
}

const narrowing = (f: Partial<RosterFilter>) => Boolean(f.q || f.subject || f.municipality || f.group || f.order)

/**
 * The matching members in roster order, `size` at a time: each call is one
 * short statement after the last row it returned (keyset on members.sort_key,
 * the copy of people.sort_key, and the id; indexes members_public_sort and
 * members_region_sort), so nothing is held between calls. Directory names are
 * read once per file. `now` is fixed for the whole file.
 */
export function publicMembersReader(f: RosterFilter, size: number, now: Date = new Date()) {
  let after: { key: string; id: number } | null = null
  let done = false
  /** Narrowing filters: the matching ids in roster order, read once, and how many were read. */
  let matches: number[] | null = null
  let read = 0
  const names = emptyNames()
  // why: the client is fixed when the file starts: its batches are read as
  // the client takes them, outside the render that chose the replica or not.
  const source = readDb()
  return {
    async next(tx: Db = source): Promise<PublicMember[]> {
      if (done) return []
      const keyset = after ? tx`(m.sort_key collate "C", m.id) > (${after.key}, ${after.id})` : tx`true`
      let rows: (Row & { sortKey: string })[]
      if (narrowing(f)) {
        // A search or a subject matches rows all over the name order: they
        // are found once (ids only, ≤ 8 bytes a member), and each batch reads
        // its members by id, checked against the filter again, instead of
        // matching the whole roster once per batch.
        matches ??= (
          await tx<{ id: number }[]>`select m.id::int from ${fromVisible(tx, now)} where ${where(tx, f)} order by m.sort_key collate "C", m.id`
        ).map((r) => r.id)
        const ids = matches.slice(read, read + size)
        read += ids.length
        if (read >= matches.length) done = true
        if (ids.length === 0) return []
        rows = await tx<(Row & { sortKey: string })[]>`
          select ${columns(tx)}, m.sort_key as "sortKey" from ${fromVisible(tx, now)}
          where ${where(tx, f)} and m.id = any(${ids}::bigint[])
          order by m.sort_key collate "C", m.id`
      } else {
        // Whole files, of all regions or one, walk the index
        // (members_public_sort, members_region_sort) and stop after a batch.
        rows = await tx<(Row & { sortKey: string })[]>`
          select ${columns(tx)}, m.sort_key as "sortKey" from ${fromVisible(tx, now)}
          where ${where(tx, f)} and ${keyset}
          order by m.sort_key collate "C", m.id
          limit ${size}`
        if (rows.length < size) done = true
      }
      if (rows.length === 0) return []
      const last = rows[rows.length - 1]
      after = { key: last.sortKey, id: last.id }
      await namesFor(rows, tx, names)
      return rows.map((r) => toPublic(r, names))
    },
  }
}

export type RegionPublicInfo = {
  id: number
  code: string
  name: string
  siteUrl: string
  /** The region's IANA zone: the page shows its dates in it. */
  timeZone: string
  operator: Record<string, string>
  members: number
  lastChange: Date | null
  /** Composition orders admit members (their list is the roster filtered by order); change orders do not. */
  orders: { id: number; number: string; date: string; title: string; kind: 'composition' | 'change' }[]
}

export async function regionPublicInfo(code: string, tx: Db = readDb(), now: Date = new Date()): Promise<RegionPublicInfo | undefined> {
  const [region] = await tx<{ id: number; code: string; name: string; siteUrl: string; timeZone: string; operator: Record<string, string> }[]>`
    select id::int, code, name, site_url as "siteUrl", time_zone as "timeZone", operator from regions where code = ${code}`
  if (!region) return undefined
  const [stats] = await tx<{ members: number; lastChange: Date | null }[]>`
    select count(*) filter (where ${where(tx, { region: code })})::int as members,
           max(greatest(m.updated_at, c.given_at)) as "lastChange"
    from ${fromVisible(tx, now)} where m.region_id = ${region.id}`
  const orders = await tx<RegionPublicInfo['orders']>`
    select id::int, number, to_char(date, 'YYYY-MM-DD') as date, title, kind from orders
    where region_id = ${region.id} order by date desc, id desc`
  return { ...region, members: stats.members, lastChange: stats.lastChange, orders }
}

export type FilterOptions = {
  regions: { code: string; name: string }[]
  municipalities: { code: string; name: string }[]
  groups: { code: string; name: string; direction: string }[]
  subjects: string[]
}

/** Choices for the filter form: directories only, no personal data. */
export async function filterOptions(regionCode: string | undefined, tx: Db = readDb()): Promise<FilterOptions> {
  const regions = await tx<{ code: string; name: string; subjects: string[] }[]>`
    select code, name, coalesce(settings->'subjects', '[]'::jsonb) as subjects from regions order by name`
  if (!regionCode) {
    return { regions, municipalities: [], groups: [], subjects: [...new Set(regions.flatMap((r) => r.subjects))].sort() }
  }
  const municipalities = await tx<{ code: string; name: string }[]>`
    select mu.code, mu.name from municipalities mu join regions r on r.id = mu.region_id where r.code = ${regionCode} order by mu.name`
  const groups = await tx<{ code: string; name: string; direction: string }[]>`
    select g.code, g.name, d.name as direction from roster_groups g join directions d on d.id = g.direction_id
    join regions r on r.id = d.region_id where r.code = ${regionCode} order by d.position, g.position`
  return { regions, municipalities, groups, subjects: regions.find((r) => r.code === regionCode)?.subjects ?? [] }
}

/**
 * Which of these members the public roster shows right now, by the very rule
 * of the public pages (active, public, a current dissemination consent that
 * names the full name): staff screens answer «В открытом реестре» with this,
 * so they can never say «да» about someone the public cannot see.
 */
export async function publiclyListed(memberIds: number[], tx: Db = readDb(), now: Date = new Date()): Promise<Set<number>> {
  if (memberIds.length === 0) return new Set()
  const rows = await tx<{ id: number }[]>`
    select m.id::int from ${fromVisible(tx, now)} where ${where(tx, {})} and m.id = any(${memberIds})`
  return new Set(rows.map((r) => r.id))
}

export type PublicChange = {
  id: number
  action: string
  /** The ground's code the event carried (null for RESUME, and for EXPIRE, whose ground is the end of term). */
  ground: string | null
  /** Only beside a return (RESUME) of a member the public roster lists now; else null. */
  fullName: string | null
  orderNumber: string | null
  orderDate: string | null
  /** When the change was made (the audit's time). */
  at: Date
}

/**
 * The region's public change log (issue 10 §4.2): the latest changes of the
 * composition by order, newest first. It reads the whitelist of PRODUCT §6.2
 * and no more: the kind of change, the ground's code, the order's number and
 * date, and the full name only of a member the public roster lists right now
 * (the very rule of `where()`: active, `public`, a current consent naming
 * `fullName`). The consent's purpose is «публикация списочного состава»:
 * it covers naming a member of the composition, not naming someone who left
 * it, or why (an exclusion for a violation is no part of the composition), so
 * a member who left is an unnamed line. The audit's free-text reason is never
 * selected: a coordinator writes it and it may carry health, family or work
 * details that no consent covers; the ground, a label from the region's
 * list, says why.
 */
export async function publicChangeLog(regionId: number, limit: number, tx: Db = readDb(), now: Date = new Date()): Promise<PublicChange[]> {
  return tx<PublicChange[]>`
    select a.id::int, a.action, a.data->>'ground' as ground, a.at,
           -- a name only beside a return to the active, never beside a ground: grounds are region-edited
           -- words («нарушение…») that the consent to publish the composition does not cover
           case when a.action = 'RESUME' and m.id in (select m.id from ${fromVisible(tx, now)} where ${where(tx, {})} and m.region_id = ${regionId})
             then trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) end as "fullName",
           o.number as "orderNumber", to_char(o.date, 'YYYY-MM-DD') as "orderDate"
    from audit_events a
    join members m on m.id = a.entity_id
    join people p on p.id = m.person_id
    left join orders o on o.region_id = m.region_id
      and o.id = case when jsonb_typeof(a.data->'orderId') = 'number' then (a.data->>'orderId')::bigint end
    where a.entity = 'member' and m.region_id = ${regionId} and a.action in ('SUSPEND', 'RESUME', 'EXCLUDE', 'EXPIRE')
    order by a.id desc
    limit ${limit}`
}
