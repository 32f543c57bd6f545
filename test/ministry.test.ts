import { describe, expect, it } from 'vitest'
import { decideApplications } from '../app/domain/ministry.server'
import * as ministryRoute from '../app/routes/ministry/route'
import { action as ministryAction, loader as ministryLoader } from '../app/routes/ministry/route'
import { renderRoute } from './render'
import { cookieFor } from './support/session'
import { loader as appendixLoader } from '../app/routes/orders.$id.appendix'
import { loader as dashboardLoader } from '../app/routes/dashboard'
import { db } from '../db/client.server'
import { makeRegion, toAtMinistry } from './fixtures'
import { AppError } from '../workflows/errors'
import { createOrder } from '../app/domain/orders.server'
import { inTransaction } from '../db/client.server'
import { addDays, formatDay, regionDay } from '~/utils/dates'
import { campaignToMinistry, candidate, flashOf, forceCampaignState, get, orderNo, post, stateOf, statusOf } from './staff-helpers'
import { replyOf } from './support/form'

const approvalsOf = (ids: number[]) =>
  db()<{ applicationId: number; decision: string; reason: string | null; orderId: number | null; decidedBy: number }[]>`
    select application_id::int as "applicationId", decision, reason, order_id::int as "orderId", decided_by::int as "decidedBy"
    from approvals where application_id = any(${ids}) order by application_id`

