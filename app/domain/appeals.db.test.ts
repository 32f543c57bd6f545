import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { forceApplicationState, makeRegion } from '../../test/fixtures'
import { meetingWithQuorum, setup, toInReview } from '../../test/meeting-fixtures'
import type { ProtocolContent } from '~/model/protocol'
import * as page from '../routes/applications.$id/route'
import { renderRoute } from '../../test/render'
import { cookieFor } from '../../test/support/session'
import { deliverBySmtp } from '../../test/support/mail'
import type { Actor, Role } from '~/model/permissions'
import { appealPanel, fileAppeal, withdrawAppeal } from './appeals.server'
import { closeMeeting, createMeeting, meetingView } from './meetings.server'
import { addMotion, motionsOfSubject, recordMotionVotes, removeMotion } from './motions.server'

// An appeal's whole way (issue 10 §5): filed by the applicant, put on an open
// meeting's agenda by the secretary, voted on, decided when the meeting
// closes; the application goes back (upheld) or the appeal ends with its
// reason (dismissed). Plus one appeal per decision under 50 concurrent filings.

const stateOf = async (table: 'appeals' | 'applications', id: number) => (await db()<{ state: string }[]>`select state from ${db()(table)} where id = ${id}`)[0].state
const letters = async (appealId: number) =>
  (await db()<{ t: string }[]>`select template || '→' || recipient_role as t from outbox where entity = 'appeal' and entity_id = ${appealId} order by id`).map((r) => r.t)

async function appealAtMeeting(decision: 'rejected' | 'ineligible') {
  const s = await setup({ members: 3, candidates: 1 })
  const [app] = s.apps
  await forceApplicationState(
    app,
    decision === 'rejected' ? [...toInReview, { type: 'REJECT' }] : [toInReview[0], { type: 'START_SCREENING', eligibility: 'fail', failedRules: ['exp'] }, { type: 'MARK_INELIGIBLE', reasons: ['Стаж'] }],
  )
  const appealId = await fileAppeal(s.applicant, app, { body: 'Прошу учесть диплом победителя конкурса' }, [])
  const meeting = await meetingWithQuorum(s)
  return { s, app, appealId, meeting }
}

async function voteAll(s: Awaited<ReturnType<typeof setup>>, meeting: number, motion: number, choice: 'for' | 'against') {
  await recordMotionVotes(s.secretary, meeting, motion, await Promise.all(s.voters.map(async (v) => ({ memberId: await s.memberId(v), choice }))))
}

