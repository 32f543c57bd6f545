import { data } from '@remix-run/node'
import { AppError } from '../../workflows/errors'

// Action answers of the staff forms that must work without JavaScript: on a
// refusal the page is rendered again from the server, so the answer carries
// the submitted values back into the form along with the Russian errors.

export type FormFailure<V> = { error: { code: string; message: string; fields?: Record<string, string | undefined> }; values: V }

export function invalidForm<V>(fields: Record<string, string | undefined>, values: V, message = 'Проверьте поля формы.') {
  return data<FormFailure<V>>({ error: { code: 'INVALID_FORM', message, fields }, values }, { status: 400 })
}

/** An AppError as its status with the Russian message; anything else is a real failure. */
export function failed<V>(e: unknown, values: V) {
  if (e instanceof AppError) return data<FormFailure<V>>({ error: { code: e.code, message: e.message }, values }, { status: e.status })
  throw e
}

/** Loaders: an AppError becomes the error page with its status and message. */
export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (e) {
    if (e instanceof AppError) throw new Response(e.message, { status: e.status })
    throw e
  }
}
