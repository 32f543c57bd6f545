import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { forceApplicationState } from '../../test/fixtures'
import { deliverBySmtp } from '../../test/support/mail'
import { setup, toInReview } from '../../test/meeting-fixtures'
import { toLocalDateTime } from '~/model/protocol'
import { appealPanel, fileAppeal } from './appeals.server'
import { addAgendaItem, castOwnVote, closeMeeting, createMeeting, deleteMeeting, meetingView, recordVotes, rescheduleMeeting, setAttendance } from './meetings.server'
import { addMotion, removeMotion } from './motions.server'

// A meeting is corrected, not replaced (PRODUCT §4.6): the secretary moves a
// meeting not closed to its real date, time and place; deletes one made by
// mistake while nothing of it is recorded; and nothing is recorded before the
// meeting's time — no attendance, no votes, no protocol.

const DAY = 24 * 3600 * 1000
const ZONE = 'Asia/Tomsk'
/** The wall clock in Tomsk `days` from now, as the secretary types it. */
const local = (days: number) => toLocalDateTime(new Date(Date.now() + days * DAY), ZONE)
const audit = async (meetingId: number) =>
  (await db()<{ action: string; data: unknown }[]>`select action, data from audit_events where entity = 'meeting' and entity_id = ${meetingId} order by id`).map((a) => a.action)

const appealLetters = async (appealId: number, template: string) =>
  (await db()<{ id: number }[]>`select id::int from outbox where entity = 'appeal' and entity_id = ${appealId} and template = ${template} order by id`).map((r) => r.id)

type S = Awaited<ReturnType<typeof setup>>
const everyone = async (s: S) => Promise.all([s.secretary, ...s.voters].map(async (a) => ({ memberId: await s.memberId(a), status: 'present' as const })))
const votesFor = async (s: S) => Promise.all(s.voters.map(async (v) => ({ memberId: await s.memberId(v), choice: 'for' as const })))

describe('before the meeting’s time', () => {
  it('refuses attendance, votes and closing, with the reason in Russian; the page offers none of them', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: local(10), place: 'г. Томск', agenda: '' })
    await addAgendaItem(s.secretary, meeting, s.apps[0])
    await expect(setAttendance(s.secretary, meeting, await everyone(s))).rejects.toMatchObject({
      status: 409,
      code: 'MEETING_NOT_HELD',
      message: expect.stringMatching(/^Заседание назначено на .+ и ещё не началось: отметить присутствие можно, когда оно начнётся\. Если дата указана неверно, измените дату заседания\.$/),
    })
    expect(await db()`select 1 from meeting_attendance where meeting_id = ${meeting}`).toHaveLength(0)
    // attendance recorded ahead by a version that allowed it (the walk's meeting): votes are still refused
    await setAttendance(s.secretary, meeting, await everyone(s), undefined, new Date(Date.now() + 11 * DAY))
    await expect(recordVotes(s.secretary, meeting, s.apps[0], await votesFor(s))).rejects.toMatchObject({ code: 'MEETING_NOT_HELD', message: expect.stringContaining('голосовать можно, когда оно начнётся') })
    await expect(castOwnVote(s.chair, meeting, s.apps[0], 'for')).rejects.toMatchObject({ code: 'MEETING_NOT_HELD' })
    await expect(closeMeeting(s.secretary, meeting)).rejects.toMatchObject({ code: 'MEETING_NOT_HELD' })
    expect(await db()`select 1 from votes where meeting_id = ${meeting}`).toHaveLength(0)
    const view = await meetingView(s.secretary, meeting)
    expect(view).toMatchObject({ started: false, canManage: true, canDelete: false })
    expect((await meetingView(s.chair, meeting)).canVoteSelf).toBe(false)
  })
})

