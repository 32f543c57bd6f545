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

// --- the settings screen: directions and their groups of methodists -----------

export type DirectionRow = { id: number; regionId: number; code: string; name: string; position: number }
export type GroupSettingsRow = { id: number; directionId: number; code: string; name: string; position: number }

export async function directionsOf(regionId: number, tx: Db = db()): Promise<DirectionRow[]> {
  return tx<DirectionRow[]>`
    select id::int, region_id::int as "regionId", code, name, position from directions where region_id = ${regionId} order by position, id`
}

export async function groupsOfDirections(directionIds: number[], tx: Db = db()): Promise<GroupSettingsRow[]> {
  if (directionIds.length === 0) return []
  return tx<GroupSettingsRow[]>`
    select id::int, direction_id::int as "directionId", code, name, position from roster_groups
    where direction_id = any(${directionIds}::bigint[]) order by position, id`
}

export async function directionById(id: number, tx: Db = db()): Promise<DirectionRow | undefined> {
  const [row] = await tx<DirectionRow[]>`select id::int, region_id::int as "regionId", code, name, position from directions where id = ${id}`
  return row
}

export async function groupById(id: number, tx: Db = db()): Promise<(GroupSettingsRow & { regionId: number }) | undefined> {
  const [row] = await tx<(GroupSettingsRow & { regionId: number })[]>`
    select g.id::int, g.direction_id::int as "directionId", g.code, g.name, g.position, d.region_id::int as "regionId"
    from roster_groups g join directions d on d.id = g.direction_id where g.id = ${id}`
  return row
}

/** Locks the region's directions, so two coordinators reordering at once do not interleave. */
export async function lockDirections(regionId: number, tx: Db = db()): Promise<void> {
  await tx`select id from directions where region_id = ${regionId} for update`
}

export async function insertDirection(regionId: number, d: { code: string; name: string }, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into directions (region_id, code, name, position)
    values (${regionId}, ${d.code}, ${d.name}, (select coalesce(max(position) + 1, 0) from directions where region_id = ${regionId}))
    returning id::int`
  return row.id
}

export async function insertGroup(directionId: number, g: { code: string; name: string }, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into roster_groups (direction_id, code, name, position)
    values (${directionId}, ${g.code}, ${g.name}, (select coalesce(max(position) + 1, 0) from roster_groups where direction_id = ${directionId}))
    returning id::int`
  return row.id
}

export async function renameDirection(id: number, name: string, tx: Db = db()): Promise<void> {
  await tx`update directions set name = ${name} where id = ${id}`
}

export async function renameGroup(id: number, name: string, tx: Db = db()): Promise<void> {
  await tx`update roster_groups set name = ${name} where id = ${id}`
}

/** Positions 0, 1, 2… in the order given. */
export async function setDirectionOrder(ids: number[], tx: Db = db()): Promise<void> {
  for (const [i, id] of ids.entries()) await tx`update directions set position = ${i} where id = ${id}`
}

export async function setGroupOrder(ids: number[], tx: Db = db()): Promise<void> {
  for (const [i, id] of ids.entries()) await tx`update roster_groups set position = ${i} where id = ${id}`
}

/** Applications and members placed in the direction (or in one of its groups), or in the group. */
export async function directionUses(which: { directionId: number } | { groupId: number }, tx: Db = db()): Promise<{ applications: number; members: number }> {
  const cond = (t: string) =>
    'groupId' in which
      ? tx`${tx(t)}.group_id = ${which.groupId}`
      : tx`(${tx(t)}.direction_id = ${which.directionId} or ${tx(t)}.group_id in (select id from roster_groups where direction_id = ${which.directionId}))`
  const [row] = await tx<{ applications: number; members: number }[]>`
    select (select count(*)::int from applications a where ${cond('a')}) as applications,
           (select count(*)::int from members m where ${cond('m')}) as members`
  return row
}

export async function deleteGroup(id: number, tx: Db = db()): Promise<void> {
  await tx`delete from roster_groups where id = ${id}`
}

/** The direction and its (unused) groups. */
export async function deleteDirection(id: number, tx: Db = db()): Promise<void> {
  await tx`delete from roster_groups where direction_id = ${id}`
  await tx`delete from directions where id = ${id}`
}

/** Another direction of the region, or group of the direction, with this name. */
export async function directionNamed(regionId: number, name: string, exceptId: number | null, tx: Db = db()): Promise<boolean> {
  const [row] = await tx`select 1 from directions where region_id = ${regionId} and ru_lower(name) = ru_lower(${name}) and (${exceptId}::bigint is null or id <> ${exceptId})`
  return !!row
}

export async function groupNamed(directionId: number, name: string, exceptId: number | null, tx: Db = db()): Promise<boolean> {
  const [row] = await tx`select 1 from roster_groups where direction_id = ${directionId} and ru_lower(name) = ru_lower(${name}) and (${exceptId}::bigint is null or id <> ${exceptId})`
  return !!row
}
