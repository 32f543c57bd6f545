import { useNavigation } from '@remix-run/react'
import { campaignStateLabels, commissionRoleLabels } from '~/model/labels'
import { Confirmable } from '~/ui/confirm'
import { text } from './text'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

// The commission's members with their load, and the campaigns whose
// recommended candidates go to the ministry (a step the commission cannot take back).

type Member = { id: number; name: string; role: string; organisationName: string | null; voter: boolean; open: number }
type Campaign = { id: number; title: string; state: string; inReview: number; recommended: number; municipalityId: number | null }

export function Load({ members }: { members: Member[] }) {
  return (
    <section aria-labelledby="members">
      <h2 id="members">{text.members}</h2>
      <div {...scrollRegion(text.members)}>
        <table className="staff-table">
          <ColumnHeads labels={[text.chooseMember, text.role, text.organisation, text.open]} />
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td>
                  {commissionRoleLabels[m.role] ?? ''}
                  {!m.voter ? <span className="muted"> ({text.noVote})</span> : null}
                </td>
                <td>
                  <span className="clamp" title={m.organisationName ?? undefined}>
                    {m.organisationName ?? '—'}
                  </span>
                </td>
                <td>{m.voter ? m.open : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export function Campaigns({ campaigns }: { campaigns: Campaign[] }) {
  const busy = useNavigation().state === 'submitting'
  return (
    <section aria-labelledby="ministry">
      <h2 id="ministry">{text.ministry}</h2>
      <p className="muted">{campaigns.some((c) => c.municipalityId !== null) ? text.municipalHint : text.ministryHint}</p>
      <div {...scrollRegion(text.ministry)}>
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">{text.campaign}</th>
              <th scope="col">{text.state}</th>
              <th scope="col">{text.inReview}</th>
              <th scope="col">{text.recommended}</th>
              <th scope="col">
                <span className="visually-hidden">{text.send}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.title}</th>
                <td>{campaignStateLabels[c.state] ?? ''}</td>
                <td>{c.inReview}</td>
                <td>{c.recommended}</td>
                <td>
                  {c.recommended > 0 ? (
                    <Confirmable
                      confirmKey={`send-${c.id}`}
                      label={text.send}
                      question={(c.municipalityId !== null ? text.municipalSendQuestion : text.sendQuestion)(c.recommended, c.title)}
                      confirmLabel={busy ? `${text.sendConfirm}…` : text.sendConfirm}
                      fields={{ intent: 'sendToMinistry', campaignId: c.id }}
                    />
                  ) : (
                    <span className="muted">{text.nothing}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
