import { db, type Db } from '../client.server'

export async function ensureCommission(regionId: number, name: string, quorumFraction: number | null, tx: Db = db()): Promise<number> {
  const [found] = await tx<{ id: number }[]>`select id::int from commissions where region_id = ${regionId} and name = ${name}`
  if (found) return found.id
  const [row] = await tx<{ id: number }[]>`
    insert into commissions (region_id, name, quorum_fraction) values (${regionId}, ${name}, ${quorumFraction}) returning id::int`
  return row.id
}

/** A municipality's own commission by name, made when missing (issue 10 §6); the region's quorum rule. */
export async function ensureMunicipalCommission(regionId: number, municipalityId: number, name: string, tx: Db = db()): Promise<number> {
  const [found] = await tx<{ id: number }[]>`
    select id::int from commissions where region_id = ${regionId} and municipality_id = ${municipalityId} and name = ${name}`
  if (found) return found.id
  const [row] = await tx<{ id: number }[]>`
    insert into commissions (region_id, municipality_id, name, quorum_fraction)
    values (${regionId}, ${municipalityId}, ${name},
            (select quorum_fraction from commissions where region_id = ${regionId} and municipality_id is null order by id limit 1))
    returning id::int`
  return row.id
}

export async function addCommissionMember(
  m: { commissionId: number; userId: number; role: 'chair' | 'secretary' | 'member'; organisationId: number | null },
  tx: Db = db(),
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into commission_members (commission_id, user_id, role, organisation_id)
    values (${m.commissionId}, ${m.userId}, ${m.role}, ${m.organisationId})
    on conflict (commission_id, user_id) do update set role = excluded.role
    returning id::int`
  return row.id
}

export async function commissionsOfRegion(regionId: number, tx: Db = db()): Promise<Commission[]> {
  return tx<Commission[]>`
    select c.id::int, c.region_id::int as "regionId", c.municipality_id::int as "municipalityId", c.name,
           c.quorum_fraction::float8 as "quorumFraction", r.time_zone as "timeZone"
    from commissions c join regions r on r.id = c.region_id where c.region_id = ${regionId} order by c.id`
}

export type CommissionRole = 'chair' | 'secretary' | 'member'

export type CommissionMemberRow = {
  id: number
  commissionId: number
  userId: number
  login: string
  name: string
  role: CommissionRole
  organisationId: number | null
  organisationName: string | null
  active: boolean
}

const compositionCols = (tx: Db) => tx`
  cm.id::int, cm.commission_id::int as "commissionId", cm.user_id::int as "userId", u.login, u.display_name as name,
  cm.role, cm.organisation_id::int as "organisationId", o.name as "organisationName", cm.active`

/** The composition as the coordinator manages it: with logins, inactive members last. */
export async function commissionCompositionOf(commissionId: number, tx: Db = db()): Promise<CommissionMemberRow[]> {
  return tx<CommissionMemberRow[]>`
    select ${compositionCols(tx)}
    from commission_members cm join users u on u.id = cm.user_id left join organisations o on o.id = cm.organisation_id
    where cm.commission_id = ${commissionId}
    order by cm.active desc, case cm.role when 'chair' then 0 when 'secretary' then 1 else 2 end, u.display_name`
}

/** Locks the member row for the rest of the transaction. */
export async function commissionMemberForUpdate(id: number, tx: Db): Promise<CommissionMemberRow | undefined> {
  const [row] = await tx<CommissionMemberRow[]>`
    select ${compositionCols(tx)}
    from commission_members cm join users u on u.id = cm.user_id left join organisations o on o.id = cm.organisation_id
    where cm.id = ${id} for update of cm`
  return row
}

/** Adds the user to the commission, or brings a former member back with the new role. */
export async function upsertCommissionMember(
  m: { commissionId: number; userId: number; role: CommissionRole; organisationId: number | null },
  tx: Db = db(),
): Promise<{ id: number; previousRole: CommissionRole | null; wasActive: boolean }> {
  const [before] = await tx<{ role: CommissionRole; active: boolean }[]>`
    select role, active from commission_members where commission_id = ${m.commissionId} and user_id = ${m.userId} for update`
  const [row] = await tx<{ id: number }[]>`
    insert into commission_members (commission_id, user_id, role, organisation_id, active)
    values (${m.commissionId}, ${m.userId}, ${m.role}, ${m.organisationId}, true)
    on conflict (commission_id, user_id) do update set role = excluded.role, organisation_id = excluded.organisation_id, active = true
    returning id::int`
  return { id: row.id, previousRole: before?.role ?? null, wasActive: before?.active ?? false }
}

export async function updateCommissionMember(
  id: number,
  patch: { role?: CommissionRole; organisationId?: number | null; active?: boolean },
  tx: Db = db(),
): Promise<void> {
  const [cur] = await tx<{ role: CommissionRole; organisationId: number | null; active: boolean }[]>`
    select role, organisation_id::int as "organisationId", active from commission_members where id = ${id}`
  if (!cur) return
  await tx`
    update commission_members
    set role = ${patch.role ?? cur.role},
        organisation_id = ${patch.organisationId === undefined ? cur.organisationId : patch.organisationId},
        active = ${patch.active ?? cur.active}
    where id = ${id}`
}

/** `timeZone`: the region's, for the commission's meeting times and protocols (PRODUCT §12). */
/** `municipalityId`: a municipal selection's commission (issue 10 §6); null for the region's. */
export type Commission = { id: number; regionId: number; municipalityId: number | null; name: string; quorumFraction: number | null; timeZone: string }

/** The region's own commission (the first that is not a municipality's): it decides the region's indicator report. */
export async function regionalCommissionId(regionId: number, tx: Db = db()): Promise<number | null> {
  const [row] = await tx<{ id: number | null }[]>`select min(id)::int as id from commissions where region_id = ${regionId} and municipality_id is null`
  return row?.id ?? null
}

export async function commissionById(id: number, tx: Db = db()): Promise<Commission | undefined> {
  const [row] = await tx<Commission[]>`
    select c.id::int, c.region_id::int as "regionId", c.municipality_id::int as "municipalityId", c.name,
           c.quorum_fraction::float8 as "quorumFraction", r.time_zone as "timeZone"
    from commissions c join regions r on r.id = c.region_id where c.id = ${id}`
  return row
}

/** Serialises work on one commission (reviewer assignment, protocol numbers) inside a transaction. */
export async function lockCommission(id: number, tx: Db): Promise<void> {
  await tx`select id from commissions where id = ${id} for update`
}

export type CommissionMember = {
  id: number
  commissionId: number
  userId: number
  role: 'chair' | 'secretary' | 'member'
  organisationId: number | null
  organisationName: string | null
  fullName: string
  position: string | null
  active: boolean
}

const memberCols = (tx: Db) => tx`
  cm.id::int, cm.commission_id::int as "commissionId", cm.user_id::int as "userId", cm.role,
  cm.organisation_id::int as "organisationId", o.name as "organisationName", u.display_name as "fullName",
  nullif(p.position, '') as position,
  -- a switched-off account neither votes, nor counts towards the quorum, nor is given reviews
  (cm.active and u.active) as active`

const memberFrom = (tx: Db) => tx`
  commission_members cm join users u on u.id = cm.user_id
  left join people p on p.id = u.person_id left join organisations o on o.id = cm.organisation_id`

/** Every member of the commission (chair first, then secretary, then members by name). */
export async function commissionMembersOf(commissionId: number, opts: { activeOnly?: boolean } = {}, tx: Db = db()): Promise<CommissionMember[]> {
  return tx<CommissionMember[]>`
    select ${memberCols(tx)} from ${memberFrom(tx)}
    where cm.commission_id = ${commissionId} and (${!opts.activeOnly} or (cm.active and u.active))
    order by case cm.role when 'chair' then 0 when 'secretary' then 1 else 2 end, u.display_name, cm.id`
}

export async function commissionMemberByUser(commissionId: number, userId: number, tx: Db = db()): Promise<CommissionMember | undefined> {
  const [row] = await tx<CommissionMember[]>`
    select ${memberCols(tx)} from ${memberFrom(tx)} where cm.commission_id = ${commissionId} and cm.user_id = ${userId}`
  return row
}

export async function commissionMemberById(id: number, tx: Db = db()): Promise<CommissionMember | undefined> {
  const [row] = await tx<CommissionMember[]>`select ${memberCols(tx)} from ${memberFrom(tx)} where cm.id = ${id}`
  return row
}

/** The quorum rule of every commission of the region (null: more than half); the previous fractions. */
export async function setRegionQuorum(regionId: number, fraction: number | null, tx: Db = db()): Promise<(number | null)[]> {
  const before = await tx<{ f: number | null }[]>`select quorum_fraction::float8 as f from commissions where region_id = ${regionId} for update`
  await tx`update commissions set quorum_fraction = ${fraction} where region_id = ${regionId}`
  return before.map((r) => r.f)
}
