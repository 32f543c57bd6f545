import type { SubmissionResult } from '@conform-to/react'
import { Form, type ShouldRevalidateFunction } from '@remix-run/react'
import { useEffect, useRef } from 'react'

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

/**
 * A row's form, plain HTML: no conform state for each of a page's dozens of
 * rows (a board of 50 candidates rendered ≈ 200 conform forms, most of the
 * secretary's page; issue 14). Nothing in it is typed, so there is nothing
 * to check in the browser: the action parses it with the schema (decision
 * 0010) and its reply comes back to this very row.
 */
export function rowForm(reply: Reply, intent: string, fields: Record<string, string | number>) {
  const id = [intent, ...Object.values(fields)].join('-')
  const mine = replyFor(reply, intent, fields)
  const errors = allErrors(mine?.error ?? undefined)
  return {
    /** The form's props: its id, the method, no browser validation of its own. */
    props: { id, method: 'post' as const, noValidate: true },
    errorId: `${id}-error`,
    errors,
    /** What the user sent, when the reply is for this row. */
    sent: (mine?.initialValue ?? {}) as Record<string, unknown>,
  }
}

/**
 * The rows' forms that a reply may answer: its errors when it answers none of
 * them (the row is gone: a reviewer removed in another tab, a motion already
 * voted), so the page shows the refusal at its top instead of nowhere.
 */
export function strayErrors(reply: Reply, intent: string, rows: Record<string, string | number>[]): string[] {
  if (!reply || reply.form !== intent || rows.some((fields) => replyFor(reply, intent, fields))) return []
  return allErrors(reply.error ?? undefined)
}

/** `strayErrors` for a page with several kinds of row forms: `rows` lists each intent's rows on the page. */
export function strayOf(reply: Reply, rows: Record<string, Record<string, string | number>[]>): string[] {
  const intent = reply?.form
  if (!intent || !Object.hasOwn(rows, intent)) return []
  return strayErrors(reply, intent, rows[intent]!)
}

/**
 * A route's `shouldRevalidate` for pages of row forms. Remix (single fetch)
 * reloads no data after a 4xx action, but a 404 or 409 usually means the
 * page is stale (the row was removed or changed in another tab): reading it
 * again drops the row, and its refusal moves above the list (`strayErrors`),
 * as on the page that comes back without JavaScript. The reply itself stays.
 */
export const revalidateAfterStaleRow: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 404 || actionStatus === 409 || defaultShouldRevalidate

/**
 * A refused row's control gets the focus back: pressing the button disabled
 * it while the form was sent, which threw the focus to the page's start.
 * `autoFocus` does the same when the page comes back whole (no JavaScript).
 */
export function useRefusalFocus<E extends HTMLElement>(reply: Reply, refused: boolean) {
  const ref = useRef<E>(null)
  useEffect(() => {
    if (refused) ref.current?.focus()
  }, [reply, refused])
  return { ref, autoFocus: refused || undefined }
}

/** A row's refusal beside its control, announced politely: the focus goes back to that control, which it describes (an alert would be read twice). */
export function RowError({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null
  return (
    <span id={id} className="error" role="status">
      {errors.join(' ')}
    </span>
  )
}

export function ActionButton({
  intent,
  fields,
  reply,
  label,
  accessibleLabel,
  className,
  disabled,
}: {
  intent: string
  /** Hidden fields besides `intent`; they also tell this form's reply from another row's. */
  fields: Record<string, string | number>
  reply: Reply
  label: string
  accessibleLabel?: string
  className?: string
  disabled?: boolean
}) {
  const form = rowForm(reply, intent, fields)
  const focus = useRefusalFocus<HTMLButtonElement>(reply, form.errors.length > 0)
  return (
    <Form {...form.props} className="inline">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        ref={focus.ref}
        // only on the row just refused, where the user's focus was
        autoFocus={focus.autoFocus}
        className={className}
        disabled={disabled}
        aria-label={accessibleLabel}
        aria-describedby={form.errors.length > 0 ? form.errorId : undefined}
      >
        {label}
      </button>
      <RowError id={form.errorId} errors={form.errors} />
    </Form>
  )
}
