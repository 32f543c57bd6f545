import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { env } from '~/utils/env.server'
import { prefersJson, REQUEST_ID_HEADER, SESSION_COOKIE } from '~/http/public-paths'
import { errorMessages } from '~/model/error-messages'
import { actorOfSession, closeSession, openSession, type SessionActor } from '~/domain/sessions.server'

const SESSION_HOURS = 12

let storage: ReturnType<typeof createCookieSessionStorage<{ sid: string }>> | undefined

// The cookie carries only a random session id (signed); the session itself
// is a database row, so app servers keep no state and sign-out is real.
function sessions() {
  if (!storage) {
    const secrets = cookieSecrets()
    storage = createCookieSessionStorage<{ sid: string }>({
      cookie: {
        name: SESSION_COOKIE,
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: secureCookies(),
        secrets,
        maxAge: SESSION_HOURS * 3600,
      },
    })
  }
  return storage
}

/** The keys that sign our cookies (the session's, the flash message's); the first signs, all verify. */
export function cookieSecrets(): string[] {
  const secrets = (env().SESSION_SECRET ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  if (secrets.length === 0) throw new Error('SESSION_SECRET is not set (the server sets one at start-up)')
  return secrets
}

export const secureCookies = () => env().PUBLIC_URL?.startsWith('https://') ?? false

export type SignedIn = SessionActor

// The root loader and the route's loader both ask for the actor of the same
// request; read the session, user and grants once per request. Remix hands
// each loader its own copy of the Request, so the server's request id is the
// key (a page read the session twice, 6 queries instead of 3; issue 14);
// an action's Request, or one built without an id (tests calling a loader),
// keys by itself.
const byObject = new WeakMap<Request, Promise<SignedIn | null>>()
const byId = new Map<string, Promise<SignedIn | null>>()
/** How long a read is kept once done: the loaders of one request ask at about the same time. */
const REQUEST_MEMO_MS = 2_000

export function getSignedIn(request: Request): Promise<SignedIn | null> {
  // Only loaders share it: an action may change what the loaders after it must read (a grant, a sign-out).
  const id = request.method === 'GET' || request.method === 'HEAD' ? request.headers.get(REQUEST_ID_HEADER) : null
  let found = id ? byId.get(id) : byObject.get(request)
  if (!found) {
    found = readSignedIn(request)
    if (id) {
      byId.set(id, found)
      const forget = () => void setTimeout(() => byId.delete(id), REQUEST_MEMO_MS).unref()
      found.then(forget, forget)
    } else byObject.set(request, found)
  }
  return found
}

async function readSignedIn(request: Request): Promise<SignedIn | null> {
  const cookie = request.headers.get('Cookie')
  if (!cookie?.includes(`${SESSION_COOKIE}=`)) return null
  const session = await sessions().getSession(cookie)
  const id = session.get('sid')
  if (typeof id !== 'string') return null
  return actorOfSession(id, request.headers.get('User-Agent'))
}

export async function requireSignedIn(request: Request): Promise<SignedIn> {
  const signedIn = await getSignedIn(request)
  if (!signedIn) {
    // A script (Accept: JSON, not HTML) is told so, as any refusal: a redirect would hand it the sign-in page, 200 and HTML.
    if (prefersJson(request.headers.get('accept'))) {
      throw new Response(errorMessages.forbiddenAnonymous, { status: 401, headers: { 'X-Error-Code': 'UNAUTHORIZED', 'Content-Type': 'text/plain; charset=utf-8' } })
    }
    const url = new URL(request.url)
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`, { headers: { Vary: 'Accept' } })
  }
  return signedIn
}

export async function startSession(userId: number, redirectTo: string): Promise<Response> {
  const id = await openSession(userId, SESSION_HOURS)
  const session = await sessions().getSession()
  session.set('sid', id)
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessions().commitSession(session) } })
}

export async function endSession(request: Request): Promise<Response> {
  const session = await sessions().getSession(request.headers.get('Cookie'))
  const id = session.get('sid')
  if (typeof id === 'string') await closeSession(id)
  return redirect('/', { headers: { 'Set-Cookie': await sessions().destroySession(session) } })
}
