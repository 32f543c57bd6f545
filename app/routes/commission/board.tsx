import { getFormProps, getInputProps } from '@conform-to/react'
import { Form, Link, useNavigation } from '@remix-run/react'
import type { BoardItem } from '~/domain/commission.server'
import { autoAssignSchema, recommendationLabels } from '~/model/inputs/commission'
import { ActionButton, RowError, rowForm, strayErrors, useRefusalFocus, type Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { ListPager } from '~/ui/list-pager'
import { text } from './text'
import { ColumnHeads } from '~/ui/column-heads'
import { ScoreList } from '~/ui/score-summary'
import { scrollRegion } from '~/ui/table-scroll'

// The review board: automatic assignment, and per candidate the reviewers,
// their progress, the recusals and a hand-picked reviewer.

function AutoAssign({ reply, empty }: { reply: Reply; empty: boolean }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(autoAssignSchema, { id: 'auto-assign', lastResult: reply, intent: 'autoAssign', defaultValue: { perApplication: '3' } })
  return (
    <Form method="post" {...getFormProps(form)} className="card inline-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="autoAssign" />
      <div className="field">
        <label htmlFor={fields.perApplication.id}>{text.perApplication}</label>
        <input
          {...getInputProps(fields.perApplication, { type: 'number' })}
          min={1}
          max={10}
          aria-describedby={[fields.perApplication.errors ? fields.perApplication.errorId : null, 'auto-hint'].filter(Boolean).join(' ')}
        />
        <ErrorList id={fields.perApplication.errorId} errors={fields.perApplication.errors} />
      </div>
      <button type="submit" disabled={busy || empty}>
        {text.autoAssign}
      </button>
      <p id="auto-hint" className="muted">
        {text.autoHint}
      </p>
    </Form>
  )
}

function AddReviewer({ item, reply }: { item: BoardItem; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  // A plain row form (~/ui/action-button rowForm): the board has one per candidate.
  const form = rowForm(reply, 'addReviewer', { applicationId: item.id })
  const selectId = `${form.props.id}-member`
  const chosen = form.sent.memberId
  const focus = useRefusalFocus<HTMLSelectElement>(reply, form.errors.length > 0)
  return (
    <Form {...form.props} className="inline-form">
      <input type="hidden" name="intent" value="addReviewer" />
      <input type="hidden" name="applicationId" value={item.id} />
      <label htmlFor={selectId} className="visually-hidden">
        {text.chooseMember} ({item.fullName})
      </label>
      <select
        id={selectId}
        ref={focus.ref}
        // only on the row just refused, where the user's focus was
        autoFocus={focus.autoFocus}
        name="memberId"
        required
        defaultValue={chosen === undefined ? undefined : String(chosen)}
        aria-invalid={form.errors.length > 0 || undefined}
        aria-describedby={form.errors.length > 0 ? form.errorId : undefined}
      >
        {item.addable.map((m) => (
          <option key={m.memberId} value={m.memberId}>
            {m.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit" disabled={busy}>
        {text.addButton}
      </button>
      <RowError id={form.errorId} errors={form.errors} />
    </Form>
  )
}

function Reviewers({ item, reply }: { item: BoardItem; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      {item.reviewers.length === 0 ? <span className="muted">{text.noReviewers}</span> : null}
      <ul className="plain">
        {item.reviewers.map((r) => (
          <li key={r.memberId}>
            {r.name} —{' '}
            {r.submitted ? (
              <strong>
                {r.recommendation ? recommendationLabels[r.recommendation as keyof typeof recommendationLabels].toLowerCase() : ''}
                {r.score != null ? `, ${r.score} б.` : ''}
              </strong>
            ) : (
              <span className="muted">{text.waiting}</span>
            )}
            {!r.submitted ? (
              <>
                {' '}
                <ActionButton
                  intent="removeReviewer"
                  fields={{ applicationId: item.id, memberId: r.memberId }}
                  reply={reply}
                  label={text.remove}
                  accessibleLabel={`${text.remove}: ${r.name} (${item.fullName})`}
                  className="link"
                  disabled={busy}
                />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  )
}

type Pager = { from: number; total: number; next: string | null; first: string }

export function Board({ board, pager, reply }: { board: BoardItem[]; pager: Pager; reply: Reply }) {
  // The scores column only when a candidate's campaign has a review form.
  const scored = board.some((a) => a.scores)
  // A refusal for a row no longer on the board (removed or added in another tab) is said here.
  const stray = [
    ...strayErrors(reply, 'removeReviewer', board.flatMap((a) => a.reviewers.filter((r) => !r.submitted).map((r) => ({ applicationId: a.id, memberId: r.memberId })))),
    ...strayErrors(reply, 'addReviewer', board.filter((a) => a.addable.length > 0).map((a) => ({ applicationId: a.id }))),
  ]
  return (
    <section aria-labelledby="board">
      <h2 id="board">{text.board}</h2>
      <FormErrors errors={stray} />
      {/* Automatic assignment covers every candidate in review, not only this page. */}
      <AutoAssign reply={reply} empty={pager.total === 0} />
      {board.length === 0 ? (
        <p className="muted">{text.boardEmpty}</p>
      ) : (
        <div {...scrollRegion(text.board)}>
          <table className="staff-table">
            <ColumnHeads labels={[text.name, text.reviewers, text.progress, scored && text.scores, text.recused, text.add]} />
            <tbody>
              {board.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/applications/${a.id}`}>{a.fullName}</Link>
                    {a.organisationName ? (
                      <div className="muted clamp" title={a.organisationName}>
                        {a.organisationName}
                      </div>
                    ) : null}
                  </th>
                  <td>
                    <Reviewers item={a} reply={reply} />
                  </td>
                  <td>{text.reviewed(a.submitted, a.reviewers.length)}</td>
                  {scored ? <td>{a.scores ? <ScoreList s={a.scores} /> : '—'}</td> : null}
                  <td>
                    {a.recused.length === 0 ? '—' : null}
                    <ul className="plain">
                      {a.recused.map((r) => (
                        <li key={r.memberId}>
                          {r.name} <span className="muted">({r.kind === 'automatic' ? text.automatic : text.declared})</span>
                          <div className="muted clamp" title={r.reason}>
                            {r.reason}
                          </div>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{a.addable.length > 0 ? <AddReviewer item={a} reply={reply} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager from={pager.from} count={board.length} total={pager.total} next={pager.next} first={pager.first} label={text.boardPages} />
    </section>
  )
}
