import { db, inTransaction, type Db, type Tx } from '../../db/client.server'
import { commissionApplicationPage, countCommissionApplications } from '../../db/queries/applications.server'
import { appendAudit } from '../../db/queries/audit.server'
import { commissionById, commissionMemberByUser, commissionMembersOf, lockCommission, type CommissionMember } from '../../db/queries/commissions.server'
import {
  attendanceOf,
  deleteItem,
  deleteMeetingRow,
  deleteVotesOfAbsent,
  insertItem,
  insertMeeting,
  itemCountsOf,
  itemsOf,
  itemsPageOf,
  markMeetingClosed,
  meetingById,
  meetingsOfCommission,
  setItemDecision,
  upsertAttendance,
  upsertVote,
  votesOf,
  votesOnItems,
  updateMeetingSchedule,
  type Meeting,
  type VoteChoice,
} from '../../db/queries/meetings.server'
import { deleteMotionVotesOfAbsent, motionsOf, motionVotesOf } from '../../db/queries/agenda-motions.server'
import { insertProtocol, protocolById } from '../../db/queries/protocols.server'
import { recusalsOfApplications } from '../../db/queries/recusals.server'
import { reviewsOfApplications } from '../../db/queries/reviews.server'
import { regionById } from '../../db/queries/regions.server'
import { enqueue, resolveRecipients } from '../../db/queries/outbox.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { applicationInScope, recordInScope } from './application-scope.server'
import { sendEvent } from '../../workflows/transition.server'
import type { AttendanceStatus, MeetingForm, MeetingScheduleForm } from '~/model/inputs/commission'
import { can, type Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor } from '~/model/paging'
import { isVoter, notInReview, recuseAutomatically, requireOnCommission } from './commission.server'
import { canViewMeetings, closedError, hasStarted, lockMeetingForOwnVote, lockOpenMeeting, noQuorum, requireStarted, requireVoter, rollCall, tallyOf } from './meeting-roll.server'
import { motionKinds } from './motion-kinds.server'
import { decideMotions, motionsView, pendingMotions, undecidedMotionCount } from './motions.server'
import {
  decide,
  decidedText,
  decisionOfEvent,
  heardText,
  parseLocalDateTime,
  protocolYear,
  protocolZoneText,
  ruLongDate,
  ruTime,
  type ProtocolContent,
  type ProtocolItem,
  type ProtocolPerson,
} from '~/model/protocol'

function requireView(actor: Actor, commissionId: number) {
  if (!canViewMeetings(actor, commissionId)) throw new Forbidden('meeting.read')
}

export async function meetingsList(actor: Actor, commissionId: number) {
  requireView(actor, commissionId)
  const commission = await commissionById(commissionId)
  if (!commission) throw new NotFound('commission', commissionId)
  return { commission, meetings: await meetingsOfCommission(commissionId), canManage: can(actor, 'meeting:manage', { commissionId }) }
}

/**
 * Tells every active member of the commission (the chair and the secretary
 * too) of a meeting set, moved or cancelled, except the one who did it. Only
 * a meeting still ahead: a past date is the record of a meeting held, not a
 * date anyone has to keep.
 */
async function tellCommission(
  actor: Actor,
  commission: { id: number; regionId: number; name: string },
  letter: { template: 'meetingScheduled' | 'meetingMoved' | 'meetingCancelled'; entity: 'meeting' | 'commission'; entityId: number; payload: Record<string, unknown> },
  t: Db,
): Promise<void> {
  const scope = { regionId: commission.regionId, municipalityId: null, commissionId: commission.id }
  const people = [...(await resolveRecipients('secretary', scope, t)), ...(await resolveRecipients('commission', scope, t))]
  const seen = new Set<number>([actor.userId])
  const to = people.filter((a) => a.userId != null && !seen.has(a.userId) && seen.add(a.userId))
  await enqueue(
    to.map((addressee) => ({
      regionId: commission.regionId,
      template: letter.template,
      to: addressee,
      entity: letter.entity,
      entityId: letter.entityId,
      payload: { commission: commission.name, ...letter.payload },
    })),
    t,
  )
}

