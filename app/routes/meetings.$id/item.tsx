import { getFormProps, getInputProps } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import { Form, Link, useNavigation } from '@remix-run/react'
import { motionVoteSchema, motionVotesSchema, voteChoices, voteLabels, voteSchema, votesSchema } from '~/model/inputs/commission'
import { itemDecisionLabels } from '~/model/labels'
import { ActionButton, allErrors, replyFor, type Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import type { loader } from './route'
import { text } from './text'
import { scrollRegion } from '~/ui/table-scroll'

// One candidate on the agenda: reviews, recusals, the tally and decision; the
// secretary's record of votes, a member's own vote, taking it off the agenda.

type Data = SerializeFrom<typeof loader>
type Item = Data['items'][number]
type Member = Data['members'][number]

/** What a vote is about: a candidate (`applicationId`) or a motion (`motionId`). */
export type VoteTarget = { key: 'applicationId' | 'motionId'; id: number; title: string }

const voteIntents = { applicationId: { all: 'votes', own: 'vote' }, motionId: { all: 'motionVotes', own: 'motionVote' } } as const

/** The secretary records the present members' votes: `entries[i].memberId` with `entries[i].choice` ('' = not marked). */
export function Votes({ target, votes: recorded, voters, quorum, reply }: { target: VoteTarget; votes: Record<number, string>; voters: Member[]; quorum: boolean; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const intent = voteIntents[target.key].all
  const [form] = useSchemaForm(target.key === 'applicationId' ? votesSchema : motionVotesSchema, {
    id: `${intent}-${target.id}`,
    lastResult: replyFor(reply, intent, { [target.key]: target.id }),
    intent,
  })
  const votes = recorded as Record<string, string | undefined>
  if (voters.length === 0) return <p className="muted">{text.noVotersYet}</p>
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={allErrors(form.allErrors)} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={target.key} value={target.id} />
      <div {...scrollRegion(`${text.votes}: ${target.title}`)}>
        <table className="staff-table">
          <caption className="visually-hidden">
            {text.votes}: {target.title}
          </caption>
          <thead>
            <tr>
              <th scope="col">{text.member}</th>
              {voteChoices.map((c) => (
                <th scope="col" key={c}>
                  {voteLabels[c]}
                </th>
              ))}
              <th scope="col">{text.notMarked}</th>
            </tr>
          </thead>
          <tbody>
            {voters.map((m, i) => {
              const name = `entries[${i}].choice`
              return (
                <tr key={m.id}>
                  <th scope="row">
                    {m.name}
                    <input type="hidden" name={`entries[${i}].memberId`} value={m.id} />
                  </th>
                  {[...voteChoices, ''].map((c) => (
                    <td key={c}>
                      <input type="radio" name={name} value={c} defaultChecked={(votes[m.id] ?? '') === c} aria-label={`${m.name}: ${c ? voteLabels[c as keyof typeof voteLabels] : text.notMarked}`} />
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <button type="submit" disabled={busy || !quorum || voters.length === 0}>
        {text.recordVotes}
      </button>
    </Form>
  )
}

export function OwnVote({ target, myVote, quorum, reply }: { target: VoteTarget; myVote: string | null; quorum: boolean; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const intent = voteIntents[target.key].own
  const [form, fields] = useSchemaForm(target.key === 'applicationId' ? voteSchema : motionVoteSchema, {
    id: `${intent}-${target.id}`,
    lastResult: replyFor(reply, intent, { [target.key]: target.id }),
    intent,
    defaultValue: { choice: myVote ?? undefined },
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={target.key} value={target.id} />
      <fieldset className="inline-radios">
        <legend>
          {text.myVote}: {target.title}
        </legend>
        {voteChoices.map((c) => (
          <span key={c}>
            <input {...getInputProps(fields.choice, { type: 'radio', value: c })} id={`${fields.choice.id}-${c}`} />{' '}
            <label htmlFor={`${fields.choice.id}-${c}`}>{voteLabels[c]}</label>{' '}
          </span>
        ))}
        <ErrorList id={fields.choice.errorId} errors={fields.choice.errors} />
      </fieldset>
      <button type="submit" disabled={busy || !quorum}>
        {text.vote}
      </button>
    </Form>
  )
}

/** Who votes on a candidate: the present voting members not recused from it. */
function votersOf(item: Item, members: Member[]) {
  const recusedIds = new Set(item.recused.map((r) => r.memberId))
  return members.filter((m) => m.voter && m.status !== 'absent' && !recusedIds.has(m.id))
}

/** The agenda's row forms on the page, by intent: a refusal for none of them (the candidate taken off in another tab) is said above the agenda. */
export function agendaRows(items: Item[], members: Member[], canManage: boolean, canVoteSelf: boolean) {
  const row = (i: Item) => ({ applicationId: i.applicationId })
  const open = items.filter((i) => i.state === 'inReview')
  return {
    removeItem: canManage ? items.map(row) : [],
    votes: canManage ? open.filter((i) => votersOf(i, members).length > 0).map(row) : [],
    vote: canVoteSelf ? open.filter((i) => !i.iAmRecused).map(row) : [],
  }
}

export function AgendaItem(props: { n: number; item: Item; members: Member[]; quorum: boolean; canManage: boolean; canVoteSelf: boolean; reply: Reply }) {
  const { n, item, members, quorum, canManage, canVoteSelf, reply } = props
  const busy = useNavigation().state === 'submitting'
  const voters = votersOf(item, members)
  const h = `item-${item.applicationId}`
  const target: VoteTarget = { key: 'applicationId', id: item.applicationId, title: item.fullName }
  return (
    <article className="card" aria-labelledby={h}>
      <h3 id={h}>
        {n}. {item.fullName}
      </h3>
      <p>
        {[item.personPosition, item.organisationName].filter(Boolean).join(', ')} ·{' '}
        <Link to={`/applications/${item.applicationId}`}>
          {text.open}: {item.fullName}
        </Link>
      </p>
      <p className="muted">{text.reviews(item.reviews)}</p>
      {item.recused.length > 0 ? (
        <p>
          {text.recused}: {item.recused.map((r) => r.name).join(', ')}
        </p>
      ) : null}
      <p>
        <strong>{text.tally(item.tally)}</strong>
        {item.decision ? (
          <>
            {' '}
            — {text.decision}: <strong>{itemDecisionLabels[item.decision] ?? ''}</strong>
          </>
        ) : null}
      </p>
      {canManage && item.state === 'inReview' ? <Votes target={target} votes={item.votes} voters={voters} quorum={quorum} reply={reply} /> : null}
      {canVoteSelf && item.state === 'inReview' ? (
        item.iAmRecused ? (
          <p className="muted">{text.iAmRecused}</p>
        ) : (
          <OwnVote target={target} myVote={item.myVote} quorum={quorum} reply={reply} />
        )
      ) : null}
      {canManage ? (
        <ActionButton
          intent="removeItem"
          fields={{ applicationId: item.applicationId }}
          reply={reply}
          label={`${text.removeItem}: ${item.fullName}`}
          className="link"
          disabled={busy}
        />
      ) : null}
    </article>
  )
}
