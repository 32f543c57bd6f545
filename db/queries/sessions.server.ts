import { db, type Db } from '../client.server'

export async function insertSession(s: { id: string; userId: number; expiresAt: Date; userAgent?: string | null }, tx: Db = db()): Promise<void> {
  await tx`insert into sessions (id, user_id, expires_at, user_agent) values (${s.id}, ${s.userId}, ${s.expiresAt}, ${s.userAgent ?? null})`
}

/** The live session's user, or nothing when expired, revoked or deactivated. */
export async function sessionUserId(id: string, tx: Db = db()): Promise<number | undefined> {
  return (await liveSession(id, tx))?.userId
}

/** The live session's user and when it was last seen (expired, revoked and deactivated ones are not live). */
export type LiveSession = { userId: number; ref: number; lastSeenAt: Date; userAgent: string | null; now: Date }

export async function liveSession(id: string, tx: Db = db()): Promise<LiveSession | undefined> {
  const [row] = await tx<LiveSession[]>`
    select s.user_id::int as "userId", s.ref::int, s.last_seen_at as "lastSeenAt", s.user_agent as "userAgent", now()
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id} and s.expires_at > now() and u.active`
  return row
}

/** Marks the session used now; the browser is recorded the first time it is known. */
export async function touchSession(id: string, userAgent: string | null, tx: Db = db()): Promise<void> {
  await tx`update sessions set last_seen_at = now(), user_agent = coalesce(user_agent, ${userAgent}) where id = ${id}`
}

export async function deleteSession(id: string, tx: Db = db()): Promise<void> {
  await tx`delete from sessions where id = ${id}`
}

export type SessionRow = { ref: number; createdAt: Date; lastSeenAt: Date; expiresAt: Date; userAgent: string | null }

/** A person's live sessions, the most recently used first. */
export async function sessionsOfUser(userId: number, tx: Db = db()): Promise<SessionRow[]> {
  return tx<SessionRow[]>`
    select ref::int, created_at as "createdAt", last_seen_at as "lastSeenAt", expires_at as "expiresAt", user_agent as "userAgent"
    from sessions where user_id = ${userId} and expires_at > now()
    order by last_seen_at desc, ref desc`
}

/** Ends one of the user's sessions by its ref; false when it is not theirs or already gone. */
export async function deleteSessionOfUser(userId: number, ref: number, tx: Db = db()): Promise<boolean> {
  const rows = await tx`delete from sessions where user_id = ${userId} and ref = ${ref} returning 1`
  return rows.length > 0
}

/** Ends every session of the user, or every one but `keepId`. Returns how many ended. */
export async function deleteSessionsOfUser(userId: number, opts: { keepId?: string } = {}, tx: Db = db()): Promise<number> {
  const rows = await tx`
    delete from sessions where user_id = ${userId} ${opts.keepId ? tx`and id <> ${opts.keepId}` : tx``} returning 1`
  return rows.length
}
