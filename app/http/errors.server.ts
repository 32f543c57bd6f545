import { AppError } from '../../workflows/errors'
import { env } from '~/utils/env.server'
import { can, type Actor, type Permission, type Scope } from '~/model/permissions'
import { parseId } from '~/utils/parse-id'

// Loaders and the HTTP edge: an AppError in a loader becomes the error page
// with its status and Russian message; ids in URLs are checked once; the
// role table is asked on the server. Forms have their own edge:
// app/http/form.server.ts (decision 0010).

/** Loaders: an AppError becomes the error page with its status and message. */
export async function orErrorPage<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
  try {
    return await (typeof work === 'function' ? work() : work)
  } catch (e) {
    if (e instanceof AppError) throw new Response(e.message, { status: e.status })
    throw e
  }
}

/** Server-side check against the one role table; a 403 page otherwise. */
export function requirePermission(actor: Actor, permission: Permission, scope: Scope): void {
  if (!can(actor, permission, scope)) throw forbidden()
}

export function forbidden() {
  return new Response('Недостаточно прав для этого действия.', { status: 403 })
}

export function notFound(message = 'Запись не найдена.'): never {
  throw new Response(message, { status: 404 })
}

/** An id from the URL (route parameter or query), or the 404 page: see parseId. */
export function idParam(value: string | null | undefined): number {
  return parseId(value) ?? notFound()
}

/**
 * The site's public address for texts people agree to (the consent names the
 * exact pages): the configured PUBLIC_URL, not the request's Host header,
 * which a client can forge.
 */
export function publicBase(request: Request): string {
  return env().PUBLIC_URL?.replace(/\/$/, '') ?? new URL(request.url).origin
}
