import { getFormProps } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import { Form, useNavigation } from '@remix-run/react'
import { addMotionSchema } from '~/model/inputs/commission'
import { ActionButton, replyFor, strayOf, type Reply } from '~/ui/action-button'
import { FormErrors, SelectField, useSchemaForm } from '~/ui/form'
import { OwnVote, Votes, type VoteTarget } from './item'
import type { loader } from './route'
import { text } from './text'

// Questions besides candidates (appeals, the indicator report): the same
// votes as for a candidate, and one picker of every kind's waiting questions.

type Data = SerializeFrom<typeof loader>
type Motion = Data['motions'][number]
type Member = Data['members'][number]

function MotionCard(props: { n: number; motion: Motion; members: Member[]; quorum: boolean; canManage: boolean; canVoteSelf: boolean; reply: Reply }) {
  const { n, motion, members, quorum, canManage, canVoteSelf, reply } = props
  const busy = useNavigation().state === 'submitting'
  const voters = members.filter((m) => m.voter && m.status !== 'absent')
  const target: VoteTarget = { key: 'motionId', id: motion.id, title: motion.title }
  const h = `motion-${motion.id}`
  return (
    <article className="card" aria-labelledby={h}>
      <h3 id={h}>
        {n}. {motion.title}
      </h3>
      {motion.voteMeaning ? <p className="muted">{motion.voteMeaning}</p> : null}
      <p>
        <strong>{text.tally(motion.tally)}</strong>
        {motion.decision ? (
          <>
            {' '}
            — {text.decision}: <strong>{motion.decision === 'adopted' ? text.adopted : text.notAdopted}</strong>
          </>
        ) : null}
      </p>
      {canManage && !motion.decision ? <Votes target={target} votes={motion.votes} voters={voters} quorum={quorum} reply={reply} /> : null}
      {canVoteSelf && !motion.decision ? <OwnVote target={target} myVote={motion.myVote} quorum={quorum} reply={reply} /> : null}
      {canManage && !motion.decision ? (
        <ActionButton
          intent="removeMotion"
          fields={{ motionId: motion.id }}
          reply={reply}
          label={`${text.removeMotion}: ${motion.title}`}
          className="link"
          disabled={busy}
        />
      ) : null}
    </article>
  )
}

function AddMotion({ pending, reply }: { pending: Data['pendingMotions']; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(addMotionSchema, { id: 'add-motion', lastResult: replyFor(reply, 'addMotion'), intent: 'addMotion' })
  const options = pending.flatMap((g) => g.subjects.map((s) => ({ value: `${g.kind}:${s.subjectId}`, label: `${g.label}: ${s.title}` })))
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="addMotion" />
      <SelectField meta={fields.subject} label={text.motionSubject} options={options} placeholder="" />
      <button type="submit" disabled={busy}>
        {text.addMotion}
      </button>
    </Form>
  )
}

export function Motions(props: { first: number; motions: Motion[]; pending: Data['pendingMotions']; members: Member[]; quorum: boolean; canManage: boolean; canVoteSelf: boolean; reply: Reply }) {
  const { first, motions, pending, members, canManage, canVoteSelf, reply } = props
  // A refusal for a question no longer on the agenda (taken off or decided in another tab) is said here.
  const open = motions.filter((m) => !m.decision).map((m) => ({ motionId: m.id }))
  const hasVoters = members.some((m) => m.voter && m.status !== 'absent')
  const stray = strayOf(reply, { removeMotion: canManage ? open : [], motionVotes: canManage && hasVoters ? open : [], motionVote: canVoteSelf ? open : [] })
  if (motions.length === 0 && (!canManage || pending.length === 0) && stray.length === 0) return null
  return (
    <section aria-labelledby="motions">
      <h2 id="motions">{text.motions}</h2>
      <FormErrors errors={stray} />
      <p className="muted">{text.motionHint}</p>
      {motions.length === 0 ? <p className="muted">{text.noMotions}</p> : null}
      {motions.map((m, i) => (
        <MotionCard key={m.id} n={first + i} motion={m} {...props} />
      ))}
      {canManage && pending.length > 0 ? <AddMotion pending={pending} reply={props.reply} /> : null}
    </section>
  )
}
