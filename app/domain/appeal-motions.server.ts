import type { Db, Tx } from '../../db/client.server'
import { appealById, appealsWaiting, otherActiveApplication, type AppealRow } from '../../db/queries/appeals.server'
import { AppError } from '../../workflows/errors'
import { sendEvent } from '../../workflows/transition.server'
import { appealStateLabels, appealTitle, appealWording } from '~/model/appeals'
import type { Actor } from '~/model/permissions'
import type { MotionKindHandler, MotionSubject } from './motion-kinds.server'

// An appeal as a question of a meeting's agenda (issue 10 §5, decision 0011):
// the secretary picks it from the appeals waiting for this commission; the
// vote decides it when the meeting closes. Every step is the appeal
// machine's, through the transition service, with the letters it sends.

const subjectOf = (a: AppealRow): MotionSubject => ({ subjectId: a.id, applicationId: a.applicationId, title: appealTitle(a.fullName, a.decisionState) })

async function appealOfCommission(commissionId: number, appealId: number, tx: Db): Promise<AppealRow> {
  const appeal = await appealById(appealId, tx)
  if (!appeal || appeal.commissionId !== commissionId) throw new AppError('APPEAL_NOT_FOUND', 404, 'Такой апелляции среди апелляций этой комиссии нет.')
  return appeal
}

/** The commission's decision on the appeal; an upheld appeal sends the application back (to screening or to review). */
async function decide(actor: Actor, appeal: AppealRow, meeting: { id: number; heldAt?: Date }, adopted: boolean, tx: Tx): Promise<string> {
  // a motion put on the agenda before the machine heard of it (never through addMotion) still goes through the agenda step
  if (appeal.state === 'filed') {
    await sendEvent({ entity: 'appeal', id: appeal.id, event: { type: 'SCHEDULE', meetingId: meeting.id, meetingAt: (meeting.heldAt ?? new Date()).toISOString() }, actor }, tx)
  }
  if (!adopted) {
    await sendEvent({ entity: 'appeal', id: appeal.id, event: { type: 'DISMISS', reason: appealWording.dismissed }, actor }, tx)
    return appealWording.dismissed
  }
  // why: one active application per person and campaign (migration 0013): an
  // application filed since the decision keeps the old one closed
  const blocked = await otherActiveApplication(appeal.applicationId, tx)
  const decided = blocked ? `${appealWording.upheld(appeal.decisionState)} ${appealWording.blocked}` : appealWording.upheld(appeal.decisionState)
  await sendEvent({ entity: 'appeal', id: appeal.id, event: { type: 'UPHOLD', decision: decided }, actor }, tx)
  if (!blocked) await sendEvent({ entity: 'application', id: appeal.applicationId, event: { type: 'APPEAL_UPHELD' }, actor }, tx)
  return decided
}

export const appealMotions: MotionKindHandler = {
  label: 'Апелляции',
  vote: appealWording.vote,

  async pending(commissionId, tx) {
    return (await appealsWaiting(commissionId, tx)).map(subjectOf)
  },

  async subject(commissionId, subjectId, tx) {
    const appeal = await appealOfCommission(commissionId, subjectId, tx)
    if (appeal.state !== 'filed') {
      throw new AppError('APPEAL_NOT_WAITING', 409, `Апелляцию нельзя включить в повестку: ${(appealStateLabels[appeal.state] ?? '').toLowerCase()}.`, { state: appeal.state })
    }
    return subjectOf(appeal)
  },

  async added({ actor, motion, meeting }, tx) {
    await sendEvent({ entity: 'appeal', id: motion.subjectId, event: { type: 'SCHEDULE', meetingId: meeting.id, meetingAt: meeting.heldAt.toISOString() }, actor }, tx)
  },

  async removed({ actor, motion, meetingDeleted }, tx) {
    const appeal = await appealById(motion.subjectId, tx)
    if (appeal?.state === 'onAgenda' && appeal.meetingId === motion.meetingId) {
      const event = { type: 'UNSCHEDULE', cause: meetingDeleted ? 'cancelled' : 'removed', ...(appeal.meetingAt ? { meetingAt: appeal.meetingAt } : {}) } as const
      await sendEvent({ entity: 'appeal', id: appeal.id, event, actor }, tx)
    }
  },

  // why: the machine knows no «moved»: off the agenda and on again at the new date, which writes to the applicant once more
  async rescheduled({ actor, motion, meeting }, tx) {
    const appeal = await appealById(motion.subjectId, tx)
    if (appeal?.state !== 'onAgenda' || appeal.meetingId !== motion.meetingId) return
    await sendEvent({ entity: 'appeal', id: appeal.id, event: { type: 'UNSCHEDULE', cause: 'moved' }, actor }, tx)
    await sendEvent({ entity: 'appeal', id: appeal.id, event: { type: 'SCHEDULE', meetingId: meeting.id, meetingAt: meeting.heldAt.toISOString() }, actor }, tx)
  },

  async decided({ actor, motion, adopted, meetingId }, tx) {
    const appeal = await appealById(motion.subjectId, tx)
    if (!appeal) throw new AppError('APPEAL_NOT_FOUND', 404, 'Апелляция, включённая в повестку, не найдена.')
    const decided = await decide(actor, appeal, { id: meetingId }, adopted, tx)
    return { heard: appealWording.heard(appeal.body), decided }
  },
}
