import { initialRow } from '../workflows/snapshot'
import { describe, expect, it } from 'vitest'
import { closeExpiredCampaigns } from '../app/domain/campaign-admin.server'
import { decideApplications } from '../app/domain/ministry.server'
import { addYears, publishApproved } from '../app/domain/publish.server'
import { parseRosterFilter } from '~/model/roster-filter'
import { action as campaignAction, loader as campaignLoader } from '../app/routes/campaigns.manage.$id'
import { action as campaignsAction, loader as campaignsLoader } from '../app/routes/campaigns.manage._index'
import { action as commissionAction, loader as commissionLoader } from '../app/routes/coordinator.commission/route'
import { action as memberAction, loader as memberLoader } from '../app/routes/members.$id/route'
import { loader as membersLoader } from '../app/routes/members._index'
import { action as ruleSetAction, loader as ruleSetLoader } from '../app/routes/rule-sets.$id'
import { loader as ruleSetsLoader } from '../app/routes/rule-sets._index'
import { db } from '../db/client.server'
import { insertCampaign } from '../db/queries/campaigns.server'
import { publicMembersPage } from '../db/queries/public-roster.server'
import { grantsOf } from '../db/queries/users.server'
import { addDays, regionDay } from '../app/utils/dates'
import { changeMember } from '../app/domain/roster-admin.server'
import { makeRegion } from './fixtures'
import { replyOf } from './support/form'
import { renderAfterPost, renderRoute } from './render'
import * as campaignRoute from '../app/routes/campaigns.manage.$id'
import * as campaignsRoute from '../app/routes/campaigns.manage._index'
import * as compositionRoute from '../app/routes/coordinator.commission/route'
import { cookieFor } from './support/session'
import {
  campaignToMinistry,
  flashOf,
  candidate,
  forceCampaignState,
  get,
  giveConsent,
  orderNo,
  post,
  stateOf,
  statusOf,
  type Failure,
  type Region,
} from './staff-helpers'

const location = (r: Response | Failure) => (r as Response).headers.get('Location')

