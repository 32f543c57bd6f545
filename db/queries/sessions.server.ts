import { db, type Db } from '../client.server'

export async function insertSession(s: { id: string; userId: number; expiresAt: Date }, tx: Db = db()): Promise<void> {
  await tx`insert into sessions (id, user_id, expires_at) values (${s.id}, ${s.userId}, ${s.expiresAt})`
}

/** The live session's user, or nothing when expired, revoked or deactivated. */
export async function sessionUserId(id: string, tx: Db = db()): Promise<number | undefined> {
  const [row] = await tx<{ userId: number }[]>`
    select s.user_id::int as "userId" from sessions s join users u on u.id = s.user_id
    where s.id = ${id} and s.expires_at > now() and u.active`
  return row?.userId
}

export async function deleteSession(id: string, tx: Db = db()): Promise<void> {
  await tx`delete from sessions where id = ${id}`
}

export async function recordLoginFailure(keys: string[], tx: Db = db()): Promise<void> {
  await tx`insert into login_attempts ${tx(keys.map((key) => ({ key })))}`
}

export async function recentLoginFailures(key: string, withinSeconds: number, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from login_attempts
    where key = ${key} and at > now() - make_interval(secs => ${withinSeconds})`
  return row.n
}

export async function clearLoginFailures(key: string, tx: Db = db()): Promise<void> {
  await tx`delete from login_attempts where key = ${key}`
}
