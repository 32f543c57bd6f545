import { Form, Link, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'

// The confirmation step before an irreversible action. The first button is a
// link to the same page with `?confirm=<key>`, so it works without
// JavaScript; the page then shows the question and the real form, which sends
// `confirmed=yes` (required by the action's schema, see
// app/model/inputs/confirm.ts). «Отмена» goes back to the page as it was.

export const confirmText = { cancel: 'Отмена' }

export function Confirmable({
  confirmKey,
  label,
  question,
  confirmLabel,
  fields,
  children,
  action,
  danger = false,
}: {
  /** Unique on the page, e.g. `publish` or `exclude-42`. */
  confirmKey: string
  /** The first button. */
  label: string
  /** What will happen, in full, in the user's words. */
  question: ReactNode
  /** The button that does it, e.g. «Да, опубликовать». */
  confirmLabel: string
  /** Hidden fields the action needs (intent, ids, row version). */
  fields: Record<string, string | number>
  /** Extra inputs asked for at the last step (a reason, an order). */
  children?: ReactNode
  action?: string
  danger?: boolean
}) {
  const [params] = useSearchParams()
  const asking = params.get('confirm') === confirmKey
  const ask = new URLSearchParams(params)
  ask.set('confirm', confirmKey)
  const back = new URLSearchParams(params)
  back.delete('confirm')
  if (!asking) {
    return (
      <Link to={`?${ask}`} className={danger ? 'button danger' : 'button'} preventScrollReset>
        {label}
      </Link>
    )
  }
  const questionId = `confirm-${confirmKey}`
  return (
    <div className="card confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>
        <strong>{question}</strong>
      </p>
      <Form method="post" action={action} preventScrollReset>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirmed" value="yes" />
        {children}
        <button type="submit" className={danger ? 'danger' : undefined} autoFocus>
          {confirmLabel}
        </button>{' '}
        <Link to={back.size ? `?${back}` : '.'} preventScrollReset>
          {confirmText.cancel}
        </Link>
      </Form>
    </div>
  )
}
