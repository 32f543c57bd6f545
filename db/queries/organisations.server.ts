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

export type OrganisationOption = { id: number; name: string; municipality: string | null }

/** The region's organisations directory, for choosing one in a form. */
export async function organisationsOfRegion(regionId: number, tx: Db = db()): Promise<OrganisationOption[]> {
  return tx<OrganisationOption[]>`
    select o.id::int, o.name, mu.name as municipality
    from organisations o left join municipalities mu on mu.id = o.municipality_id
    where o.region_id = ${regionId} order by o.search_key collate "C", o.id`
}

export async function organisationById(id: number, tx: Db = db()): Promise<{ id: number; regionId: number; name: string } | undefined> {
  const [row] = await tx<{ id: number; regionId: number; name: string }[]>`
    select id::int, region_id::int as "regionId", name from organisations where id = ${id}`
  return row
}

export type WorkplaceOption = { id: number; name: string; municipalityId: number | null; regionId: number }

/** The region's organisations with their municipality ids, for the application form's workplace select. */
export async function workplaceOptions(regionId: number, tx: Db = db()): Promise<WorkplaceOption[]> {
  return tx<WorkplaceOption[]>`
    select id::int, name, municipality_id::int as "municipalityId", region_id::int as "regionId" from organisations
    where region_id = ${regionId} order by search_key collate "C", id`
}

export async function workplaceById(id: number, tx: Db = db()): Promise<WorkplaceOption | undefined> {
  const [row] = await tx<WorkplaceOption[]>`
    select id::int, name, municipality_id::int as "municipalityId", region_id::int as "regionId" from organisations where id = ${id}`
  return row
}
