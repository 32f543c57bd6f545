import { timeZoneSchema } from '~/model/inputs/region'
import { db, readDb, type Db } from '../client.server'

export type RegionSettings = {
  coverage: { maxTeachersPerMember: number; clause: string } | null
  // The quorum is not here: meetings read each commission's quorum_fraction (the one source of truth).
  subjects: string[]
}
export type Region = {
  id: number
  code: string
  name: string
  /** IANA zone of the region's dates, deadlines and times (PRODUCT §12). */
  timeZone: string
  ministryName: string
  siteUrl: string
  /** Years from the order to the end of a member's term (publication, the order's text). */
  termYears: number
  settings: RegionSettings
  operator: Record<string, unknown>
}

export async function upsertRegion(
  r: { code: string; name: string; timeZone: string; operator: object; ministryName: string; siteUrl: string; settings: RegionSettings },
  tx: Db = db(),
): Promise<number> {
  // An existing region keeps its zone: the preset gives the first value, the region's own setting wins afterwards.
  const [row] = await tx<{ id: number }[]>`
    insert into regions (code, name, time_zone, operator, ministry_name, site_url, settings)
    values (${r.code}, ${r.name}, ${timeZoneSchema.parse(r.timeZone)}, ${tx.json(r.operator as never)}, ${r.ministryName}, ${r.siteUrl}, ${tx.json(r.settings as never)})
    on conflict (code) do update set name = excluded.name
    returning id::int`
  return row.id
}

/** Sets the region's zone (validated by the caller; the table's check refuses an unknown one). The previous zone, or undefined if no such region. */
export async function updateRegionTimeZone(regionId: number, timeZone: string, tx: Db = db()): Promise<string | undefined> {
  const [row] = await tx<{ previous: string }[]>`
    update regions r set time_zone = ${timeZone} from regions prev
    where r.id = ${regionId} and prev.id = r.id
    returning prev.time_zone as previous`
  return row?.previous
}

/** The region's IANA zone, or undefined if no such region. */
export async function regionTimeZone(regionId: number, tx: Db = readDb()): Promise<string | undefined> {
  const [row] = await tx<{ timeZone: string }[]>`select time_zone as "timeZone" from regions where id = ${regionId}`
  return row?.timeZone
}

/** The zone of the region a person record belongs to. */
export async function personRegionTimeZone(personId: number, tx: Db = db()): Promise<string | undefined> {
  const [row] = await tx<{ timeZone: string }[]>`
    select r.time_zone as "timeZone" from people p join regions r on r.id = p.region_id where p.id = ${personId}`
  return row?.timeZone
}

/** Zones of several regions at once (lists that span regions, such as staff exports). */
export async function regionTimeZones(regionIds: number[], tx: Db = db()): Promise<Map<number, string>> {
  if (regionIds.length === 0) return new Map()
  const rows = await tx<{ id: number; timeZone: string }[]>`
    select id::int, time_zone as "timeZone" from regions where id = any(${[...new Set(regionIds)]}::bigint[])`
  return new Map(rows.map((r) => [r.id, r.timeZone]))
}

const regionCols = (tx: Db) =>
  tx`id::int, code, name, time_zone as "timeZone", ministry_name as "ministryName", site_url as "siteUrl", term_years as "termYears", settings, operator`

export async function regionByCode(code: string, tx: Db = readDb()): Promise<Region | undefined> {
  const [row] = await tx<Region[]>`select ${regionCols(tx)} from regions where code = ${code}`
  return row
}

/**
 * A region whose name is this one up to case and spaces («томская  область »
 * is «Томская область»), for refusing a second region of the same name.
 */
export async function regionByName(name: string, tx: Db = db()): Promise<Region | undefined> {
  const [row] = await tx<Region[]>`
    select ${regionCols(tx)} from regions
    where ru_lower(regexp_replace(btrim(name), '[[:space:]]+', ' ', 'g')) = ru_lower(regexp_replace(btrim(${name}), '[[:space:]]+', ' ', 'g'))
    order by id limit 1`
  return row
}

/**
 * Serialises creating regions until the transaction ends, so two
 * administrators creating one name at once cannot both pass the name check.
 * why not a unique index: a database may already hold two regions of one
 * name (made before the check), and the test fixtures install one preset
 * under many codes with the preset's name.
 */