describe('an appeal at a meeting', () => {
  it('upheld: on the agenda, votes for, the meeting closes, the rejected application is back in review', async () => {
    const { s, app, appealId, meeting } = await appealAtMeeting('rejected')
    expect((await meetingView(s.secretary, meeting)).pendingMotions).toEqual([
      { kind: 'appeal', label: 'Апелляции', subjects: [{ subjectId: appealId, applicationId: app, title: 'Апелляция Тестовой Марии Ивановны на решение об отклонении кандидатуры' }] },
    ])
    const motion = await addMotion(s.secretary, meeting, 'appeal', appealId)
    expect(await stateOf('appeals', appealId)).toBe('onAgenda')
    const [scheduled] = await db()<{ payload: { meetingAt: string } }[]>`select payload from outbox where entity = 'appeal' and entity_id = ${appealId} and template = 'appealScheduled'`
    expect(new Date(scheduled.payload.meetingAt).getTime()).toBe((await meetingView(s.secretary, meeting)).meeting.heldAt.getTime())
    // on the agenda it waits for no other meeting
    expect((await meetingView(s.secretary, meeting)).pendingMotions).toEqual([])

    await voteAll(s, meeting, motion, 'for')
    const { protocolId } = await closeMeeting(s.secretary, meeting)
    expect(await stateOf('appeals', appealId)).toBe('upheld')
    expect(await stateOf('applications', app)).toBe('inReview')
    const [p] = await db()<{ content: ProtocolContent }[]>`select content from protocols where id = ${protocolId}`
    expect(p.content.motions).toMatchObject([
      { kind: 'appeal', adopted: true, decided: 'Апелляцию удовлетворить. Заявление вернуть на рассмотрение комиссии.', votes: { for: 4, against: 0, abstain: 0 } },
    ])
    expect(p.content.motions![0].heard).toContain('Прошу учесть диплом победителя конкурса')
    expect(await motionsOfSubject('appeal', appealId)).toMatchObject([{ decision: 'adopted', protocolId }])
    expect(await letters(appealId)).toEqual(['appealFiled→applicant', 'appealWaiting→secretary', 'appealScheduled→applicant', 'appealUpheld→applicant'])
    const panel = await appealPanel(s.applicant, app)
    expect(panel.appeals).toMatchObject([{ id: appealId, state: 'upheld', decision: 'Апелляцию удовлетворить. Заявление вернуть на рассмотрение комиссии.' }])
    // back in review there is no decision to appeal
    expect(panel.period).toBeNull()
    const audit = await db()`select action from audit_events where entity = 'application' and entity_id = ${app} and action = 'APPEAL_UPHELD'`
    expect(audit).toHaveLength(1)
    // the applicant's page: the decision and the step in the history, in words
    const html = await renderRoute(page, `http://localhost/applications/${app}`, { Cookie: await cookieFor(s.applicant) }, '/applications/:id')
    expect(html).toContain('Апелляция удовлетворена')
    expect(html).toContain('Возвращено по удовлетворённой апелляции')
    expect(html).toMatch(/протокол № \d+/)
    expect(html.replace(/<[^>]+>/g, ' ')).not.toMatch(/APPEAL_UPHELD|upheld|onAgenda/)
  })

  it('dismissed: votes against, the appeal ends with the reason the applicant reads; the application stays ineligible', async () => {
    const { s, app, appealId, meeting } = await appealAtMeeting('ineligible')
    const motion = await addMotion(s.secretary, meeting, 'appeal', appealId)
    await voteAll(s, meeting, motion, 'against')
    await closeMeeting(s.secretary, meeting)
    expect(await stateOf('appeals', appealId)).toBe('dismissed')
    expect(await stateOf('applications', app)).toBe('ineligible')
    const panel = await appealPanel(s.applicant, app)
    expect(panel.appeals).toMatchObject([{ state: 'dismissed', decision: 'Апелляцию отклонить: решение комиссии оставить в силе.' }])
    // the same decision is not appealed twice
    expect(panel.period).toBeNull()
    await expect(fileAppeal(s.applicant, app, { body: 'Ещё раз' }, [])).rejects.toMatchObject({ code: 'APPEAL_EXISTS' })
    const [letter] = await db()<{ payload: { reason: string } }[]>`select payload from outbox where entity = 'appeal' and entity_id = ${appealId} and template = 'appealDismissed'`
    expect(letter.payload.reason).toBe('Апелляцию отклонить: решение комиссии оставить в силе.')
  })

  it('an upheld eligibility appeal sends the application back to screening', async () => {
    const { s, app, appealId, meeting } = await appealAtMeeting('ineligible')
    const motion = await addMotion(s.secretary, meeting, 'appeal', appealId)
    await voteAll(s, meeting, motion, 'for')
    await closeMeeting(s.secretary, meeting)
    expect([await stateOf('appeals', appealId), await stateOf('applications', app)]).toEqual(['upheld', 'screening'])
  })

  it('taken off the agenda, it waits for a meeting again; the applicant may withdraw it only while it waits', async () => {
    const { s, app, appealId, meeting } = await appealAtMeeting('rejected')
    const motion = await addMotion(s.secretary, meeting, 'appeal', appealId)
    await expect(addMotion(s.secretary, meeting, 'appeal', appealId)).rejects.toMatchObject({
      code: 'APPEAL_NOT_WAITING',
      message: 'Апелляцию нельзя включить в повестку: включена в повестку заседания.',
    })
    await expect(withdrawAppeal(s.applicant, app, appealId)).rejects.toMatchObject({ status: 409 })
    await removeMotion(s.secretary, meeting, motion)
    expect(await stateOf('appeals', appealId)).toBe('filed')
    expect((await meetingView(s.secretary, meeting)).pendingMotions[0].subjects.map((x) => x.subjectId)).toEqual([appealId])
    await expect(withdrawAppeal(s.secretary, app, appealId)).rejects.toMatchObject({ status: 403 })
    await withdrawAppeal(s.applicant, app, appealId)
    expect(await stateOf('appeals', appealId)).toBe('withdrawn')
    expect((await meetingView(s.secretary, meeting)).pendingMotions).toEqual([])
    // the secretary, asked to put it on an agenda, hears it no longer waits
    expect((await letters(appealId)).filter((t) => t.startsWith('appealWithdrawn'))).toEqual(['appealWithdrawn→secretary'])
    const [row] = await db()<{ id: number }[]>`select id::int from outbox where entity = 'appeal' and entity_id = ${appealId} and template = 'appealWithdrawn'`
    const [text] = await deliverBySmtp([row.id])
    expect(text).toContain(`Кандидат Тестова Мария Ивановна отозвала апелляцию на решение по заявлению № ${app} (отбор «Тестовый отбор»).`)
    expect(text).toContain('Включать её в повестку заседания комиссии больше не нужно')
    expect(text).toContain('http://rma.test/commission/appeals')
    expect(text).not.toMatch(/WITHDRAW|withdrawn|filed/)
  })

  it('only the commission’s secretary puts it on the agenda (role × action, and another region’s secretary)', async () => {
    const { s, appealId, meeting } = await appealAtMeeting('rejected')
    const other = await makeRegion()
    const roles: Role[] = ['applicant', 'municipalCoordinator', 'commissionMember', 'chair', 'ministryOfficer', 'regionalCoordinator', 'admin']
    const refused: Actor[] = [s.applicant, ...(await Promise.all(roles.slice(1).map((r) => s.region.actor(r)))), await other.actor('secretary')]
    // the commission's chair and members see the meeting and are refused (403); to everyone else it does not exist (404)
    const readers = refused.filter((a) => a.grants.some((g) => g.commissionId === s.region.commissionId))
    for (const actor of refused) await expect(addMotion(actor, meeting, 'appeal', appealId)).rejects.toMatchObject({ status: readers.includes(actor) ? 403 : 404 })
    expect(readers.length).toBe(2)
    expect(await stateOf('appeals', appealId)).toBe('filed')
    // another commission's secretary cannot reach it through their own meeting either
    const otherSecretary = await other.actor('secretary')
    const otherMeeting = await createMeeting(otherSecretary, other.commissionId, { heldAt: '2026-05-21T10:00', place: 'г. Томск', agenda: 'Апелляции' })
    await expect(addMotion(otherSecretary, otherMeeting, 'appeal', appealId)).rejects.toMatchObject({ code: 'APPEAL_NOT_FOUND' })
    await addMotion(s.secretary, meeting, 'appeal', appealId)
    expect(await stateOf('appeals', appealId)).toBe('onAgenda')
  })
})

describe('one appeal per decision', () => {
  it('50 concurrent filings on the same decision: exactly one wins, the others are refused in Russian', async () => {
    const s = await setup({ members: 1, candidates: 1 })
    const [app] = s.apps
    await forceApplicationState(app, [...toInReview, { type: 'REJECT' }])
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => fileAppeal(s.applicant, app, { body: `Доводы № ${i}` }, [])))
    const won = results.filter((r) => r.status === 'fulfilled')
    expect(won).toHaveLength(1)
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(lost.every((r) => r.reason.code === 'APPEAL_EXISTS' && /одна апелляция/.test(r.reason.message))).toBe(true)
    const rows = await db()`select id from appeals where application_id = ${app}`
    expect(rows).toHaveLength(1)
    expect(await letters(rows[0].id)).toEqual(['appealFiled→applicant', 'appealWaiting→secretary'])
  })
})