describe('campaigns', () => {
  it('creates a campaign from a rule set of the region and moves it by exactly the allowed events', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const list = (await get(campaignsLoader, coordinator, '/campaigns/manage')) as Awaited<ReturnType<typeof campaignsLoader>>
    expect(list.ruleSets.map((r) => r.id)).toEqual([region.ruleSetId])
    expect(list.commissions.map((c) => c.id)).toEqual([region.commissionId])
    // the form names a rule set by its title and version, never by its internal code
    const [rs] = await db()<{ code: string; title: string; version: number }[]>`select code, title, version from rule_sets where id = ${region.ruleSetId}`
    const form = await renderRoute(campaignsRoute, `http://localhost/campaigns/manage?region=${region.regionId}`, { Cookie: await cookieFor(coordinator) })
    expect(form).toContain(`>${rs.title}, версия ${rs.version}</option>`)
    expect(form).not.toContain(rs.code)

    const res = await post(campaignsAction, coordinator, '/campaigns/manage', {
      region: region.regionId,
      title: 'Отбор 2026 года',
      ruleSetId: region.ruleSetId,
      commissionId: region.commissionId,
      opensOn: '2026-01-10',
      closesOn: '2026-02-10',
    })
    const id = Number(location(res)!.match(/^\/campaigns\/manage\/(\d+)$/)![1])
    expect(await flashOf(res as Response)).toEqual({ kind: 'success', text: 'Отбор создан.' })
    const [row] = await db()`
      select state, title, rule_set_id::int as "ruleSetId", commission_id::int as "commissionId", roster_id::int as "rosterId",
             to_char(closes_on, 'YYYY-MM-DD') as "closesOn" from campaigns where id = ${id}`
    expect(row).toEqual({ state: 'draft', title: 'Отбор 2026 года', ruleSetId: region.ruleSetId, commissionId: region.commissionId, rosterId: region.rosterId, closesOn: '2026-02-10' })

    const page = (await get(campaignLoader, coordinator, `/campaigns/manage/${id}`, { id: String(id) })) as Awaited<ReturnType<typeof campaignLoader>>
    expect(page.events).toEqual(['OPEN'])
    expect(page.canPublish).toBe(false)
    expect(page.ruleSet).toMatchObject({ id: region.ruleSetId, version: 1 })

    expect(location(await post(campaignAction, coordinator, `/campaigns/manage/${id}`, { intent: 'event', event: 'OPEN' }, { id: String(id) }))).toBe(
      `/campaigns/manage/${id}`,
    )
    expect(await stateOf('campaigns', id)).toBe('open')
    const open = (await get(campaignLoader, coordinator, `/campaigns/manage/${id}`, { id: String(id) })) as Awaited<ReturnType<typeof campaignLoader>>
    expect(open.events).toEqual(['CLOSE'])
    // closing has no way back: the page asks first, and the action refuses a close the step did not confirm
    const headers = { Cookie: await cookieFor(coordinator) }
    const first = await renderRoute(campaignRoute, `http://localhost/campaigns/manage/${id}`, headers, '/campaigns/manage/:id')
    expect(first).toContain('href="/campaigns/manage/' + id + '?confirm=close"')
    const asking = await renderRoute(campaignRoute, `http://localhost/campaigns/manage/${id}?confirm=close`, headers, '/campaigns/manage/:id')
    expect(asking).toContain('Новые заявления подать будет нельзя')
    expect(asking).toContain('name="confirmed" value="yes"')
    const unconfirmed = replyOf(await post(campaignAction, coordinator, `/campaigns/manage/${id}`, { intent: 'event', event: 'CLOSE' }, { id: String(id) }))
    expect(unconfirmed).toMatchObject({ status: 400, fields: { confirmed: 'Подтвердите действие: оно необратимо.' } })
    expect(await stateOf('campaigns', id)).toBe('open')

    // An event the machine does not accept now is refused (409), not applied.
    const refused = replyOf(await post(campaignAction, coordinator, `/campaigns/manage/${id}`, { intent: 'event', event: 'ARCHIVE', confirmed: 'yes' }, { id: String(id) }))
    expect(refused.status).toBe(409)
    expect(await stateOf('campaigns', id)).toBe('open')
  })

  it('validates the new campaign in Russian and refuses another region’s rule set', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const bad = replyOf(await post(campaignsAction, coordinator, '/campaigns/manage', {
      region: region.regionId,
      title: '',
      ruleSetId: '',
      commissionId: region.commissionId,
      opensOn: '2026-03-01',
      closesOn: '2026-02-01',
    }))
    expect(bad.status).toBe(400)
    expect(bad.fields).toMatchObject({
      title: 'Укажите название отбора',
      ruleSetId: 'Выберите набор требований',
      closesOn: 'Приём не может завершиться раньше, чем начнётся',
    })
    const foreign = replyOf(await post(campaignsAction, coordinator, '/campaigns/manage', {
      region: region.regionId,
      title: 'Чужие правила',
      ruleSetId: other.ruleSetId,
      commissionId: region.commissionId,
    }))
    expect(foreign.status).toBe(422)
    expect(foreign.code).toBe('RULE_SET_NOT_FOUND')
  })

  it('does not let a coordinator act on another region’s campaign', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const stranger = await other.actor('regionalCoordinator')
    const id = String(region.campaignId)
    expect(((await get(campaignLoader, stranger, `/campaigns/manage/${id}`, { id })) as Response).status).toBe(404)
    expect(((await get(campaignsLoader, stranger, `/campaigns/manage?region=${region.regionId}`)) as Response).status).toBe(403)
    // another region's campaign is missing to this coordinator (404, test/record-scope.test.ts), before the form is read
    const close = (await post(campaignAction, stranger, `/campaigns/manage/${id}`, { intent: 'event', event: 'CLOSE' }, { id })) as Response
    expect(close.status).toBe(404)
    const publish = (await post(campaignAction, stranger, `/campaigns/manage/${id}`, { intent: 'publish', confirmed: 'yes' }, { id })) as Response
    expect(publish.status).toBe(404)
    const create = await post(campaignsAction, stranger, '/campaigns/manage', {
      region: region.regionId,
      title: 'Чужой отбор',
      ruleSetId: region.ruleSetId,
      commissionId: region.commissionId,
    })
    expect(statusOf(create)).toBe(403)
    expect(await stateOf('campaigns', region.campaignId)).toBe('open')
  })
})

