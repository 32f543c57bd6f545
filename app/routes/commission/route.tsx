import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ApplicationTable } from '~/ui/application-table'
import { FormErrors } from '~/ui/form'
import { replyFor } from '~/ui/action-button'
import {
  addReviewer,
  assignReviewersAutomatically,
  commissionWorkspace,
  removeReviewer,
  sendRecommendedToMinistry,
} from '~/domain/commission.server'
import { commissionActionSchema } from '~/model/inputs/commission'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireCommission } from '~/http/staff-commission.server'
import { Board } from './board'
import { Campaigns, Load } from './campaigns'
import { text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'meeting:manage', ['application:readCommission'])
  const w = await commissionWorkspace(actor, commissionId)
  return {
    commission: { id: w.commission.id, name: w.commission.name },
    timeZone: w.commission.timeZone,
    queue: w.queue.map((a) => ({ id: a.id, fullName: a.fullName, organisationName: a.organisationName, municipalityName: a.municipalityName, source: a.source, state: a.state, updatedAt: a.updatedAt, campaignTitle: a.campaignTitle })),
    board: w.board,
    members: w.members,
    campaigns: w.campaigns,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'meeting:manage', ['application:readCommission'])
  const back = (message: string) => redirectWithFlash(`/commission?commission=${commissionId}`, message)
  return handleForm(request, commissionActionSchema, async (f) => {
    switch (f.intent) {
      case 'autoAssign':
        return back(text.done.assigned((await assignReviewersAutomatically(actor, commissionId, f.perApplication)).assigned))
      case 'addReviewer':
        return addReviewer(actor, f.applicationId, f.memberId).then(() => back(text.done.added))
      case 'removeReviewer':
        return removeReviewer(actor, f.applicationId, f.memberId).then(() => back(text.done.removed))
      case 'sendToMinistry':
        return back(text.done.sent((await sendRecommendedToMinistry(actor, f.campaignId)).sent))
    }
  })
}

export default function CommissionPage() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  // The confirmation step's form is not a conform form: its refusal is shown here.
  const sendReply = replyFor(reply, 'sendToMinistry')
  return (
    <>
      <p className="no-print">
        <Link to="/dashboard">{text.back}</Link> · <Link to={`/meetings?commission=${d.commission.id}`}>{text.meetings}</Link>
      </p>
      <h1>
        {text.title}: {d.commission.name}
      </h1>
      <FormErrors errors={sendReply ? Object.values(sendReply.error ?? {}).flatMap((e) => e ?? []) : null} />

      <section aria-labelledby="queue">
        <h2 id="queue">{text.queue}</h2>
        <p className="muted">{text.queueHint}</p>
        <ApplicationTable items={d.queue} empty={text.queueEmpty} timeZone={d.timeZone} />
      </section>

      <Board board={d.board} reply={reply} />
      <Load members={d.members} />
      <Campaigns campaigns={d.campaigns} />
    </>
  )
}
