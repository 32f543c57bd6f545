import type { PublicField } from '../../app/domain/consent'
import type { RosterFilter } from '../../app/domain/roster-filter'
import { db, type Db } from '../client.server'

// The ONLY queries that feed public pages and open data. Every field is
// selected through `allowed()`: it is null unless the member's current
// dissemination consent names it. Private columns (person_private) are not
// joined at all.

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

const allowed = (tx: Db, field: PublicField, expr: ReturnType<Db["unsafe"]>) =>
  tx`case when ${field} = any(c.fields) then ${expr} end`

function fromVisible(tx: Db) {
  return tx`
    members m
    join people p on p.id = m.person_id
    join consents c on c.person_id = p.id and c.purpose = 'dissemination'
      and c.withdrawn_at is null and c.superseded_at is null and (c.valid_until is null or c.valid_until >= current_date)
    join regions r on r.id = m.region_id
    join rosters ro on ro.id = m.roster_id
    left join organisations o on o.id = p.organisation_id
    left join municipalities mu on mu.id = p.municipality_id
    left join roster_groups g on g.id = m.group_id
    left join directions d on d.id = m.direction_id
    left join orders ord on ord.id = m.admitted_order_id`
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

function where(tx: Db, f: Partial<RosterFilter>) {
  // A filter on a field only matches members who allowed that field: a list
  // filtered by municipality must not reveal the municipality of someone who
  // did not consent to show it.
  const parts = [tx`m.public and m.state = 'active' and 'fullName' = any(c.fields)`]
  if (f.region) parts.push(tx`r.code = ${f.region}`)
  if (f.level) parts.push(tx`ro.level = ${f.level}`)
  if (f.municipality) parts.push(tx`mu.code = ${f.municipality} and 'municipality' = any(c.fields)`)
  if (f.subject) parts.push(tx`${f.subject} = any(m.subjects) and 'subjects' = any(c.fields)`)
  if (f.group) parts.push(tx`g.code = ${f.group} and 'group' = any(c.fields)`)
  for (const word of (f.q ?? '').split(' ').filter(Boolean)) {
    const like = `%${escapeLike(word)}%`
    parts.push(tx`(p.sort_key like ${like} or ('workplace' = any(c.fields) and o.search_key like ${like}))`)
  }
  return parts.reduce((acc, part) => tx`${acc} and ${part}`)
}

function columns(tx: Db) {
  return tx`
    m.id::int, trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName",
    r.code as "regionCode", r.name as "regionName", ro.level,
    ${allowed(tx, 'workplace', tx`o.name`)} as workplace,
    ${allowed(tx, 'position', tx`nullif(p.position, '')`)} as position,
    ${allowed(tx, 'subjects', tx`m.subjects`)} as subjects,
    ${allowed(tx, 'workEmail', tx`p.work_email`)} as "workEmail",
    ${allowed(tx, 'municipality', tx`mu.name`)} as municipality,
    ${allowed(tx, 'group', tx`d.name`)} as direction,
    ${allowed(tx, 'group', tx`g.name`)} as "group",
    ${allowed(tx, 'order', tx`ord.number`)} as "orderNumber",
    ${allowed(tx, 'order', tx`to_char(ord.date, 'YYYY-MM-DD')`)} as "orderDate"`
}

export async function publicMembersPage(
  f: RosterFilter,
  pageSize: number,
  tx: Db = db(),
): Promise<{ total: number; members: PublicMember[] }> {
  const rows = await tx<(PublicMember & { total: number })[]>`
    select ${columns(tx)}, count(*) over ()::int as total
    from ${fromVisible(tx)}
    where ${where(tx, f)}
    order by p.sort_key collate "C", m.id
    limit ${pageSize} offset ${(f.page - 1) * pageSize}`
  if (rows.length === 0 && f.page > 1) {
    const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from ${fromVisible(tx)} where ${where(tx, f)}`
    return { total: n, members: [] }
  }
  return { total: rows[0]?.total ?? 0, members: rows.map(({ total: _t, ...m }) => m) }
}

/** Every matching member, streamed in batches (open data). */
export async function* publicMembersAll(f: RosterFilter, tx: Db = db()): AsyncGenerator<PublicMember[]> {
  const cursor = tx<PublicMember[]>`
    select ${columns(tx)} from ${fromVisible(tx)} where ${where(tx, f)} order by p.sort_key collate "C", m.id`.cursor(2000)
  for await (const rows of cursor) yield rows
}

export type RegionPublicInfo = {
  code: string
  name: string
  siteUrl: string
  operator: Record<string, string>
  members: number
  lastChange: Date | null
  orders: { number: string; date: string; title: string }[]
}

export async function regionPublicInfo(code: string, tx: Db = db()): Promise<RegionPublicInfo | undefined> {
  const [region] = await tx<{ id: number; code: string; name: string; siteUrl: string; operator: Record<string, string> }[]>`
    select id::int, code, name, site_url as "siteUrl", operator from regions where code = ${code}`
  if (!region) return undefined
  const [stats] = await tx<{ members: number; lastChange: Date | null }[]>`
    select count(*) filter (where ${where(tx, { region: code })})::int as members,
           max(greatest(m.updated_at, c.given_at)) as "lastChange"
    from ${fromVisible(tx)} where r.code = ${code}`
  const orders = await tx<{ number: string; date: string; title: string }[]>`
    select number, to_char(date, 'YYYY-MM-DD') as date, title from orders
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
export async function filterOptions(regionCode: string | undefined, tx: Db = db()): Promise<FilterOptions> {
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
