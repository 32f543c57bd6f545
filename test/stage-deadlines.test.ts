import { describe, expect, it } from 'vitest'
import { dashboardFor } from '../app/domain/dashboard.server'
import { deadlinesFor } from '../app/domain/stage-deadlines.server'
import { sendStageReminders } from '../app/domain/stage-reminders.server'
import { renderMail } from '../app/mail/templates'
import { deadlinePhrase } from '~/model/campaign-stages'
import type { Actor } from '~/model/permissions'
import { action as campaignAction, loader as campaignLoader } from '../app/routes/campaigns.manage.$id'
import { action as campaignsAction } from '../app/routes/campaigns.manage._index'
import { db } from '../db/client.server'
import { insertCampaign } from '../db/queries/campaigns.server'
import { userById } from '../db/queries/users.server'
import { initialRow } from '../workflows/snapshot'
import * as campaignRoute from '../app/routes/campaigns.manage.$id'
import * as dashboardRoute from '../app/routes/dashboard'
import * as selectionRoute from '../app/routes/selections.$id'
import { addDays, regionDay } from '../app/utils/dates'
import { makeRegion } from './fixtures'
import { renderRoute } from './render'
import { cookieFor } from './support/session'
import { replyOf } from './support/form'
import { candidate, flashOf, forceCampaignState, get, post, type Region } from './staff-helpers'

// Per-stage deadlines of a campaign (issue 11, §4.1–4.2): the forms, what is
// due and overdue on each role's dashboard, and the reminder job.

const chelyabinsk = { opensOn: '2026-06-01', closesOn: '2026-06-16', screeningUntil: '2026-06-30', reviewUntil: '2026-08-20', meetingOn: '2026-09-01', decisionUntil: '2026-09-15' }
const toReview = [{ type: 'OPEN' }, { type: 'CLOSE' }, { type: 'START_REVIEW' }]
const inReviewApp = [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }]
const screeningApp = [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }]

const daysOf = (id: number) =>
  db()<Record<string, string | null>[]>`
    select to_char(opens_on, 'YYYY-MM-DD') as "opensOn", to_char(closes_on, 'YYYY-MM-DD') as "closesOn",
           to_char(screening_until, 'YYYY-MM-DD') as "screeningUntil", to_char(review_until, 'YYYY-MM-DD') as "reviewUntil",
           to_char(meeting_on, 'YYYY-MM-DD') as "meetingOn", to_char(decision_until, 'YYYY-MM-DD') as "decisionUntil"
    from campaigns where id = ${id}`.then((r) => r[0])

async function campaignOf(region: Region, title: string, events: { type: string }[], days: Partial<typeof chelyabinsk>) {
  const id = await insertCampaign({
    initial: initialRow('campaign'),
    regionId: region.regionId,
    rosterId: region.rosterId,
    commissionId: region.commissionId,
    ruleSetId: region.ruleSetId,
    title,
    opensOn: null,
    closesOn: null,
    ...days,
  })
  if (events.length > 0) await forceCampaignState(id, events)
  return id
}

/** A candidate of `campaignId` in `events`' end state; with `reviewer`, assigned to them for a review. */
async function applicationIn(region: Region, campaignId: number, events: { type: string }[], reviewer?: Actor) {
  const { id } = await candidate(region, 'Иванова', events)
  await db()`update applications set campaign_id = ${campaignId} where id = ${id}`
  if (reviewer) {
    await db()`insert into reviews (application_id, commission_member_id)
               select ${id}, cm.id from commission_members cm where cm.user_id = ${reviewer.userId}`
  }
  return id
}

const submitReview = (applicationId: number, reviewer: Actor) =>
  db()`update reviews set submitted_at = now(), recommendation = 'recommend'
       where application_id = ${applicationId} and commission_member_id in (select id from commission_members where user_id = ${reviewer.userId})`

