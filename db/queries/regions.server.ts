import { timeZoneSchema } from '~/model/inputs/region'
import { db, type Db } from '../client.server'

export type RegionSettings = {
  coverage: { maxTeachersPerMember: number; clause: string } | null
  quorum: { fraction: number; clause: string }
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
export async function regionTimeZone(regionId: number, tx: Db = db()): Promise<string | undefined> {
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
  tx`id::int, code, name, time_zone as "timeZone", ministry_name as "ministryName", site_url as "siteUrl", settings, operator`

export async function regionByCode(code: string, tx: Db = db()): Promise<Region | undefined> {
  const [row] = await tx<Region[]>`select ${regionCols(tx)} from regions where code = ${code}`
  return row
}

export async function regionById(id: number, tx: Db = db()): Promise<Region | undefined> {
  const [row] = await tx<Region[]>`select ${regionCols(tx)} from regions where id = ${id}`
  return row
}

export async function listRegions(tx: Db = db()): Promise<Region[]> {
  return tx<Region[]>`select ${regionCols(tx)} from regions order by name`
}

export type Municipality = { id: number; code: string; name: string; kind: string; teachersCount: number }

export async function upsertMunicipalities(
  regionId: number,
  list: { code: string; name: string; kind: string; teachers: number }[],
  tx: Db = db(),
): Promise<void> {
  if (list.length === 0) return
  const rows = list.map((m) => ({ region_id: regionId, code: m.code, name: m.name, kind: m.kind, teachers_count: m.teachers }))
  await tx`
    insert into municipalities ${tx(rows)}
    on conflict (region_id, code) do update set name = excluded.name, kind = excluded.kind`
}

export async function municipalitiesOf(regionId: number, tx: Db = db()): Promise<Municipality[]> {
  return tx<Municipality[]>`
    select id::int, code, name, kind, teachers_count as "teachersCount"
    from municipalities where region_id = ${regionId} order by name`
}
