import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { ErrorList, useSchemaForm } from '~/ui/form'

// A one-button form (remove a reviewer, take a candidate off the agenda): its
// hidden fields name the row, the action parses them with the form's schema
// (decision 0010), and a refusal is shown next to the very button that was
// pressed, not beside every button of the same kind on the page.

export type Reply = (SubmissionResult<string[]> & { form?: string }) | null | undefined

/** The reply if it answers this very form: the same intent and the same values of `match` (a page has one such form per row). */
export function replyFor(reply: Reply, intent: string, match: Record<string, string | number> = {}): Reply {
  if (!reply || reply.form !== intent) return null
  const sent = (reply.initialValue ?? {}) as Record<string, unknown>
  for (const [name, value] of Object.entries(match)) if (String(sent[name] ?? '') !== String(value)) return null
  return reply
}

/** Every message of a reply: the form's and each field's (a hidden field's error has no input to sit beside). */
export function allErrors(errors: Record<string, string[] | null | undefined> | undefined): string[] {
  return Object.values(errors ?? {}).flatMap((e) => e ?? [])
}

/**
 * Conform's props for an input rendered inside another form than conform's
 * (the confirmation step's, see ~/ui/confirm): without `form=`, which would tie
 * the input to a form that is not on the page.
 */
export function detached<T extends { form?: string }>(props: T): Omit<T, 'form'> {
  const { form: _form, ...rest } = props
  return rest
}

export function ActionButton<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>({
  schema,
  intent,
  fields,
  reply,
  label,
  accessibleLabel,
  className,
  disabled,
}: {
  schema: S
  intent: string
  /** Hidden fields besides `intent`; they also tell this form's reply from another row's. */
  fields: Record<string, string | number>
  reply: Reply
  label: string
  accessibleLabel?: string
  className?: string
  disabled?: boolean
}) {
  const [form] = useSchemaForm(schema, {
    id: [intent, ...Object.values(fields)].join('-'),
    lastResult: replyFor(reply, intent, fields),
    intent,
  })
  return (
    <Form method="post" {...getFormProps(form)} className="inline">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={disabled} aria-label={accessibleLabel} aria-describedby={allErrors(form.allErrors).length > 0 ? form.errorId : undefined}>
        {label}
      </button>
      <ErrorList id={form.errorId} errors={allErrors(form.allErrors)} />
    </Form>
  )
}
