import { getFormProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { conflictSchema } from '~/model/inputs/commission'
import type { Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { text } from './text'

// Declaring a conflict of interest (each person listed once), and the member's recusals.

type Candidate = { id: number; fullName: string; organisationName: string | null }
type Recusal = { applicationId: number; fullName: string; kind: string; reason: string }

export function Conflict({ candidates, recusals, reply }: { candidates: Candidate[]; recusals: Recusal[]; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(conflictSchema, { id: 'conflict', lastResult: reply, intent: 'conflict' })
  return (
    <section aria-labelledby="conflict" className="card">
      <h2 id="conflict">{text.conflict}</h2>
      <p className="muted">{text.conflictHint}</p>
      {candidates.length === 0 ? (
        <p className="muted">{text.noCandidates}</p>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="conflict" />
          <div className="field">
            <label htmlFor={fields.applicationId.id}>{text.candidate}</label>
            <select {...getSelectProps(fields.applicationId)}>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.fullName}
                  {c.organisationName ? ` (${c.organisationName})` : ''}
                </option>
              ))}
            </select>
            <ErrorList id={fields.applicationId.errorId} errors={fields.applicationId.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.reason.id}>{text.reason}</label>
            <textarea {...getTextareaProps(fields.reason)} rows={3} />
            <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
          </div>
          <button type="submit" disabled={busy} className="danger">
            {text.declare}
          </button>
        </Form>
      )}
      {recusals.length > 0 ? (
        <>
          <h3>{text.myRecusals}</h3>
          <ul>
            {recusals.map((r) => (
              <li key={r.applicationId}>
                {r.fullName} — <span className="muted">{r.kind === 'automatic' ? text.automatic : text.declared}</span>
                {r.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