export async function createMeeting(actor: Actor, commissionId: number, form: MeetingForm, tx?: Db, now = new Date()): Promise<number> {
  requireOnCommission(actor, 'meeting:manage', commissionId, 'meeting.create')
  return inTransaction(async (t) => {
    const commission = await commissionById(commissionId, t)
    if (!commission) throw new NotFound('commission', commissionId)
    // The secretary types the wall clock of the region where the commission meets.
    const heldAt = parseLocalDateTime(form.heldAt, commission.timeZone)
    if (!heldAt) throw new AppError('INVALID_FORM', 400, 'Укажите дату и время заседания.')
    const id = await insertMeeting({ commissionId, heldAt, place: form.place, agenda: form.agenda, createdBy: actor.userId }, t)
    await appendAudit({ actorUserId: actor.userId, regionId: commission.regionId, entity: 'meeting', entityId: id, action: 'CREATE', toState: 'planned' }, t)
    if (heldAt.getTime() > now.getTime()) {
      await tellCommission(actor, commission, { template: 'meetingScheduled', entity: 'meeting', entityId: id, payload: { meetingAt: heldAt.toISOString(), place: form.place } }, t)
    }
    return id
  }, tx)
}

/** Whether anything of the meeting itself has been recorded: attendance, or a vote on a candidate or a motion. */
async function hasRecords(meetingId: number, t: Db): Promise<boolean> {
  const [attendance, votes, motionVotes] = await Promise.all([attendanceOf(meetingId, t), votesOf(meetingId, t), motionVotesOf(meetingId, t)])
  return attendance.length + votes.length + motionVotes.length > 0
}

/**
 * Corrects the date, time and place of a meeting not yet closed (typed in the
 * wall clock of the commission's region, like a new meeting). A meeting with
 * attendance or votes recorded has taken place: it is not moved into the
 * future. Applicants whose appeal is on the agenda are told the new date,
 * and the commission's members of a meeting ahead moved or given another place.
 */
export async function rescheduleMeeting(actor: Actor, meetingId: number, form: MeetingScheduleForm, tx?: Db, now = new Date()): Promise<void> {
  await inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    const commission = await commissionById(meeting.commissionId, t)
    if (!commission) throw new NotFound('commission', meeting.commissionId)
    const heldAt = parseLocalDateTime(form.heldAt, commission.timeZone)
    if (!heldAt) throw new AppError('INVALID_FORM', 400, 'Укажите дату и время заседания.', { fields: { heldAt: 'Укажите дату и время заседания' } })
    if (heldAt.getTime() > now.getTime() && (await hasRecords(meeting.id, t))) {
      throw new AppError(
        'MEETING_HELD',
        409,
        'На заседании уже отмечено присутствие или записаны голоса, значит, оно состоялось: перенести его на будущее нельзя. Укажите дату и время, когда оно прошло.',
        { fields: { heldAt: 'Заседание уже состоялось: укажите прошедшую дату' } },
      )
    }
    const moved = heldAt.getTime() !== new Date(meeting.heldAt).getTime()
    await updateMeetingSchedule(meeting.id, { heldAt, place: form.place }, t)
    if ((moved || form.place.trim() !== meeting.place.trim()) && heldAt.getTime() > now.getTime()) {
      const payload = { meetingAt: heldAt.toISOString(), place: form.place, previousAt: new Date(meeting.heldAt).toISOString(), previousPlace: meeting.place }
      await tellCommission(actor, commission, { template: 'meetingMoved', entity: 'meeting', entityId: meeting.id, payload }, t)
    }
    if (moved) {
      for (const motion of await motionsOf(meeting.id, t)) {
        if (!motion.decision) await motionKinds[motion.kind]?.rescheduled?.({ actor, motion, meeting: { id: meeting.id, heldAt } }, t)
      }
    }
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId: meeting.regionId,
        entity: 'meeting',
        entityId: meeting.id,
        action: 'RESCHEDULE',
        data: { from: { heldAt: new Date(meeting.heldAt).toISOString(), place: meeting.place }, to: { heldAt: heldAt.toISOString(), place: form.place } },
      },
      t,
    )
  }, tx)
}

const notDeletable = () =>
  new AppError(
    'MEETING_HAS_RECORDS',
    409,
    'На заседании уже отмечено присутствие или записаны голоса: удалить его нельзя. Если дата указана неверно, измените её; если заседание прошло, закройте его и оформите протокол.',
  )