describe('ministry: the commission list', () => {
  it('lists the region’s candidates at the ministry, grouped by campaign', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Алексеева')
    await candidate(region, 'Черновикова', [])
    const d = (await get(ministryLoader, officer, '/ministry')) as Awaited<ReturnType<typeof ministryLoader>>
    expect(d.region.id).toBe(region.regionId)
    expect(d.groups).toHaveLength(1)
    expect(d.groups[0].campaign.id).toBe(region.campaignId)
    expect(d.groups[0].applications.map((x) => x.id)).toEqual([a.id])
  })

  it('approves some under an order and returns others with a reason; the campaign is approved when none is left', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const [a, b, c] = [await candidate(region, 'Борисова'), await candidate(region, 'Власова'), await candidate(region, 'Гусева')]
    await forceCampaignState(region.campaignId, campaignToMinistry)
    const number = orderNo()

    const res = await post(ministryAction, officer, '/ministry', {
      region: region.regionId,
      intent: 'approve',
      confirmed: 'yes',
      ids: [a.id, b.id],
      orderNumber: number,
      orderDate: '2025-03-14',
      orderTitle: 'Об утверждении состава РМА',
    })
    expect(res).toBeInstanceOf(Response)
    const location = (res as Response).headers.get('Location')!
    expect(await flashOf(res as Response)).toEqual({ kind: 'success', text: `Согласовано кандидатов: 2. Приказ № ${number} от 14.03.2025 зарегистрирован.` })
    const [order] = await db()`select id::int, number, to_char(date, 'YYYY-MM-DD') as date, kind, region_id::int as "regionId" from orders where number = ${number} and region_id = ${region.regionId}`
    const orderId = order.id
    expect(order).toEqual({ id: orderId, number, date: '2025-03-14', kind: 'composition', regionId: region.regionId })
    // The page after the order names it and links its appendix.
    expect(location).toBe(`/ministry?region=${region.regionId}&order=${orderId}`)
    const after = (await get(ministryLoader, officer, location)) as Awaited<ReturnType<typeof ministryLoader>>
    expect(after.registered).toEqual({ id: orderId, order: `№ ${number} от 14.03.2025`, title: 'Об утверждении состава РМА' })
    expect(await stateOf('applications', a.id)).toBe('approved')
    expect(await stateOf('applications', b.id)).toBe('approved')
    expect(await stateOf('applications', c.id)).toBe('atMinistry')
    expect(await stateOf('campaigns', region.campaignId)).toBe('atMinistry') // c is still waiting

    const back = await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', confirmed: 'yes', ids: [c.id], reason: 'Нет подтверждения стажа' })
    expect(statusOf(back)).toBe(302)
    expect(await stateOf('applications', c.id)).toBe('returned')
    expect(await stateOf('campaigns', region.campaignId)).toBe('approved')

    expect(await approvalsOf([a.id, b.id, c.id])).toEqual([
      { applicationId: a.id, decision: 'approved', reason: null, orderId, decidedBy: officer.userId },
      { applicationId: b.id, decision: 'approved', reason: null, orderId, decidedBy: officer.userId },
      { applicationId: c.id, decision: 'returned', reason: 'Нет подтверждения стажа', orderId: null, decidedBy: officer.userId },
    ])
    const [audit] = await db()`select reason from audit_events where entity = 'application' and entity_id = ${c.id} and action = 'RETURN'`
    expect(audit.reason).toBe('Нет подтверждения стажа')
  })

  it('refuses a return without a reason and writes nothing', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Дмитриева')
    const res = replyOf(await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', confirmed: 'yes', ids: [a.id], reason: '  ' }))
    expect(res.status).toBe(400)
    expect(res.fields.reason).toBe('Укажите причину возврата')
    expect(await stateOf('applications', a.id)).toBe('atMinistry')
    expect(await approvalsOf([a.id])).toEqual([])

    // Past the form, the machine's guard refuses a blank reason too (409), still writing nothing.
    const err = await decideApplications(officer, region.regionId, { intent: 'return', ids: [a.id], reason: ' ' }).catch((e) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err.status).toBe(409)
    expect(await approvalsOf([a.id])).toEqual([])
  })

  it('writes nothing when any one of the chosen candidates cannot be approved', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const ok = await candidate(region, 'Егорова')
    // submitted and before the commission: the officer reads it, and may not approve it yet
    const notYet = await candidate(region, 'Жукова', toAtMinistry.slice(0, 3))
    const number = orderNo()
    const res = replyOf(await post(ministryAction, officer, '/ministry', {
      region: region.regionId,
      intent: 'approve',
      confirmed: 'yes',
      ids: [ok.id, notYet.id],
      orderNumber: number,
      orderDate: '2025-03-14',
      orderTitle: 'Об утверждении состава',
    }))
    expect(res.status).toBe(409)
    expect(res.code).toBe('TRANSITION_REFUSED')
    expect(await stateOf('applications', ok.id)).toBe('atMinistry')
    expect(await approvalsOf([ok.id, notYet.id])).toEqual([])
    const orders = await db()`select id from orders where region_id = ${region.regionId} and number = ${number}`
    expect(orders).toHaveLength(0)
  })

  it('refuses an order number already registered on that date, in Russian', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const [a, b] = [await candidate(region, 'Зайцева'), await candidate(region, 'Ильина')]
    const order = { region: region.regionId, intent: 'approve', confirmed: 'yes', orderNumber: orderNo(), orderDate: '2025-04-01', orderTitle: 'Об утверждении состава' }
    expect(statusOf(await post(ministryAction, officer, '/ministry', { ...order, ids: [a.id] }))).toBe(302)
    const again = replyOf(await post(ministryAction, officer, '/ministry', { ...order, ids: [b.id] }))
    expect(again.status).toBe(409)
    expect(again.code).toBe('ORDER_EXISTS')
    expect(again.message).toMatch(/^Приказ № .+ от 01\.04\.2025 уже зарегистрирован/)
    expect(await stateOf('applications', b.id)).toBe('atMinistry')
  })

  it('validates the order fields with the shared schema', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Климова')
    const res = replyOf(await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'approve', confirmed: 'yes', ids: [a.id], orderNumber: '', orderDate: '31.02.2025', orderTitle: '' }))
    expect(res.status).toBe(400)
    expect(res.fields).toMatchObject({ orderNumber: 'Укажите номер приказа', orderDate: 'Укажите дату приказа', orderTitle: 'Укажите название приказа' })
    const none = replyOf(await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', confirmed: 'yes', reason: 'Причина' }))
    expect(none.fields.ids).toBe('Отметьте хотя бы одного кандидата')
  })

  it('gives a ministry officer of another region 403 for the region, 404 for its candidates (as for none), and writes nothing', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const stranger = await other.actor('ministryOfficer')
    const a = await candidate(region, 'Лебедева')

    const page = await get(ministryLoader, stranger, `/ministry?region=${region.regionId}`)
    expect((page as Response).status).toBe(403)
    const viaRegion = await post(ministryAction, stranger, '/ministry', { region: region.regionId, intent: 'return', confirmed: 'yes', ids: [a.id], reason: 'Чужой регион' })
    expect(statusOf(viaRegion)).toBe(403)
    // another region's candidate is answered as one that does not exist: no id is confirmed
    const viaIds = replyOf(await post(ministryAction, stranger, '/ministry', { region: other.regionId, intent: 'return', confirmed: 'yes', ids: [a.id], reason: 'Чужой регион' }))
    const missing = replyOf(await post(ministryAction, stranger, '/ministry', { region: other.regionId, intent: 'return', confirmed: 'yes', ids: [a.id + 1_000_000], reason: 'Чужой регион' }))
    expect(viaIds.status).toBe(404)
    expect(viaIds.code).toBe('NOT_FOUND')
    expect({ status: missing.status, code: missing.code, message: missing.message }).toEqual({ status: viaIds.status, code: viaIds.code, message: viaIds.message })
    expect(await stateOf('applications', a.id)).toBe('atMinistry')
    expect(await approvalsOf([a.id])).toEqual([])

    // Other roles of the same region hold no approval:decide.
    const secretary = await region.actor('secretary')
    expect(((await get(ministryLoader, secretary, '/ministry')) as Response).status).toBe(403)
  })
})

