import type { Db, Tx } from '../../db/client.server'
import { commissionById, commissionMemberByUser, commissionMembersOf, type CommissionMember } from '../../db/queries/commissions.server'
import { attendanceOf, lockMeeting, type Meeting, type VoteChoice } from '../../db/queries/meetings.server'
import { isRecused } from '../../db/queries/recusals.server'
import { AppError, NotFound } from '../../workflows/errors'
import type { AttendanceStatus } from '~/model/inputs/commission'
import { can, type Actor } from '~/model/permissions'
import { meetingNotStarted, presentOf, quorum, type Quorum, type VoteTally } from '~/model/protocol'
import { isVoter, requireOnCommission } from './commission.server'
import { recordInScope } from './application-scope.server'

// What every vote of a meeting rests on, whatever the question (a candidate,
// an appeal, the indicator report): who is present, the quorum, who may vote.

/** The secretary manages; the chair and the members see meetings (members to cast their own votes). */
export function canViewMeetings(actor: Actor, commissionId: number): boolean {
  const scope = { commissionId }
  return can(actor, 'meeting:manage', scope) || can(actor, 'meeting:decide', scope) || can(actor, 'vote:cast', scope)
}

export type Roll = { members: CommissionMember[]; status: Map<number, AttendanceStatus>; quorum: Quorum }

/** Attendance of every member of the commission and the quorum over its voting members. */
export async function rollCall(meeting: Meeting, fraction: number | null, t: Db): Promise<Roll> {
  const [all, attendance] = await Promise.all([commissionMembersOf(meeting.commissionId, {}, t), attendanceOf(meeting.id, t)])
  const marked = new Map(attendance.map((a) => [a.commissionMemberId, a]))
  const members = all.filter((m) => m.active || marked.has(m.id))
  const status = new Map<number, AttendanceStatus>(
    members.map((m) => {
      const a = marked.get(m.id)
      return [m.id, !a || !a.present ? 'absent' : a.remote ? 'remote' : 'present']
    }),
  )
  const voters = members.filter(isVoter)
  const present = voters.filter((v) => status.get(v.id) !== 'absent').length
  return { members, status, quorum: quorum(voters.length, present, fraction) }
}

export const tallyOf = (votes: { choice: VoteChoice }[]): VoteTally => ({
  for: votes.filter((v) => v.choice === 'for').length,
  against: votes.filter((v) => v.choice === 'against').length,
  abstain: votes.filter((v) => v.choice === 'abstain').length,
})

export const closedError = () => new AppError('MEETING_CLOSED', 409, 'Заседание закрыто, протокол оформлен: изменения невозможны.')

/** Whether the meeting's time has come: before it, nobody is present yet and nothing is voted or decided. */
export const hasStarted = (meeting: Pick<Meeting, 'heldAt'>, now: Date) => new Date(meeting.heldAt).getTime() <= now.getTime()

/** `what`: what cannot be done yet, e.g. «Отметить присутствие». Dates in the commission's (region's) zone. */
export const notStarted = (meeting: Pick<Meeting, 'heldAt'>, zone: string, what: string) =>
  new AppError('MEETING_NOT_HELD', 409, meetingNotStarted(meeting.heldAt, zone, what))

/** Refuses what only a meeting that has begun can have: attendance, votes, the protocol. */
export function requireStarted(meeting: Pick<Meeting, 'heldAt'>, zone: string, what: string, now = new Date()): void {
  if (!hasStarted(meeting, now)) throw notStarted(meeting, zone, what)
}

export const noQuorum = (q: Quorum, what: string) =>
  new AppError(
    'NO_QUORUM',
    409,
    `Нет кворума: ${presentOf(q.present, q.members)} комиссии с правом голоса, нужно не менее ${q.required}. ${what}`,
    { ...q },
  )

export async function lockOpenMeeting(actor: Actor, meetingId: number, t: Tx): Promise<Meeting> {
  const meeting = recordInScope('meeting', meetingId, await lockMeeting(meetingId, t), (m) => canViewMeetings(actor, m.commissionId))
  requireOnCommission(actor, 'meeting:manage', meeting.commissionId, 'meeting.manage')
  if (meeting.status === 'closed') throw closedError()
  return meeting
}

/** The meeting locked for a member's own vote, and the member (the checks of the vote itself follow in requireVoter). */
export async function lockMeetingForOwnVote(actor: Actor, meetingId: number, t: Tx): Promise<{ meeting: Meeting; me: CommissionMember }> {
  const meeting = recordInScope('meeting', meetingId, await lockMeeting(meetingId, t), (m) => canViewMeetings(actor, m.commissionId))
  requireOnCommission(actor, 'vote:cast', meeting.commissionId, 'vote.cast')
  const me = await commissionMemberByUser(meeting.commissionId, actor.userId, t)
  if (!me) throw new AppError('NOT_A_MEMBER', 403, 'Вы не входите в состав этой комиссии.')
  return { meeting, me }
}

/**
 * The checks every vote passes, in order (the meeting row is locked by the
 * caller): an open meeting that has begun, with a quorum, a voting member marked present, not
 * recused from the application the question is about. Returns the voter.
 */
export async function requireVoter(meeting: Meeting, memberId: number, applicationId: number | null, t: Tx): Promise<CommissionMember> {
  if (meeting.status === 'closed') throw closedError()
  const commission = await commissionById(meeting.commissionId, t)
  if (!commission) throw new NotFound('commission', meeting.commissionId)
  requireStarted(meeting, commission.timeZone, 'голосовать')
  const roll = await rollCall(meeting, commission.quorumFraction, t)
  if (!roll.quorum.reached) throw noQuorum(roll.quorum, 'Голосование невозможно.')
  const member = roll.members.find((m) => m.id === memberId)
  if (!member || !isVoter(member)) throw new AppError('NOT_A_VOTER', 409, 'Голосуют только действующие председатель и члены комиссии.')
  // «Член комиссии» agrees with either gender, so no «отмечен(а)».
  if (roll.status.get(member.id) === 'absent') throw new AppError('NOT_PRESENT', 409, `Член комиссии ${member.fullName} не отмечен присутствующим на заседании и не голосует.`)
  if (applicationId != null && (await isRecused(member.id, applicationId, t))) {
    throw new AppError('RECUSED', 403, `Член комиссии ${member.fullName} отведён от рассмотрения этого кандидата (конфликт интересов) и не голосует.`)
  }
  return member
}
