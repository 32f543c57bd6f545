import { randomBytes } from 'node:crypto'
import {
  deleteSession,
  deleteSessionOfUser,
  deleteSessionsOfUser,
  insertSession,
  liveSession,
  sessionsOfUser,
  touchSession,
} from '../../db/queries/sessions.server'
import { appendAudit } from '../../db/queries/audit.server'
import { grantsOf, userById, type User } from '../../db/queries/users.server'
import { AppError } from '../../workflows/errors'
import type { Actor } from '~/model/permissions'
import { describeUserAgent } from '~/model/user-agent'
import { actorTimeZone } from './time-zone.server'

// Sessions are rows (the cookie holds only a random id), so signing out
// everywhere and ending other sessions after a password change are queries.

/** `sessionRef`: the number that names the current session on /my/sessions (its id stays in the cookie); absent for an actor not read from a session. */
export type SessionActor = Actor & { user: User; sessionRef?: number }

// why: "last seen" needs minutes, not every request; one write per session per interval
const TOUCH_EVERY_MS = 5 * 60_000

/**
 * The signed-in person behind a session id, or null when it is unknown or
 * expired. Marks the session seen (at most every few minutes) and records
 * the browser the first time (`userAgent`, for the session list).
 */
export async function actorOfSession(id: string, userAgent?: string | null): Promise<SessionActor | null> {
  const session = await liveSession(id)
  if (!session) return null
  const ua = userAgent ? userAgent.slice(0, 500) : null
  const touch = session.now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS || (session.userAgent === null && ua !== null)
  const [user, grants] = await Promise.all([userById(session.userId), grantsOf(session.userId), touch ? touchSession(id, ua) : undefined])
  if (!user) return null
  return { userId: session.userId, grants, user, sessionRef: session.ref }
}

/** A new session row; returns its id for the cookie. `userAgent` names the browser on the session list. */
export async function openSession(userId: number, hours: number, userAgent?: string | null): Promise<string> {
  const id = randomBytes(32).toString('base64url')
  await insertSession({ id, userId, expiresAt: new Date(Date.now() + hours * 3600_000), userAgent: userAgent?.slice(0, 500) ?? null })
  return id
}

export async function closeSession(id: string): Promise<void> {
  await deleteSession(id)
}

export type MySession = { ref: number; createdAt: Date; lastSeenAt: Date; device: string; current: boolean }

/** The person's own live sessions for /my/sessions, the current one marked, with the zone to show times in. */
export async function mySessions(actor: SessionActor): Promise<{ sessions: MySession[]; timeZone: string }> {
  const [rows, timeZone] = await Promise.all([sessionsOfUser(actor.userId), actorTimeZone(actor)])
  return {
    sessions: rows.map((s) => ({ ref: s.ref, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, device: describeUserAgent(s.userAgent), current: s.ref === actor.sessionRef })),
    timeZone,
  }
}

/** Ends one of the person's own sessions (another device, or this one). Returns whether it was the current one. */
export async function endMySession(actor: SessionActor, ref: number): Promise<{ current: boolean }> {
  if (!(await deleteSessionOfUser(actor.userId, ref))) throw new AppError('NO_SESSION', 404, 'Этот сеанс уже завершён.')
  await appendAudit({ actorUserId: actor.userId, regionId: null, entity: 'user', entityId: actor.userId, action: 'SESSION_ENDED' })
  return { current: ref === actor.sessionRef }
}

/** «Выйти на всех устройствах»: every session of the person ends, this one included. */
export async function endAllMySessions(actor: SessionActor): Promise<number> {
  const ended = await deleteSessionsOfUser(actor.userId)
  await appendAudit({ actorUserId: actor.userId, regionId: null, entity: 'user', entityId: actor.userId, action: 'SIGNED_OUT_EVERYWHERE', data: { sessionsEnded: ended } })
  return ended
}
