import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { ensureOrganisation } from '../../db/queries/organisations.server'
import { forceApplicationState } from '../../test/fixtures'
import { rowAfter } from '../../workflows/snapshot'
import type { Actor } from '~/model/permissions'
import { addReviewer, assignReviewersAutomatically, declareConflict, removeReviewer, sendRecommendedToMinistry } from './commission.server'
import { addAgendaItem, castOwnVote, closeMeeting, createMeeting, meetingView, recordVotes, setAttendance } from './meetings.server'
import type { ProtocolContent } from '~/model/protocol'
import { reviewerView, submitReview } from './reviews.server'
import { meetingWithQuorum, setup, toInReview, type Region } from '../../test/meeting-fixtures'

async function sameOrganisation(region: Region, applicationId: number, member: Actor) {
  const org = await ensureOrganisation({ regionId: region.regionId, municipalityId: null, name: `Школа ${randomUUID().slice(0, 6)}` })
  await db()`update people set organisation_id = ${org} where id = (select person_id from applications where id = ${applicationId})`
  await db()`update commission_members set organisation_id = ${org} where commission_id = ${region.commissionId} and user_id = ${member.userId}`
  return org
}

const reviewersOf = async (applicationId: number) =>
  (await db()<{ userId: number }[]>`
    select cm.user_id::int as "userId" from reviews r join commission_members cm on cm.id = r.commission_member_id
    where r.application_id = ${applicationId} order by cm.user_id`).map((r) => r.userId)

const stateOf = async (applicationId: number) => (await db()<{ state: string }[]>`select state from applications where id = ${applicationId}`)[0].state

describe('conflicts of interest', () => {
  it('recuses a member of the candidate’s organisation automatically, with a Russian reason, and never assigns them', async () => {
    const s = await setup({ members: 3, candidates: 1 })
    const [app] = s.apps
    const conflicted = s.members[2]
    await sameOrganisation(s.region, app, conflicted)

    const result = await assignReviewersAutomatically(s.secretary, s.region.commissionId, 3)
    expect(result).toMatchObject({ applications: 1, assigned: 3, recused: 1 })
    const reviewers = await reviewersOf(app)
    expect(reviewers).not.toContain(conflicted.userId)
    expect(reviewers).toHaveLength(3)

    const [recusal] = await db()`
      select r.kind, r.reason from recusals r join commission_members cm on cm.id = r.commission_member_id
      where r.application_id = ${app} and cm.user_id = ${conflicted.userId}`
    expect(recusal.kind).toBe('automatic')
    expect(recusal.reason).toMatch(/в той же организации/)
    const audit = await db()`select action, data from audit_events where entity = 'application' and entity_id = ${app} and action in ('RECUSAL', 'ASSIGN_REVIEWER') order by id`
    expect(audit.map((a) => a.action)).toEqual(['RECUSAL', 'ASSIGN_REVIEWER', 'ASSIGN_REVIEWER', 'ASSIGN_REVIEWER'])

    await expect(addReviewer(s.secretary, app, await s.memberId(conflicted))).rejects.toMatchObject({ code: 'RECUSED', status: 409 })
  })

  it('a declared conflict removes the assignment, and the member can no longer review', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    const [app] = s.apps
    const [m] = s.members
    await addReviewer(s.secretary, app, await s.memberId(m))
    expect(await reviewersOf(app)).toEqual([m.userId])
    await expect(declareConflict(m, { applicationId: app, reason: '' })).rejects.toMatchObject({ status: 400 })
    await declareConflict(m, { applicationId: app, reason: 'Кандидат — мой родственник' })
    expect(await reviewersOf(app)).toEqual([])
    await expect(declareConflict(m, { applicationId: app, reason: 'Ещё раз' })).rejects.toMatchObject({ code: 'ALREADY_RECUSED', status: 409 })
    await expect(addReviewer(s.secretary, app, await s.memberId(m))).rejects.toMatchObject({ code: 'RECUSED' })
    const view = await reviewerView(m, s.region.commissionId)
    expect(view.assignments.rows).toEqual([])
    expect(view.recusals.map((r) => r.kind)).toEqual(['declared'])
    expect(view.conflictCandidates.rows.map((c) => c.id)).not.toContain(app)
  })

  it('lists a person with two applications before the commission once, and a declared conflict covers both', async () => {
    const s = await setup({ members: 1, candidates: 2 })
    const [first, second] = s.apps
    const [m] = s.members
    // The same teacher in a second campaign of the same commission.
    const [campaign] = await db()<{ id: number }[]>`
      insert into campaigns (region_id, roster_id, commission_id, rule_set_id, title, snapshot, state, machine_version)
      select region_id, roster_id, commission_id, rule_set_id, 'Дополнительный отбор', snapshot, state, machine_version
      from campaigns where id = ${s.region.campaignId} returning id::int`
    await db()`update applications set campaign_id = ${campaign.id},
                 person_id = (select person_id from applications where id = ${first}) where id = ${second}`
    const before = await reviewerView(m, s.region.commissionId)
    expect(before.conflictCandidates.rows.filter((c) => c.id === first || c.id === second)).toHaveLength(1)

    await declareConflict(m, { applicationId: second, reason: 'Кандидат — мой родственник' })
    const recused = await db()<{ applicationId: number }[]>`
      select application_id::int as "applicationId" from recusals where commission_member_id = ${await s.memberId(m)} order by application_id`
    expect(recused.map((r) => r.applicationId)).toEqual([first, second])
    const after = await reviewerView(m, s.region.commissionId)
    expect(after.conflictCandidates.rows.map((c) => c.id)).not.toContain(first)
    expect(after.recusals).toHaveLength(1)
  })
})

