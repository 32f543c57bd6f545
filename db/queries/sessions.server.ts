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
