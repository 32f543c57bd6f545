import type { Actor } from '~/model/permissions'
import { startSession } from '~/http/session.server'

// The one way route tests get a signed-in visitor and a Remix load context.

/** What server/index.ts passes to every loader and action. */
export const routeContext = (clientAddress = '127.0.0.1') => ({ cspNonce: 'n', clientAddress })

/** A client address of its own, so sign-in throttling of one test never meets another's. */
export const randomAddress = (prefix = '10.9') => `${prefix}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`

/** The session cookie of a real session row for this person, as the browser would send it. */
export async function cookieFor(who: Actor | number): Promise<string> {
  const res = await startSession(typeof who === 'number' ? who : who.userId, '/')
  return res.headers.get('Set-Cookie')!.split(';')[0]
}
