import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { meetingWithQuorum, setup } from '../../test/meeting-fixtures'
import { AppError } from '../../workflows/errors'
import type { ProtocolContent } from '~/model/protocol'
import { closeMeeting, meetingView, setAttendance } from './meetings.server'
import { motionKinds, type MotionKindHandler } from './motion-kinds.server'
import { addMotion, castOwnMotionVote, motionsOfSubject, recordMotionVotes, removeMotion } from './motions.server'

// why: the real kinds (appeals, the indicator report) register themselves in
// their own modules with their own tests; this file tests the generic
// mechanism — agenda, votes, quorum, recusal, closing, protocol — through a
// kind that records what the meeting decided.
const decided: { subjectId: number; adopted: boolean }[] = []
const removed: number[] = []
const waiting = new Map<number, number[]>()
const recording: MotionKindHandler = {
  label: 'Проверочные вопросы',
  vote: '«За» — принять проверочный вопрос.',
  pending: async (commissionId) => (waiting.get(commissionId) ?? []).map((id) => ({ subjectId: id, applicationId: null, title: `Вопрос ${id}` })),
  subject: async (commissionId, subjectId) => {
    if (!(waiting.get(commissionId) ?? []).includes(subjectId)) throw new AppError('NOT_WAITING', 409, 'Вопрос не ожидает рассмотрения.')
    return { subjectId, applicationId: null, title: `Вопрос ${subjectId}` }
  },
  decided: async ({ motion, adopted }) => {
    decided.push({ subjectId: motion.subjectId, adopted })
    return { heard: 'Доклад секретаря.', decided: adopted ? 'Утвердить.' : 'Не утверждать.' }
  },
  removed: async ({ motion }) => {
    removed.push(motion.subjectId)
  },
}

const registered = motionKinds.indicatorReport
afterEach(() => {
  motionKinds.indicatorReport = registered
  decided.length = 0
  removed.length = 0
})

async function meetingWithMotions(subjects: number[]) {
  motionKinds.indicatorReport = recording
  const s = await setup({ members: 3, candidates: 1 })
  waiting.set(s.region.commissionId, subjects)
  const meeting = await meetingWithQuorum(s)
  return { s, meeting }
}

