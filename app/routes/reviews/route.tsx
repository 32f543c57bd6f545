import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { declareConflict } from '~/domain/commission.server'
import { reviewerView, submitReview } from '~/domain/reviews.server'
import { reviewsActionSchema } from '~/model/inputs/commission'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireCommission } from '~/http/staff-commission.server'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { ListPager } from '~/ui/list-pager'
import { Conflict } from './conflict'
import { ReviewCard } from './review'
import { text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'application:review')
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100) || null
  const v = await reviewerView(actor, commissionId, pageOf(url, 'reviewAfter', 'text'), { q, ...pageOf(url, 'conflictAfter', 'text') })
  url.searchParams.set('commission', String(commissionId))
  return {
    commission: { id: v.commission.id, name: v.commission.name },
    timeZone: v.commission.timeZone,
    progress: v.progress,
    assignments: v.assignments.rows,
    assignmentPager: { from: v.assignments.from, total: v.assignments.total ?? 0, next: nextHref(url, v.assignments, 'reviewAfter'), first: firstHref(url, 'reviewAfter') },
    recusals: v.recusals.map((r) => ({ applicationId: r.applicationId, fullName: r.fullName, kind: r.kind, reason: r.reason })),
    conflictCandidates: v.conflictCandidates.rows,
    conflictPager: {
      q,
      from: v.conflictCandidates.from,
      total: v.conflictCandidates.total ?? 0,
      next: nextHref(url, v.conflictCandidates, 'conflictAfter'),
      first: firstHref(url, 'conflictAfter'),
    },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'application:review')
  const back = `/reviews?commission=${commissionId}`
  return handleForm(request, reviewsActionSchema, (f) =>
    f.intent === 'review'
      ? submitReview(actor, f).then(() => redirectWithFlash(back, text.saved))
      : declareConflict(actor, f).then(() => redirectWithFlash(back, text.recused)),
  )
}

export default function ReviewsPage() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <>
      <p className="no-print">
        <Link to="/dashboard">{text.back}</Link> · <Link to={`/meetings?commission=${d.commission.id}`}>{text.meetings}</Link>
      </p>
      <h1>{text.title}</h1>
      <p className="muted">{d.commission.name}</p>
      {d.progress.total > 0 ? (
        <>
          <p>
            <strong className="stat">{text.progress(d.progress.done, d.progress.total)}</strong>
          </p>
          <progress max={d.progress.total} value={d.progress.done} aria-label={text.progress(d.progress.done, d.progress.total)} />
        </>
      ) : (
        <p className="muted">{text.none}</p>
      )}
      {d.assignments.map((a) => (
        <ReviewCard key={a.applicationId} a={a} timeZone={d.timeZone} reply={reply} />
      ))}
      <ListPager
        from={d.assignmentPager.from}
        count={d.assignments.length}
        total={d.assignmentPager.total}
        next={d.assignmentPager.next}
        first={d.assignmentPager.first}
        label={text.assignmentPages}
      />

      <Conflict commissionId={d.commission.id} candidates={d.conflictCandidates} pager={d.conflictPager} recusals={d.recusals} reply={reply} />
    </>
  )
}