/**
 * Deletes a meeting created by mistake: only one not closed with nothing of
 * its own recorded (no attendance, no votes). The candidates on its agenda
 * are again free for another meeting, and each motion's question waits for
 * one (its kind's `removed`, told the meeting is gone: an appellant gets a
 * letter that it is cancelled; the commission's members, of a meeting ahead).
 * Returns the commission, for the page to go back to its meetings.
 */
export async function deleteMeeting(actor: Actor, meetingId: number, tx?: Db, now = new Date()): Promise<{ commissionId: number }> {
  return inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    if (await hasRecords(meeting.id, t)) throw notDeletable()
    const [items, motions] = await Promise.all([itemsOf(meeting.id, t), motionsOf(meeting.id, t)])
    for (const motion of motions) await motionKinds[motion.kind]?.removed?.({ actor, motion, meetingDeleted: true }, t)
    if (!(await deleteMeetingRow(meeting.id, t))) throw closedError()
    const commission = await commissionById(meeting.commissionId, t)
    if (commission && new Date(meeting.heldAt).getTime() > now.getTime()) {
      // why: the meeting's page is gone; the letter and the notice lead to the commission's meetings.
      const payload = { meetingAt: new Date(meeting.heldAt).toISOString(), place: meeting.place }
      await tellCommission(actor, commission, { template: 'meetingCancelled', entity: 'commission', entityId: commission.id, payload }, t)
    }
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId: meeting.regionId,
        entity: 'meeting',
        entityId: meeting.id,
        action: 'DELETE',
        fromState: meeting.status,
        data: {
          heldAt: new Date(meeting.heldAt).toISOString(),
          place: meeting.place,
          applicationIds: items.map((i) => i.applicationId),
          motions: motions.map((m) => ({ kind: m.kind, subjectId: m.subjectId })),
        },
      },
      t,
    )
    return { commissionId: meeting.commissionId }
  }, tx)
}

/**
 * Everything the meeting page shows, and what this actor may do there. The
 * candidates that can still be put on the agenda come one keyset page at a
 * time in name order, searched by name, with their total.
 */
export async function meetingView(
  actor: Actor,
  meetingId: number,
  candidatePage: { q: string | null; after: Cursor | null; from: number } = { q: null, after: null, from: 1 },
  now = new Date(),
  itemPage: { after: Cursor | null; from: number } = { after: null, from: 1 },
) {
  const meeting = recordInScope('meeting', meetingId, await meetingById(meetingId), (m) => canViewMeetings(actor, m.commissionId))
  const commission = await commissionById(meeting.commissionId)
  if (!commission) throw new NotFound('commission', meeting.commissionId)
  const candidateFilter = { commissionId: meeting.commissionId, states: ['inReview'], q: candidatePage.q, notOnMeeting: meeting.id }
  // The agenda pages like any list: a commission may put a thousand candidates on one meeting.
  const itemAfter = itemPage.after
  const [roll, itemRows, itemCounts, candidateRows, candidateTotal, me] = await Promise.all([
    rollCall(meeting, commission.quorumFraction, db()),
    itemsPageOf(meeting.id, itemAfter, PAGE_SIZE),
    itemCountsOf(meeting.id),
    commissionApplicationPage({ ...candidateFilter, after: candidatePage.after, limit: PAGE_SIZE, order: 'name' }),
    countCommissionApplications(candidateFilter),
    commissionMemberByUser(meeting.commissionId, actor.userId),
  ])
  const candidates = toPage(candidateRows, PAGE_SIZE, candidatePage.from, candidateTotal, (a) => a.sortKey)
  const itemsPage = toPage(
    itemRows.map((i) => ({ ...i, id: i.applicationId })),
    PAGE_SIZE,
    itemPage.from,
    itemCounts.total,
    (i) => i.position,
  )
  const items = itemsPage.rows
  const itemIds = items.map((i) => i.applicationId)
  const [votes, recusals, reviews] = await Promise.all([votesOnItems(meeting.id, itemIds), recusalsOfApplications(itemIds), reviewsOfApplications(itemIds)])
  const canManage = can(actor, 'meeting:manage', { commissionId: meeting.commissionId })
  const open = meeting.status !== 'closed'
  const started = hasStarted(meeting, now)
  const [motions, pending, recorded] = await Promise.all([
    motionsView(meeting.id, me?.id ?? null, db()),
    canManage && open ? pendingMotions(meeting.commissionId, db()) : [],
    canManage && open ? hasRecords(meeting.id, db()) : true,
  ])
  const myStatus = me ? roll.status.get(me.id) : undefined
  const canVoteSelf = open && started && !!me && isVoter(me) && can(actor, 'vote:cast', { commissionId: meeting.commissionId }) && myStatus !== undefined && myStatus !== 'absent'
  return {
    meeting,
    commission,
    members: roll.members.map((m) => ({ id: m.id, name: m.fullName, role: m.role, voter: isVoter(m), status: roll.status.get(m.id)! })),
    quorum: roll.quorum,
    /** The agenda's page: its candidates below, `from` (the first one's number), the total and the next cursor. */
    itemPage: { from: itemsPage.from, total: itemCounts.total, next: itemsPage.next },
    /** Candidates on the whole agenda still waiting for a decision (in review), for closing. */
    itemsInReview: itemCounts.inReview,
    items: items.map((i) => {
      const own = votes.filter((v) => v.applicationId === i.applicationId)
      const recused = recusals.filter((r) => r.applicationId === i.applicationId)
      const mine = reviews.filter((r) => r.applicationId === i.applicationId && r.submittedAt)
      return {
        ...i,
        votes: Object.fromEntries(own.map((v) => [v.commissionMemberId, v.choice])) as Record<number, VoteChoice>,
        tally: tallyOf(own),
        recused: recused.map((r) => ({ memberId: r.commissionMemberId, name: r.memberName, reason: r.reason })),
        reviews: { recommend: mine.filter((r) => r.recommendation === 'recommend').length, reject: mine.filter((r) => r.recommendation === 'reject').length, defer: mine.filter((r) => r.recommendation === 'defer').length },
        myVote: me ? (own.find((v) => v.commissionMemberId === me.id)?.choice ?? null) : null,
        iAmRecused: me ? recused.some((r) => r.commissionMemberId === me.id) : false,
      }
    }),
    motions,
    pendingMotions: pending,
    candidates: { ...candidates, rows: candidates.rows.map((a) => ({ id: a.id, fullName: a.fullName, organisationName: a.organisationName })) },
    canManage: canManage && open,
    canVoteSelf,
    open,
    /** The meeting's time has come: attendance, votes and closing are for a meeting that has begun. */
    started,
    /** Nothing of the meeting recorded yet: the secretary may delete it. */
    canDelete: canManage && open && !recorded,
  }
}

