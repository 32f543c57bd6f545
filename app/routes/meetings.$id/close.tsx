import { useNavigation } from '@remix-run/react'
import { allErrors, replyFor, type Reply } from '~/ui/action-button'
import { Confirmable } from '~/ui/confirm'
import { FormErrors } from '~/ui/form'
import { text } from './text'

// Closing the meeting issues the protocol and cannot be undone: a
// confirmation step (works without JavaScript). With nothing to decide the
// step asks, in so many words, to close without considering candidates.
// Before the meeting's time there is no button, only the reason.

export function Close({ toDecide, quorum, notStarted, reply }: { toDecide: number; quorum: boolean; notStarted: string | null; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const refused = replyFor(reply, 'close')
  return (
    <section aria-labelledby="close" className="card">
      <h2 id="close">{text.close}</h2>
      <p className="muted">{text.closeHint}</p>
      <FormErrors errors={refused ? allErrors(refused.error ?? undefined) : null} />
      {notStarted ? (
        <p className="muted">{notStarted}</p>
      ) : !quorum ? (
        <p className="muted">{text.closeNeedsQuorum}</p>
      ) : (
        <Confirmable
          confirmKey="close"
          label={text.close}
          question={toDecide > 0 ? text.closeQuestion(toDecide) : text.closeEmptyQuestion}
          confirmLabel={busy ? `${text.closeConfirm}…` : text.closeConfirm}
          fields={{ intent: 'close' }}
          danger
        >
          {toDecide === 0 ? (
            <p className="check">
              <input type="checkbox" id="without-candidates" name="withoutCandidates" value="yes" required />
              <label htmlFor="without-candidates">{text.withoutCandidates}</label>
            </p>
          ) : null}
        </Confirmable>
      )}
    </section>
  )
}
