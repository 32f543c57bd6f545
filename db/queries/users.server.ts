import type { Grant, Role } from '~/model/permissions'
import { db, type Db } from '../client.server'

export type User = { id: number; login: string; displayName: string; personId: number | null; active: boolean }
export type UserWithHash = User & { passwordHash: string }

export async function insertUser(
  u: { login: string; passwordHash: string; displayName: string; personId?: number | null },
  tx: Db = db(),
): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into users (login, password_hash, display_name, person_id)
    values (${u.login.toLowerCase()}, ${u.passwordHash}, ${u.displayName}, ${u.personId ?? null})
    returning id::int`
  return row.id
}

export async function userByLogin(login: string, tx: Db = db()): Promise<UserWithHash | undefined> {
  const [row] = await tx<UserWithHash[]>`
    select id::int, login, display_name as "displayName", person_id::int as "personId", active, password_hash as "passwordHash"
    from users where login = ${login.trim().normalize('NFKC').toLowerCase()}`
  return row
}

export async function userById(id: number, tx: Db = db()): Promise<User | undefined> {
  const [row] = await tx<User[]>`
    select id::int, login, display_name as "displayName", person_id::int as "personId", active
    from users where id = ${id}`
  return row
}

export async function grantRole(
  userId: number,
  g: { role: Role; regionId?: number | null; municipalityId?: number | null; commissionId?: number | null },
  tx: Db = db(),
): Promise<void> {
  await tx`
    insert into role_grants (user_id, role, region_id, municipality_id, commission_id)
    values (${userId}, ${g.role}, ${g.regionId ?? null}, ${g.municipalityId ?? null}, ${g.commissionId ?? null})
    on conflict do nothing`
}

export async function grantsOf(userId: number, tx: Db = db()): Promise<Grant[]> {
  return tx<Grant[]>`
    select role, region_id::int as "regionId", municipality_id::int as "municipalityId", commission_id::int as "commissionId"
    from role_grants where user_id = ${userId} order by id`
}

/** Removes one grant (exact role and scope). */
export async function revokeRole(
  userId: number,
  g: { role: Role; regionId?: number | null; municipalityId?: number | null; commissionId?: number | null },
  tx: Db = db(),
): Promise<void> {
  await tx`
    delete from role_grants
    where user_id = ${userId} and role = ${g.role}
      and coalesce(region_id, 0) = ${g.regionId ?? 0} and coalesce(municipality_id, 0) = ${g.municipalityId ?? 0}
      and coalesce(commission_id, 0) = ${g.commissionId ?? 0}`
}

/** The organisation of the person behind a user account, if any. */
export async function organisationOfUser(userId: number, tx: Db = db()): Promise<number | null> {
  const [row] = await tx<{ organisationId: number | null }[]>`
    select p.organisation_id::int as "organisationId" from users u left join people p on p.id = u.person_id where u.id = ${userId}`
  return row?.organisationId ?? null
}

export async function linkUserPerson(userId: number, personId: number, tx: Db = db()): Promise<void> {
  await tx`update users set person_id = ${personId} where id = ${userId}`
}

// ---------------------------------------------------------------------------
// Self-service accounts (issue 11, migration 0014)

export async function setPasswordHash(userId: number, passwordHash: string, tx: Db = db()): Promise<void> {
  await tx`update users set password_hash = ${passwordHash} where id = ${userId}`
}

/** Null until the owner follows the confirmation link (self-registration only; other accounts start confirmed). */
export async function emailConfirmedAt(userId: number, tx: Db = db()): Promise<Date | null> {
  const [row] = await tx<{ at: Date | null }[]>`select email_confirmed_at as at from users where id = ${userId}`
  return row?.at ?? null
}

export async function setEmailConfirmed(userId: number, confirmed: boolean, tx: Db = db()): Promise<void> {
  await tx`update users set email_confirmed_at = ${confirmed ? tx`coalesce(email_confirmed_at, now())` : null} where id = ${userId}`
}

// ---------------------------------------------------------------------------
// The people page (issue 11 §1.4): switching an account off and on

/** Sets whether the account may sign in; returns the previous value, or undefined if there is no such account. */
export async function setUserActive(userId: number, active: boolean, tx: Db = db()): Promise<boolean | undefined> {
  const [row] = await tx<{ previous: boolean }[]>`
    update users u set active = ${active} from users prev
    where u.id = ${userId} and prev.id = u.id
    returning prev.active as previous`
  return row?.previous
}
