import { inTransaction, type Db, type Tx } from '../../db/client.server'
import {
  deleteMotion,
  insertMotion,
  motionById,
  motionsOf,
  motionsOfSubject as subjectMotions,
  motionVotesOf,
  setMotionDecision,
  upsertMotionVote,
  type MotionKind,
} from '../../db/queries/agenda-motions.server'
import { appendAudit } from '../../db/queries/audit.server'
import type { Meeting, VoteChoice } from '../../db/queries/meetings.server'
import { AppError } from '../../workflows/errors'
import type { Actor } from '~/model/permissions'
import { decide, type ProtocolMotion } from '~/model/protocol'
import { lockMeetingForOwnVote, lockOpenMeeting, requireVoter, tallyOf } from './meeting-roll.server'
import { motionKinds, type MotionKindHandler, type MotionSubject } from './motion-kinds.server'

// Motions: the questions besides candidates that a meeting decides by vote
// (decision of issue 10: one mechanism for appeals and the indicator report).

function handlerOf(kind: MotionKind): MotionKindHandler {
  const h = motionKinds[kind]
  if (!h) throw new AppError('UNKNOWN_MOTION_KIND', 400, 'Такой вопрос нельзя включить в повестку.')
  return h
}

const notOnAgenda = () => new AppError('NOT_ON_AGENDA', 409, 'Этого вопроса нет в повестке заседания.')

/** Every kind's questions of this commission waiting for a meeting, grouped by kind, for the agenda picker. */
export async function pendingMotions(commissionId: number, tx: Db): Promise<{ kind: MotionKind; label: string; subjects: MotionSubject[] }[]> {
  const groups = []
  for (const [kind, h] of Object.entries(motionKinds) as [MotionKind, MotionKindHandler][]) {
    const subjects = await h.pending(commissionId, tx)
    if (subjects.length > 0) groups.push({ kind, label: h.label, subjects })
  }
  return groups
}

export async function addMotion(actor: Actor, meetingId: number, kind: MotionKind, subjectId: number, tx?: Db): Promise<number> {
  return inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    const subject = await handlerOf(kind).subject(meeting.commissionId, subjectId, t)
    const id = await insertMotion({ meetingId, kind, subjectId, applicationId: subject.applicationId, title: subject.title, createdBy: actor.userId }, t)
    if (id == null) throw new AppError('ALREADY_ON_AGENDA', 409, 'Этот вопрос уже включён в повестку заседания.')
    const added = handlerOf(kind).added
    if (added) await added({ actor, motion: (await motionById(id, t))!, meeting: { id: meeting.id, heldAt: meeting.heldAt } }, t)
    await appendAudit({ actorUserId: actor.userId, regionId: meeting.regionId, entity: 'meeting', entityId: meetingId, action: 'MOTION_ADD', data: { motionId: id, kind, subjectId } }, t)
    return id
  }, tx)
}

export async function removeMotion(actor: Actor, meetingId: number, motionId: number, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    const motion = await deleteMotion(meetingId, motionId, t)
    if (!motion) throw notOnAgenda()
    await handlerOf(motion.kind).removed?.({ actor, motion }, t)
    await appendAudit(
      { actorUserId: actor.userId, regionId: meeting.regionId, entity: 'meeting', entityId: meetingId, action: 'MOTION_REMOVE', data: { motionId, kind: motion.kind, subjectId: motion.subjectId } },
      t,
    )
  }, tx)
}

async function castMotionVote(actor: Actor, meeting: Meeting, motionId: number, memberId: number, choice: VoteChoice, t: Tx): Promise<void> {
  const motion = await motionById(motionId, t)
  if (!motion || motion.meetingId !== meeting.id || motion.decision) throw notOnAgenda()
  const member = await requireVoter(meeting, memberId, motion.applicationId, t)
  await upsertMotionVote({ motionId, commissionMemberId: member.id, choice }, t)
  await appendAudit(
    {
      actorUserId: actor.userId,
      regionId: meeting.regionId,
      entity: 'meeting',
      entityId: meeting.id,
      action: 'MOTION_VOTE',
      data: { motionId, commissionMemberId: member.id, choice, recordedBySecretary: member.userId !== actor.userId },
    },
    t,
  )
}

/** The secretary records the present members' votes on one motion: all or nothing. */
export async function recordMotionVotes(actor: Actor, meetingId: number, motionId: number, entries: { memberId: number; choice: VoteChoice }[], tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const meeting = await lockOpenMeeting(actor, meetingId, t)
    for (const e of entries) await castMotionVote(actor, meeting, motionId, e.memberId, e.choice, t)
  }, tx)
}

export async function castOwnMotionVote(actor: Actor, meetingId: number, motionId: number, choice: VoteChoice, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const { meeting, me } = await lockMeetingForOwnVote(actor, meetingId, t)
    await castMotionVote(actor, meeting, motionId, me.id, choice, t)
  }, tx)
}

/** The meeting page's motions with their votes (by member id) and tally. */
export async function motionsView(meetingId: number, myMemberId: number | null, tx: Db) {
  const [motions, votes] = await Promise.all([motionsOf(meetingId, tx), motionVotesOf(meetingId, tx)])
  return motions.map((m) => {
    const own = votes.filter((v) => v.motionId === m.id)
    return {
      ...m,
      voteMeaning: motionKinds[m.kind]?.vote ?? '',
      votes: Object.fromEntries(own.map((v) => [v.commissionMemberId, v.choice])) as Record<number, VoteChoice>,
      tally: tallyOf(own),
      myVote: myMemberId != null ? (own.find((v) => v.commissionMemberId === myMemberId)?.choice ?? null) : null,
    }
  })
}

export async function undecidedMotionCount(meetingId: number, tx: Tx): Promise<number> {
  return (await motionsOf(meetingId, tx)).filter((m) => !m.decision).length
}

/**
 * Closing the meeting: every undecided motion is decided by majority (the
 * candidates' rule: «за» from more than half of the votes cast adopts it) and
 * its kind does what the decision means. Returns the protocol's lines.
 */
export async function decideMotions(actor: Actor, meetingId: number, firstPosition: number, t: Tx): Promise<ProtocolMotion[]> {
  const [motions, votes] = await Promise.all([motionsOf(meetingId, t), motionVotesOf(meetingId, t)])
  const lines: ProtocolMotion[] = []
  for (const motion of motions) {
    if (motion.decision) continue
    const tally = tallyOf(votes.filter((v) => v.motionId === motion.id))
    const adopted = decide(tally) === 'RECOMMEND'
    const words = await handlerOf(motion.kind).decided({ actor, motion, adopted, meetingId }, t)
    await setMotionDecision(motion.id, adopted ? 'adopted' : 'notAdopted', t)
    lines.push({ position: firstPosition + lines.length, kind: motion.kind, title: motion.title, heard: words.heard, decided: words.decided, adopted, votes: tally })
  }
  return lines
}

/** Where a subject was put on an agenda and what was decided, for the subject's own page. */
export async function motionsOfSubject(kind: MotionKind, subjectId: number, tx?: Db) {
  return subjectMotions(kind, subjectId, tx)
}