describe('ministry: the list pages', () => {
  type Queue = Awaited<ReturnType<typeof ministryLoader>>
  it('pages by 50 in name order: every candidate exactly once, the total, the choice kept on its page, a tampered cursor is the first page', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const template = await candidate(region, 'Абрамова')
    // 69 more, with repeated names, so the id breaks ties between pages
    await db()`
      with p as (
        insert into people (region_id, municipality_id, last_name, first_name, middle_name)
        select ${region.regionId}, ${region.municipalities[0].id}, 'Клонова-' || (g % 7), 'Анна', 'Петровна' from generate_series(1, 69) g
        returning id)
      insert into applications (campaign_id, region_id, municipality_id, person_id, source, facts, snapshot, state, machine_version)
      select a.campaign_id, a.region_id, a.municipality_id, p.id, a.source, a.facts, a.snapshot, a.state, a.machine_version
      from p, applications a where a.id = ${template.id}`
    const all = await db()<{ id: number }[]>`select id::int from applications where region_id = ${region.regionId} and state = 'atMinistry'`
    expect(all).toHaveLength(70)
    const seen: number[] = []
    const names: string[] = []
    let path: string | null = `/ministry?region=${region.regionId}`
    const paths: string[] = []
    for (let guard = 0; path && guard < 5; guard++) {
      paths.push(path)
      const d = (await get(ministryLoader, officer, path)) as Queue
      const rows = d.groups.flatMap((g) => g.applications)
      expect(d.pager).toMatchObject({ from: seen.length + 1, count: rows.length, total: 70 })
      expect(rows.length).toBeLessThanOrEqual(50)
      seen.push(...rows.map((r) => r.id))
      names.push(...rows.map((r) => r.fullName))
      path = d.pager.next
    }
    expect(paths).toHaveLength(2)
    expect(seen.slice().sort((a, b) => a - b)).toEqual(all.map((r) => r.id).sort((a, b) => a - b))
    expect(names[0]).toBe('Абрамова Анна Петровна')

    // A choice on the second page is asked about on that same page, by name.
    const second = new URL(paths[1], 'http://localhost')
    const onSecond = seen[60]
    const choice = new URLSearchParams(second.searchParams)
    for (const [k, v] of Object.entries({ confirm: 'return', ids: String(onSecond), reason: 'Проверить стаж' })) choice.set(k, v)
    const asking = (await get(ministryLoader, officer, `/ministry?${choice}`)) as Queue
    expect(asking.asking).toMatchObject({ intent: 'return', ids: [onSecond], names: [names[60]] })
    const html = await renderRoute(ministryRoute, `http://localhost${paths[1]}`, { Cookie: await cookieFor(officer) })
    expect(html).toContain(`<input type="hidden" name="after" value="${second.searchParams.get('after')}"/>`)
    expect(html).toContain('Показаны 51–70 из 70')
    expect(html).toContain('Решение касается только отмеченных кандидатов на этой странице.')

    const tampered = (await get(ministryLoader, officer, `/ministry?region=${region.regionId}&after=e30&afterN=51`)) as Queue
    expect(tampered.pager).toMatchObject({ from: 1, count: 50, total: 70 })
    expect(tampered.groups[0].applications[0].id).toBe(template.id)
  })
})

