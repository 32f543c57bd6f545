import type { LeavingGround } from '~/model/leaving-grounds'
import { db, readDb, type Db } from '../client.server'

/** The region's stored grounds in their order, inactive ones too; empty when the region still uses the defaults. */
export async function storedGrounds(regionId: number, tx: Db = readDb()): Promise<LeavingGround[]> {
  return tx<LeavingGround[]>`
    select code, label, active from leaving_grounds where region_id = ${regionId} order by position, id`
}

/**
 * Stores the defaults for a region that has none yet (its first edit). The
 * region's row is locked first, so two first edits at once store them once.
 */
export async function storeDefaultGrounds(regionId: number, defaults: readonly LeavingGround[], tx: Db = db()): Promise<void> {
  await tx`select id from regions where id = ${regionId} for update`
  const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from leaving_grounds where region_id = ${regionId}`
  if (n > 0) return
  await tx`
    insert into leaving_grounds (region_id, code, label, position, active)
    select ${regionId}, g.code, g.label, g.ord, g.active::boolean
    from unnest(${defaults.map((d) => d.code)}::text[], ${defaults.map((d) => d.label)}::text[], ${defaults.map((d) => String(d.active))}::text[])
      with ordinality as g(code, label, active, ord)`
}

export async function renameGround(regionId: number, code: string, label: string, tx: Db = db()): Promise<boolean> {
  const rows = await tx`update leaving_grounds set label = ${label} where region_id = ${regionId} and code = ${code} returning id`
  return rows.length === 1
}

export async function setGroundActive(regionId: number, code: string, active: boolean, tx: Db = db()): Promise<boolean> {
  const rows = await tx`update leaving_grounds set active = ${active} where region_id = ${regionId} and code = ${code} returning id`
  return rows.length === 1
}

/** Appends a ground with a fresh code (`g<n>`, n past the region's largest) at the end of the list; its code. */
export async function addGround(regionId: number, label: string, tx: Db = db()): Promise<string> {
  const [row] = await tx<{ code: string }[]>`
    insert into leaving_grounds (region_id, code, label, position)
    select ${regionId},
           'g' || (coalesce(max(case when code ~ '^g[0-9]+$' then substr(code, 2)::int end), 0) + 1),
           ${label}, coalesce(max(position), 0) + 1
    from leaving_grounds where region_id = ${regionId}
    returning code`
  return row.code
}
