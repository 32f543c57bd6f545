import { db, type Db } from '../client.server'

// One-time links sent by e-mail (migration 0014). The caller hashes the
// token; only the hash reaches the database.

export type TokenPurpose = 'passwordReset' | 'emailConfirmation'

export type AccountToken = {
  id: number
  userId: number
  purpose: TokenPurpose
  expiresAt: Date
  usedAt: Date | null
  /** Whether it was still usable at the database's clock when read. */
  live: boolean
}

const columns = (tx: Db) => tx`
  id::int, user_id::int as "userId", purpose, expires_at as "expiresAt", used_at as "usedAt",
  (used_at is null and expires_at > now()) as live`

/** A new token; earlier unused ones of the same purpose stop working, so only the newest link does. */
export async function insertAccountToken(t: { userId: number; purpose: TokenPurpose; tokenHash: string; validForMs: number }, tx: Db = db()): Promise<void> {
  await tx`update account_tokens set used_at = now() where user_id = ${t.userId} and purpose = ${t.purpose} and used_at is null`
  await tx`
    insert into account_tokens (user_id, purpose, token_hash, expires_at)
    values (${t.userId}, ${t.purpose}, ${t.tokenHash}, now() + ${t.validForMs}::float8 * interval '1 millisecond')`
}

export async function accountTokenByHash(purpose: TokenPurpose, tokenHash: string, tx: Db = db()): Promise<AccountToken | undefined> {
  const [row] = await tx<AccountToken[]>`select ${columns(tx)} from account_tokens where purpose = ${purpose} and token_hash = ${tokenHash}`
  return row
}

/** The same, locked until the transaction ends: two uses of one link at once queue, and the second finds it used. */
export async function accountTokenForUpdate(purpose: TokenPurpose, tokenHash: string, tx: Db): Promise<AccountToken | undefined> {
  const [row] = await tx<AccountToken[]>`
    select ${columns(tx)} from account_tokens where purpose = ${purpose} and token_hash = ${tokenHash} for update`
  return row
}

/** Marks every unused token of the user and purpose used (the one just followed among them). */
export async function useAccountTokens(userId: number, purpose: TokenPurpose, tx: Db = db()): Promise<void> {
  await tx`update account_tokens set used_at = now() where user_id = ${userId} and purpose = ${purpose} and used_at is null`
}
