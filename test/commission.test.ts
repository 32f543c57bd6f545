import { describe, expect, it } from 'vitest'
import type { Actor } from '~/model/permissions'
import * as commissionPage from '../app/routes/commission/route'
import { action as commissionAction, loader as commissionLoader } from '../app/routes/commission/route'
import * as meetingPage from '../app/routes/meetings.$id/route'
import { action as meetingAction, loader as meetingLoader } from '../app/routes/meetings.$id/route'
import { action as meetingsAction, loader as meetingsLoader } from '../app/routes/meetings._index'
import { loader as protocolLoader } from '../app/routes/protocols.$id'
import { action as reviewsAction, loader as reviewsLoader } from '../app/routes/reviews/route'
import { db } from '../db/client.server'
import { commissionMemberByUser } from '../db/queries/commissions.server'
import { forceApplicationState, makeApplication, makeRegion } from './fixtures'
import { cookieFor, routeContext } from './support/session'
import { replyOf } from './support/form'
import { flashOf } from './staff-helpers'
import { renderAfterPost, renderRoute } from './render'
import { toLocalDateTime } from '~/model/protocol'

// The commission's screens called the way Remix calls them: a Request in, data or a Response out.

const ctx = routeContext()

const cookieOf = cookieFor

const get = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
const post = (path: string, cookie: string, fields: Record<string, string | number>) =>
  new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { Cookie: cookie },
    body: new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])),
  })

/** Runs a loader/action; a thrown Response (403, 404, redirect) is returned like a returned one. */
async function call<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof Response) return e
    throw e
  }
}

const statusOf = (r: unknown) => (r instanceof Response ? r.status : (r as { init?: { status: number } }).init?.status ?? 200)

async function setup() {
  const region = await makeRegion()
  const secretary = await region.actor('secretary')
  const chair = await region.actor('chair')
  const m1 = await region.actor('commissionMember')
  const m2 = await region.actor('commissionMember')
  const applicant = await region.actor('applicant')
  const app = await makeApplication(region, applicant)
  await forceApplicationState(app, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }])
  const memberId = async (a: Actor) => (await commissionMemberByUser(region.commissionId, a.userId))!.id
  return { region, secretary, chair, m1, m2, app, memberId }
}

/** The attendance form's fields: one row per member (`entries[i].memberId`, `entries[i].status`). */
/** A meeting the secretary schedules in Tomsk: its id, page and route params. */
async function newMeeting(sec: string, heldAt = '2026-06-10T15:30') {
  const created = (await meetingsAction({ request: post('/meetings', sec, { heldAt, place: 'г. Томск' }), params: {}, context: ctx })) as Response
  const meetingId = created.headers.get('Location')!.split('/').pop()!
  return { meetingId, m: `/meetings/${meetingId}`, params: { id: meetingId } }
}

async function attendanceForm(s: Awaited<ReturnType<typeof setup>>, rows: [Actor, string][]) {
  const form: Record<string, string | number> = { intent: 'attendance' }
  for (const [i, [a, status]] of rows.entries()) {
    form[`entries[${i}].memberId`] = await s.memberId(a)
    form[`entries[${i}].status`] = status
  }
  return form
}

