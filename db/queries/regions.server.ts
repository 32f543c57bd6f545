import { db, type Db } from '../client.server'

export type RegionSettings = {
  coverage: { maxTeachersPerMember: number; clause: string } | null
  quorum: { fraction: number; clause: string }
  subjects: string[]
}
export type Region = { id: number; code: string; name: string; ministryName: string; siteUrl: string; settings: RegionSettings; operator: Record<string, unknown> }

export async function upsertRegion(
  r: { code: string; name: string; operator: object; ministryName: string; siteUrl: string; settings: RegionSettings },
  tx: Db = db(),
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into regions (code, name, operator, ministry_name, site_url, settings)
    values (${r.code}, ${r.name}, ${tx.json(r.operator as never)}, ${r.ministryName}, ${r.siteUrl}, ${tx.json(r.settings as never)})
    on conflict (code) do update set name = excluded.name
    returning id::int`
  return row.id
}

const regionCols = (tx: Db) =>
  tx`id::int, code, name, ministry_name as "ministryName", site_url as "siteUrl", settings, operator`

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