/** Marks every listed member present, remote or absent; votes of members no longer present are dropped. */
export async function setAttendance(actor: Actor, meetingId: number, entries: { memberId: number; status: AttendanceStatus }[], tx?: Db, now = new Date()): Promise<void> {
  await inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    const commission = await commissionById(meeting.commissionId, t)
    if (!commission) throw new NotFound('commission', meeting.commissionId)
    requireStarted(meeting, commission.timeZone, 'отметить присутствие', now)
    const members = new Set((await commissionMembersOf(meeting.commissionId, {}, t)).map((m) => m.id))
    if (entries.some((e) => !members.has(e.memberId))) throw new AppError('NOT_A_MEMBER', 409, 'В списке есть человек не из состава комиссии.')
    await upsertAttendance(
      meetingId,
      entries.map((e) => ({ commissionMemberId: e.memberId, present: e.status !== 'absent', remote: e.status === 'remote' })),
      t,
    )
    const dropped = (await deleteVotesOfAbsent(meetingId, t)) + (await deleteMotionVotesOfAbsent(meetingId, t))
    await appendAudit(
      { actorUserId: actor.userId, regionId: meeting.regionId, entity: 'meeting', entityId: meetingId, action: 'ATTENDANCE', data: { entries, droppedVotes: dropped } },
      t,
    )
  }, tx)
}

/** Puts a candidate in review of this commission on the agenda (recording automatic recusals for them). */
export async function addAgendaItem(actor: Actor, meetingId: number, applicationId: number, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    const app = await applicationInScope(actor, applicationId, t)
    if (app.commissionId !== meeting.commissionId) throw new AppError('NOT_THIS_COMMISSION', 409, 'Кандидат рассматривается другой комиссией.')
    if (app.state !== 'inReview') throw notInReview()
    await recuseAutomatically(actor, meeting.commissionId, [app.id], t)
    if (await insertItem(meetingId, app.id, t)) {
      await appendAudit(
        { actorUserId: actor.userId, regionId: meeting.regionId, entity: 'meeting', entityId: meetingId, action: 'AGENDA_ADD', data: { applicationId: app.id } },
        t,
      )
    }
  }, tx)
}