describe('correcting a meeting’s date, time and place', () => {
  it('the walk’s meeting: dated ahead with attendance recorded, moved to when it was held, then voted on and closed', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: local(10), place: 'г. Томск', agenda: '' })
    await addAgendaItem(s.secretary, meeting, s.apps[0])
    await setAttendance(s.secretary, meeting, await everyone(s), undefined, new Date(Date.now() + 11 * DAY))
    // a meeting with attendance has taken place: not into the future
    await expect(rescheduleMeeting(s.secretary, meeting, { heldAt: local(20), place: 'г. Томск' })).rejects.toMatchObject({ status: 409, code: 'MEETING_HELD' })
    // others of the commission do not move it
    await expect(rescheduleMeeting(s.chair, meeting, { heldAt: local(-1), place: 'г. Томск' })).rejects.toMatchObject({ status: 403 })

    const held = local(-1)
    await rescheduleMeeting(s.secretary, meeting, { heldAt: held, place: 'г. Томск, ул. Пирогова, 10' })
    const view = await meetingView(s.secretary, meeting)
    // typed on Tomsk's wall clock
    expect(toLocalDateTime(new Date(view.meeting.heldAt), ZONE)).toBe(held)
    expect(view.meeting.place).toBe('г. Томск, ул. Пирогова, 10')
    expect(view.started).toBe(true)
    const [row] = await db()<{ data: { from: { place: string }; to: { place: string; heldAt: string } } }[]>`
      select data from audit_events where entity = 'meeting' and entity_id = ${meeting} and action = 'RESCHEDULE'`
    expect(row.data).toMatchObject({ from: { place: 'г. Томск' }, to: { place: 'г. Томск, ул. Пирогова, 10', heldAt: new Date(view.meeting.heldAt).toISOString() } })

    await recordVotes(s.secretary, meeting, s.apps[0], await votesFor(s))
    await closeMeeting(s.secretary, meeting)
    await expect(rescheduleMeeting(s.secretary, meeting, { heldAt: local(-2), place: 'г. Томск' })).rejects.toMatchObject({ code: 'MEETING_CLOSED' })
  })

  it('a planned meeting moves freely; the applicant whose appeal is on its agenda is told the new date', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    await forceApplicationState(s.apps[0], [...toInReview, { type: 'REJECT' }])
    const appealId = await fileAppeal(s.applicant, s.apps[0], { body: 'Прошу пересмотреть' }, [])
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: local(10), place: 'г. Томск', agenda: '' })
    await addMotion(s.secretary, meeting, 'appeal', appealId)
    await rescheduleMeeting(s.secretary, meeting, { heldAt: local(12), place: 'г. Томск' })
    const heldAt = (await meetingView(s.secretary, meeting)).meeting.heldAt
    const letters = await db()<{ meetingAt: string }[]>`
      select payload->>'meetingAt' as "meetingAt" from outbox where entity = 'appeal' and entity_id = ${appealId} and template = 'appealScheduled' order by id`
    expect(letters).toHaveLength(2)
    // moved, not taken off: no letter about leaving the agenda
    expect(await appealLetters(appealId, 'appealUnscheduled')).toEqual([])
    expect(new Date(letters[1].meetingAt).getTime()).toBe(new Date(heldAt).getTime())
    const [appeal] = await db()`select state from appeals where id = ${appealId}`
    expect(appeal.state).toBe('onAgenda')
    expect(await audit(meeting)).toEqual(['CREATE', 'MOTION_ADD', 'RESCHEDULE'])
  })
})

