import type { FormReply } from '~/http/form.server'

/**
 * What an action answered when it did not redirect: the status, the stable
 * code, the form-level message and the first error of each field, read from
 * conform's submission reply (decision 0010).
 */
export function replyOf(res: unknown) {
  const r = res as { data?: FormReply; init?: { status?: number } | null } | Response
  if (r instanceof Response) throw new Error(`expected a form reply, got a ${r.status} response`)
  const reply = r.data ?? (r as FormReply)
  const errors = reply.error ?? {}
  const fields: Record<string, string> = {}
  for (const [name, list] of Object.entries(errors)) if (name !== '' && list?.[0]) fields[name] = list[0]
  return {
    status: r.init?.status ?? 200,
    code: reply.code,
    message: errors['']?.[0],
    fields,
    issues: reply.issues,
    values: reply.initialValue ?? null,
    link: reply.link,
    filesNotSaved: reply.filesNotSaved,
  }
}