describe('stage deadlines: the forms', () => {
  it('the coordinator sets the stages when creating a campaign and changes them on its page, audited', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const res = await post(campaignsAction, coordinator, '/campaigns/manage', {
      region: region.regionId,
      title: 'Отбор 2026 года',
      ruleSetId: region.ruleSetId,
      commissionId: region.commissionId,
      ...chelyabinsk,
    })
    const id = Number((res as Response).headers.get('Location')!.split('/').pop())
    expect(await daysOf(id)).toEqual(chelyabinsk)

    const page = (await get(campaignLoader, coordinator, `/campaigns/manage/${id}`, { id: String(id) })) as Awaited<ReturnType<typeof campaignLoader>>
    expect(page.editDeadlines).toBe(true)
    expect(page.campaign).toMatchObject(chelyabinsk)

    // The page's form: one labelled date input per stage, filled with the campaign's days.
    const withId = { loader: (args: Parameters<typeof campaignRoute.loader>[0]) => campaignRoute.loader({ ...args, params: { id: String(id) } }), default: campaignRoute.default }
    const html = await renderRoute(withId, `http://localhost/campaigns/manage/${id}`, { Cookie: await cookieFor(coordinator) })
    expect(html).toContain('Изменить сроки этапов')
    expect(html).toMatch(/<input[^>]*name="screeningUntil"[^>]*value="2026-06-30"/)
    for (const label of ['Последний день приёма заявлений', 'Проверка заявлений до', 'Отзывы членов комиссии до', 'Дата заседания комиссии', 'Решение министерства до']) {
      expect(html).toContain(label)
    }

    const changed = { ...chelyabinsk, reviewUntil: '2026-08-25', meetingOn: '', decisionUntil: '2026-09-20' }
    const saved = await post(campaignAction, coordinator, `/campaigns/manage/${id}`, { intent: 'deadlines', ...changed }, { id: String(id) })
    expect(await flashOf(saved as Response)).toEqual({ kind: 'success', text: 'Сроки этапов отбора сохранены.' })
    expect(await daysOf(id)).toEqual({ ...changed, meetingOn: null })
    const [audit] = await db()<{ actorUserId: number; data: { from: Record<string, unknown>; to: Record<string, unknown> } }[]>`
      select actor_user_id::int as "actorUserId", data from audit_events where entity = 'campaign' and entity_id = ${id} and action = 'DEADLINES'`
    expect(audit.actorUserId).toBe(coordinator.userId)
    expect(audit.data.from).toMatchObject({ reviewUntil: '2026-08-20', meetingOn: '2026-09-01' })
    expect(audit.data.to).toMatchObject({ reviewUntil: '2026-08-25', meetingOn: null, decisionUntil: '2026-09-20' })
  })

  it('refuses stages out of order on the later field, another region’s coordinator and a finished campaign, writing nothing', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const id = await campaignOf(region, 'Отбор', [{ type: 'OPEN' }], chelyabinsk)
    const params = { id: String(id) }

    const bad = replyOf(await post(campaignAction, coordinator, `/campaigns/manage/${id}`, { intent: 'deadlines', ...chelyabinsk, decisionUntil: '2026-08-31' }, params))
    expect(bad.status).toBe(400)
    expect(bad.code).toBe('INVALID_FORM')
    expect(bad.fields).toEqual({ decisionUntil: 'Решение министерства не может быть раньше заседания комиссии (01.09.2026)' })

    const created = replyOf(
      await post(campaignsAction, coordinator, '/campaigns/manage', {
        region: region.regionId,
        title: 'Отбор наоборот',
        ruleSetId: region.ruleSetId,
        commissionId: region.commissionId,
        closesOn: '2026-06-16',
        screeningUntil: '2026-06-15',
      }),
    )
    expect(created.status).toBe(400)
    expect(created.fields).toEqual({ screeningUntil: 'Проверка заявлений не может завершиться раньше окончания приёма заявлений (16.06.2026)' })
    const [{ n }] = await db()<{ n: number }[]>`select count(*)::int as n from campaigns where title = 'Отбор наоборот' and region_id = ${region.regionId}`
    expect(n).toBe(0)

    const stranger = await other.actor('regionalCoordinator')
    // Refused before its form is read, as if the campaign did not exist (recordInScope): a 404 page, not a form reply.
    const foreign = await post(campaignAction, stranger, `/campaigns/manage/${id}`, { intent: 'deadlines', closesOn: '2026-06-20' }, params)
    expect(foreign).toBeInstanceOf(Response)
    expect((foreign as Response).status).toBe(404)

    await forceCampaignState(id, [...toReview, { type: 'SEND_TO_MINISTRY' }, { type: 'APPROVE' }, { type: 'PUBLISH' }, { type: 'ARCHIVE' }])
    const finished = replyOf(await post(campaignAction, coordinator, `/campaigns/manage/${id}`, { intent: 'deadlines', closesOn: '2026-06-20' }, params))
    expect(finished.status).toBe(409)
    expect(finished.code).toBe('CAMPAIGN_FINISHED')
    expect(finished.message).toBe('Отбор завершён: его сроки больше не меняются.')
    expect(await daysOf(id)).toEqual(chelyabinsk)
    const [{ audits }] = await db()<{ audits: number }[]>`select count(*)::int as audits from audit_events where entity = 'campaign' and entity_id = ${id} and action = 'DEADLINES'`
    expect(audits).toBe(0)
  })
})