describe('commission screens', () => {
  it('take a candidate from assignment through review, meeting and vote to a numbered, printable protocol', async () => {
    const s = await setup()
    const sec = await cookieOf(s.secretary)
    const mem = await cookieOf(s.m1)

    const workspace = (await commissionLoader({ request: get('/commission', sec), params: {}, context: ctx })) as Awaited<ReturnType<typeof commissionLoader>>
    expect(workspace.board.map((b) => b.id)).toEqual([s.app])
    expect(workspace.board[0].reviewers).toEqual([])

    const bad = replyOf(await commissionAction({ request: post('/commission', sec, { intent: 'autoAssign', perApplication: 0 }), params: {}, context: ctx }))
    expect(bad.status).toBe(400)
    expect(bad.fields.perApplication).toBe('Нужен хотя бы один рецензент')

    const assigned = (await commissionAction({ request: post('/commission', sec, { intent: 'autoAssign', perApplication: 3 }), params: {}, context: ctx })) as Response
    expect(assigned.status).toBe(302)
    expect(assigned.headers.get('Location')).toBe(`/commission?commission=${s.region.commissionId}`)
    expect(await flashOf(assigned)).toEqual({ kind: 'success', text: 'Назначено рецензентов: 3.' })

    const mine = (await reviewsLoader({ request: get('/reviews', mem), params: {}, context: ctx })) as Awaited<ReturnType<typeof reviewsLoader>>
    expect(mine.progress).toEqual({ done: 0, total: 1 })
    const noChoice = replyOf(await reviewsAction({ request: post('/reviews', mem, { intent: 'review', applicationId: s.app }), params: {}, context: ctx }))
    expect(noChoice.status).toBe(400)
    expect(noChoice.fields.recommendation).toBe('Выберите рекомендацию')
    const reviewed = (await reviewsAction({
      request: post('/reviews', mem, { intent: 'review', applicationId: s.app, recommendation: 'recommend', comment: 'Опытный методист' }),
      params: {},
      context: ctx,
    })) as Response
    expect(reviewed.status).toBe(302)
    const after = (await reviewsLoader({ request: get('/reviews', mem), params: {}, context: ctx })) as Awaited<ReturnType<typeof reviewsLoader>>
    expect(after.progress).toEqual({ done: 1, total: 1 })

    const created = (await meetingsAction({
      request: post('/meetings', sec, { heldAt: '2026-06-10T15:30', place: 'г. Томск, ул. Пирогова, 10', agenda: 'Рассмотрение кандидатур в РМА' }),
      params: {},
      context: ctx,
    })) as Response
    expect(created.status).toBe(302)
    const meetingId = Number(created.headers.get('Location')!.split('/').pop())
    const m = `/meetings/${meetingId}`
    const attendance = await attendanceForm(s, [
      [s.secretary, 'present'],
      [s.chair, 'present'],
      [s.m1, 'present'],
      [s.m2, 'remote'],
    ])
    expect(statusOf(await meetingAction({ request: post(m, sec, attendance), params: { id: String(meetingId) }, context: ctx }))).toBe(302)
    expect(statusOf(await meetingAction({ request: post(m, sec, { intent: 'addItem', applicationId: s.app }), params: { id: String(meetingId) }, context: ctx }))).toBe(302)
    const votes = {
      intent: 'votes',
      applicationId: s.app,
      'entries[0].memberId': await s.memberId(s.chair),
      'entries[0].choice': 'for',
      'entries[1].memberId': await s.memberId(s.m2),
      'entries[1].choice': 'against',
      // not marked: no vote
      'entries[2].memberId': await s.memberId(s.m1),
      'entries[2].choice': '',
    }
    expect(statusOf(await meetingAction({ request: post(m, sec, votes), params: { id: String(meetingId) }, context: ctx }))).toBe(302)
    // The member casts their own vote.
    expect(statusOf(await meetingAction({ request: post(m, mem, { intent: 'vote', applicationId: s.app, choice: 'for' }), params: { id: String(meetingId) }, context: ctx }))).toBe(302)

    const view = (await meetingLoader({ request: get(m, sec), params: { id: String(meetingId) }, context: ctx })) as Awaited<ReturnType<typeof meetingLoader>>
    expect(view.quorum).toEqual({ members: 3, present: 3, required: 2, reached: true })
    expect(view.items[0].tally).toEqual({ for: 2, against: 1, abstain: 0 })

    const closed = (await meetingAction({ request: post(m, sec, { intent: 'close', confirmed: 'yes' }), params: { id: String(meetingId) }, context: ctx })) as Response
    expect(closed.status).toBe(302)
    expect(await flashOf(closed)).toEqual({ kind: 'success', text: 'Заседание закрыто, оформлен протокол № 1.' })
    const protocolId = closed.headers.get('Location')!.split('/').pop()!
    const [{ state }] = await db()`select state from applications where id = ${s.app}`
    expect(state).toBe('recommended')

    // The chair (not the secretary) can read the protocol and the meetings.
    const chairCookie = await cookieOf(s.chair)
    const protocol = (await protocolLoader({ request: get(`/protocols/${protocolId}`, chairCookie), params: { id: protocolId }, context: ctx })) as Awaited<
      ReturnType<typeof protocolLoader>
    >
    expect(protocol.content.number).toBe(1)
    expect(protocol.content.timeText).toBe('15.30')
    expect(protocol.content.present.map((p) => p.name).sort()).toEqual(['chair', 'commissionMember', 'commissionMember', 'secretary'])
    expect(protocol.content.items[0]).toMatchObject({ decision: 'recommended', votes: { for: 2, against: 1, abstain: 0 } })
    const list = (await meetingsLoader({ request: get('/meetings', chairCookie), params: {}, context: ctx })) as Awaited<ReturnType<typeof meetingsLoader>>
    expect(list.canManage).toBe(false)
    expect(list.meetings.map((x) => [x.id, x.protocolNumber])).toEqual([[meetingId, 1]])

    // The applicant cannot read the protocol.
    const applicantCookie = await cookieOf(await s.region.actor('applicant'))
    expect(statusOf(await call(() => protocolLoader({ request: get(`/protocols/${protocolId}`, applicantCookie), params: { id: protocolId }, context: ctx })))).toBe(404)
  })

  it('a refused row form (no JavaScript) comes back with its refusal announced beside that row and the focus on its control; a row gone meanwhile has it said above the board', async () => {
    const s = await setup()
    const sec = await cookieOf(s.secretary)
    const url = `http://localhost/commission?commission=${s.region.commissionId}`
    const m1 = await s.memberId(s.m1)
    // a member id from the board's select, then tampered: not a member of this commission
    const refused = await renderAfterPost(commissionPage, url, { intent: 'addReviewer', applicationId: s.app, memberId: 999_999 }, { Cookie: sec })
    expect(refused.status).toBe(409)
    const row = /<form[^>]*id="addReviewer-\d+"[\s\S]*?<\/form>/.exec(refused.html)![0]
    expect(row).toMatch(/<select[^>]*autofocus=""[^>]*aria-invalid="true"/)
    expect(row).toMatch(/<span id="addReviewer-\d+-error" class="error" role="status">Рецензентом может быть только действующий член или председатель этой комиссии\.<\/span>/)

    // removed in another tab: no row left to show it beside
    const assigned = await commissionAction({ request: post('/commission', sec, { intent: 'addReviewer', applicationId: s.app, memberId: m1 }), params: {}, context: ctx })
    expect(statusOf(assigned)).toBe(302)
    const removed = await commissionAction({ request: post('/commission', sec, { intent: 'removeReviewer', applicationId: s.app, memberId: m1 }), params: {}, context: ctx })
    expect(statusOf(removed)).toBe(302)
    const stale = await renderAfterPost(commissionPage, url, { intent: 'removeReviewer', applicationId: s.app, memberId: m1 }, { Cookie: sec })
    expect(stale.status).toBe(404)
    expect(stale.html).not.toContain(`id="removeReviewer-${s.app}-${m1}"`)
    expect(stale.html).toMatch(/<h2 id="board">[^<]*<\/h2><div aria-live="polite"><p class="alert" role="alert">Этот член комиссии не назначен рецензентом кандидата\.<\/p>/)
  })

  it('a refusal for a candidate no longer on the agenda (taken off in another tab) is said once, above the agenda', async () => {
    const s = await setup()
    const sec = await cookieOf(s.secretary)
    const { m, params } = await newMeeting(sec)
    expect(statusOf(await meetingAction({ request: post(m, sec, { intent: 'addItem', applicationId: s.app }), params, context: ctx }))).toBe(302)
    expect(statusOf(await meetingAction({ request: post(m, sec, { intent: 'removeItem', applicationId: s.app }), params, context: ctx }))).toBe(302)

    const stale = await renderAfterPost(meetingPage, `http://localhost${m}`, { intent: 'removeItem', applicationId: s.app }, { Cookie: sec }, '/meetings/:id')
    expect(stale.status).toBe(404)
    expect(stale.html).toMatch(/<h2 id="items">[^<]*<\/h2><div aria-live="polite"><p class="alert" role="alert">Этого кандидата нет в повестке заседания\.<\/p><\/div>/)
    expect(stale.html.split('Этого кандидата нет в повестке')).toHaveLength(2)
  })

  it('a member (not the secretary) cannot manage meetings or the commission (403), nor vote on a candidate they declared a conflict on', async () => {
    const s = await setup()
    const sec = await cookieOf(s.secretary)
    const mem = await cookieOf(s.m1)

    expect(statusOf(await call(() => commissionLoader({ request: get('/commission', mem), params: {}, context: ctx })))).toBe(403)
    expect(statusOf(await call(() => commissionAction({ request: post('/commission', mem, { intent: 'autoAssign', perApplication: 3 }), params: {}, context: ctx })))).toBe(403)
    const create = await call(() => meetingsAction({ request: post('/meetings', mem, { heldAt: '2026-06-10T15:30', place: 'Томск' }), params: {}, context: ctx }))
    expect(statusOf(create)).toBe(403)

    const { meetingId, m, params } = await newMeeting(sec)
    const att2 = await meetingAction({ request: post(m, mem, await attendanceForm(s, [[s.m1, 'present']])), params, context: ctx })
    expect(replyOf(att2).status).toBe(403)
    expect(statusOf(await meetingAction({ request: post(m, mem, { intent: 'addItem', applicationId: s.app }), params, context: ctx }))).toBe(403)
    expect(statusOf(await meetingAction({ request: post(m, mem, { intent: 'close', confirmed: 'yes' }), params, context: ctx }))).toBe(403)

    // The member can view the meeting but sees no management.
    const asMember = (await meetingLoader({ request: get(m, mem), params, context: ctx })) as Awaited<ReturnType<typeof meetingLoader>>
    expect(asMember.canManage).toBe(false)

    // Secretary prepares the meeting with quorum; the member declares a conflict on the candidate.
    const attendance = await attendanceForm(s, [
      [s.secretary, 'present'],
      [s.chair, 'present'],
      [s.m1, 'present'],
      [s.m2, 'present'],
    ])
    expect(statusOf(await meetingAction({ request: post(m, sec, attendance), params, context: ctx }))).toBe(302)
    expect(statusOf(await meetingAction({ request: post(m, sec, { intent: 'addItem', applicationId: s.app }), params, context: ctx }))).toBe(302)
    const noReason = replyOf(await reviewsAction({ request: post('/reviews', mem, { intent: 'conflict', applicationId: s.app, reason: '', confirmed: 'yes' }), params: {}, context: ctx }))
    expect(noReason.status).toBe(400)
    expect(noReason.fields.reason).toMatch(/Опишите конфликт интересов/)
    // A declared conflict cannot be withdrawn: not without the confirmation step.
    const unconfirmed = replyOf(await reviewsAction({ request: post('/reviews', mem, { intent: 'conflict', applicationId: s.app, reason: 'Кандидат — моя сестра' }), params: {}, context: ctx }))
    expect(unconfirmed.fields.confirmed).toBe('Подтвердите действие: оно необратимо.')
    expect((await db()`select count(*)::int as n from recusals where application_id = ${s.app} and kind = 'declared'`)[0].n).toBe(0)
    const declared = await reviewsAction({
      request: post('/reviews', mem, { intent: 'conflict', applicationId: s.app, reason: 'Кандидат — моя сестра', confirmed: 'yes' }),
      params: {},
      context: ctx,
    })
    expect(statusOf(declared)).toBe(302)

    const own = replyOf(await meetingAction({ request: post(m, mem, { intent: 'vote', applicationId: s.app, choice: 'for' }), params, context: ctx }))
    expect(own.status).toBe(403)
    expect(own.code).toBe('RECUSED')
    expect(own.message).toBe('Член комиссии commissionMember отведён от рассмотрения этого кандидата (конфликт интересов) и не голосует.')
    const bySecretary = await meetingAction({
      request: post(m, sec, { intent: 'votes', applicationId: s.app, 'entries[0].memberId': await s.memberId(s.m1), 'entries[0].choice': 'for' }),
      params,
      context: ctx,
    })
    expect(replyOf(bySecretary).code).toBe('RECUSED')
    const [{ n }] = await db()`select count(*)::int as n from votes where meeting_id = ${Number(meetingId)}`
    expect(n).toBe(0)
  })

  it('validates the meeting form with Russian field errors', async () => {
    const s = await setup()
    const sec = await cookieOf(s.secretary)
    const res = replyOf(await meetingsAction({ request: post('/meetings', sec, { heldAt: '', place: 'То', agenda: 'Кандидатуры в РМА' }), params: {}, context: ctx }))
    expect(res.status).toBe(400)
    expect(res.fields.heldAt).toBe('Укажите дату и время заседания')
    expect(res.fields.place).toBe('Укажите место проведения')
    // What was typed comes back, so the page rendered again without JavaScript keeps it.
    expect(res.values).toMatchObject({ place: 'То', agenda: 'Кандидатуры в РМА' })
  })

  it('closes a meeting only after the confirmation step, and one with nothing to decide only when that is said explicitly', async () => {
    const s = await setup()
    const sec = await cookieOf(s.secretary)
    const { meetingId, m, params } = await newMeeting(sec)
    const attendance = await attendanceForm(s, [
      [s.secretary, 'present'],
      [s.chair, 'present'],
      [s.m1, 'present'],
      [s.m2, 'present'],
    ])
    expect(statusOf(await meetingAction({ request: post(m, sec, attendance), params, context: ctx }))).toBe(302)
    const protocols = async () => (await db()`select count(*)::int as n from protocols where meeting_id = ${Number(meetingId)}`)[0].n
    const status = async () => (await db()`select status from meetings where id = ${Number(meetingId)}`)[0].status

    // The first click (no confirmation) does nothing.
    const unconfirmed = replyOf(await meetingAction({ request: post(m, sec, { intent: 'close' }), params, context: ctx }))
    expect(unconfirmed).toMatchObject({ status: 400, code: 'INVALID_FORM' })
    expect(unconfirmed.fields.confirmed).toBe('Подтвердите действие: оно необратимо.')
    // Confirmed, but the agenda is empty: refused with the reason, nothing written.
    const empty = replyOf(await meetingAction({ request: post(m, sec, { intent: 'close', confirmed: 'yes' }), params, context: ctx }))
    expect(empty).toMatchObject({ status: 409, code: 'NOTHING_TO_DECIDE' })
    expect(empty.message).toMatch(/^В повестке нет кандидатов, по которым нужно принять решение\./)
    expect(await protocols()).toBe(0)
    expect(await status()).not.toBe('closed')

    // Said explicitly: closed, the protocol says no candidates were considered.
    const closed = (await meetingAction({ request: post(m, sec, { intent: 'close', confirmed: 'yes', withoutCandidates: 'yes' }), params, context: ctx })) as Response
    expect(closed.status).toBe(302)
    expect(await protocols()).toBe(1)
    expect(await status()).toBe('closed')
  })

  it('a meeting dated ahead: no close button before its time, the reason instead; its date is corrected on the page, or it is deleted', async () => {
    const s = await setup()
    const sec = await cookieOf(s.secretary)
    const ahead = toLocalDateTime(new Date(Date.now() + 10 * 24 * 3600 * 1000), 'Asia/Tomsk')
    const { meetingId, m, params } = await newMeeting(sec, ahead)
    const page = (query = '') => renderRoute(meetingPage, `http://localhost${m}${query}`, { Cookie: sec }, '/meetings/:id')

    // even at the confirmation step the button is not there
    const before = await page('?confirm=close')
    expect(before).not.toContain('Да, закрыть и оформить протокол')
    expect(before).toMatch(/Заседание назначено на .+ и ещё не началось\. Присутствие, голоса и закрытие заседания — когда оно начнётся/)
    expect(before).not.toContain('Сохранить присутствие')
    expect(before).toContain(`value="${ahead}"`)
    const early = replyOf(await meetingAction({ request: post(m, sec, await attendanceForm(s, [[s.chair, 'present']])), params, context: ctx }))
    expect(early).toMatchObject({ status: 409, code: 'MEETING_NOT_HELD' })

    const bad = replyOf(await meetingAction({ request: post(m, sec, { intent: 'reschedule', heldAt: '', place: 'То' }), params, context: ctx }))
    expect(bad).toMatchObject({ status: 400, fields: { heldAt: 'Укажите дату и время заседания', place: 'Укажите место проведения' } })
    const held = toLocalDateTime(new Date(Date.now() - 3600 * 1000), 'Asia/Tomsk')
    const moved = (await meetingAction({ request: post(m, sec, { intent: 'reschedule', heldAt: held, place: 'г. Томск, ул. Пирогова, 10' }), params, context: ctx })) as Response
    expect(moved.headers.get('Location')).toBe(m)
    const after = await page()
    expect(after).not.toContain('ещё не началось')
    expect(after).toContain('г. Томск, ул. Пирогова, 10')
    expect(after).toContain('Сохранить присутствие')
    // a member may not correct or delete it
    const mem = await cookieOf(s.m1)
    expect(statusOf(await call(() => meetingAction({ request: post(m, mem, { intent: 'reschedule', heldAt: ahead, place: 'г. Томск' }), params, context: ctx })))).toBe(403)
    expect(statusOf(await call(() => meetingAction({ request: post(m, mem, { intent: 'deleteMeeting', confirmed: 'yes' }), params, context: ctx })))).toBe(403)

    expect(await page()).toMatch(/<details class="card no-print"><summary>/)
    expect(await page('?confirm=delete-meeting')).toMatch(/<details class="card no-print" open=""><summary>[^]*Да, удалить заседание/)
    const deleted = (await meetingAction({ request: post(m, sec, { intent: 'deleteMeeting', confirmed: 'yes' }), params, context: ctx })) as Response
    expect(deleted.headers.get('Location')).toBe(`/meetings?commission=${s.region.commissionId}`)
    expect(await flashOf(deleted)).toEqual({ kind: 'success', text: 'Заседание удалено. Кандидаты и вопросы из его повестки снова ждут заседания.' })
    expect(await db()`select 1 from meetings where id = ${Number(meetingId)}`).toHaveLength(0)
  })

  it('sends the recommended candidates to the ministry only after the confirmation step', async () => {
    const s = await setup()
    const sec = await cookieOf(s.secretary)
    await forceApplicationState(s.app, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }, { type: 'RECOMMEND' }])
    const unconfirmed = replyOf(await commissionAction({ request: post('/commission', sec, { intent: 'sendToMinistry', campaignId: s.region.campaignId }), params: {}, context: ctx }))
    expect(unconfirmed.status).toBe(400)
    expect(unconfirmed.fields.confirmed).toBeDefined()
    const [{ state: before }] = await db()`select state from applications where id = ${s.app}`
    expect(before).toBe('recommended')
    const sent = (await commissionAction({
      request: post('/commission', sec, { intent: 'sendToMinistry', campaignId: s.region.campaignId, confirmed: 'yes' }),
      params: {},
      context: ctx,
    })) as Response
    expect(await flashOf(sent)).toEqual({ kind: 'success', text: 'Направлено на согласование кандидатов: 1.' })
    const [{ state }] = await db()`select state from applications where id = ${s.app}`
    expect(state).toBe('atMinistry')
  })
})