/** A campaign of the region's roster whose last day is `closesOn`, still a draft. */
const campaignUntil = (region: Region, closesOn: string | null) =>
  insertCampaign({
    initial: initialRow('campaign'),
    regionId: region.regionId,
    rosterId: region.rosterId,
    commissionId: region.commissionId,
    ruleSetId: region.ruleSetId,
    title: `Отбор до ${closesOn}`,
    opensOn: null,
    closesOn,
  })

describe('the deadline job', () => {
  it('closes only open campaigns whose last day has passed', async () => {
    const region = await makeRegion()
    const now = new Date()
    const today = regionDay(now, 'Asia/Tomsk')
    const yesterday = regionDay(new Date(now.getTime() - 86_400_000), 'Asia/Tomsk')
    const make = async (closesOn: string | null, open: boolean) => {
      const id = await campaignUntil(region, closesOn)
      if (open) await forceCampaignState(id, [{ type: 'OPEN' }])
      return id
    }
    const expired = await make(yesterday, true)
    const lastDay = await make(today, true)
    const noDeadline = await make(null, true)
    const draft = await make(yesterday, false)

    const closed = await closeExpiredCampaigns(now)
    expect(closed).toContain(expired)
    expect(closed).not.toContain(lastDay)
    expect(await stateOf('campaigns', expired)).toBe('closed')
    expect(await stateOf('campaigns', lastDay)).toBe('open')
    expect(await stateOf('campaigns', noDeadline)).toBe('open')
    expect(await stateOf('campaigns', draft)).toBe('draft')
    const [audit] = await db()`select actor_user_id, action, from_state, to_state from audit_events where entity = 'campaign' and entity_id = ${expired}`
    expect(audit).toEqual({ actor_user_id: null, action: 'CLOSE', from_state: 'open', to_state: 'closed' })
    expect(await closeExpiredCampaigns(now)).not.toContain(expired) // a second run changes nothing
  })

  it('a last day «30.06 включительно» ends at the region’s midnight, not Moscow’s or UTC’s', async () => {
    const khabarovsk = await makeRegion('khabarovsk') // Asia/Vladivostok, UTC+10
    const yugra = await makeRegion('yugra') // Asia/Yekaterinburg, UTC+5
    const openUntil = async (region: Region, closesOn: string) => {
      const id = await campaignUntil(region, closesOn)
      await forceCampaignState(id, [{ type: 'OPEN' }])
      return id
    }
    const far = await openUntil(khabarovsk, '2020-06-30')
    const east = await openUntil(khabarovsk, '2020-06-30')
    const west = await openUntil(yugra, '2020-06-30')
    await db()`update campaigns set closes_on = '2020-07-01' where id = ${far}` // the next day: stays open throughout

    // 23:59:59 on 30 June in Khabarovsk: both still take applications.
    let closed = await closeExpiredCampaigns(new Date('2020-06-30T13:59:59Z'))
    expect(closed).not.toContain(east)
    expect(closed).not.toContain(west)
    // 00:00 on 1 July in Khabarovsk = 14:00 UTC and 17:00 Moscow, both still 30 June: Khabarovsk's closes, Yugra's (19:00) does not.
    closed = await closeExpiredCampaigns(new Date('2020-06-30T14:00:00Z'))
    expect(closed).toContain(east)
    expect(closed).not.toContain(west)
    expect(await stateOf('campaigns', east)).toBe('closed')
    expect(await stateOf('campaigns', west)).toBe('open')
    // 00:00 on 1 July in Yugra = 19:00 UTC, 22:00 Moscow.
    closed = await closeExpiredCampaigns(new Date('2020-06-30T19:00:00Z'))
    expect(closed).toContain(west)
    expect(await stateOf('campaigns', far)).toBe('open')
  })
})