describe('stage deadlines: the pages', () => {
  it('the dashboard says «просрочено на 3 дня» and the public page tells applicants the later stages', async () => {
    const region = await makeRegion() // Tomsk
    const secretary = await region.actor('secretary')
    const today = regionDay(new Date(), 'Asia/Tomsk')
    const far = addDays(today, 200)
    await applicationIn(region, region.campaignId, screeningApp)
    await db()`update campaigns set closes_on = ${addDays(today, -5)}, screening_until = ${addDays(today, -3)}, meeting_on = ${far},
                                    decision_until = ${addDays(far, 10)} where id = ${region.campaignId}`
    const html = await renderRoute(dashboardRoute, 'http://localhost/dashboard', { Cookie: await cookieFor(secretary) })
    expect(html).toContain('Сроки этапов отбора')
    expect(html).toContain('просрочено на 3 дня')
    expect(html).toContain('ждут проверки: 1')

    // A campaign still taking applications (its last day is ahead) shows the stages after it.
    await db()`update campaigns set closes_on = ${addDays(today, 5)}, screening_until = ${addDays(today, 10)} where id = ${region.campaignId}`
    const withId = { loader: (args: Parameters<typeof selectionRoute.loader>[0]) => selectionRoute.loader({ ...args, params: { id: String(region.campaignId) } }), default: selectionRoute.default }
    const page = await renderRoute(withId, `http://localhost/selections/${region.campaignId}`)
    expect(page).toContain('Что будет после приёма заявлений')
    expect(page).toContain('Заседание отборочной комиссии')
    expect(page).toContain(`${far.slice(8, 10)}.${far.slice(5, 7)}.${far.slice(0, 4)}`)
  })
})

describe('stage deadlines: the dashboard', () => {
  it('shows each role what is due and overdue for them, in the region’s calendar', async () => {
    const region = await makeRegion() // Tomsk, UTC+7
    const [coordinator, secretary, ministry, reviewer, done] = await Promise.all(
      (['regionalCoordinator', 'secretary', 'ministryOfficer', 'commissionMember', 'chair'] as const).map((r) => region.actor(r)),
    )
    const id = await campaignOf(region, 'Летний отбор', toReview, {
      closesOn: '2026-06-16',
      screeningUntil: '2026-06-30',
      reviewUntil: '2026-07-01',
      meetingOn: '2026-07-10',
      decisionUntil: '2026-09-15',
    })
    await applicationIn(region, id, screeningApp)
    await applicationIn(region, id, inReviewApp, reviewer)
    const reviewed = await applicationIn(region, id, inReviewApp, done)
    await submitReview(reviewed, done)
    // 18:00 UTC on 2 July is already 3 July in Tomsk
    const now = new Date('2026-07-02T18:00:00Z')
    const lines = async (a: Actor) =>
      (await deadlinesFor(a.userId, a.grants[0], now)).filter((d) => d.campaignId === id).map((d) => `${d.stage}: ${deadlinePhrase(d.deadline, d.today)}${d.count ? ` (${d.count})` : ''}`)

    expect(await lines(secretary)).toEqual(['screening: Срок — 30 июня, просрочено на 3 дня (1)', 'meeting: Срок — 10 июля'])
    expect(await lines(reviewer)).toEqual(['review: Срок — 1 июля, просрочено на 2 дня (1)'])
    expect(await lines(done)).toEqual([])
    expect(await lines(ministry)).toEqual(['decision: Срок — 15 сентября'])
    expect(await lines(coordinator)).toEqual([
      'screening: Срок — 30 июня, просрочено на 3 дня (1)',
      'review: Срок — 1 июля, просрочено на 2 дня',
      'meeting: Срок — 10 июля',
      'decision: Срок — 15 сентября',
    ])

    // The dashboard puts them first, only for those who have any.
    const session = async (a: Actor) => ({ ...a, user: (await userById(a.userId))! })
    const first = (await dashboardFor(await session(reviewer), undefined, now)).sections[0]
    expect(first).toMatchObject({ kind: 'deadlines', title: 'Сроки этапов отбора', role: 'commissionMember' })
    expect((await dashboardFor(await session(done), undefined, now)).sections.map((s) => s.kind)).not.toContain('deadlines')

    // Once the list is at the ministry, the commission's stages are over.
    await forceCampaignState(id, [...toReview, { type: 'SEND_TO_MINISTRY' }])
    expect(await lines(secretary)).toEqual([])
    expect(await lines(reviewer)).toEqual([])
    expect(await lines(coordinator)).toEqual(['decision: Срок — 15 сентября'])
  })
})

