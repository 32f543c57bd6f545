import { db, type Db } from '../client.server'

export async function ensureRegionalRoster(regionId: number, name: string, tx: Db = db()): Promise<number> {
  const [found] = await tx<{ id: number }[]>`select id::int from rosters where region_id = ${regionId} and level = 'regional'`
  if (found) return found.id
  const [row] = await tx<{ id: number }[]>`
    insert into rosters (region_id, level, name) values (${regionId}, 'regional', ${name}) returning id::int`
  return row.id
}

export async function regionalRosterId(regionId: number, tx: Db = db()): Promise<number | undefined> {
  const [row] = await tx<{ id: number }[]>`select id::int from rosters where region_id = ${regionId} and level = 'regional'`
  return row?.id
}

/** The municipality's own roster (level 'municipal'), made on demand with its first campaign (issue 10 §6). */
export async function ensureMunicipalRoster(regionId: number, municipalityId: number, name: string, tx: Db = db()): Promise<number> {
  await tx`
    insert into rosters (region_id, municipality_id, level, name) values (${regionId}, ${municipalityId}, 'municipal', ${name})
    on conflict (municipality_id) where level = 'municipal' do nothing`
  const [row] = await tx<{ id: number }[]>`select id::int from rosters where municipality_id = ${municipalityId} and level = 'municipal'`
  return row.id
}
