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