describe('stage deadlines: reminders', () => {
  type Sent = { template: string; userId: number; campaignId: number; stage: string | null; kind: string | null; count: number | null }
  const sentIn = (region: Region) =>
    db()<Sent[]>`
      select template, recipient_user_id::int as "userId", entity_id::int as "campaignId", payload->>'stage' as stage, payload->>'kind' as kind,
             (payload->>'count')::int as count
      from outbox where region_id = ${region.regionId} and template in ('stageReminder', 'reviewOverdue') order by id`

  it('in Khabarovsk’s calendar: three days before, on the day and daily for overdue reviews, each exactly once', async () => {
    const region = await makeRegion('khabarovsk') // Asia/Vladivostok, UTC+10
    const [coordinator, secretary, ministry, reviewer, done] = await Promise.all(
      (['regionalCoordinator', 'secretary', 'ministryOfficer', 'commissionMember', 'chair'] as const).map((r) => region.actor(r)),
    )
    // Taking applications until 16 June; the screening ends on 13 June with one application waiting.
    const open = await campaignOf(region, 'Открытый отбор', [{ type: 'OPEN' }], { closesOn: '2026-06-16', screeningUntil: '2026-06-16' })
    await applicationIn(region, open, screeningApp)
    // In review: reviews were due on 10 June, the meeting is on 13 June, the decision by 16 June.
    const review = await campaignOf(region, 'Отбор на рассмотрении', toReview, { reviewUntil: '2026-06-10', meetingOn: '2026-06-13', decisionUntil: '2026-06-16' })
    const pending = await applicationIn(region, review, inReviewApp, reviewer)
    await submitReview(await applicationIn(region, review, inReviewApp, done), done)
    // Closed and archived campaigns with the same days: nothing for their finished stages.
    const closed = await campaignOf(region, 'Закрытый отбор', [{ type: 'OPEN' }, { type: 'CLOSE' }], { closesOn: '2026-06-16' })
    const archived = await campaignOf(region, 'Архивный отбор', [...toReview, { type: 'SEND_TO_MINISTRY' }, { type: 'APPROVE' }, { type: 'PUBLISH' }, { type: 'ARCHIVE' }], {
      closesOn: '2026-06-16',
      screeningUntil: '2026-06-16',
      reviewUntil: '2026-06-10',
      meetingOn: '2026-06-13',
      decisionUntil: '2026-06-16',
    })
    await applicationIn(region, archived, inReviewApp, reviewer)

    // 23:59 on 12 June in Khabarovsk: four days before 16 June, nothing for it yet; the day before the meeting and an overdue review.
    expect(await sendStageReminders(new Date('2026-06-12T13:59:00Z'), { regionId: region.regionId })).toBe(2)
    expect(await sentIn(region)).toEqual([
      { template: 'reviewOverdue', userId: reviewer.userId, campaignId: review, stage: null, kind: null, count: 1 },
      { template: 'stageReminder', userId: secretary.userId, campaignId: review, stage: 'meeting', kind: 'before', count: null },
    ])

    // 00:30 on 13 June there (still 12 June in UTC and in Moscow). Two servers at once, then a restart: one set of letters.
    const now = new Date('2026-06-12T14:30:00Z')
    const runs = await Promise.all([sendStageReminders(now, { regionId: region.regionId }), sendStageReminders(now, { regionId: region.regionId })])
    expect(await sendStageReminders(now, { regionId: region.regionId })).toBe(0)
    const sent = (await sentIn(region)).slice(2)
    expect(runs[0] + runs[1]).toBe(sent.length)
    expect(sent).toEqual(
      expect.arrayContaining([
        { template: 'stageReminder', userId: coordinator.userId, campaignId: open, stage: 'applications', kind: 'before', count: null },
        { template: 'stageReminder', userId: secretary.userId, campaignId: open, stage: 'screening', kind: 'before', count: 1 },
        { template: 'stageReminder', userId: secretary.userId, campaignId: review, stage: 'meeting', kind: 'due', count: null },
        { template: 'stageReminder', userId: ministry.userId, campaignId: review, stage: 'decision', kind: 'before', count: null },
        { template: 'reviewOverdue', userId: reviewer.userId, campaignId: review, stage: null, kind: null, count: 1 },
      ]),
    )
    expect(sent).toHaveLength(5)
    expect(sent.map((s) => s.campaignId)).not.toContain(closed)
    expect(sent.map((s) => s.campaignId)).not.toContain(archived)
    expect(sent.map((s) => s.userId)).not.toContain(done.userId)

    const [letter] = await db()<{ payload: Record<string, unknown> }[]>`
      select payload from outbox where region_id = ${region.regionId} and template = 'stageReminder' and payload->>'stage' = 'applications'`
    const mail = renderMail({
      template: 'stageReminder',
      payload: letter.payload,
      context: {
        baseUrl: 'http://rma.test',
        recipientEmail: 'c@test.rma',
        recipientName: null,
        recipientRole: 'coordinator',
        regionName: 'Хабаровский край',
        timeZone: 'Asia/Vladivostok',
        entity: 'campaign',
        entityId: open,
        personName: null,
        applicationId: null,
        campaignTitle: 'Открытый отбор',
      },
    })
    expect(mail.subject).toBe('Напоминание о сроке этапа отбора: Приём заявлений — до 16.06.2026')
    expect(mail.text).toContain('До окончания этапа «Приём заявлений» по отбору «Открытый отбор» (Хабаровский край) осталось 3 дня: срок — 16.06.2026 включительно.')

    // The next day: the overdue review again, once; the letters before 16 June are not repeated.
    const nextDay = new Date('2026-06-13T14:30:00Z')
    expect(await sendStageReminders(nextDay, { regionId: region.regionId })).toBe(1)
    expect(await sendStageReminders(nextDay, { regionId: region.regionId })).toBe(0)
    expect((await sentIn(region)).at(-1)).toMatchObject({ template: 'reviewOverdue', userId: reviewer.userId })

    // On the last day (16 June there): the day's reminders; the submitted review is no longer reminded of.
    await submitReview(pending, reviewer)
    const lastDay = new Date('2026-06-15T14:30:00Z')
    const before = (await sentIn(region)).length
    expect(await sendStageReminders(lastDay, { regionId: region.regionId })).toBe(3)
    expect(await sendStageReminders(lastDay, { regionId: region.regionId })).toBe(0)
    expect((await sentIn(region)).slice(before)).toEqual(
      expect.arrayContaining([
        { template: 'stageReminder', userId: coordinator.userId, campaignId: open, stage: 'applications', kind: 'due', count: null },
        { template: 'stageReminder', userId: secretary.userId, campaignId: open, stage: 'screening', kind: 'due', count: 1 },
        { template: 'stageReminder', userId: ministry.userId, campaignId: review, stage: 'decision', kind: 'due', count: null },
      ]),
    )
  })
})
