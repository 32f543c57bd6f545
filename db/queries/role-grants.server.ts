import type { Cursor } from '~/model/paging'
import type { Role } from '~/model/permissions'
import { db, type Db } from '../client.server'
import { afterCursor } from './keyset'

// Role grants as the people page reads them (issue 11 §1.4): who holds a role
// in a region, each grant with the name of its municipality or commission.
// Writing single grants stays in users.server.ts (grantRole, revokeRole).

export type PeopleFilter = { q: string | null; role: Role | null }

export type AccountRow = { id: number; login: string; displayName: string; active: boolean; sortKey: string }

const likeOf = (q: string | null) => (q ? `%${q.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null)

// why: the sort key and the search read the same folded name, so «Семёнов» is found as «семенов» and sorts beside it
const nameKey = (tx: Db) => tx`replace(ru_lower(u.display_name), 'ё', 'е')`

const accountsWhere = (tx: Db, regionId: number, f: PeopleFilter) => {
  const like = likeOf(f.q)
  return tx`exists (select 1 from role_grants g where g.user_id = u.id and g.region_id = ${regionId}
                      and (${f.role}::text is null or g.role = ${f.role}))
      and (${like}::text is null or ${nameKey(tx)} like ${like} or u.login like ${like})`
}

/** One page of the accounts holding a role in the region, by name (keyset on the folded name, then the id). */
export async function accountsOfRegionPage(regionId: number, f: PeopleFilter & { after: Cursor | null; limit: number }, tx: Db = db()): Promise<AccountRow[]> {
  return tx<AccountRow[]>`
    select u.id::int, u.login, u.display_name as "displayName", u.active, ${nameKey(tx)} as "sortKey"
    from users u
    where ${accountsWhere(tx, regionId, f)}
      and ${afterCursor(tx, tx`${nameKey(tx)} collate "C"`, tx`u.id`, f.after, 'asc')}
    order by ${nameKey(tx)} collate "C", u.id
    limit ${f.limit + 1}`
}

export async function countAccountsOfRegion(regionId: number, f: PeopleFilter, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ n: number }[]>`select count(*)::int as n from users u where ${accountsWhere(tx, regionId, f)}`
  return row.n
}

/** A grant with what people read for its scope. */
export type NamedGrant = {
  id: number
  userId: number
  role: Role
  regionId: number | null
  municipalityId: number | null
  commissionId: number | null
  regionName: string | null
  municipalityName: string | null
  commissionName: string | null
}

const namedCols = (tx: Db) => tx`
  g.id::int, g.user_id::int as "userId", g.role, g.region_id::int as "regionId", g.municipality_id::int as "municipalityId",
  g.commission_id::int as "commissionId", r.name as "regionName", m.name as "municipalityName", c.name as "commissionName"`

const namedFrom = (tx: Db) => tx`
  role_grants g left join regions r on r.id = g.region_id
  left join municipalities m on m.id = g.municipality_id left join commissions c on c.id = g.commission_id`

/** The grants the listed accounts hold in the region (one query for a page of the list). */
export async function grantsInRegionOf(userIds: number[], regionId: number, tx: Db = db()): Promise<NamedGrant[]> {
  if (userIds.length === 0) return []
  return tx<NamedGrant[]>`
    select ${namedCols(tx)} from ${namedFrom(tx)}
    where g.user_id = any(${userIds}::bigint[]) and g.region_id = ${regionId}
    order by g.user_id, g.id`
}

/** Every grant of one account, in any region. */
export async function namedGrantsOf(userId: number, tx: Db = db()): Promise<NamedGrant[]> {
  return tx<NamedGrant[]>`select ${namedCols(tx)} from ${namedFrom(tx)} where g.user_id = ${userId} order by g.id`
}

/** One grant, locked for the rest of the transaction. */
export async function grantForUpdate(id: number, tx: Db): Promise<NamedGrant | undefined> {
  const [row] = await tx<NamedGrant[]>`select ${namedCols(tx)} from ${namedFrom(tx)} where g.id = ${id} for update of g`
  return row
}

export async function deleteGrant(id: number, tx: Db = db()): Promise<void> {
  await tx`delete from role_grants where id = ${id}`
}

/**
 * The active accounts other than `exceptUserId` that coordinate the region.
 * Locks the region's coordinator grants, so two removals at once cannot both
 * see the other one as still there.
 */
export async function otherActiveCoordinators(regionId: number, exceptUserId: number, tx: Db): Promise<number> {
  const rows = await tx<{ userId: number; active: boolean }[]>`
    select g.user_id::int as "userId", u.active from role_grants g join users u on u.id = g.user_id
    where g.region_id = ${regionId} and g.role = 'regionalCoordinator'
    for update of g`
  return new Set(rows.filter((r) => r.active && r.userId !== exceptUserId).map((r) => r.userId)).size
}

/**
 * Is the account the region's business: it holds a role there, its person
 * record is the region's, or a role of the region was taken from it (so it
 * stays reachable after its last grant there is removed)?
 */
export async function accountTouchesRegion(userId: number, regionId: number, tx: Db = db()): Promise<boolean> {
  const [row] = await tx<{ yes: boolean }[]>`
    select exists (select 1 from role_grants where user_id = ${userId} and region_id = ${regionId})
        or exists (select 1 from users u join people p on p.id = u.person_id where u.id = ${userId} and p.region_id = ${regionId})
        or exists (select 1 from audit_events where entity = 'user' and entity_id = ${userId} and region_id = ${regionId})
        or exists (select 1 from audit_events where entity = 'commission' and region_id = ${regionId} and data->>'userId' = ${String(userId)})
      as yes`
  return row.yes
}