describe('appendix to the order', () => {
  it('numbers the approved people alphabetically, for staff of the order’s region only', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const [b, a, c] = [await candidate(region, 'Яковлева'), await candidate(region, 'Антонова'), await candidate(region, 'Миронова')]
    await post(ministryAction, officer, '/ministry', {
      region: region.regionId,
      intent: 'approve',
      confirmed: 'yes',
      ids: [a.id, b.id],
      orderNumber: '15-р',
      orderDate: '2025-05-20',
      orderTitle: 'Об утверждении состава',
    })
    const [{ id }] = await db()<{ id: number }[]>`select id::int from orders where region_id = ${region.regionId} and number = '15-р'`
    const orderId = String(id)
    await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', confirmed: 'yes', ids: [c.id], reason: 'Не хватает документов' })

    const d = (await get(appendixLoader, officer, `/orders/${orderId}/appendix`, { id: orderId })) as Awaited<ReturnType<typeof appendixLoader>>
    expect(d.order).toMatchObject({ number: '15-р', date: '2025-05-20', kind: 'composition' })
    expect(d.rows.map((r) => r.fullName)).toEqual(['Антонова Анна Петровна', 'Яковлева Анна Петровна'])
    expect(d.rows[0]).toMatchObject({ position: 'учитель', subjects: ['Физика'], municipality: region.municipalities[0].name })
    expect(JSON.stringify(d)).not.toContain('+7 900')

    const coordinator = await region.actor('regionalCoordinator') // order:record
    expect(await get(appendixLoader, coordinator, `/orders/${orderId}/appendix`, { id: orderId })).not.toBeInstanceOf(Response)
    const strangers = [await (await makeRegion()).actor('ministryOfficer'), await region.actor('applicant'), await region.actor('secretary')]
    for (const s of strangers) {
      const r = await get(appendixLoader, s, `/orders/${orderId}/appendix`, { id: orderId })
      expect((r as Response).status).toBe(404)
    }
  })
})