describe('reviewer assignment', () => {
  it('balances the load: every candidate gets K distinct reviewers and counts differ by at most one', async () => {
    const s = await setup({ members: 4, candidates: 7 })
    const result = await assignReviewersAutomatically(s.secretary, s.region.commissionId, 3)
    expect(result).toMatchObject({ applications: 7, assigned: 21, recused: 0, short: 0 })
    for (const app of s.apps) {
      const r = await reviewersOf(app)
      expect(new Set(r).size).toBe(3)
      expect(r).not.toContain(s.secretary.userId)
    }
    const counts = await db()<{ n: number }[]>`
      select count(r.id)::int as n from commission_members cm left join reviews r on r.commission_member_id = cm.id
      where cm.commission_id = ${s.region.commissionId} and cm.role in ('chair', 'member') group by cm.id`
    expect(counts).toHaveLength(5)
    const ns = counts.map((c) => c.n)
    expect(Math.max(...ns) - Math.min(...ns)).toBeLessThanOrEqual(1)
    expect(ns.reduce((a, b) => a + b, 0)).toBe(21)

    // Running it again changes nothing: everyone already has K reviewers.
    expect((await assignReviewersAutomatically(s.secretary, s.region.commissionId, 3)).assigned).toBe(0)
  })

  it('only the secretary assigns; a hand-added reviewer can be removed until they review', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    const [app] = s.apps
    const [m] = s.members
    await expect(assignReviewersAutomatically(m, s.region.commissionId, 3)).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 })
    await expect(addReviewer(s.chair, app, await s.memberId(m))).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 })
    await addReviewer(s.secretary, app, await s.memberId(m))
    await expect(addReviewer(s.secretary, app, await s.memberId(s.secretary))).rejects.toMatchObject({ code: 'NOT_A_REVIEWER' })

    const view = await reviewerView(m, s.region.commissionId)
    expect(view.progress).toEqual({ done: 0, total: 1 })
    await submitReview(m, { applicationId: app, recommendation: 'recommend', comment: 'Сильный кандидат', score: null })
    expect((await reviewerView(m, s.region.commissionId)).progress).toEqual({ done: 1, total: 1 })
    await expect(removeReviewer(s.secretary, app, await s.memberId(m))).rejects.toMatchObject({ code: 'REVIEW_SUBMITTED', status: 409 })
    // A member not assigned cannot review.
    await expect(submitReview(s.members[1], { applicationId: app, recommendation: 'reject', comment: null, score: null })).rejects.toMatchObject({
      code: 'NOT_ASSIGNED',
      status: 403,
    })
  })

  it('checks the score against the campaign’s rubric', async () => {
    const s = await setup({ members: 1, candidates: 1 })
    const [app] = s.apps
    const [m] = s.members
    await addReviewer(s.secretary, app, await s.memberId(m))
    await expect(submitReview(m, { applicationId: app, recommendation: 'recommend', comment: null, score: 5 })).rejects.toMatchObject({ code: 'NO_RUBRIC' })
    await db()`update campaigns set rubric_max = 10 where id = ${s.region.campaignId}`
    await expect(submitReview(m, { applicationId: app, recommendation: 'recommend', comment: null, score: 11 })).rejects.toMatchObject({ code: 'INVALID_SCORE' })
    await submitReview(m, { applicationId: app, recommendation: 'recommend', comment: null, score: 8 })
    const [r] = await db()`select score::float8 as score, recommendation from reviews where application_id = ${app}`
    expect(r).toEqual({ score: 8, recommendation: 'recommend' })
  })
})