/** Three approved candidates under one order: with full consent, with consent but not to the name, with none. */
async function approvedComposition(region: Region) {
  const withName = await candidate(region, 'Публичная')
  const noName = await candidate(region, 'Безымянная')
  const noConsent = await candidate(region, 'Молчащая')
  await giveConsent(withName.personId, ['fullName', 'workplace', 'subjects'])
  await giveConsent(noName.personId, ['subjects', 'workplace'])
  await forceCampaignState(region.campaignId, campaignToMinistry)
  const officer = await region.actor('ministryOfficer')
  const r = await decideApplications(officer, region.regionId, {
    intent: 'approve',
    ids: [withName.id, noName.id, noConsent.id],
    orderNumber: orderNo(),
    orderDate: '2024-02-29',
    orderTitle: 'Об утверждении состава РМА',
  })
  return { withName, noName, noConsent, orderId: r.orderId! }
}

const publicNames = async (region: Region) =>
  (await publicMembersPage(parseRosterFilter(new URLSearchParams({ region: region.code })), 50)).members.map((m) => m.fullName)

describe('publishing the approved composition', () => {
  it('creates members whose public flag follows consent; only consented ones reach the public roster', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const { withName, noName, noConsent, orderId } = await approvedComposition(region)
    expect(await stateOf('campaigns', region.campaignId)).toBe('approved')
    expect(await publicNames(region)).toEqual([])

    const id = String(region.campaignId)
    const page = (await get(campaignLoader, coordinator, `/campaigns/manage/${id}`, { id })) as Awaited<ReturnType<typeof campaignLoader>>
    expect(page.canPublish).toBe(true)
    expect(page.approvedCount).toBe(3)
    const [{ version: before }] = await db()`select version::int from roster_state`
    // The first click only asks (a link to ?confirm=publish), which works without JavaScript.
    const cookie = { Cookie: await cookieFor(coordinator) }
    // renderRoute matches the literal path: the route's :id is passed here.
    const withId = { loader: (args: Parameters<typeof campaignRoute.loader>[0]) => campaignRoute.loader({ ...args, params: { id } }), default: campaignRoute.default }
    const first = await renderRoute(withId, `http://localhost/campaigns/manage/${id}`, cookie)
    expect(first).toContain(`href="/campaigns/manage/${id}?confirm=publish"`)
    expect(first).not.toContain('name="confirmed"')
    const asking = await renderRoute(withId, `http://localhost/campaigns/manage/${id}?confirm=publish`, cookie)
    expect(asking).toContain('Да, опубликовать')
    expect(asking).toContain('<input type="hidden" name="confirmed" value="yes"/>')
    // A post without the confirmation is refused and writes nothing.
    const unconfirmed = replyOf(await post(campaignAction, coordinator, `/campaigns/manage/${id}`, { intent: 'publish' }, { id }))
    expect(unconfirmed.status).toBe(400)
    expect(unconfirmed.fields.confirmed).toBe('Подтвердите действие: оно необратимо.')
    expect(await db()`select id from members where region_id = ${region.regionId}`).toHaveLength(0)
    expect(await stateOf('campaigns', region.campaignId)).toBe('approved')
    for (const c of [withName, noName, noConsent]) expect(await stateOf('applications', c.id)).toBe('approved')

    const published = await post(campaignAction, coordinator, `/campaigns/manage/${id}`, { intent: 'publish', confirmed: 'yes' }, { id })
    expect(location(published)).toBe(`/campaigns/manage/${id}`)
    expect(await flashOf(published as Response)).toEqual({ kind: 'success', text: 'Утверждённый состав опубликован.' })

    const members = await db()<{ applicationId: number; public: boolean; state: string; admittedOrderId: number; termEndsOn: string; subjects: string[]; rosterId: number }[]>`
      select application_id::int as "applicationId", public, state, admitted_order_id::int as "admittedOrderId",
             to_char(term_ends_on, 'YYYY-MM-DD') as "termEndsOn", subjects, roster_id::int as "rosterId"
      from members where region_id = ${region.regionId} order by application_id`
    expect(members).toEqual(
      [withName, noName, noConsent]
        .sort((a, b) => a.id - b.id)
        .map((c) => ({
          applicationId: c.id,
          public: c === withName,
          state: 'active',
          admittedOrderId: orderId,
          termEndsOn: '2027-02-28',
          subjects: ['Физика'],
          rosterId: region.rosterId,
        })),
    )
    for (const c of [withName, noName, noConsent]) expect(await stateOf('applications', c.id)).toBe('published')
    expect(await stateOf('campaigns', region.campaignId)).toBe('published')
    const [{ version: after }] = await db()`select version::int from roster_state`
    expect(after).toBeGreaterThan(before)
    expect(await publicNames(region)).toEqual(['Публичная Анна Петровна'])

    // Nothing left to publish: refused, nothing changes.
    const again = replyOf(await post(campaignAction, coordinator, `/campaigns/manage/${id}`, { intent: 'publish', confirmed: 'yes' }, { id }))
    expect(again.status).toBe(409)
  })

  it('is all or nothing and needs roster:publish in the campaign’s region', async () => {
    const region = await makeRegion()
    await approvedComposition(region)
    const ministry = await region.actor('ministryOfficer')
    await expect(publishApproved(ministry, region.campaignId)).rejects.toMatchObject({ status: 403 })
    const stranger = await (await makeRegion()).actor('regionalCoordinator')
    await expect(publishApproved(stranger, region.campaignId)).rejects.toMatchObject({ status: 403 })
    const [{ n }] = await db()`select count(*)::int as n from members where region_id = ${region.regionId}`
    expect(n).toBe(0)
  })

  it('refuses a roster change under an order dated after the region’s today, writing nothing', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const composition = await approvedComposition(region)
    await publishApproved(coordinator, region.campaignId)
    const [{ id, zone }] = await db()`select m.id::int, r.time_zone as zone from members m join regions r on r.id = m.region_id where m.application_id = ${composition.withName.id}`
    const tomorrow = addDays(regionDay(new Date(), zone), 1)
    const change = { event: 'EXCLUDE' as const, rowVersion: undefined, ground: 'jobChange', reason: 'Увольнение', order: { kind: 'new' as const, number: 'будущий-1', date: tomorrow, title: 'Об исключении' } }
    await expect(changeMember(coordinator, id, change)).rejects.toMatchObject({ code: 'ORDER_IN_FUTURE', status: 422 })
    expect(await stateOf('members', id)).toBe('active')
    expect(await db()`select id from orders where region_id = ${region.regionId} and number = 'будущий-1'`).toHaveLength(0)
  })

  it('ends the term three years after the order date', () => {
    expect(addYears('2025-03-14', 3)).toBe('2028-03-14')
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28')
  })
})