describe('ministry: nothing irreversible without a confirmation, no order from the future', () => {
  it('asks first: the choice comes back as a question, the decision without `confirmed` is refused and writes nothing', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Нестерова')
    const number = orderNo()
    const choice = new URLSearchParams({ region: String(region.regionId), confirm: 'approve', ids: String(a.id), orderNumber: number, orderDate: '2025-03-14', orderTitle: 'Об утверждении состава' })
    const asking = (await get(ministryLoader, officer, `/ministry?${choice}`)) as Awaited<ReturnType<typeof ministryLoader>>
    expect(asking.asking).toMatchObject({ intent: 'approve', ids: [a.id], names: ['Нестерова Анна Петровна'], orderNumber: number })
    expect(asking.check).toBeNull()

    // An incomplete choice is not asked about: its errors come back instead.
    const incomplete = (await get(ministryLoader, officer, `/ministry?region=${region.regionId}&confirm=return&ids=${a.id}&reason=`)) as Awaited<ReturnType<typeof ministryLoader>>
    expect(incomplete.asking).toBeNull()
    expect(replyOf(incomplete.check).fields.reason).toBe('Укажите причину возврата')

    const unconfirmed = replyOf(
      await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'approve', ids: [a.id], orderNumber: number, orderDate: '2025-03-14', orderTitle: 'Об утверждении' }),
    )
    expect(unconfirmed.status).toBe(400)
    expect(unconfirmed.fields.confirmed).toBe('Подтвердите действие: оно необратимо.')
    const returned = replyOf(await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', ids: [a.id], reason: 'Без подтверждения' }))
    expect(returned.status).toBe(400)
    expect(await stateOf('applications', a.id)).toBe('atMinistry')
    expect(await approvalsOf([a.id])).toEqual([])
    expect(await db()`select id from orders where region_id = ${region.regionId}`).toHaveLength(0)

    expect(statusOf(await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', confirmed: 'yes', ids: [a.id], reason: 'С подтверждением' }))).toBe(302)
    expect(await stateOf('applications', a.id)).toBe('returned')
  })

  it('renders the question with the whole decision and a form that sends confirmed=yes (no JavaScript needed)', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Романова')
    const choice = new URLSearchParams({ region: String(region.regionId), confirm: 'approve', ids: String(a.id), orderNumber: '21-р', orderDate: '2025-03-14', orderTitle: 'Об утверждении состава' })
    const html = await renderRoute(ministryRoute, `http://localhost/ministry?${choice}`, { Cookie: await cookieFor(officer) })
    expect(html).toContain('Согласовать 1 кандидата приказом № 21-р от 14.03.2025 «Об утверждении состава»?')
    expect(html).toContain('Романова Анна Петровна')
    expect(html).toContain('<input type="hidden" name="confirmed" value="yes"/>')
    expect(html).toContain(`<input type="hidden" name="ids" value="${a.id}"/>`)
    expect(html).toContain('Да, согласовать')
    // Without `confirm` the page only offers the choice.
    const plain = await renderRoute(ministryRoute, `http://localhost/ministry?region=${region.regionId}`, { Cookie: await cookieFor(officer) })
    expect(plain).not.toContain('name="confirmed"')
  })

  it('refuses an order dated after today in the region’s time zone, writing nothing', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Осипова')
    // Tomorrow in the region's zone: a day ahead of UTC's today at worst, never behind it.
    const [{ zone }] = await db()<{ zone: string }[]>`select time_zone as zone from regions where id = ${region.regionId}`
    const tomorrow = addDays(regionDay(new Date(), zone), 1)
    const number = orderNo()
    const res = replyOf(
      await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'approve', confirmed: 'yes', ids: [a.id], orderNumber: number, orderDate: tomorrow, orderTitle: 'Об утверждении состава' }),
    )
    expect(res.status).toBe(422)
    expect(res.code).toBe('ORDER_IN_FUTURE')
    expect(res.message).toBe(`Дата приказа ${formatDay(tomorrow)} ещё не наступила. Приказ регистрируется после подписания: укажите дату, когда он подписан.`)
    expect(res.fields.orderDate).toBe('Дата приказа не может быть позже сегодняшнего дня')
    expect(await stateOf('applications', a.id)).toBe('atMinistry')
    expect(await approvalsOf([a.id])).toEqual([])
    expect(await db()`select id from orders where region_id = ${region.regionId} and number = ${number}`).toHaveLength(0)

    // Today in the region is fine.
    const today = regionDay(new Date(), zone)
    expect(statusOf(await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'approve', confirmed: 'yes', ids: [a.id], orderNumber: number, orderDate: today, orderTitle: 'Об утверждении состава' }))).toBe(302)
  })

  it('does not ask «Согласовать … приказом …?» about an order that would be refused: a future date or a number and date already used come back on the choice', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Заранее')
    const [{ zone }] = await db()<{ zone: string }[]>`select time_zone as zone from regions where id = ${region.regionId}`
    const tomorrow = addDays(regionDay(new Date(), zone), 1)
    const ask = async (orderNumber: string, orderDate: string) => {
      const choice = new URLSearchParams({ region: String(region.regionId), confirm: 'approve', ids: String(a.id), orderNumber, orderDate, orderTitle: 'Об утверждении состава' })
      return (await get(ministryLoader, officer, `/ministry?${choice}`)) as Awaited<ReturnType<typeof ministryLoader>>
    }
    const future = await ask(orderNo(), tomorrow)
    expect(future.asking).toBeNull()
    expect(replyOf(future.check).message).toBe(`Дата приказа ${formatDay(tomorrow)} ещё не наступила. Приказ регистрируется после подписания: укажите дату, когда он подписан.`)
    expect(replyOf(future.check).fields.orderDate).toBe('Дата приказа не может быть позже сегодняшнего дня')

    const used = { number: orderNo(), date: '2025-03-14', title: 'Об утверждении состава' }
    await inTransaction((t) => createOrder(region.regionId, used, 'composition', officer.userId, t))
    const twice = await ask(used.number, used.date)
    expect(twice.asking).toBeNull()
    expect(replyOf(twice.check).message).toBe(`Приказ № ${used.number} от 14.03.2025 уже зарегистрирован в регионе. Проверьте номер и дату.`)

    const html = await renderRoute(ministryRoute, `http://localhost/ministry?${new URLSearchParams({ region: String(region.regionId), confirm: 'approve', ids: String(a.id), orderNumber: orderNo(), orderDate: tomorrow, orderTitle: 'Об утверждении состава' })}`, { Cookie: await cookieFor(officer) })
    expect(html).not.toContain('Да, согласовать')
    expect(html).toContain('ещё не наступила')
    expect((await ask(orderNo(), '2025-03-14')).asking).toMatchObject({ intent: 'approve', ids: [a.id] })
  })

  it('judges «today» by the region’s clock, not the server’s', async () => {
    const region = await makeRegion()
    await db()`update regions set time_zone = 'Asia/Kamchatka' where id = ${region.regionId}`
    const officer = await region.actor('ministryOfficer')
    // 20:00 UTC on 1 June is already 2 June in Kamchatka (UTC+12), still 1 June in Moscow.
    const at = new Date('2025-06-01T20:00:00Z')
    const order = { number: orderNo(), date: '2025-06-02', title: 'Об утверждении состава' }
    const id = await inTransaction((t) => createOrder(region.regionId, order, 'composition', officer.userId, t, at))
    expect(id).toEqual(expect.any(Number))
    const late = await inTransaction((t) => createOrder(region.regionId, { ...order, number: orderNo(), date: '2025-06-03' }, 'composition', officer.userId, t, at)).catch((e) => e)
    expect(late).toMatchObject({ code: 'ORDER_IN_FUTURE' })
  })
})

describe('every list of applications names the campaign', () => {
  it('the dashboard’s lists carry the campaign’s title', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Рябова')
    const [{ title }] = await db()<{ title: string }[]>`select title from campaigns where id = ${region.campaignId}`
    const d = (await get(dashboardLoader, officer, '/dashboard')) as Awaited<ReturnType<typeof dashboardLoader>>
    const waiting = d.sections.find((s) => s.kind === 'applications')
    expect(waiting?.items).toEqual([expect.objectContaining({ id: a.id, campaignTitle: title })])
  })
})
