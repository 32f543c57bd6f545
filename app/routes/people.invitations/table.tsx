import { useNavigation } from '@remix-run/react'
import { ActionButton, allErrors, replyFor, type Reply } from '~/ui/action-button'
import { ColumnHeads } from '~/ui/column-heads'
import { Confirmable } from '~/ui/confirm'
import { ErrorList } from '~/ui/form'
import type { Row } from './route'
import { text } from './text'

// The region's invitations: state in Russian, and for the open ones (pending
// or expired) «Отправить снова» and «Отозвать» (with the confirmation step).

const open = (r: Row) => r.state === 'pending' || r.state === 'expired'

/** The rows' forms on the page, by intent, for a refusal whose row is gone (revoked or accepted in another tab). */
export function invitationRows(rows: Row[], region: number) {
  const shown = rows.filter(open)
  return { resend: shown.map((r) => ({ region, id: r.id })), revoke: shown.map((r) => ({ id: r.id })) }
}

function Actions({ r, region, reply }: { r: Row; region: number; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  if (!open(r)) return null
  const revokeReply = replyFor(reply, 'revoke', { id: r.id })
  return (
    <>
      <ActionButton
        intent="resend"
        fields={{ region, id: r.id }}
        reply={reply}
        label={text.resend}
        accessibleLabel={text.resendOf(r.email)}
        disabled={busy}
      />{' '}
      <Confirmable
        confirmKey={`revoke-${r.id}`}
        label={text.revoke}
        question={text.revokeQuestion(r.email)}
        confirmLabel={text.revokeConfirm}
        fields={{ intent: 'revoke', region, id: r.id }}
        danger
      />
      <ErrorList errors={allErrors(revokeReply?.error ?? undefined)} />
    </>
  )
}

export function InvitationTable({ rows, region, reply }: { rows: Row[]; region: number; reply: Reply }) {
  const h = text.head
  return (
    <div className="table-wrap">
      <table className="stack">
        <ColumnHeads labels={[h.name, h.email, h.role, h.scope, h.state, h.sent, h.expires, h.actions]} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-state={r.state}>
              <th scope="row" data-label={h.name}>
                {r.displayName}
                {r.invitedByName ? <div className="muted">{text.invitedBy(r.invitedByName)}</div> : null}
              </th>
              <td data-label={h.email} className="wrap">
                {r.email}
              </td>
              <td data-label={h.role}>{r.role}</td>
              <td data-label={h.scope}>{r.scopeName ?? '—'}</td>
              <td data-label={h.state}>{r.stateLabel}</td>
              <td data-label={h.sent}>
                {r.sentAt}
                {r.resentCount > 0 ? <div className="muted">{text.resentTimes(r.resentCount)}</div> : null}
              </td>
              <td data-label={h.expires}>{r.state === 'pending' || r.state === 'expired' ? r.expiresAt : '—'}</td>
              <td data-label={h.actions}>
                <Actions r={r} region={region} reply={reply} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
