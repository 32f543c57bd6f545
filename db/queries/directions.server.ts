import { db, type Db } from '../client.server'

export async function upsertDirections(
  regionId: number,
  directions: { code: string; name: string; groups: { code: string; name: string }[] }[],
  tx: Db = db(),
): Promise<void> {
  for (const [i, d] of directions.entries()) {
    const [row] = await tx<{ id: number }[]>`
      insert into directions (region_id, code, name, position) values (${regionId}, ${d.code}, ${d.name}, ${i})
      on conflict (region_id, code) do update set name = excluded.name, position = excluded.position
      returning id::int`
    if (d.groups.length === 0) continue
    const groups = d.groups.map((g, j) => ({ direction_id: row.id, code: g.code, name: g.name, position: j }))
    await tx`
      insert into roster_groups ${tx(groups)}
      on conflict (direction_id, code) do update set name = excluded.name, position = excluded.position`
  }
}

export type GroupRow = { id: number; code: string; name: string; directionId: number; directionName: string }

export async function groupsOf(regionId: number, tx: Db = db()): Promise<GroupRow[]> {
  return tx<GroupRow[]>`
    select g.id::int, g.code, g.name, d.id::int as "directionId", d.name as "directionName"
    from roster_groups g join directions d on d.id = g.direction_id
    where d.region_id = ${regionId} order by d.position, g.position`
}
