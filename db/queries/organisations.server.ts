import { db, type Db } from '../client.server'

/** Organisations are keyed by (region, name): the same school named twice is one row. */
export async function ensureOrganisation(
  o: { regionId: number; municipalityId: number | null; name: string },
  tx: Db = db(),
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into organisations (region_id, municipality_id, name) values (${o.regionId}, ${o.municipalityId}, ${o.name})
    on conflict (region_id, name) do update set name = excluded.name
    returning id::int`
  return row.id
}
