import { db, type Db } from '../client.server'

export async function ensureCommission(regionId: number, name: string, quorumFraction: number | null, tx: Db = db()): Promise<number> {
  const [found] = await tx<{ id: number }[]>`select id::int from commissions where region_id = ${regionId} and name = ${name}`
  if (found) return found.id
  const [row] = await tx<{ id: number }[]>`
    insert into commissions (region_id, name, quorum_fraction) values (${regionId}, ${name}, ${quorumFraction}) returning id::int`
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