describe('meetings and votes', () => {
  it('a meeting is closed and its protocol issued only once it has begun', async () => {
    const s = await setup({ members: 3, candidates: 1 })
    const meeting = await meetingWithQuorum(s, '2026-05-20T16:00')
    await addAgendaItem(s.secretary, meeting, s.apps[0])
    // 16:00 in Tomsk (UTC+7) is 09:00 UTC
    await expect(closeMeeting(s.secretary, meeting, {}, undefined, new Date('2026-05-20T08:59:00Z'))).rejects.toMatchObject({
      code: 'MEETING_NOT_HELD',
      message: expect.stringMatching(/^Заседание назначено на 20 мая 2026 года, 16\.00 и ещё не началось: закрыть его/),
    })
    expect((await db()`select count(*)::int as n from protocols where meeting_id = ${meeting}`)[0].n).toBe(0)
    await closeMeeting(s.secretary, meeting, {}, undefined, new Date('2026-05-20T09:00:00Z'))
  })

  it('a switched-off account neither counts towards the quorum nor votes, until it is switched on again', async () => {
    const s = await setup({ members: 3, candidates: 1 }) // 4 voters: chair + 3
    const [app] = s.apps
    const meeting = await meetingWithQuorum(s)
    await addAgendaItem(s.secretary, meeting, app)
    expect((await meetingView(s.secretary, meeting)).quorum).toEqual({ members: 4, present: 4, required: 3, reached: true })
    await db()`update users set active = false where id = ${s.members[0].userId}`
    expect((await meetingView(s.secretary, meeting)).quorum).toEqual({ members: 3, present: 3, required: 2, reached: true })
    await expect(recordVotes(s.secretary, meeting, app, [{ memberId: await s.memberId(s.members[0]), choice: 'for' }])).rejects.toMatchObject({ code: 'NOT_A_VOTER' })
    await db()`update users set active = true where id = ${s.members[0].userId}`
    await recordVotes(s.secretary, meeting, app, [{ memberId: await s.memberId(s.members[0]), choice: 'for' }])
  })

  it('records no vote without quorum (more than half of the voting members), and counts the commission’s own fraction', async () => {
    const s = await setup({ members: 3, candidates: 1 }) // 4 voters: chair + 3
    const [app] = s.apps
    const meeting = await meetingWithQuorum(s, '2026-05-20T16:00', [s.chair, s.members[0]])
    await addAgendaItem(s.secretary, meeting, app)
    const view = await meetingView(s.secretary, meeting)
    expect(view.quorum).toEqual({ members: 4, present: 2, required: 3, reached: false })
    await expect(recordVotes(s.secretary, meeting, app, [{ memberId: await s.memberId(s.chair), choice: 'for' }])).rejects.toMatchObject({
      code: 'NO_QUORUM',
      status: 409,
      message: expect.stringMatching(/Нет кворума/),
    })
    await expect(castOwnVote(s.chair, meeting, app, 'for')).rejects.toMatchObject({ code: 'NO_QUORUM' })
    await expect(closeMeeting(s.secretary, meeting)).rejects.toMatchObject({ code: 'NO_QUORUM' })
    expect((await db()`select count(*)::int as n from votes where meeting_id = ${meeting}`)[0].n).toBe(0)

    // The commission's own rule: at least half (⌈0.5 × 4⌉ = 2).
    await db()`update commissions set quorum_fraction = 0.5 where id = ${s.region.commissionId}`
    await castOwnVote(s.chair, meeting, app, 'for')
    expect((await db()`select count(*)::int as n from votes where meeting_id = ${meeting}`)[0].n).toBe(1)
  })

  it('refuses the vote of a recused member (automatic or declared) and of an absent one', async () => {
    const s = await setup({ members: 3, candidates: 2 })
    const [a1, a2] = s.apps
    const [m1, m2, m3] = s.members
    await sameOrganisation(s.region, a1, m1)
    const meeting = await meetingWithQuorum(s, '2026-05-20T16:00', [s.chair, m1, m2])
    await addAgendaItem(s.secretary, meeting, a1)
    await addAgendaItem(s.secretary, meeting, a2)
    await declareConflict(m2, { applicationId: a2, reason: 'Работали вместе над проектом' })

    await expect(castOwnVote(m1, meeting, a1, 'for')).rejects.toMatchObject({ code: 'RECUSED', status: 403 })
    await expect(recordVotes(s.secretary, meeting, a1, [{ memberId: await s.memberId(m1), choice: 'for' }])).rejects.toMatchObject({ code: 'RECUSED' })
    await expect(castOwnVote(m2, meeting, a2, 'against')).rejects.toMatchObject({ code: 'RECUSED', status: 403 })
    await expect(castOwnVote(m3, meeting, a2, 'for')).rejects.toMatchObject({ code: 'NOT_PRESENT', status: 409 })
    // All or nothing: one bad entry refuses the whole batch.
    await expect(
      recordVotes(s.secretary, meeting, a2, [
        { memberId: await s.memberId(s.chair), choice: 'for' },
        { memberId: await s.memberId(m2), choice: 'for' },
      ]),
    ).rejects.toMatchObject({ code: 'RECUSED' })
    expect((await db()`select count(*)::int as n from votes where meeting_id = ${meeting}`)[0].n).toBe(0)
    await castOwnVote(m2, meeting, a1, 'for')
    expect((await db()`select count(*)::int as n from votes where meeting_id = ${meeting}`)[0].n).toBe(1)

    const view = await meetingView(m1, meeting)
    expect(view.canManage).toBe(false)
    expect(view.items.find((i) => i.applicationId === a1)?.iAmRecused).toBe(true)
  })

  it('a member cannot manage meetings', async () => {
    const s = await setup({ members: 1, candidates: 1 })
    const [m] = s.members
    await expect(createMeeting(m, s.region.commissionId, { heldAt: '2026-05-20T16:00', place: 'Томск', agenda: '' })).rejects.toMatchObject({ status: 403 })
    const meeting = await meetingWithQuorum(s)
    await expect(addAgendaItem(m, meeting, s.apps[0])).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 })
    await expect(setAttendance(m, meeting, [{ memberId: await s.memberId(m), status: 'present' }])).rejects.toMatchObject({ status: 403 })
    await expect(closeMeeting(s.chair, meeting)).rejects.toMatchObject({ status: 403 })
  })

  it('closing decides each candidate by majority of the votes cast and issues the protocol in one go', async () => {
    const s = await setup({ members: 2, candidates: 4 }) // voters: chair, m1, m2
    const [a1, a2, a3, a4] = s.apps
    const [m1, m2] = s.members
    const meeting = await meetingWithQuorum(s)
    for (const a of s.apps) await addAgendaItem(s.secretary, meeting, a)
    const ids = { chair: await s.memberId(s.chair), m1: await s.memberId(m1), m2: await s.memberId(m2) }
    await recordVotes(s.secretary, meeting, a1, [
      { memberId: ids.chair, choice: 'for' },
      { memberId: ids.m1, choice: 'for' },
      { memberId: ids.m2, choice: 'abstain' },
    ])
    await recordVotes(s.secretary, meeting, a2, [
      { memberId: ids.chair, choice: 'against' },
      { memberId: ids.m1, choice: 'against' },
      { memberId: ids.m2, choice: 'for' },
    ])
    await recordVotes(s.secretary, meeting, a3, [
      { memberId: ids.chair, choice: 'for' },
      { memberId: ids.m1, choice: 'against' },
      { memberId: ids.m2, choice: 'abstain' },
    ])
    // a4: no votes → deferred

    const { protocolId, number } = await closeMeeting(s.secretary, meeting)
    expect(number).toBe(1)
    expect([await stateOf(a1), await stateOf(a2), await stateOf(a3), await stateOf(a4)]).toEqual(['recommended', 'rejected', 'deferred', 'deferred'])
    const events = await db()`
      select entity_id::int as id, action, actor_user_id::int as actor from audit_events
      where entity = 'application' and entity_id = any(${s.apps}) and action in ('RECOMMEND', 'REJECT', 'DEFER') order by entity_id`
    expect(events.map((e) => [e.id, e.action, e.actor])).toEqual([
      [a1, 'RECOMMEND', s.secretary.userId],
      [a2, 'REJECT', s.secretary.userId],
      [a3, 'DEFER', s.secretary.userId],
      [a4, 'DEFER', s.secretary.userId],
    ])
    const [p] = await db()<{ content: ProtocolContent }[]>`select content from protocols where id = ${protocolId}`
    expect(p.content.items.map((i) => [i.decision, i.votes])).toEqual([
      ['recommended', { for: 2, against: 0, abstain: 1 }],
      ['rejected', { for: 1, against: 2, abstain: 0 }],
      ['deferred', { for: 1, against: 1, abstain: 1 }],
      ['deferred', { for: 0, against: 0, abstain: 0 }],
    ])
    expect(p.content.present).toHaveLength(4)
    expect(p.content.chair?.name).toBe('chair')
    expect(p.content.dateText).toBe('20 мая 2026 года')
    expect(p.content.timeText).toBe('16.00')
    // Tomsk's wall clock (UTC+7), not Moscow's: 16.00 there is 09.00 UTC.
    expect(p.content.zoneText).toBe('местное время, UTC+7')
    expect(p.content.heldAt).toBe('2026-05-20T09:00:00.000Z')
    const [m] = await db()`select status from meetings where id = ${meeting}`
    expect(m.status).toBe('closed')
    await expect(castOwnVote(s.chair, meeting, a1, 'for')).rejects.toMatchObject({ code: 'MEETING_CLOSED' })
    await expect(closeMeeting(s.secretary, meeting)).rejects.toMatchObject({ code: 'MEETING_CLOSED' })
  })

  it('numbers protocols per commission per year: 1, 2, then 1 again next year', async () => {
    const s = await setup({ members: 1, candidates: 0 })
    const empty = { withoutCandidates: true }
    const m1 = await meetingWithQuorum(s, '2025-03-01T10:00')
    const m2 = await meetingWithQuorum(s, '2025-11-15T10:00')
    const m3 = await meetingWithQuorum(s, '2026-02-01T10:00')
    expect((await closeMeeting(s.secretary, m1, empty)).number).toBe(1)
    expect((await closeMeeting(s.secretary, m2, empty)).number).toBe(2)
    expect((await closeMeeting(s.secretary, m3, empty)).number).toBe(1)
    // Two closed at once still get distinct numbers.
    const m4 = await meetingWithQuorum(s, '2026-04-01T10:00')
    const m5 = await meetingWithQuorum(s, '2026-05-01T10:00')
    const both = await Promise.all([closeMeeting(s.secretary, m4, empty), closeMeeting(s.secretary, m5, empty)])
    expect(both.map((b) => b.number).sort()).toEqual([2, 3])
    // Another commission starts its own count.
    const other = await setup({ members: 1, candidates: 0 })
    expect((await closeMeeting(other.secretary, await meetingWithQuorum(other, '2025-05-01T10:00'), empty)).number).toBe(1)
  })
})

