import { data } from '@remix-run/node'
import { AppError } from '../../workflows/errors'
import { env } from '~/utils/env.server'
import { can, type Actor, type Permission, type Scope } from '~/model/permissions'
import { parseId } from '~/utils/parse-id'

// The one edge between domain errors and HTTP. An AppError becomes its status
// with a Russian message (people) and a stable code (scripts): in a loader as
// the error page (`orErrorPage`), in an action as the form's failure
// (`attempt`), which carries the submitted values back so the page rendered
// again from the server (JavaScript off) keeps what was typed.

/** `fields`: errors next to form fields; `issues`: problems found inside a submitted document, each with where it is. */
export type FormError = { code: string; message: string; fields?: Record<string, string | undefined>; issues?: { path: string; message: string }[] }
export type FormFailure<V = null> = { error: FormError; values: V }

/** The form's own check failed: 400 with the field errors. */
export function invalidForm<V = null>(fields: Record<string, string | undefined>, values: V = null as V, message = 'Проверьте поля формы.') {
  return data<FormFailure<V>>({ error: { code: 'INVALID_FORM', message, fields }, values }, { status: 400 })
}

/**
 * An AppError as its status with the Russian message (and the field errors,
 * document issues or Retry-After the domain attached); anything else is a
 * real failure.
 */
export function failed<V = null>(e: unknown, values: V = null as V) {
  if (!(e instanceof AppError)) throw e
  const { fields, issues, retryAfterSeconds } = e.details as Pick<FormError, 'fields' | 'issues'> & { retryAfterSeconds?: number }
  const error: FormError = { code: e.code, message: e.message }
  if (fields && typeof fields === 'object') error.fields = fields
  if (Array.isArray(issues)) error.issues = issues
  const headers = typeof retryAfterSeconds === 'number' ? { 'Retry-After': String(retryAfterSeconds) } : undefined
  return data<FormFailure<V>>({ error, values }, { status: e.status, headers })
}

/** Actions: the domain work's answer, or its refusal as the form's failure. */
export async function attempt<T, V = null>(work: () => Promise<T>, values: V = null as V) {
  try {
    return await work()
  } catch (e) {
    return failed(e, values)
  }
}

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
