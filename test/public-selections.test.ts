import { describe, expect, it } from 'vitest'
import { publicSelections } from '../app/domain/public-selections.server'
import * as campaignsRoute from '../app/routes/campaigns._index'
import * as selectionRoute from '../app/routes/selections.$id'
import * as selectionsRoute from '../app/routes/selections._index'
import { db } from '../db/client.server'
import { rowAfter } from '../workflows/snapshot'
import { makeRegion } from './fixtures'
import { municipalSelection } from './municipal-support'
import { renderRoute } from './render'
import { cookieFor, routeContext } from './support/session'

// The open selections for visitors (issue 9, item 7): public, with the rule
// set's requirements, the deadline in the region's zone, the regulation, and
// «Подать заявление» through sign-in or registration and back to the form.

async function setDeadline(campaignId: number, closesOn: string | null) {
  await db()`update campaigns set closes_on = ${closesOn} where id = ${campaignId}`
}

async function closeCampaign(campaignId: number) {
  const sql = db()
  const closed = rowAfter('campaign', [{ type: 'OPEN' }, { type: 'CLOSE' }])
  await sql`update campaigns set snapshot = ${sql.json(closed.snapshot as never)}, state = ${closed.state} where id = ${campaignId}`
}

describe('public selections', () => {
  it('lists an open campaign with its requirements, its deadline in the region and the way to apply', async () => {
    const region = await makeRegion('tomsk')
    await setDeadline(region.campaignId, '2026-06-30')
    // 29 June, 20:00 in Tomsk (UTC+7): two days left, today included.
    const now = new Date('2026-06-29T13:00:00Z')
    const { selections, region: shown } = await publicSelections({ regionCode: region.code, actor: null, now })
    expect(shown?.code).toBe(region.code)
    expect(selections).toHaveLength(1)
    const s = selections[0]
    expect(s).toMatchObject({ id: region.campaignId, title: 'Тестовый отбор', closesOn: '2026-06-30', daysLeft: 2, apply: 'signIn', timeZone: 'Asia/Tomsk' })
    expect(s.closesAt?.toISOString()).toBe('2026-06-30T17:00:00.000Z')
    expect(s.requirements.blocks.map((b) => b.kind)).toEqual(['required', 'group'])
    expect(s.siteUrl).toBe('https://toipkro.ru')
    // Nothing but public particulars: no commission, no rule-set row.
    expect(Object.keys(s)).not.toContain('commissionId')
  })

  it('leaves out campaigns that are not open, and an open one whose last day is over in its region', async () => {
    const region = await makeRegion('khabarovsk')
    await setDeadline(region.campaignId, '2026-06-30')
    // 1 July 00:30 in Khabarovsk (UTC+10) is still 30 June in UTC: the region's day decides.
    const after = await publicSelections({ regionCode: region.code, actor: null, now: new Date('2026-06-30T14:30:00Z') })
    expect(after.selections).toEqual([])
    const before = await publicSelections({ regionCode: region.code, actor: null, now: new Date('2026-06-30T13:30:00Z') })
    expect(before.selections.map((s) => s.daysLeft)).toEqual([1])
    await closeCampaign(region.campaignId)
    expect((await publicSelections({ regionCode: region.code, actor: null, now: new Date('2026-06-01T00:00:00Z') })).selections).toEqual([])
  })

  it('the page needs no sign-in; a visitor applies through sign-in or registration and comes back to the form', async () => {
    const region = await makeRegion()
    const html = await renderRoute(selectionsRoute as never, `http://localhost/selections?region=${region.code}`)
    expect(html).toContain('Тестовый отбор')
    expect(html).toContain(`href="/login?redirectTo=/apply/${region.campaignId}"`)
    expect(html).toContain(`href="/register?redirectTo=/apply/${region.campaignId}"`)
    expect(html).toContain('Высшая квалификационная категория')
    expect(html).toContain('не менее 1 из 8')
    expect(html).toContain(`href="/regions/${region.code}"`)
    expect(html).toContain('Срок окончания приёма не установлен')
  })

  it('a signed-in teacher goes straight to the form; staff are told where nominations are made', async () => {
    const region = await makeRegion()
    const teacher = await region.actor('applicant')
    const asTeacher = await renderRoute(selectionsRoute as never, `http://localhost/selections?region=${region.code}`, { Cookie: await cookieFor(teacher) })
    expect(asTeacher).toContain(`href="/apply/${region.campaignId}"`)
    expect(asTeacher).not.toContain('/login?redirectTo')
    const coordinator = await region.actor('municipalCoordinator')
    const asStaff = await renderRoute(selectionsRoute as never, `http://localhost/selections?region=${region.code}`, { Cookie: await cookieFor(coordinator) })
    expect(asStaff).not.toContain(`/apply/${region.campaignId}`)
    expect(asStaff).toContain('href="/campaigns"')
  })

  it('one selection has a page of its own; a closed one is not found', async () => {
    const region = await makeRegion('chelyabinsk')
    const load = () =>
      (selectionRoute.loader({ request: new Request(`http://localhost/selections/${region.campaignId}`), params: { id: String(region.campaignId) }, context: routeContext() }) as Promise<
        Awaited<ReturnType<typeof selectionRoute.loader>>
      >).catch((e: unknown) => e)
    const found = await load()
    expect(found).toMatchObject({ id: region.campaignId, title: 'Тестовый отбор', apply: 'signIn' })
    const fast = (found as { requirements: { blocks: { kind: string; heading: string }[] } }).requirements.blocks.find((b) => b.kind === 'fastTrack')
    expect(fast?.heading).toMatch(/без представления документов/)
    await closeCampaign(region.campaignId)
    const gone = await load()
    expect(gone).toBeInstanceOf(Response)
    expect((gone as Response).status).toBe(404)
  })

  it('says which level a selection fills: the region’s, or a municipality’s own (issue 10 §6)', async () => {
    const region = await makeRegion()
    const m = await municipalSelection(region)
    const municipality = region.municipalities[0].name
    await db()`update campaigns set decision_until = '2026-09-01' where id = ${m.campaignId}`
    const list = await renderRoute(selectionsRoute as never, `http://localhost/selections?region=${region.code}`)
    expect(list).toContain('Региональный отбор')
    expect(list).toContain(`Муниципальный отбор: ${municipality}`)
    const page = await renderRoute(selectionRoute as never, `http://localhost/selections/${m.campaignId}`, {}, '/selections/:id')
    expect(page).toContain(`Муниципальный отбор: ${municipality}`)
    expect(page).toContain('Решение муниципального органа управления образованием о составе актива')
    expect(page).not.toMatch(/министерств/i)
    const regional = await renderRoute(selectionRoute as never, `http://localhost/selections/${region.campaignId}`, {}, '/selections/:id')
    expect(regional).toContain('Региональный отбор')
    expect(regional).not.toContain('Муниципальный отбор')
  })

  it('/campaigns sends a visitor to the public list, not to a bare sign-in form', async () => {
    const res = await (campaignsRoute.loader({ request: new Request('http://localhost/campaigns'), params: {}, context: routeContext() }) as Promise<unknown>).catch((e) => e)
    expect(res).toBeInstanceOf(Response)
    expect((res as Response).status).toBe(302)
    expect((res as Response).headers.get('Location')).toBe('/selections')
  })

  it('/campaigns, signed in, links each open selection to its requirements and stage deadlines', async () => {
    const region = await makeRegion()
    const teacher = await region.actor('applicant')
    const page = await renderRoute(campaignsRoute as never, 'http://localhost/campaigns', { Cookie: await cookieFor(teacher) })
    expect(page).toContain(`href="/selections/${region.campaignId}"`)
    const requirements = await renderRoute(selectionRoute as never, `http://localhost/selections/${region.campaignId}`, {}, '/selections/:id')
    expect(requirements).toContain('Требования к кандидатам')
  })

  it('/campaigns, signed in, leaves out a selection whose last day ended at its region\'s midnight, before the job closes it', async () => {
    const region = await makeRegion('khabarovsk')
    const teacher = await region.actor('applicant')
    // Yesterday in Vladivostok's day (UTC+10), whatever UTC says now.
    const yesterday = new Date(Date.now() + 10 * 3_600_000 - 86_400_000).toISOString().slice(0, 10)
    await setDeadline(region.campaignId, yesterday)
    const page = await renderRoute(campaignsRoute as never, 'http://localhost/campaigns', { Cookie: await cookieFor(teacher) })
    expect(page).not.toContain(`/apply/${region.campaignId}"`)
    expect(page).not.toContain(`/selections/${region.campaignId}"`)
  })
})
