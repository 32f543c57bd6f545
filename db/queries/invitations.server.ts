import type { Cursor } from '~/model/paging'
import type { Role } from '~/model/permissions'
import { db, type Db } from '../client.server'
import { afterCursor } from './keyset'

// Staff invitations (migration 0015). The caller hashes the token; only the
// hash reaches the database. The state is read at the database's clock.

export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired'

export type Invitation = {
  id: number
  regionId: number
  role: Role
  municipalityId: number | null
  commissionId: number | null
  email: string
  displayName: string
  invitedBy: number | null
  createdAt: Date
  expiresAt: Date
  resentCount: number
  lastSentAt: Date
  acceptedAt: Date | null
  acceptedUserId: number | null
  revokedAt: Date | null
  state: InvitationState
  regionName: string
  /** The municipality's or the commission's name, when the role has one. */
  scopeName: string | null
}

export type InvitationListRow = Invitation & { invitedByName: string | null }

const stateSql = (tx: Db) => tx`
  case when i.revoked_at is not null then 'revoked' when i.accepted_at is not null then 'accepted'
       when i.expires_at <= now() then 'expired' else 'pending' end`

const columns = (tx: Db) => tx`
  i.id::int, i.region_id::int as "regionId", i.role, i.municipality_id::int as "municipalityId",
  i.commission_id::int as "commissionId", i.email, i.display_name as "displayName", i.invited_by::int as "invitedBy",
  i.created_at as "createdAt", i.expires_at as "expiresAt", i.resent_count as "resentCount", i.last_sent_at as "lastSentAt",
  i.accepted_at as "acceptedAt", i.accepted_user_id::int as "acceptedUserId", i.revoked_at as "revokedAt",
  ${stateSql(tx)} as state, r.name as "regionName", coalesce(mu.name, c.name) as "scopeName"`

const joins = (tx: Db) => tx`
  join regions r on r.id = i.region_id
  left join municipalities mu on mu.id = i.municipality_id
  left join commissions c on c.id = i.commission_id`

const validFor = (tx: Db, ms: number) => tx`now() + ${ms}::float8 * interval '1 millisecond'`

export async function insertInvitation(
  v: {
    regionId: number
    role: Role
    municipalityId: number | null
    commissionId: number | null
    email: string
    displayName: string
    tokenHash: string
    invitedBy: number
    validForMs: number
  },
  tx: Db = db(),
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into invitations (region_id, role, municipality_id, commission_id, email, display_name, token_hash, invited_by, expires_at)
    values (${v.regionId}, ${v.role}, ${v.municipalityId}, ${v.commissionId}, ${v.email.toLowerCase()}, ${v.displayName},
            ${v.tokenHash}, ${v.invitedBy}, ${validFor(tx, v.validForMs)})
    returning id::int`
  return row.id
}

export async function invitationById(id: number, tx: Db = db()): Promise<Invitation | undefined> {
  const [row] = await tx<Invitation[]>`select ${columns(tx)} from invitations i ${joins(tx)} where i.id = ${id}`
  return row
}

/** The same, locked until the transaction ends (revoke, resend and accept queue on one invitation). */
export async function invitationForUpdate(id: number, tx: Db): Promise<Invitation | undefined> {
  const [row] = await tx<Invitation[]>`select ${columns(tx)} from invitations i ${joins(tx)} where i.id = ${id} for update of i`
  return row
}

export async function invitationByHash(tokenHash: string, tx: Db = db()): Promise<Invitation | undefined> {
  const [row] = await tx<Invitation[]>`select ${columns(tx)} from invitations i ${joins(tx)} where i.token_hash = ${tokenHash}`
  return row
}

/** By the link, locked: two uses of one link at once queue, and the second finds it accepted. */
export async function invitationByHashForUpdate(tokenHash: string, tx: Db): Promise<Invitation | undefined> {
  const [row] = await tx<Invitation[]>`select ${columns(tx)} from invitations i ${joins(tx)} where i.token_hash = ${tokenHash} for update of i`
  return row
}

/** A pending, unexpired invitation of the address for exactly this grant. */
export async function pendingInvitationFor(
  g: { email: string; role: Role; regionId: number; municipalityId: number | null; commissionId: number | null },
  tx: Db = db(),
): Promise<number | undefined> {
  const [row] = await tx<{ id: number }[]>`
    select id::int from invitations
    where email = ${g.email.toLowerCase()} and accepted_at is null and revoked_at is null and expires_at > now()
      and role = ${g.role} and region_id = ${g.regionId}
      and coalesce(municipality_id, 0) = ${g.municipalityId ?? 0} and coalesce(commission_id, 0) = ${g.commissionId ?? 0}`
  return row?.id
}

/** Serialises invitations of one address (the duplicate check and the insert) until the transaction ends. */
export async function lockInvitationsOf(email: string, tx: Db): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtext(${`invitation:${email.toLowerCase()}`}))`
}

/** A new link for the invitation: the old hash is gone, the expiry starts again, the resend is counted. */
export async function renewInvitationToken(id: number, tokenHash: string, validForMs: number, tx: Db = db()): Promise<void> {
  await tx`
    update invitations set token_hash = ${tokenHash}, expires_at = ${validFor(tx, validForMs)},
      resent_count = resent_count + 1, last_sent_at = now()
    where id = ${id}`
}

export async function markInvitationRevoked(id: number, tx: Db = db()): Promise<void> {
  await tx`update invitations set revoked_at = now() where id = ${id} and revoked_at is null and accepted_at is null`
}

export async function markInvitationAccepted(id: number, userId: number, tx: Db = db()): Promise<void> {
  await tx`update invitations set accepted_at = now(), accepted_user_id = ${userId} where id = ${id} and accepted_at is null`
}

/** One page of the region's invitations, newest first (keyset on the id), optionally of one state, with the total. */
export async function invitationsOfRegionPage(
  regionId: number,
  f: { state: InvitationState | null; after: Cursor | null; limit: number },
  tx: Db = db(),
): Promise<{ rows: InvitationListRow[]; total: number }> {
  const where = tx`i.region_id = ${regionId} ${f.state ? tx`and ${stateSql(tx)} = ${f.state}` : tx``}`
  const [rows, [count]] = await Promise.all([
    tx<InvitationListRow[]>`
      select ${columns(tx)}, u.display_name as "invitedByName"
      from invitations i ${joins(tx)} left join users u on u.id = i.invited_by
      where ${where} and ${afterCursor(tx, tx`i.id`, tx`i.id`, f.after, 'desc')}
      order by i.id desc limit ${f.limit + 1}`,
    tx<{ n: number }[]>`select count(*)::int as n from invitations i where ${where}`,
  ])
  return { rows, total: count.n }
}

