import { randomBytes } from 'node:crypto'
import { deleteSession, insertSession, sessionUserId } from '../../db/queries/sessions.server'
import { grantsOf, userById, type User } from '../../db/queries/users.server'
import type { Actor } from '~/model/permissions'

// Sessions are rows (the cookie holds only a random id), so signing out
// everywhere and ending other sessions after a password change are queries.

export type SessionActor = Actor & { user: User }

/** The signed-in person behind a session id, or null when it is unknown or expired. */
export async function actorOfSession(id: string): Promise<SessionActor | null> {
  const userId = await sessionUserId(id)
  if (!userId) return null
  const [user, grants] = await Promise.all([userById(userId), grantsOf(userId)])
  if (!user) return null
  return { userId, grants, user }
}

/** A new session row; returns its id for the cookie. */
export async function openSession(userId: number, hours: number): Promise<string> {
  const id = randomBytes(32).toString('base64url')
  await insertSession({ id, userId, expiresAt: new Date(Date.now() + hours * 3600_000) })
  return id
}

export async function closeSession(id: string): Promise<void> {
  await deleteSession(id)
}