export async function removeAgendaItem(actor: Actor, meetingId: number, applicationId: number, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    if (!(await deleteItem(meetingId, applicationId, t))) throw new AppError('NOT_ON_AGENDA', 404, 'Этого кандидата нет в повестке заседания.')
    await appendAudit(
      { actorUserId: actor.userId, regionId: meeting.regionId, entity: 'meeting', entityId: meetingId, action: 'AGENDA_REMOVE', data: { applicationId } },
      t,
    )
  }, tx)
}

/** One vote on a candidate; the meeting row is locked by the caller. */
async function castVote(actor: Actor, meeting: Meeting, applicationId: number, memberId: number, choice: VoteChoice, t: Tx): Promise<void> {
  if (meeting.status === 'closed') throw closedError()
  const items = await itemsOf(meeting.id, t)
  const item = items.find((i) => i.applicationId === applicationId)
  if (!item) throw new AppError('NOT_ON_AGENDA', 409, 'Этого кандидата нет в повестке заседания.')
  if (item.state !== 'inReview') throw notInReview()
  const member = await requireVoter(meeting, memberId, applicationId, t)
  await upsertVote(meeting.id, { applicationId, commissionMemberId: member.id, choice }, t)
  await appendAudit(
    {
      actorUserId: actor.userId,
      regionId: meeting.regionId,
      entity: 'meeting',
      entityId: meeting.id,
      action: 'VOTE',
      data: { applicationId, commissionMemberId: member.id, choice, recordedBySecretary: member.userId !== actor.userId },
    },
    t,
  )
}

/** The secretary records the votes of present members on one candidate: all or nothing. */
export async function recordVotes(
  actor: Actor,
  meetingId: number,
  applicationId: number,
  entries: { memberId: number; choice: VoteChoice }[],
  tx?: Db,
): Promise<void> {
  await inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    for (const e of entries) await castVote(actor, meeting, applicationId, e.memberId, e.choice, t)
  }, tx)
}

/** A present member casts their own vote. */
export async function castOwnVote(actor: Actor, meetingId: number, applicationId: number, choice: VoteChoice, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const { meeting, me } = await lockMeetingForOwnVote(actor, meetingId, t)
    await castVote(actor, meeting, applicationId, me.id, choice, t)
  }, tx)
}

const person = (m: CommissionMember, remote = false): ProtocolPerson => ({ name: m.fullName, position: m.position, ...(remote ? { remote } : {}) })

export type CloseOptions = {
  /** The secretary said explicitly that the meeting decides on no candidate (its protocol then says so). */
  withoutCandidates?: boolean
}

export const nothingToDecide = () =>
  new AppError(
    'NOTHING_TO_DECIDE',
    409,
    'В повестке нет кандидатов, по которым нужно принять решение. Добавьте кандидатов в повестку или отметьте «Закрыть заседание без рассмотрения кандидатур», если заседание действительно прошло без них.',
  )

/**
 * Closes the meeting: decides each candidate on the agenda by majority
 * (RECOMMEND / REJECT / DEFER through the workflow, sent by the secretary)
 * and issues the protocol with the next number of the commission's year —
 * all in one transaction. A meeting with no candidate to decide on is closed
 * only when the secretary says so explicitly: a protocol reading «кандидатуры
 * не рассматривались» is a real document and cannot be taken back.
 */
