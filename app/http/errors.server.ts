import { data } from '@remix-run/node'
import { AppError } from '../../workflows/errors'
import { env } from '~/utils/env.server'
import { can, type Actor, type Permission, type Scope } from '~/model/permissions'
import { parseId } from '~/utils/parse-id'

// The edge between domain errors and HTTP: every action turns an AppError
// into its status with a Russian message (people) and a stable code (scripts).

export type ActionError = { error: { code: string; message: string; fields?: Record<string, string | undefined> } }

export function appErrorData(e: unknown) {
  if (e instanceof AppError) return data<ActionError>({ error: { code: e.code, message: e.message } }, { status: e.status })
  throw e
}

export function formErrorData(fields: Record<string, string | undefined>, message = 'Проверьте поля формы.') {
  return data<ActionError>({ error: { code: 'INVALID_FORM', message, fields } }, { status: 400 })
}

/** Server-side check against the one role table; a 403 page otherwise. */
export function requirePermission(actor: Actor, permission: Permission, scope: Scope): void {
  if (!can(actor, permission, scope)) throw new Response('Недостаточно прав для этого действия.', { status: 403 })
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