describe('closing a meeting with nothing to decide', () => {
  it('is refused with a Russian reason and writes nothing, unless the secretary says so explicitly', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    const meeting = await meetingWithQuorum(s)
    const protocols = async () => (await db()`select count(*)::int as n from protocols where meeting_id = ${meeting}`)[0].n
    await expect(closeMeeting(s.secretary, meeting)).rejects.toMatchObject({
      code: 'NOTHING_TO_DECIDE',
      status: 409,
      message: expect.stringContaining('Закрыть заседание без рассмотрения кандидатур'),
    })
    // A candidate no longer in review is nothing to decide either.
    await addAgendaItem(s.secretary, meeting, s.apps[0])
    await forceApplicationState(s.apps[0], [...toInReview, { type: 'WITHDRAW' }])
    await expect(closeMeeting(s.secretary, meeting)).rejects.toMatchObject({ code: 'NOTHING_TO_DECIDE' })
    expect(await protocols()).toBe(0)
    expect((await db()`select status from meetings where id = ${meeting}`)[0].status).not.toBe('closed')

    const { protocolId } = await closeMeeting(s.secretary, meeting, { withoutCandidates: true })
    expect((await db()`select status from meetings where id = ${meeting}`)[0].status).toBe('closed')
    const [p] = await db()<{ content: ProtocolContent }[]>`select content from protocols where id = ${protocolId}`
    expect(p.content.items.map((i) => i.decision)).toEqual([null])
  })

  it('writes the protocol in proper Russian: the secretary’s verb agrees, the candidate is declined, each recused member once', async () => {
    const s = await setup({ members: 2, candidates: 1 })
    const [app] = s.apps
    await db()`update users set display_name = 'Петрова Анна Ивановна' where id = ${s.secretary.userId}`
    await db()`update people set last_name = 'Иванова', first_name = 'Ольга', middle_name = 'Георгиевна' where id = (select person_id from applications where id = ${app})`
    await db()`update users set display_name = 'Сидоров Пётр Ильич' where id = ${s.members[0].userId}`
    await sameOrganisation(s.region, app, s.members[0])
    const meeting = await meetingWithQuorum(s)
    await addAgendaItem(s.secretary, meeting, app)
    await declareConflict(s.members[0], { applicationId: app, reason: 'Работаем в одной школе' }).catch(() => undefined)
    await recordVotes(s.secretary, meeting, app, [
      { memberId: await s.memberId(s.chair), choice: 'for' },
      { memberId: await s.memberId(s.members[1]), choice: 'for' },
    ])
    const { protocolId } = await closeMeeting(s.secretary, meeting)
    const [p] = await db()<{ content: ProtocolContent }[]>`select content from protocols where id = ${protocolId}`
    const [item] = p.content.items
    expect(item.heard).toMatch(/^Петрова Анна Ивановна, секретарь комиссии, представила сведения о кандидате и результаты проверки соответствия требованиям: Иванова Ольга Георгиевна/)
    expect(item.decided).toBe('Рекомендовать включить Иванову Ольгу Георгиевну в состав методического актива.')
    expect(item.recused).toEqual(['Сидоров Пётр Ильич'])
    expect(JSON.stringify(p.content)).not.toContain('(а)')
  })
})

