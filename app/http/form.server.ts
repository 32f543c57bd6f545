import { data } from '@remix-run/node'
import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { formErrorMap } from '~/model/inputs/form-error-map'
import type { z } from 'zod'
import { AppError } from '../../workflows/errors'
import { tooManyFields, tooManyFieldsMessage } from './form-limits'

// The one way a form reaches the domain (decision 0010): the page's zod schema
// parses the submission with @conform-to/zod, one domain call does the work,
// and the route redirects with a flash message. Whatever goes wrong comes back
// as conform's submission reply, so the page rendered again from the server
// (JavaScript off) shows the typed values and each error next to its field.
// `code` is the stable, machine-readable reason for scripts.

export type FormReply = SubmissionResult<string[]> & {
  code?: string
  /** Which form on the page was sent (its `intent` field), so only that one shows the errors. */
  form?: string
  /** Problems found inside a submitted document (an import, a rule set), each with where it is. */
  issues?: { path: string; message: string }[]
  /** What the refusal is about, when it is a page of its own (e.g. the application that already exists). */
  link?: { href: string; label: string }
  /** The names of the files the refused form carried: a browser without JavaScript shows the page anew, the file inputs empty. */
  filesNotSaved?: string[]
}

type Options = {
  /** Never echo these back (passwords). */
  hideFields?: string[]
}

// why: values arrive as the strings the browser sends; each schema decides
// what '' means (see `blank`), exactly as the client-side check does.
const parseOptions = { disableAutoCoercion: true, error: formErrorMap } as const

export const nulMessage = 'В тексте был невидимый недопустимый символ (U+0000), он убран. Проверьте поле и отправьте форму ещё раз.'
export const brokenFormMessage = 'Данные формы повреждены или пришли не полностью. Отправьте форму ещё раз со страницы сайта.'

/**
 * The submission of `schema`, or a refusal thrown as a page (with its status):
 * 413 for a form with more entries than any page sends (counted before
 * conform, whose handling of repeated names is quadratic), 400 for conform's
 * own fields (`__intent__`, `__state__`) or names it cannot read. A text
 * value holding U+0000 (PostgreSQL refuses it) comes back as that field's
 * error, with the character removed from the echoed value.
 */
export async function parseSubmission<S extends z.ZodType>(request: Request | FormData, schema: S) {
  const raw = request instanceof Request ? await request.formData() : request
  if (tooManyFields(raw.keys())) throw new Response(tooManyFieldsMessage, { status: 413, headers: { 'X-Error-Code': 'TOO_MANY_FIELDS' } })
  const withNul = new Set<string>()
  let formData = raw
  for (const [name, value] of raw) if (typeof value === 'string' && value.includes('\0')) withNul.add(name)
  if (withNul.size > 0) {
    formData = new FormData()
    for (const [name, value] of raw) formData.append(name, typeof value === 'string' ? value.replaceAll('\0', '') : value)
  }
  let submission
  try {
    submission = parseWithZod(formData, { schema, ...parseOptions })
  } catch {
    // conform throws on a malformed reserved field or field name; no page of the site sends one
    throw new Response(brokenFormMessage, { status: 400, headers: { 'X-Error-Code': 'MALFORMED_FORM' } })
  }
  if (withNul.size === 0) return submission
  const nulErrors = Object.fromEntries([...withNul].map((name) => [name, [nulMessage]]))
  const parsed = submission
  return {
    status: 'error' as const,
    payload: parsed.payload,
    error: { ...(parsed.status === 'success' ? {} : parsed.error), ...nulErrors },
    value: undefined,
    reply: (options: Parameters<typeof parsed.reply>[0] = {}) =>
      parsed.reply({ ...options, fieldErrors: { ...nulErrors, ...('fieldErrors' in options ? options.fieldErrors : {}) } }),
  } as unknown as typeof parsed
}

type Parsed = Awaited<ReturnType<typeof parseSubmission>>

/**
 * Parse, run the one domain call, or reply with the submission: 400 with the
 * field errors when the schema refuses, the AppError's status and Russian
 * message when the domain does. Anything else is a real failure and throws.
 */
export async function handleForm<S extends z.ZodType, T>(
  request: Request | FormData,
  schema: S,
  work: (value: z.output<S>) => Promise<T>,
  options: Options = {},
) {
  const submission = await parseSubmission(request, schema)
  if (submission.status !== 'success') {
    return data<FormReply>(
      { ...submission.reply({ hideFields: options.hideFields }), code: 'INVALID_FORM', form: formOf(submission) },
      { status: 400 },
    )
  }
  try {
    return await work(submission.value as z.output<S>)
  } catch (e) {
    return refused(submission, e, options)
  }
}

/** An AppError as the form's reply; anything else rethrown. */
export function refused(submission: Parsed, e: unknown, options: Options = {}) {
  if (!(e instanceof AppError)) throw e
  const { retryAfterSeconds } = (e.details ?? {}) as { retryAfterSeconds?: number }
  const headers = typeof retryAfterSeconds === 'number' ? { 'Retry-After': String(retryAfterSeconds) } : undefined
  return data<FormReply>(refusalReply(submission, e, options), { status: e.status, headers })
}

/**
 * The reply `refused` sends, as a plain value: for a loader that checks the
 * first step of a form (a GET with `confirm`) with the domain's own refusal.
 */
export function refusalReply(submission: Parsed, e: AppError, options: Options = {}): FormReply {
  const { fields, issues, link } = (e.details ?? {}) as {
    fields?: Record<string, string | undefined>
    issues?: { path: string; message: string }[]
    link?: { href: string; label: string }
  }
  const fieldErrors: Record<string, string[]> = {}
  for (const [name, message] of Object.entries(fields ?? {})) if (message) fieldErrors[name] = [message]
  const reply: FormReply = {
    ...submission.reply({ formErrors: [e.message], fieldErrors, hideFields: options.hideFields }),
    code: e.code,
    form: formOf(submission),
  }
  if (Array.isArray(issues)) reply.issues = issues
  if (link && typeof link.href === 'string' && link.href.startsWith('/')) reply.link = { href: link.href, label: String(link.label) }
  return reply
}

function formOf(submission: Parsed): string | undefined {
  const intent = submission.payload?.intent
  return typeof intent === 'string' ? intent : undefined
}
