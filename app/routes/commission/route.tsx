import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ApplicationTable } from '~/ui/application-table'
import { FormErrors } from '~/ui/form'
import { replyFor, revalidateAfterStaleRow } from '~/ui/action-button'
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
import { ListPager } from '~/ui/list-pager'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { Board } from './board'
import { QueueSearch } from './queue-search'
import { Campaigns, Load } from './campaigns'
import { text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

// A 404/409 means the board changed in another tab: read it again.
export const shouldRevalidate = revalidateAfterStaleRow

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'meeting:manage', ['application:readCommission'])
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100) || null
  const w = await commissionWorkspace(actor, commissionId, { q, ...pageOf(url, 'queueAfter', 'float') }, pageOf(url, 'boardAfter', 'int'))
  url.searchParams.set('commission', String(commissionId))
  return {
    commission: { id: w.commission.id, name: w.commission.name },
    timeZone: w.commission.timeZone,
    q,
    queueTotal: w.queue.total ?? 0,
    queueFrom: w.queue.from,
    queueNext: nextHref(url, w.queue, 'queueAfter'),
    queueFirst: firstHref(url, 'queueAfter'),
    queue: w.queue.rows.map((a) => ({ id: a.id, fullName: a.fullName, organisationName: a.organisationName, municipalityName: a.municipalityName, source: a.source, state: a.state, updatedAt: a.updatedAt, campaignTitle: a.campaignTitle })),
    board: w.board.rows,
    boardPager: { from: w.board.from, total: w.board.total ?? 0, next: nextHref(url, w.board, 'boardAfter'), first: firstHref(url, 'boardAfter') },
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
        <Link to="/dashboard">{text.back}</Link> · <Link to={`/meetings?commission=${d.commission.id}`}>{text.meetings}</Link> · <Link to={`/commission/appeals?commission=${d.commission.id}`}>{text.appeals}</Link>
      </p>
      <h1>
        {text.title}: {d.commission.name}
      </h1>
      <FormErrors errors={sendReply ? Object.values(sendReply.error ?? {}).flatMap((e) => e ?? []) : null} />

      <section aria-labelledby="queue">
        <h2 id="queue">{text.queue}</h2>
        <p className="muted">{text.queueHint}</p>
        <QueueSearch commissionId={d.commission.id} q={d.q} />
        <ApplicationTable items={d.queue} empty={d.q ? text.queueNotFound : text.queueEmpty} timeZone={d.timeZone} />
        <ListPager from={d.queueFrom} count={d.queue.length} total={d.queueTotal} next={d.queueNext} first={d.queueFirst} label={text.queuePages} />
      </section>

      <Board board={d.board} pager={d.boardPager} reply={reply} />
      <Load members={d.members} />
      <Campaigns campaigns={d.campaigns} />
    </>
  )
}
