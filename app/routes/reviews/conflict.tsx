import { getSelectProps, getTextareaProps } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { conflictSchema } from '~/model/inputs/commission'
import { detached, type Reply } from '~/ui/action-button'
import { Confirmable } from '~/ui/confirm'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { ListPager } from '~/ui/list-pager'
import { text } from './text'

// Declaring a conflict of interest (each person listed once; it cannot be
// withdrawn, so through the confirmation step, which asks for the candidate
// and the reason), and the member's recusals.

type Candidate = { id: number; fullName: string; organisationName: string | null }
type Recusal = { applicationId: number; fullName: string; kind: string; reason: string }

type Pager = { q: string | null; from: number; total: number; next: string | null; first: string }

function ConflictSearch({ commissionId, q }: { commissionId: number; q: string | null }) {
  return (
    <Form method="get" role="search" aria-label={text.conflictSearch} className="inline-form">
      <input type="hidden" name="commission" value={commissionId} />
      <label htmlFor="conflict-q">{text.conflictQ}</label> <input id="conflict-q" name="q" type="search" defaultValue={q ?? ''} maxLength={100} />{' '}
      <button type="submit">{text.conflictFind}</button>
      {q ? (
        <>
          {' '}
          <Link to={`/reviews?commission=${commissionId}`}>{text.conflictReset}</Link>
        </>
      ) : null}
    </Form>
  )
}

export function Conflict({
  commissionId,
  candidates,
  pager,
  recusals,
  reply,
}: {
  commissionId: number
  candidates: Candidate[]
  pager: Pager
  recusals: Recusal[]
  reply: Reply
}) {
  const [form, fields] = useSchemaForm(conflictSchema, { id: 'conflict', lastResult: reply, intent: 'conflict' })
  return (
    <section aria-labelledby="conflict" className="card">
      <h2 id="conflict">{text.conflict}</h2>
      <p className="muted">{text.conflictHint}</p>
      {pager.total > 0 || pager.q ? <ConflictSearch commissionId={commissionId} q={pager.q} /> : null}
      {candidates.length === 0 ? (
        <p className="muted">{pager.q ? text.conflictNotFound : text.noCandidates}</p>
      ) : (
        <>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Confirmable confirmKey="conflict" label={text.declare} question={text.declareQuestion} confirmLabel={text.declareConfirm} fields={{ intent: 'conflict' }} danger>
            <div className="field">
              <label htmlFor={fields.applicationId.id}>{text.candidate}</label>
              <select {...detached(getSelectProps(fields.applicationId))}>
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
              <textarea {...detached(getTextareaProps(fields.reason))} rows={3} />
              <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
            </div>
          </Confirmable>
        </>
      )}
      <ListPager from={pager.from} count={candidates.length} total={pager.total} next={pager.next} first={pager.first} label={text.conflictPages} />
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