describe('motions on a meeting’s agenda', () => {
  it('lists waiting questions, puts one on the agenda once, and takes it off again', async () => {
    const { s, meeting } = await meetingWithMotions([101, 102])
    expect((await meetingView(s.secretary, meeting)).pendingMotions).toEqual([
      { kind: 'indicatorReport', label: 'Проверочные вопросы', subjects: [expect.objectContaining({ subjectId: 101 }), expect.objectContaining({ subjectId: 102 })] },
    ])
    const id = await addMotion(s.secretary, meeting, 'indicatorReport', 101)
    await expect(addMotion(s.secretary, meeting, 'indicatorReport', 101)).rejects.toMatchObject({ code: 'ALREADY_ON_AGENDA' })
    await expect(addMotion(s.secretary, meeting, 'indicatorReport', 999)).rejects.toMatchObject({ code: 'NOT_WAITING' })
    // a kind nobody registered (the appeal handler is set aside for the check)
    const appeal = motionKinds.appeal
    delete motionKinds.appeal
    await expect(addMotion(s.secretary, meeting, 'appeal', 101)).rejects.toMatchObject({ code: 'UNKNOWN_MOTION_KIND' })
    motionKinds.appeal = appeal
    await expect(addMotion(s.secretary, meeting, 'appeal', 101)).rejects.toMatchObject({ code: 'APPEAL_NOT_FOUND' })
    await expect(addMotion(s.chair, meeting, 'indicatorReport', 102)).rejects.toMatchObject({ status: 403 })
    expect((await meetingView(s.chair, meeting)).motions).toMatchObject([{ id, title: 'Вопрос 101', voteMeaning: '«За» — принять проверочный вопрос.', decision: null }])
    await removeMotion(s.secretary, meeting, id)
    expect(removed).toEqual([101])
    expect((await meetingView(s.secretary, meeting)).motions).toEqual([])
    const audit = await db()`select action from audit_events where entity = 'meeting' and entity_id = ${meeting} and action like 'MOTION%' order by id`
    expect(audit.map((a) => a.action)).toEqual(['MOTION_ADD', 'MOTION_REMOVE'])
  })

  it('votes need the quorum and a present voter; the secretary records them all or none', async () => {
    const { s, meeting } = await meetingWithMotions([201])
    const motion = await addMotion(s.secretary, meeting, 'indicatorReport', 201)
    const [m0, m1] = await Promise.all([s.memberId(s.members[0]), s.memberId(s.members[1])])
    await expect(recordMotionVotes(s.secretary, meeting, motion, [{ memberId: m0, choice: 'for' }, { memberId: await s.memberId(s.secretary), choice: 'for' }])).rejects.toMatchObject({ code: 'NOT_A_VOTER' })
    expect((await meetingView(s.secretary, meeting)).motions[0].tally).toEqual({ for: 0, against: 0, abstain: 0 })
    await recordMotionVotes(s.secretary, meeting, motion, [{ memberId: m0, choice: 'for' }, { memberId: m1, choice: 'against' }])
    await castOwnMotionVote(s.chair, meeting, motion, 'for')
    expect((await meetingView(s.chair, meeting)).motions[0]).toMatchObject({ tally: { for: 2, against: 1, abstain: 0 }, myVote: 'for' })
    // marking a member absent drops their vote on motions too, and without quorum nobody votes
    await setAttendance(s.secretary, meeting, [{ memberId: m1, status: 'absent' }, { memberId: m0, status: 'absent' }, { memberId: await s.memberId(s.members[2]), status: 'absent' }])
    expect((await meetingView(s.secretary, meeting)).motions[0].tally).toEqual({ for: 1, against: 0, abstain: 0 })
    await expect(castOwnMotionVote(s.chair, meeting, motion, 'against')).rejects.toMatchObject({ code: 'NO_QUORUM' })
  })

  it('closing decides each motion by majority, lets its kind act, and prints it in the protocol after the candidates', async () => {
    const { s, meeting } = await meetingWithMotions([301, 302])
    const yes = await addMotion(s.secretary, meeting, 'indicatorReport', 301)
    const no = await addMotion(s.secretary, meeting, 'indicatorReport', 302)
    const voters = await Promise.all(s.voters.map((a) => s.memberId(a)))
    await recordMotionVotes(s.secretary, meeting, yes, voters.map((memberId, i) => ({ memberId, choice: i < 3 ? 'for' : 'against' })))
    await recordMotionVotes(s.secretary, meeting, no, voters.map((memberId, i) => ({ memberId, choice: i < 2 ? 'for' : 'abstain' })))
    // a meeting with only motions to decide closes without the «no candidates» confirmation
    const { protocolId } = await closeMeeting(s.secretary, meeting)
    expect(decided).toEqual([
      { subjectId: 301, adopted: true },
      { subjectId: 302, adopted: false },
    ])
    const [p] = await db()<{ content: ProtocolContent }[]>`select content from protocols where id = ${protocolId}`
    expect(p.content.items).toEqual([])
    expect(p.content.motions).toEqual([
      { position: 1, kind: 'indicatorReport', title: 'Вопрос 301', heard: 'Доклад секретаря.', decided: 'Утвердить.', adopted: true, votes: { for: 3, against: 1, abstain: 0 } },
      { position: 2, kind: 'indicatorReport', title: 'Вопрос 302', heard: 'Доклад секретаря.', decided: 'Не утверждать.', adopted: false, votes: { for: 2, against: 0, abstain: 2 } },
    ])
    expect(await motionsOfSubject('indicatorReport', 301)).toMatchObject([{ decision: 'adopted', meetingStatus: 'closed', protocolId }])
    await expect(castOwnMotionVote(s.chair, meeting, yes, 'for')).rejects.toMatchObject({ code: 'NOT_ON_AGENDA' })
  })
})
