import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  addAgendaItem,
  castOwnVote,
  closeMeeting,
  deleteMeeting,
  meetingView,
  recordVotes,
  removeAgendaItem,
  rescheduleMeeting,
  setAttendance,
} from '~/domain/meetings.server'
import { addMotion, castOwnMotionVote, recordMotionVotes, removeMotion } from '~/domain/motions.server'
import { meetingActionSchema } from '~/model/inputs/commission'
import { handleForm } from '~/http/form.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireSignedIn } from '~/http/session.server'
import { formatDateTime, meetingStatusLabels } from '~/model/labels'
import { meetingNotStarted, toLocalDateTime } from '~/model/protocol'
import { utcOffsetLabel } from '~/utils/dates'
import { revalidateAfterStaleRow, strayOf } from '~/ui/action-button'
import { FormErrors } from '~/ui/form'
import { ListPager } from '~/ui/list-pager'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { Attendance } from './attendance'
import { CandidateChoice } from './candidates'
import { Close } from './close'
import { AgendaItem, agendaRows } from './item'
import { Motions } from './motions'
import { Schedule } from './schedule'
import { text } from './text'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${text.title(formatDateTime(data.meeting.heldAt, data.timeZone))} — Реестр методического актива` : 'Заседание' },
]

// A 404/409 means the agenda changed in another tab: read it again.
export const shouldRevalidate = revalidateAfterStaleRow

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100) || null
  const v = await orErrorPage(meetingView(actor, idParam(params.id), { q, ...pageOf(url, 'candAfter', 'text') }, new Date(), pageOf(url, 'itemAfter', 'int')))
  return {
    meeting: v.meeting,
    commission: { id: v.commission.id, name: v.commission.name },
    timeZone: v.commission.timeZone,
    members: v.members,
    quorum: v.quorum,
    items: v.items,
    motions: v.motions,
    pendingMotions: v.pendingMotions,
    itemPager: { from: v.itemPage.from, total: v.itemPage.total, next: nextHref(url, { ...v.itemPage, rows: v.items }, 'itemAfter'), first: firstHref(url, 'itemAfter') },
    itemsInReview: v.itemsInReview,
    candidates: v.candidates.rows,
    candidatePager: { q, from: v.candidates.from, total: v.candidates.total ?? 0, next: nextHref(url, v.candidates, 'candAfter'), first: firstHref(url, 'candAfter') },
    canManage: v.canManage,
    canVoteSelf: v.canVoteSelf,
    open: v.open,
    started: v.started,
    canDelete: v.canDelete,
    /** The schedule form's values: the region's wall clock, and its offset on that day. */
    heldAtLocal: toLocalDateTime(new Date(v.meeting.heldAt), v.commission.timeZone),
    zoneLabel: utcOffsetLabel(new Date(v.meeting.heldAt), v.commission.timeZone),
  }
}

/** Back to the page of the agenda and of the candidates the form was sent from (a vote on the 20th page stays there). */
function samePage(request: Request, id: number): string {
  const from = new URL(request.url).searchParams
  const keep = new URLSearchParams()
  for (const k of ['itemAfter', 'itemAfterN', 'q', 'candAfter', 'candAfterN']) {
    const v = from.get(k)
    if (v) keep.set(k, v)
  }
  const q = keep.toString()
  return q ? `/meetings/${id}?${q}` : `/meetings/${id}`
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const saved = () => redirectWithFlash(samePage(request, id), text.saved)
  return handleForm(request, meetingActionSchema, async (f) => {
    switch (f.intent) {
      case 'reschedule':
        return rescheduleMeeting(actor, id, f).then(saved)
      case 'deleteMeeting': {
        const { commissionId } = await deleteMeeting(actor, id)
        return redirectWithFlash(`/meetings?commission=${commissionId}`, text.deleted)
      }
      case 'attendance':
        return setAttendance(actor, id, f.entries).then(saved)
      case 'addItem':
        return addAgendaItem(actor, id, f.applicationId).then(saved)
      case 'removeItem':
        return removeAgendaItem(actor, id, f.applicationId).then(saved)
      case 'votes':
        return recordVotes(actor, id, f.applicationId, f.entries).then(saved)
      case 'vote':
        return castOwnVote(actor, id, f.applicationId, f.choice).then(saved)
      case 'addMotion':
        return addMotion(actor, id, f.subject.kind, f.subject.subjectId).then(saved)
      case 'removeMotion':
        return removeMotion(actor, id, f.motionId).then(saved)
      case 'motionVotes':
        return recordMotionVotes(actor, id, f.motionId, f.entries).then(saved)
      case 'motionVote':
        return castOwnMotionVote(actor, id, f.motionId, f.choice).then(saved)
      case 'close': {
        const { protocolId, number } = await closeMeeting(actor, id, { withoutCandidates: f.withoutCandidates })
        return redirectWithFlash(`/protocols/${protocolId}`, text.closed(number))
      }
    }
  })
}

export default function MeetingPage() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const notStarted = meetingNotStarted(d.meeting.heldAt, d.timeZone)
  return (
    <>
      <p className="no-print">
        <Link to={`/meetings?commission=${d.commission.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title(formatDateTime(d.meeting.heldAt, d.timeZone))}</h1>
      <dl className="facts">
        <dt>{text.place}</dt>
        <dd>{d.meeting.place}</dd>
        <dt>{text.status}</dt>
        <dd>
          {meetingStatusLabels[d.meeting.status] ?? ''}
          {d.meeting.protocolId ? (
            <>
              {' '}
              — <Link to={`/protocols/${d.meeting.protocolId}`}>{text.protocol(d.meeting.protocolNumber!)}</Link>
            </>
          ) : null}
        </dd>
        {d.meeting.agenda ? (
          <>
            <dt>{text.agendaText}</dt>
            <dd className="pre">{d.meeting.agenda}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="quorum" className="card">
        <h2 id="quorum">{text.quorum}</h2>
        <p>{text.quorumLine(d.quorum.present, d.quorum.members, d.quorum.required)}</p>
        <p>
          <strong className={d.quorum.reached ? 'ok' : 'error'}>{!d.open ? text.quorumClosed : d.quorum.reached ? text.quorumYes : text.quorumNo}</strong>
        </p>
      </section>

      {d.canManage ? <Schedule heldAt={d.heldAtLocal} place={d.meeting.place} zoneLabel={d.zoneLabel} canDelete={d.canDelete} reply={reply} /> : null}
      {d.canManage && !d.started ? <p className="warning">{notStarted}</p> : null}

      <Attendance members={d.members} canManage={d.canManage && d.started} reply={reply} />

      <section aria-labelledby="items">
        <h2 id="items">{text.items}</h2>
        <FormErrors errors={strayOf(reply, agendaRows(d.items, d.members, d.canManage, d.canVoteSelf))} />
        {d.itemPager.total === 0 ? <p className="muted">{text.noItems}</p> : null}
        {d.items.map((item, n) => (
          <AgendaItem key={item.applicationId} n={d.itemPager.from + n} item={item} members={d.members} quorum={d.quorum.reached && d.started} canManage={d.canManage} canVoteSelf={d.canVoteSelf} reply={reply} />
        ))}
        <ListPager from={d.itemPager.from} count={d.items.length} total={d.itemPager.total} next={d.itemPager.next} first={d.itemPager.first} label={text.itemPages} />
        {d.canManage ? <CandidateChoice meetingId={d.meeting.id} candidates={d.candidates} pager={d.candidatePager} reply={reply} /> : null}
      </section>

      <Motions first={d.itemPager.total + 1} motions={d.motions} pending={d.pendingMotions} members={d.members} quorum={d.quorum.reached && d.started} canManage={d.canManage} canVoteSelf={d.canVoteSelf} reply={reply} />

      {d.canManage ? (
        <Close
          toDecide={d.itemsInReview + d.motions.filter((m) => !m.decision).length}
          quorum={d.quorum.reached}
          notStarted={d.started ? null : notStarted}
          reply={reply}
        />
      ) : null}
    </>
  )
}