describe('sending to the ministry', () => {
  it('sends every recommended candidate of the campaign and the campaign itself, in one transaction', async () => {
    const s = await setup({ members: 1, candidates: 3 })
    const [a1, a2, a3] = s.apps
    await forceApplicationState(a1, [...toInReview, { type: 'RECOMMEND' }])
    await forceApplicationState(a2, [...toInReview, { type: 'RECOMMEND' }])
    const inReview = rowAfter('campaign', [{ type: 'OPEN' }, { type: 'CLOSE' }, { type: 'START_REVIEW' }])
    await db()`update campaigns set snapshot = ${db().json(inReview.snapshot as never)}, state = ${inReview.state} where id = ${s.region.campaignId}`

    await expect(sendRecommendedToMinistry(s.chair, s.region.campaignId)).rejects.toMatchObject({ status: 403 })
    expect(await sendRecommendedToMinistry(s.secretary, s.region.campaignId)).toEqual({ sent: 2, campaignSent: true })
    expect([await stateOf(a1), await stateOf(a2), await stateOf(a3)]).toEqual(['atMinistry', 'atMinistry', 'inReview'])
    const [c] = await db()`select state from campaigns where id = ${s.region.campaignId}`
    expect(c.state).toBe('atMinistry')
    await expect(sendRecommendedToMinistry(s.secretary, s.region.campaignId)).rejects.toMatchObject({ code: 'NOTHING_TO_SEND', status: 409 })
  })
})
