import type { SerializeFrom } from '@remix-run/node'
import { formatDateTime } from '~/model/labels'
import type { Reply } from '~/ui/action-button'
import { ColumnHeads } from '~/ui/column-heads'
import { Confirmable } from '~/ui/confirm'
import { FormErrors } from '~/ui/form'
import type { loader } from './route'
import { text } from './text'

// The account's state with the switch off / on, and the history of its roles and state.

type Data = SerializeFrom<typeof loader>

/** The refusal of one of this page's forms, when it was that form that was sent. */
export const errorsOf = (reply: Reply, intents: string[]) => (reply && reply.form && intents.includes(reply.form) ? (reply.error?.[''] ?? []) : [])

export function Account({ d, reply }: { d: Data; reply: Reply }) {
  const name = d.user.displayName
  const hidden = { region: d.region.id }
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">{text.account}</h2>
      <dl className="facts">
        <dt>{text.login}</dt>
        <dd>{d.user.login}</dd>
        <dt>{text.state}</dt>
        <dd>{d.user.active ? text.active : text.inactive}</dd>
        <dt>{text.sessions}</dt>
        <dd>{d.sessions}</dd>
      </dl>
      <FormErrors id="account-errors" errors={errorsOf(reply, ['deactivate', 'activate'])} />
      {!d.mayChangeAccount ? (
        <p className="muted">{text.cannotChange}</p>
      ) : d.user.active ? (
        <Confirmable
          confirmKey="deactivate"
          label={text.deactivate}
          question={text.deactivateQuestion(name)}
          confirmLabel={text.deactivateConfirm}
          fields={{ ...hidden, intent: 'deactivate' }}
          danger
        />
      ) : (
        <Confirmable confirmKey="activate" label={text.activate} question={text.activateQuestion(name)} confirmLabel={text.activateConfirm} fields={{ ...hidden, intent: 'activate' }} />
      )}
    </section>
  )
}

export function History({ d }: { d: Data }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{text.history}</h2>
      {d.history.length === 0 ? (
        <p className="muted">{text.noHistory}</p>
      ) : (
        <div className="table-wrap">
          <table className="staff-table stack">
            <ColumnHeads labels={[text.when, text.what, text.who]} />
            <tbody>
              {d.history.map((h) => (
                <tr key={h.id}>
                  <th scope="row">{formatDateTime(h.at, d.timeZone)}</th>
                  <td data-label={text.what}>{h.text}</td>
                  <td data-label={text.who}>{h.actorName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.historyCut ? <p className="muted">{text.historyCut(d.history.length)}</p> : null}
      <p className="muted">{text.times}</p>
    </section>
  )
}