export async function closeMeeting(actor: Actor, meetingId: number, options: CloseOptions = {}, tx?: Db, now = new Date()): Promise<{ protocolId: number; number: number }> {
  return inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    const toDecide = (await itemsOf(meeting.id, t)).filter((i) => i.state === 'inReview').length + (await undecidedMotionCount(meeting.id, t))
    if (toDecide === 0 && !options.withoutCandidates) throw nothingToDecide()
    const commission = await commissionById(meeting.commissionId, t)
    if (!commission) throw new NotFound('commission', meeting.commissionId)
    // a protocol is the record of a meeting that took place: never issued ahead of its date
    requireStarted(meeting, commission.timeZone, 'закрыть его и оформить протокол', now)
    const roll = await rollCall(meeting, commission.quorumFraction, t)
    if (!roll.quorum.reached) throw noQuorum(roll.quorum, 'Решения не могут быть приняты.')
    await lockCommission(meeting.commissionId, t)
    const [items, votes, region] = await Promise.all([itemsOf(meeting.id, t), votesOf(meeting.id, t), regionById(commission.regionId, t)])
    const ids = items.map((i) => i.applicationId)
    const [recusals, reviews] = await Promise.all([recusalsOfApplications(ids, t), reviewsOfApplications(ids, t)])
    const chair = roll.members.find((m) => m.role === 'chair' && m.active) ?? null
    const secretary = roll.members.find((m) => m.role === 'secretary' && m.active) ?? null

    const protocolItems: ProtocolItem[] = []
    for (const item of items) {
      const tally = tallyOf(votes.filter((v) => v.applicationId === item.applicationId))
      let decision: ProtocolItem['decision'] = null
      if (item.state === 'inReview') {
        const event = decide(tally)
        await sendEvent({ entity: 'application', id: item.applicationId, event: { type: event }, actor, reason: `Решение заседания комиссии` }, t)
        decision = decisionOfEvent[event]
      }
      await setItemDecision(meeting.id, item.applicationId, decision, t)
      const mine = reviews.filter((r) => r.applicationId === item.applicationId && r.submittedAt)
      protocolItems.push({
        position: protocolItems.length + 1,
        applicationId: item.applicationId,
        fullName: item.fullName,
        organisationName: item.organisationName,
        personPosition: item.personPosition,
        heard: heardText(
          item,
          {
            recommend: mine.filter((r) => r.recommendation === 'recommend').length,
            reject: mine.filter((r) => r.recommendation === 'reject').length,
            defer: mine.filter((r) => r.recommendation === 'defer').length,
          },
          secretary?.fullName ?? null,
        ),
        decided: decidedText(decision, item.fullName),
        decision,
        votes: tally,
        recused: recusals.filter((r) => r.applicationId === item.applicationId).map((r) => r.memberName),
      })
    }

    const motions = await decideMotions(actor, meeting.id, protocolItems.length + 1, t)
    const heldAt = new Date(meeting.heldAt)
    const zone = commission.timeZone
    const year = protocolYear(heldAt, zone)
    const content = (number: number): ProtocolContent => ({
      number,
      year,
      commissionName: commission.name,
      regionName: region?.name ?? '',
      heldAt: heldAt.toISOString(),
      dateText: ruLongDate(heldAt, zone),
      timeText: ruTime(heldAt, zone),
      zoneText: protocolZoneText(heldAt, zone),
      place: meeting.place,
      chair: chair ? person(chair) : null,
      secretary: secretary ? person(secretary) : null,
      present: roll.members.filter((m) => roll.status.get(m.id) !== 'absent').map((m) => person(m, roll.status.get(m.id) === 'remote')),
      absent: roll.members.filter((m) => m.active && roll.status.get(m.id) === 'absent').map((m) => person(m)),
      quorum: roll.quorum,
      agendaText: meeting.agenda,
      items: protocolItems,
      motions,
    })
    const protocol = await insertProtocol({ meetingId: meeting.id, commissionId: meeting.commissionId, year, issuedBy: actor.userId, content }, t)
    await markMeetingClosed(meeting.id, actor.userId, t)
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId: meeting.regionId,
        entity: 'meeting',
        entityId: meeting.id,
        action: 'CLOSE',
        fromState: meeting.status,
        toState: 'closed',
        data: { protocolId: protocol.id, number: protocol.number, year },
      },
      t,
    )
    return { protocolId: protocol.id, number: protocol.number }
  }, tx)
}

/** The issued protocol, to its commission and to the region's staff who read the commission's lists. */
export async function protocolView(actor: Actor, protocolId: number) {
  const found = await protocolById(protocolId)
  // a municipal selection's protocol is its municipality's (scopeFor): its approver reads it, the region's ministry does not
  const commission = found ? await commissionById(found.commissionId) : undefined
  const p = recordInScope('protocol', protocolId, found, (row) => {
    const scope = { commissionId: row.commissionId, regionId: row.regionId, campaignMunicipalityId: commission?.municipalityId ?? null }
    return can(actor, 'application:readCommission', scope) || canViewMeetings(actor, row.commissionId)
  })
  return { id: p.id, meetingId: p.meetingId, content: p.content }
}