describe('deleting a meeting made by mistake', () => {
  it('a planned meeting without attendance or votes is deleted; its candidates and appeals wait for another meeting', async () => {
    const s = await setup({ members: 2, candidates: 2 })
    // the first candidate was rejected and appeals; the second is in review
    await forceApplicationState(s.apps[0], [...toInReview, { type: 'REJECT' }])
    const appealId = await fileAppeal(s.applicant, s.apps[0], { body: 'Прошу пересмотреть' }, [])
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: local(10), place: 'г. Томск', agenda: '' })
    await addAgendaItem(s.secretary, meeting, s.apps[1])
    await addMotion(s.secretary, meeting, 'appeal', appealId)

    expect((await meetingView(s.secretary, meeting)).canDelete).toBe(true)
    await expect(deleteMeeting(s.chair, meeting)).rejects.toMatchObject({ status: 403 })
    expect(await deleteMeeting(s.secretary, meeting)).toEqual({ commissionId: s.region.commissionId })
    expect(await db()`select 1 from meetings where id = ${meeting}`).toHaveLength(0)
    expect(await db()`select 1 from meeting_items where meeting_id = ${meeting}`).toHaveLength(0)
    expect((await db()<{ state: string }[]>`select state from appeals where id = ${appealId}`)[0].state).toBe('filed')
    // the appellant, told the date when the appeal went on the agenda, is told the meeting is cancelled
    const cancelled = await appealLetters(appealId, 'appealMeetingCancelled')
    expect(cancelled).toHaveLength(1)
    const [text] = await deliverBySmtp(cancelled)
    expect(text).toMatch(/Заседание отборочной комиссии .+, на котором должны были рассмотреть вашу апелляцию, отменено\./)
    expect(text).toContain('Апелляция ждёт другого заседания комиссии')
    // and the application page shows the appeal waiting again, with no meeting
    const [panel] = (await appealPanel(s.applicant, s.apps[0])).appeals
    expect(panel).toMatchObject({ state: 'filed', meeting: null, canWithdraw: true })
    const [deleted] = await db()<{ data: { applicationIds: number[] } }[]>`select data from audit_events where entity = 'meeting' and entity_id = ${meeting} and action = 'DELETE'`
    expect(deleted.data.applicationIds).toEqual([s.apps[1]])

    // both wait for the next meeting
    const next = await createMeeting(s.secretary, s.region.commissionId, { heldAt: local(11), place: 'г. Томск', agenda: '' })
    const view = await meetingView(s.secretary, next)
    expect(view.candidates.rows.map((c) => c.id)).toContain(s.apps[1])
    expect(view.pendingMotions.flatMap((g) => g.subjects.map((x) => x.subjectId))).toEqual([appealId])
    await addAgendaItem(s.secretary, next, s.apps[1])
    await addMotion(s.secretary, next, 'appeal', appealId)
  })

  it('an appeal taken off the agenda waits for another meeting, and the appellant is told', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    await forceApplicationState(s.apps[0], [...toInReview, { type: 'REJECT' }])
    const appealId = await fileAppeal(s.applicant, s.apps[0], { body: 'Прошу пересмотреть' }, [])
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: local(10), place: 'г. Томск', agenda: '' })
    const motion = await addMotion(s.secretary, meeting, 'appeal', appealId)
    await removeMotion(s.secretary, meeting, motion)
    expect((await db()<{ state: string }[]>`select state from appeals where id = ${appealId}`)[0].state).toBe('filed')
    const off = await appealLetters(appealId, 'appealUnscheduled')
    expect(off).toHaveLength(1)
    const [text] = await deliverBySmtp(off)
    expect(text).toMatch(/Вашу апелляцию исключили из повестки заседания отборочной комиссии .+\./)
    expect(text).toContain('Апелляция ждёт другого заседания комиссии')
    expect(await appealLetters(appealId, 'appealMeetingCancelled')).toEqual([])
  })

  it('is refused once attendance or a vote is recorded, and for a closed meeting', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    const meeting = await createMeeting(s.secretary, s.region.commissionId, { heldAt: local(-1), place: 'г. Томск', agenda: '' })
    await addAgendaItem(s.secretary, meeting, s.apps[0])
    await setAttendance(s.secretary, meeting, await everyone(s))
    expect((await meetingView(s.secretary, meeting)).canDelete).toBe(false)
    await expect(deleteMeeting(s.secretary, meeting)).rejects.toMatchObject({ status: 409, code: 'MEETING_HAS_RECORDS' })
    await recordVotes(s.secretary, meeting, s.apps[0], await votesFor(s))
    await closeMeeting(s.secretary, meeting)
    await expect(deleteMeeting(s.secretary, meeting)).rejects.toMatchObject({ code: 'MEETING_CLOSED' })
    expect(await db()`select 1 from meetings where id = ${meeting}`).toHaveLength(1)
  })
})

