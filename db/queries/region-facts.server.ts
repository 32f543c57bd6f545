import { db, type Db } from '../client.server'

export type RegionFactRow = { id: number; key: string; label: string; kind: 'boolean' | 'number' | 'enum'; enumValues: string[]; evidence: string[]; position: number }

/** The facts a region added to the built-in catalogue, in their order. */
export async function regionFacts(regionId: number, tx: Db = db()): Promise<RegionFactRow[]> {
  return tx<RegionFactRow[]>`
    select id::int, key, label, kind, enum_values as "enumValues", evidence, position
    from region_facts where region_id = ${regionId} order by position, id`
}

export type RegionFactInput = { key: string; label: string; kind: RegionFactRow['kind']; enumValues: string[]; evidence: string[] }

/** Adds a fact at the end of the region's list; undefined when the label is taken. */
export async function insertRegionFact(regionId: number, f: RegionFactInput, createdBy: number, tx: Db = db()): Promise<number | undefined> {
  const [row] = await tx<{ id: number }[]>`
    insert into region_facts (region_id, key, label, kind, enum_values, evidence, position, created_by)
    values (${regionId}, ${f.key}, ${f.label}, ${f.kind}, ${f.enumValues}, ${f.evidence},
            (select coalesce(max(position), 0) + 1 from region_facts where region_id = ${regionId}), ${createdBy})
    on conflict do nothing
    returning id::int`
  return row?.id
}
