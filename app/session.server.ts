import { randomBytes } from 'node:crypto'
import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { env } from './env.server'
import type { Actor } from './permissions'
import { SESSION_COOKIE } from './public-paths'
import { deleteSession, insertSession, sessionUserId } from '../db/queries/sessions.server'
import { grantsOf, userById, type User } from '../db/queries/users.server'

const SESSION_HOURS = 12

let storage: ReturnType<typeof createCookieSessionStorage<{ sid: string }>> | undefined

// The cookie carries only a random session id (signed); the session itself
// is a database row, so app servers keep no state and sign-out is real.
function sessions() {
  if (!storage) {
    const secrets = (env().SESSION_SECRET ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    if (secrets.length === 0) throw new Error('SESSION_SECRET is not set (the server sets one at start-up)')
    storage = createCookieSessionStorage<{ sid: string }>({
      cookie: {
        name: SESSION_COOKIE,
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: env().PUBLIC_URL?.startsWith('https://') ?? false,
        secrets,
        maxAge: SESSION_HOURS * 3600,
      },
    })
  }
  return storage
}

export type SignedIn = Actor & { user: User }

// The root loader and the route's loader both ask for the actor of the same
// request; read the session, user and grants once per request.
const perRequest = new WeakMap<Request, Promise<SignedIn | null>>()

export function getSignedIn(request: Request): Promise<SignedIn | null> {
  let found = perRequest.get(request)
  if (!found) {
    found = readSignedIn(request)
    perRequest.set(request, found)
  }
  return found
}

async function readSignedIn(request: Request): Promise<SignedIn | null> {
  const session = await sessions().getSession(request.headers.get('Cookie'))
  const id = session.get('sid')
  if (typeof id !== 'string') return null
  const userId = await sessionUserId(id)
  if (!userId) return null
  const [user, grants] = await Promise.all([userById(userId), grantsOf(userId)])
  if (!user) return null
  return { userId, grants, user }
}

export async function requireSignedIn(request: Request): Promise<SignedIn> {
  const signedIn = await getSignedIn(request)
  if (!signedIn) {
    const url = new URL(request.url)
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  return signedIn
}

export async function startSession(userId: number, redirectTo: string): Promise<Response> {
  const id = randomBytes(32).toString('base64url')
  await insertSession({ id, userId, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) })
  const session = await sessions().getSession()
  session.set('sid', id)
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessions().commitSession(session) } })
}

export async function endSession(request: Request): Promise<Response> {
  const session = await sessions().getSession(request.headers.get('Cookie'))
  const id = session.get('sid')
  if (typeof id === 'string') await deleteSession(id)
  return redirect('/', { headers: { 'Set-Cookie': await sessions().destroySession(session) } })
}
