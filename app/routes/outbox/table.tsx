import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { getFormProps, getInputProps } from '@conform-to/react'
import { notificationLabel } from '~/model/labels'
import { outboxResendSchema } from '~/model/inputs/outbox'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import type { action, Row } from './route'
import { text } from './text'
import { scrollRegion } from '~/ui/table-scroll'

// The outbox's tables: failed messages (with «Отправить снова») and the latest ones.

// A form per failed row; where the outcome is unknown the confirmation is a
// required checkbox, so it works without JavaScript and the server checks it too.
function ResendForm({ r }: { r: Row }) {
  const busy = useNavigation().formData?.get('id') === String(r.id)
  const [form, fields] = useSchemaForm(outboxResendSchema, { id: `resend-${r.id}`, lastResult: useActionData<typeof action>(), intent: `resend-${r.id}` })
  const hint = `${fields.acceptDuplicate.id}-hint`
  return (
    <Form method="post" aria-label={text.resendLabel(r.id)} {...getFormProps(form)}>
      <input type="hidden" name="intent" value={`resend-${r.id}`} />
      <input type="hidden" name={fields.id.name} value={r.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {r.failure === 'unknown' ? (
        <>
          <p className="muted" id={hint}>
            {text.duplicateWarning}
          </p>
          <div>
            <input {...getInputProps(fields.acceptDuplicate, { type: 'checkbox', value: 'on', ariaDescribedBy: hint })} required />{' '}
            <label htmlFor={fields.acceptDuplicate.id}>{text.acceptDuplicate}</label>
            <ErrorList id={fields.acceptDuplicate.errorId} errors={fields.acceptDuplicate.errors} />
          </div>
        </>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? text.resendBusy : text.resend}
      </button>
    </Form>
  )
}

function StatusCell({ r }: { r: Row }) {
  if (r.status === 'failed') {
    return (
      <td>
        <strong>{text.statuses.failed}</strong>
        {r.failure ? <div>{text.failure[r.failure]}</div> : null}
      </td>
    )
  }
  return (
    <td>
      {text.statuses[r.status]}
      {r.status === 'sent' && r.delivery ? <div className="muted">{text.delivery[r.delivery]}</div> : null}
      {r.status === 'pending' && r.attempts > 0 ? <div className="muted">{text.nextAttempt(r.nextAttemptAt)}</div> : null}
    </td>
  )
}

export function OutboxTable({ rows, local, caption, resend = false }: { rows: Row[]; local: boolean; caption: string; resend?: boolean }) {
  return (
    <div {...scrollRegion(caption)}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{text.id}</th>
            <th scope="col">{text.created}</th>
            <th scope="col">{text.template}</th>
            <th scope="col">{text.recipient}</th>
            <th scope="col">{text.status}</th>
            <th scope="col">{text.attempts}</th>
            <th scope="col">{text.error}</th>
            {resend ? <th scope="col">{text.action}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.status === 'failed' ? 'error' : undefined} data-status={r.status}>
              <td>
                {local && r.delivery === 'file' ? <Link to={`/outbox?eml=${r.id}`} aria-label={text.open(r.id)}>{r.id}</Link> : r.id}
              </td>
              <td>{r.createdAt}</td>
              <td>{notificationLabel(r.template, r.municipal)}</td>
              <td className="wrap">{r.recipientEmail ?? <span className="muted">{text.noAddress}</span>}</td>
              <StatusCell r={r} />
              <td>{r.attempts}</td>
              <td className="wrap">{r.lastError ? <code>{r.lastError}</code> : null}</td>
              {resend ? (
                <td>
                  <ResendForm r={r} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