export async function lockRegionCreation(tx: Db): Promise<void> {
  await tx`select pg_advisory_xact_lock(727004)`
}

export async function regionById(id: number, tx: Db = db()): Promise<Region | undefined> {
  const [row] = await tx<Region[]>`select ${regionCols(tx)} from regions where id = ${id}`
  return row
}

export async function listRegions(tx: Db = db()): Promise<Region[]> {
  return tx<Region[]>`select ${regionCols(tx)} from regions order by name`
}

export type Municipality = {
  id: number
  code: string
  name: string
  kind: string
  teachersCount: number
  /** The year the count is for, its source, and whether it is an estimate (shown as «оценка»). */
  teachersYear: number | null
  teachersSource: string
  teachersEstimated: boolean
}

export async function upsertMunicipalities(
  regionId: number,
  list: { code: string; name: string; kind: string; teachers: number }[],
  estimated: { source: string; estimated: boolean } = { source: '', estimated: false },
  tx: Db = db(),
): Promise<void> {
  if (list.length === 0) return
  const rows = list.map((m) => ({
    region_id: regionId,
    code: m.code,
    name: m.name,
    kind: m.kind,
    teachers_count: m.teachers,
    teachers_source: estimated.source,
    teachers_estimated: estimated.estimated,
  }))
  await tx`
    insert into municipalities ${tx(rows)}
    on conflict (region_id, code) do update set name = excluded.name, kind = excluded.kind`
}

export async function municipalitiesOf(regionId: number, tx: Db = db()): Promise<Municipality[]> {
  return tx<Municipality[]>`
    select id::int, code, name, kind, teachers_count as "teachersCount", teachers_year as "teachersYear",
           teachers_source as "teachersSource", teachers_estimated as "teachersEstimated"
    from municipalities where region_id = ${regionId} order by name`
}

/** A new region; undefined when the code is taken (the caller says so in Russian). */
export async function insertRegion(
  r: { code: string; name: string; timeZone: string; operator: object; ministryName: string; siteUrl: string; settings: RegionSettings },
  tx: Db = db(),
): Promise<number | undefined> {
  const [row] = await tx<{ id: number }[]>`
    insert into regions (code, name, time_zone, operator, ministry_name, site_url, settings)
    values (${r.code}, ${r.name}, ${timeZoneSchema.parse(r.timeZone)}, ${tx.json(r.operator as never)}, ${r.ministryName}, ${r.siteUrl}, ${tx.json(r.settings as never)})
    on conflict (code) do nothing
    returning id::int`
  return row?.id
}

export type RegionGeneral = { name: string; termYears: number; ministryName: string; siteUrl: string }

/** The region's name, term, ministry and site (the time zone has updateRegionTimeZone). */
export async function updateRegionGeneral(regionId: number, g: RegionGeneral, tx: Db = db()): Promise<void> {
  await tx`
    update regions set name = ${g.name}, term_years = ${g.termYears}, ministry_name = ${g.ministryName}, site_url = ${g.siteUrl}
    where id = ${regionId}`
}

/** The personal-data operator named in the consent texts (`demo`: still the preset's sample). */
export async function updateRegionOperator(regionId: number, operator: { name: string; inn: string; ogrn: string; address: string; demo?: boolean }, tx: Db = db()): Promise<void> {
  await tx`update regions set operator = ${tx.json(operator)} where id = ${regionId}`
}

/** Years of a member's term in the region (3 unless the region set another). */
export async function regionTermYears(regionId: number, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ termYears: number }[]>`select term_years as "termYears" from regions where id = ${regionId}`
  return row?.termYears ?? 3
}

/** The day the region's school year (the evaluation period, issue 10 §2.2) starts. */
export async function evaluationYearStart(regionId: number, tx: Db = db()): Promise<{ month: number; day: number } | undefined> {
  const [row] = await tx<{ month: number; day: number }[]>`
    select evaluation_year_month as month, evaluation_year_day as day from regions where id = ${regionId}`
  return row
}

export async function setEvaluationYearStart(regionId: number, start: { month: number; day: number }, tx: Db = db()): Promise<void> {
  await tx`update regions set evaluation_year_month = ${start.month}, evaluation_year_day = ${start.day} where id = ${regionId}`
}
