import { db, type Db, type Tx } from '../client.server'
import type { Municipality } from './regions.server'

// A region's municipalities as its settings screen edits them (the list and
// the presets' bulk insert live in regions.server.ts).

export type MunicipalityRow = Municipality & { regionId: number }

export type MunicipalityFigures = { teachersCount: number; teachersYear: number | null; teachersSource: string; teachersEstimated: boolean }

export async function municipalityForUpdate(id: number, tx: Db = db()): Promise<MunicipalityRow | undefined> {
  const [row] = await tx<MunicipalityRow[]>`
    select id::int, region_id::int as "regionId", code, name, kind, teachers_count as "teachersCount", teachers_year as "teachersYear",
           teachers_source as "teachersSource", teachers_estimated as "teachersEstimated"
    from municipalities where id = ${id} for update`
  return row
}

export async function municipalityById(id: number, tx: Db = db()): Promise<MunicipalityRow | undefined> {
  const [row] = await tx<MunicipalityRow[]>`
    select id::int, region_id::int as "regionId", code, name, kind, teachers_count as "teachersCount", teachers_year as "teachersYear",
           teachers_source as "teachersSource", teachers_estimated as "teachersEstimated"
    from municipalities where id = ${id}`
  return row
}

/** Another municipality of the region with this name (names are what people and imports go by). */
export async function municipalityNamed(regionId: number, name: string, exceptId: number | null, tx: Db = db()): Promise<number | undefined> {
  const [row] = await tx<{ id: number }[]>`
    select id::int from municipalities
    where region_id = ${regionId} and ru_lower(name) = ru_lower(${name}) and (${exceptId}::bigint is null or id <> ${exceptId})`
  return row?.id
}

export async function insertMunicipality(regionId: number, m: { code: string; name: string; kind: string } & MunicipalityFigures, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into municipalities (region_id, code, name, kind, teachers_count, teachers_year, teachers_source, teachers_estimated)
    values (${regionId}, ${m.code}, ${m.name}, ${m.kind}, ${m.teachersCount}, ${m.teachersYear}, ${m.teachersSource}, ${m.teachersEstimated})
    returning id::int`
  return row.id
}

export async function updateMunicipality(id: number, m: { name: string } & MunicipalityFigures, tx: Db = db()): Promise<void> {
  await tx`
    update municipalities set name = ${m.name}, teachers_count = ${m.teachersCount}, teachers_year = ${m.teachersYear},
      teachers_source = ${m.teachersSource}, teachers_estimated = ${m.teachersEstimated}
    where id = ${id}`
}

/** What refers to the municipality, by kind, only the kinds with rows. */
export async function municipalityUses(id: number, tx: Db = db()): Promise<Record<string, number>> {
  const [row] = await tx<Record<string, number>[]>`
    select
      (select count(*)::int from people where municipality_id = ${id}) as people,
      (select count(*)::int from applications where municipality_id = ${id}) as applications,
      (select count(*)::int from organisations where municipality_id = ${id}) as organisations,
      (select count(*)::int from role_grants where municipality_id = ${id}) as grants,
      (select count(*)::int from rosters where municipality_id = ${id}) as rosters,
      (select count(*)::int from imports where municipality_id = ${id}) +
      (select count(*)::int from import_uploads where municipality_id = ${id}) as imports`
  return Object.fromEntries(Object.entries(row).filter(([, n]) => n > 0))
}

/** Deletes the municipality; false when a row the count above does not know still refers to it. */
export async function deleteMunicipality(id: number, tx: Tx): Promise<boolean> {
  return deleteUnlessReferenced(tx, (sp) => sp`delete from municipalities where id = ${id}`)
}

/**
 * Runs a delete in a savepoint of the caller's transaction and answers false
 * on a foreign-key violation, so a table added later that refers to the row
 * makes the removal refused, not a 500.
 */
export async function deleteUnlessReferenced(tx: Tx, run: (sp: Tx) => Promise<unknown>): Promise<boolean> {
  try {
    await tx.savepoint((sp) => run(sp))
    return true
  } catch (e) {
    if ((e as { code?: string }).code === '23503') return false
    throw e
  }
}