describe('roster changes by order', () => {
  async function published(region: Region) {
    const coordinator = await region.actor('regionalCoordinator')
    const composition = await approvedComposition(region)
    await publishApproved(coordinator, region.campaignId)
    const [{ id }] = await db()`select id::int from members where application_id = ${composition.withName.id}`
    return { coordinator, memberId: id as number }
  }

  it('excludes a member by a new order: the member leaves the public roster, the history keeps the order', async () => {
    const region = await makeRegion()
    const { coordinator, memberId } = await published(region)
    const path = `/members/${memberId}`
    const params = { id: String(memberId) }
    const view = (await get(memberLoader, coordinator, path, params)) as Awaited<ReturnType<typeof memberLoader>>
    expect(view.events).toEqual(['SUSPEND', 'EXCLUDE', 'EXPIRE'])
    expect(JSON.stringify(view)).not.toContain('+7 900')

    expect(view.member.listed).toBe(true)
    const noGround = replyOf(
      await post(memberAction, coordinator, path, { event: 'EXCLUDE', reason: 'Увольнение', orderChoice: 'new', orderNumber: '7-к', orderDate: '2025-06-01', orderTitle: 'Об исключении', confirmed: 'yes' }, params),
    )
    expect(noGround.status).toBe(400)
    expect(noGround.fields.ground).toBe('Выберите основание')
    const noOrder = replyOf(
      await post(memberAction, coordinator, path, { event: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение', orderChoice: 'new', orderNumber: '', orderDate: '', orderTitle: '', confirmed: 'yes' }, params),
    )
    expect(noOrder.fields).toMatchObject({ orderNumber: 'Укажите номер приказа', orderDate: 'Укажите дату приказа' })
    expect(await stateOf('members', memberId)).toBe('active')

    // An exclusion cannot be undone: without the confirmation step's `confirmed` nothing is written, not even the new order.
    const unconfirmedNo = orderNo()
    const unconfirmed = replyOf(
      await post(memberAction, coordinator, path, { event: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение', orderChoice: 'new', orderNumber: unconfirmedNo, orderDate: '2025-06-01', orderTitle: 'Об исключении' }, params),
    )
    expect(unconfirmed).toMatchObject({ status: 400, code: 'INVALID_FORM' })
    expect(unconfirmed.fields.confirmed).toBe('Подтвердите действие: оно необратимо.')
    expect(await stateOf('members', memberId)).toBe('active')
    expect(await db()`select id from orders where region_id = ${region.regionId} and number = ${unconfirmedNo}`).toHaveLength(0)

    const number = orderNo()
    const ok = await post(
      memberAction,
      coordinator,
      path,
      { event: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение из образовательной организации', orderChoice: 'new', orderNumber: number, orderDate: '2025-06-01', orderTitle: 'Об исключении из состава РМА', confirmed: 'yes' },
      params,
    )
    expect(location(ok)).toBe(path)
    expect(await flashOf(ok as Response)).toEqual({ kind: 'success', text: 'Изменение внесено.' })
    expect(await stateOf('members', memberId)).toBe('excluded')
    const [m] = await db()`
      select o.number, o.kind, m.change_reason as reason, m.change_ground as ground from members m join orders o on o.id = m.changed_order_id where m.id = ${memberId}`
    expect(m).toEqual({ number, kind: 'change', reason: 'Увольнение из образовательной организации', ground: 'jobChange' })
    expect(await publicNames(region)).toEqual([])

    const after = (await get(memberLoader, coordinator, path, params)) as Awaited<ReturnType<typeof memberLoader>>
    expect(after.events).toEqual([])
    // The consent flag stays, but the staff page says what the public sees: not listed.
    expect(after.member.public).toBe(true)
    expect(after.member.listed).toBe(false)
    const list = (await get(membersLoader, coordinator, '/members')) as Awaited<ReturnType<typeof membersLoader>>
    expect(list.members.find((m) => m.id === memberId)?.listed).toBe(false)
    expect(after.history.map((h) => [h.action, h.toState, h.order?.number ?? null])).toEqual([
      ['ADMIT', 'active', expect.any(String)],
      ['EXCLUDE', 'excluded', number],
    ])
    expect(after.history[1].reason).toBe('Увольнение из образовательной организации')
    expect(after.history[1].groundLabel).toBe('Смена места работы или должности')
  })

  it('suspends by an existing change order and resumes; a refused event leaves no new order behind', async () => {
    const region = await makeRegion()
    const { coordinator, memberId } = await published(region)
    const params = { id: String(memberId) }
    const path = `/members/${memberId}`
    const number = orderNo()
    await post(memberAction, coordinator, path, { event: 'SUSPEND', ground: 'ownRequest', reason: 'Длительная командировка', orderChoice: 'new', orderNumber: number, orderDate: '2025-07-01', orderTitle: 'О приостановлении' }, params)
    expect(await stateOf('members', memberId)).toBe('suspended')
    const [order] = await db()`select id::int from orders where region_id = ${region.regionId} and number = ${number}`
    const view = (await get(memberLoader, coordinator, path, params)) as Awaited<ReturnType<typeof memberLoader>>
    expect(view.events).toEqual(['RESUME', 'EXCLUDE', 'EXPIRE'])
    expect(view.orders.map((o) => o.id)).toContain(order.id)

    // SUSPEND is not possible in 'suspended': refused, and its new order is not kept.
    const lost = orderNo()
    const refused = replyOf(await post(memberAction, coordinator, path, { event: 'SUSPEND', ground: 'ownRequest', reason: 'Ещё раз', orderChoice: 'new', orderNumber: lost, orderDate: '2025-07-02', orderTitle: 'О приостановлении' }, params))
    expect(refused.status).toBe(409)
    expect(refused.message).toBe('Изменение «приостановить членство» сейчас невозможно: состояние члена актива — «приостановлено». Обновите страницу.')
    expect(await db()`select id from orders where region_id = ${region.regionId} and number = ${lost}`).toHaveLength(0)

    await post(memberAction, coordinator, path, { event: 'RESUME', orderChoice: 'existing', orderId: order.id }, params)
    expect(await stateOf('members', memberId)).toBe('active')

    // A composition order is not a change order.
    const [composition] = await db()`select admitted_order_id::int as id from members where id = ${memberId}`
    const wrong = replyOf(await post(memberAction, coordinator, path, { event: 'SUSPEND', ground: 'ownRequest', reason: 'Причина', orderChoice: 'existing', orderId: composition.id }, params))
    expect(wrong.code).toBe('ORDER_NOT_FOUND')
  })

  it('lists the region’s members with a state filter, and only for roster:change in that region', async () => {
    const region = await makeRegion()
    const { coordinator, memberId } = await published(region)
    const all = (await get(membersLoader, coordinator, '/members')) as Awaited<ReturnType<typeof membersLoader>>
    expect(all.total).toBe(3)
    expect(all.members.find((m) => m.id === memberId)).toMatchObject({ public: true, listed: true })
    const excluded = (await get(membersLoader, coordinator, '/members?state=excluded')) as Awaited<ReturnType<typeof membersLoader>>
    expect(excluded.total).toBe(0)
    const stranger = await (await makeRegion()).actor('regionalCoordinator')
    expect(((await get(membersLoader, stranger, `/members?region=${region.regionId}`)) as Response).status).toBe(403)
    expect(((await get(memberLoader, stranger, `/members/${memberId}`, { id: String(memberId) })) as Response).status).toBe(404)
    const ministry = await region.actor('ministryOfficer')
    expect(((await get(memberLoader, ministry, `/members/${memberId}`, { id: String(memberId) })) as Response).status).toBe(404)
  })
})

describe('rule sets', () => {
  it('lists versions and renders the rules in Russian', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const list = (await get(ruleSetsLoader, coordinator, '/rule-sets')) as Awaited<ReturnType<typeof ruleSetsLoader>>
    expect(list.ruleSets).toHaveLength(1)
    const id = String(region.ruleSetId)
    const view = (await get(ruleSetLoader, coordinator, `/rule-sets/${id}`, { id })) as Awaited<ReturnType<typeof ruleSetLoader>>
    const tests = view.required.map((r) => r.test)
    expect(tests).toContain('Квалификационная категория: высшая')
    expect(tests.some((t) => /^Стаж работы по специальности, лет: не менее 5$/.test(t))).toBe(true)
    expect(view.groups[0].rules.length).toBeGreaterThan(1)
  })

  it('is for the region’s ruleSet:manage only', async () => {
    const region = await makeRegion()
    const id = String(region.ruleSetId)
    const stranger = await (await makeRegion()).actor('regionalCoordinator')
    expect(((await get(ruleSetLoader, stranger, `/rule-sets/${id}`, { id })) as Response).status).toBe(404)
    expect(statusOf(await post(ruleSetAction, stranger, `/rule-sets/${id}`, { intent: 'clone' }, { id }))).toBe(404)
    const ministry = await region.actor('ministryOfficer')
    expect(((await get(ruleSetsLoader, ministry, '/rule-sets')) as Response).status).toBe(403)
  })
})

describe('commission composition', () => {
  it('adds a user by login with a role and a matching grant, changes the role, deactivates', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const person = await region.actor('applicant')
    const [{ login }] = await db()`select login from users where id = ${person.userId}`
    const [org] = await db()`insert into organisations (region_id, name) values (${region.regionId}, ${`Гимназия ${person.userId}`}) returning id::int`
    const form = { region: region.regionId, commissionId: region.commissionId }
    const commissionGrants = async () =>
      (await grantsOf(person.userId)).filter((g) => g.commissionId === region.commissionId).map((g) => g.role)

    const added = await post(commissionAction, coordinator, '/coordinator/commission', { ...form, intent: 'add', login: login.toUpperCase(), role: 'member', organisationId: org.id })
    expect(statusOf(added)).toBe(302)
    const page = (await get(commissionLoader, coordinator, '/coordinator/commission')) as Awaited<ReturnType<typeof commissionLoader>>
    const row = page.members.find((m) => m.userId === person.userId)!
    expect(row).toMatchObject({ role: 'member', organisationId: org.id, active: true })
    expect(await commissionGrants()).toEqual(['commissionMember'])

    await post(commissionAction, coordinator, '/coordinator/commission', { ...form, intent: 'role', memberId: row.id, role: 'chair' })
    expect(await commissionGrants()).toEqual(['chair'])
    await post(commissionAction, coordinator, '/coordinator/commission', { ...form, intent: 'organisation', memberId: row.id, organisationId: '' })
    await post(commissionAction, coordinator, '/coordinator/commission', { ...form, intent: 'deactivate', memberId: row.id })
    const [cm] = await db()`select role, active, organisation_id from commission_members where id = ${row.id}`
    expect(cm).toEqual({ role: 'chair', active: false, organisation_id: null })
    expect(await commissionGrants()).toEqual([])

    // an address with no account is invited (test/invitations.test.ts); a login that is no address is refused
    const unknown = replyOf(await post(commissionAction, coordinator, '/coordinator/commission', { ...form, intent: 'add', login: 'nobody.nowhere', role: 'member' }))
    expect(unknown.status).toBe(422)
    expect(unknown.code).toBe('USER_NOT_FOUND')
    expect(unknown.message).toBe('Пользователь с таким логином не найден. Укажите адрес электронной почты: если учётной записи с ним нет, на него уйдёт приглашение.')
    // The login typed comes back for the page rendered again without JavaScript.
    expect(unknown.values).toMatchObject({ login: 'nobody.nowhere' })
  })

  it('says a refusal for a member no longer on the commission (taken off in another tab) once, above the table', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const person = await region.actor('applicant')
    const [{ login }] = await db()`select login from users where id = ${person.userId}`
    const form = { region: region.regionId, commissionId: region.commissionId }
    expect(statusOf(await post(commissionAction, coordinator, '/coordinator/commission', { ...form, intent: 'add', login, role: 'member' }))).toBe(302)
    const [{ id }] = await db()`select id::int from commission_members where commission_id = ${region.commissionId} and user_id = ${person.userId}`
    expect(statusOf(await post(commissionAction, coordinator, '/coordinator/commission', { ...form, intent: 'deactivate', memberId: id }))).toBe(302)

    const url = `http://localhost/coordinator/commission?region=${region.regionId}&commission=${region.commissionId}`
    const stale = await renderAfterPost(compositionRoute, url, { ...form, intent: 'role', memberId: id, role: 'chair' }, { Cookie: await cookieFor(coordinator) })
    expect(stale.status).toBe(409)
    expect(stale.html).toMatch(/<h3>[^<]*<\/h3><div aria-live="polite"><p class="alert" role="alert">Член комиссии выведен из состава; добавьте его заново\.<\/p><\/div>/)
    expect(stale.html.split('добавьте его заново')).toHaveLength(2)
  })

  it('refuses a coordinator of another region', async () => {
    const region = await makeRegion()
    const stranger = await (await makeRegion()).actor('regionalCoordinator')
    const person = await region.actor('applicant')
    const [{ login }] = await db()`select login from users where id = ${person.userId}`
    const res = await post(commissionAction, stranger, '/coordinator/commission', { region: region.regionId, commissionId: region.commissionId, intent: 'add', login, role: 'member' })
    expect(statusOf(res)).toBe(403)
    const sneaky = (await post(commissionAction, stranger, '/coordinator/commission', {
      commissionId: region.commissionId,
      intent: 'add',
      login,
      role: 'member',
    })) as Failure
    expect(sneaky.init.status).toBe(403)
    expect(await grantsOf(person.userId)).toEqual([{ role: 'applicant', regionId: null, municipalityId: null, commissionId: null }])
  })
})

