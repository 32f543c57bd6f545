import { describe, expect, it } from 'vitest'
import { decideApplications } from '../app/domain/ministry.server'
import { action as ministryAction, loader as ministryLoader } from '../app/routes/ministry'
import { loader as appendixLoader } from '../app/routes/orders.$id.appendix'
import { db } from '../db/client.server'
import { makeRegion } from './fixtures'
import { AppError } from '../workflows/errors'
import { campaignToMinistry, candidate, flashOf, forceCampaignState, get, orderNo, post, stateOf, statusOf, type Failure } from './staff-helpers'

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
      ids: [a.id, b.id],
      orderNumber: number,
      orderDate: '2025-03-14',
      orderTitle: 'Об утверждении состава РМА',
    })
    expect(res).toBeInstanceOf(Response)
    const location = (res as Response).headers.get('Location')!
    expect(location).toBe(`/ministry?region=${region.regionId}`)
    expect(await flashOf(res as Response)).toEqual({ kind: 'success', text: 'Согласовано кандидатов: 2. Приказ зарегистрирован.' })
    const [order] = await db()`select id::int, number, to_char(date, 'YYYY-MM-DD') as date, kind, region_id::int as "regionId" from orders where number = ${number} and region_id = ${region.regionId}`
    const orderId = order.id
    expect(order).toEqual({ id: orderId, number, date: '2025-03-14', kind: 'composition', regionId: region.regionId })
    expect(await stateOf('applications', a.id)).toBe('approved')
    expect(await stateOf('applications', b.id)).toBe('approved')
    expect(await stateOf('applications', c.id)).toBe('atMinistry')
    expect(await stateOf('campaigns', region.campaignId)).toBe('atMinistry') // c is still waiting

    const back = await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', ids: [c.id], reason: 'Нет подтверждения стажа' })
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
    const res = (await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', ids: [a.id], reason: '  ' })) as Failure
    expect(res.init.status).toBe(400)
    expect(res.data.error.fields?.reason).toBe('Укажите причину возврата')
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
    const notYet = await candidate(region, 'Жукова', [])
    const number = orderNo()
    const res = (await post(ministryAction, officer, '/ministry', {
      region: region.regionId,
      intent: 'approve',
      ids: [ok.id, notYet.id],
      orderNumber: number,
      orderDate: '2025-03-14',
      orderTitle: 'Об утверждении состава',
    })) as Failure
    expect(res.init.status).toBe(409)
    expect(res.data.error.code).toBe('TRANSITION_REFUSED')
    expect(await stateOf('applications', ok.id)).toBe('atMinistry')
    expect(await approvalsOf([ok.id, notYet.id])).toEqual([])
    const orders = await db()`select id from orders where region_id = ${region.regionId} and number = ${number}`
    expect(orders).toHaveLength(0)
  })

  it('refuses an order number already registered on that date, in Russian', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const [a, b] = [await candidate(region, 'Зайцева'), await candidate(region, 'Ильина')]
    const order = { region: region.regionId, intent: 'approve', orderNumber: orderNo(), orderDate: '2025-04-01', orderTitle: 'Об утверждении состава' }
    expect(statusOf(await post(ministryAction, officer, '/ministry', { ...order, ids: [a.id] }))).toBe(302)
    const again = (await post(ministryAction, officer, '/ministry', { ...order, ids: [b.id] })) as Failure
    expect(again.init.status).toBe(409)
    expect(again.data.error.code).toBe('ORDER_EXISTS')
    expect(again.data.error.message).toMatch(/^Приказ № .+ от 01\.04\.2025 уже зарегистрирован/)
    expect(await stateOf('applications', b.id)).toBe('atMinistry')
  })

  it('validates the order fields with the shared schema', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Климова')
    const res = (await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'approve', ids: [a.id], orderNumber: '', orderDate: '31.02.2025', orderTitle: '' })) as Failure
    expect(res.init.status).toBe(400)
    expect(res.data.error.fields).toMatchObject({ orderNumber: 'Укажите номер приказа', orderDate: 'Укажите дату приказа', orderTitle: 'Укажите название приказа' })
    const none = (await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', reason: 'Причина' })) as Failure
    expect(none.data.error.fields?.ids).toBe('Отметьте хотя бы одного кандидата')
  })

  it('gives a ministry officer of another region 403 and writes nothing', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const stranger = await other.actor('ministryOfficer')
    const a = await candidate(region, 'Лебедева')

    const page = await get(ministryLoader, stranger, `/ministry?region=${region.regionId}`)
    expect((page as Response).status).toBe(403)
    const viaRegion = await post(ministryAction, stranger, '/ministry', { region: region.regionId, intent: 'return', ids: [a.id], reason: 'Чужой регион' })
    expect(statusOf(viaRegion)).toBe(403)
    const viaIds = (await post(ministryAction, stranger, '/ministry', { region: other.regionId, intent: 'return', ids: [a.id], reason: 'Чужой регион' })) as Failure
    expect(viaIds.init.status).toBe(403)
    expect(viaIds.data.error.code).toBe('FORBIDDEN')
    expect(await stateOf('applications', a.id)).toBe('atMinistry')
    expect(await approvalsOf([a.id])).toEqual([])

    // Other roles of the same region hold no approval:decide.
    const secretary = await region.actor('secretary')
    expect(((await get(ministryLoader, secretary, '/ministry')) as Response).status).toBe(403)
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
      ids: [a.id, b.id],
      orderNumber: '15-р',
      orderDate: '2025-05-20',
      orderTitle: 'Об утверждении состава',
    })
    const [{ id }] = await db()<{ id: number }[]>`select id::int from orders where region_id = ${region.regionId} and number = '15-р'`
    const orderId = String(id)
    await post(ministryAction, officer, '/ministry', { region: region.regionId, intent: 'return', ids: [c.id], reason: 'Не хватает документов' })

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
      expect((r as Response).status).toBe(403)
    }
  })
})
