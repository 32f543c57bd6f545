import { describe, expect, it } from 'vitest'
import * as dashboardRoute from '../app/routes/dashboard'
import { loader as campaignsLoader } from '../app/routes/campaigns.manage._index'
import { loader as dashboardLoader } from '../app/routes/dashboard'
import { db } from '../db/client.server'
import { makeRegion } from './fixtures'
import { renderRoute } from './render'
import { candidate, get } from './staff-helpers'
import { cookieFor } from './support/session'

// The dashboard's lists of applications page by keyset, each with its own
// cursor parameter, and say «Показаны N–M из T»: nothing is cut off unsaid.

type Dash = Awaited<ReturnType<typeof dashboardLoader>>
type Region = Awaited<ReturnType<typeof makeRegion>>

/** `n` more applications like the template (same campaign, municipality, state), in one statement. */
async function clones(region: Region, templateId: number, n: number, state: string) {
  await db()`
    with p as (
      insert into people (region_id, municipality_id, last_name, first_name, middle_name)
      select ${region.regionId}, ${region.municipalities[0].id}, 'Копия-' || g, 'Анна', 'Петровна' from generate_series(1, ${n}) g
      returning id)
    insert into applications (campaign_id, region_id, municipality_id, person_id, source, facts, snapshot, state, machine_version, updated_at)
    select a.campaign_id, a.region_id, a.municipality_id, p.id, a.source, a.facts, a.snapshot, ${state}, a.machine_version,
           -- every third shares one change time, so the id must break the ties
           case when p.id % 3 = 0 then timestamptz '2025-01-01 10:00:00.123456+00' else now() - (p.id % 17) * interval '1 minute' end
    from p, applications a where a.id = ${templateId}`
}

function listOf(d: Dash, param: string) {
  const s = d.sections.find((x) => 'param' in x && x.param === param)
  if (!s || s.kind !== 'applications' || !('pager' in s) || !s.pager) throw new Error(`no list ${param}`)
  return s as typeof s & { pager: NonNullable<typeof s.pager> }
}

describe('dashboard lists page', () => {
  it('a municipal coordinator walks 130 candidates by 50: each exactly once, the total, a tampered cursor is the first page', async () => {
    const region = await makeRegion()
    const template = await candidate(region, 'Шаблонова')
    await clones(region, template.id, 129, 'submitted')
    const coordinator = await region.actor('municipalCoordinator', { municipalityId: region.municipalities[0].id })
    const expected = await db()<{ id: number }[]>`
      select id::int from applications where municipality_id = ${region.municipalities[0].id} order by updated_at desc, id desc`
    expect(expected).toHaveLength(130)
    const seen: number[] = []
    let path: string | null = '/dashboard'
    for (let guard = 0; path && guard < 6; guard++) {
      const list = listOf((await get(dashboardLoader, coordinator, path)) as Dash, 'municipality')
      expect(list.pager).toMatchObject({ from: seen.length + 1, count: list.items.length, total: 130 })
      expect(list.items.length).toBeLessThanOrEqual(50)
      seen.push(...list.items.map((i) => i.id))
      path = list.pager.next
    }
    expect(seen).toEqual(expected.map((r) => r.id))
    const tampered = listOf((await get(dashboardLoader, coordinator, '/dashboard?municipality=AAAA&municipalityN=101')) as Dash, 'municipality')
    expect(tampered.pager).toMatchObject({ from: 1, count: 50, total: 130 })
    expect(tampered.items[0].id).toBe(expected[0].id)
    const html = await renderRoute(dashboardRoute, 'http://localhost/dashboard', { Cookie: await cookieFor(coordinator) })
    expect(html).toContain('Показаны 1–50 из 130')
  })

  it("a secretary's two lists page on their own cursors", async () => {
    const region = await makeRegion()
    const template = await candidate(region, 'Шаблонова')
    await clones(region, template.id, 60, 'submitted')
    await clones(region, template.id, 55, 'inReview')
    const secretary = await region.actor('secretary')
    const first = (await get(dashboardLoader, secretary, '/dashboard')) as Dash
    expect(listOf(first, 'screening').pager.total).toBe(60)
    // the template itself is at the ministry: only the 55 clones are under review
    expect(listOf(first, 'review').pager.total).toBe(55)
    const next = listOf(first, 'screening').pager.next
    expect(next).toMatch(/^\/dashboard\?screening=.+&screeningN=51$/)
    const second = (await get(dashboardLoader, secretary, next!)) as Dash
    expect(listOf(second, 'screening').pager).toMatchObject({ from: 51, count: 10 })
    expect(listOf(second, 'review').pager).toMatchObject({ from: 1, count: 50 })
  })
})

describe('the coordinator’s list of campaigns pages', () => {
  type Campaigns = Awaited<ReturnType<typeof campaignsLoader>>
  it('by 50, newest first: each campaign once, the total, a tampered cursor is the first page', async () => {
    const region = await makeRegion()
    await db()`
      insert into campaigns (region_id, roster_id, commission_id, rule_set_id, title, snapshot, state, machine_version)
      select c.region_id, c.roster_id, c.commission_id, c.rule_set_id, 'Отбор ' || g, c.snapshot, c.state, c.machine_version
      from campaigns c, generate_series(1, 59) g where c.id = ${region.campaignId}`
    const expected = await db()<{ id: number }[]>`select id::int from campaigns where region_id = ${region.regionId} order by id desc`
    expect(expected).toHaveLength(60)
    const coordinator = await region.actor('regionalCoordinator')
    const seen: number[] = []
    let path: string | null = `/campaigns/manage?region=${region.regionId}`
    for (let guard = 0; path && guard < 5; guard++) {
      const d = (await get(campaignsLoader, coordinator, path)) as Campaigns
      expect(d.pager).toMatchObject({ from: seen.length + 1, count: d.campaigns.length, total: 60 })
      seen.push(...d.campaigns.map((c) => c.id))
      path = d.pager.next
    }
    expect(seen).toEqual(expected.map((r) => r.id))
    const tampered = (await get(campaignsLoader, coordinator, `/campaigns/manage?region=${region.regionId}&after=x&afterN=51`)) as Campaigns
    expect(tampered.pager).toMatchObject({ from: 1, count: 50, total: 60 })
  })
})

describe('a cursor of another list or a tampered one', () => {
  it('is the first page on every staff list, never a query PostgreSQL refuses (a word against a number column, a number beyond bigint)', async () => {
    const region = await makeRegion()
    const secretary = await region.actor('secretary')
    const coordinator = await region.actor('regionalCoordinator')
    const ministry = await region.actor('ministryOfficer')
    const member = await region.actor('commissionMember')
    const cursor = (key: unknown, id: unknown = 1) => Buffer.from(JSON.stringify([key, id])).toString('base64url')
    const bad = [cursor('x'), cursor('2026-99-99'), cursor(1e308), cursor(null), cursor(1, 1e308), cursor(2.5)]
    type Loader = Parameters<typeof get>[0]
    const lists: [Loader, typeof secretary, string, string][] = [
      [(await import('../app/routes/commission/route')).loader, secretary, `/commission?commission=${region.commissionId}`, 'queueAfter'],
      [(await import('../app/routes/commission/route')).loader, secretary, `/commission?commission=${region.commissionId}`, 'boardAfter'],
      [(await import('../app/routes/commission_.appeals')).loader, secretary, `/commission/appeals?commission=${region.commissionId}`, 'after'],
      [(await import('../app/routes/reviews/route')).loader, member, `/reviews?commission=${region.commissionId}`, 'reviewAfter'],
      [(await import('../app/routes/reviews/route')).loader, member, `/reviews?commission=${region.commissionId}`, 'conflictAfter'],
      [(await import('../app/routes/outbox/route')).loader, coordinator, '/outbox', 'after'],
      [(await import('../app/routes/outbox/route')).loader, coordinator, '/outbox', 'failedAfter'],
      [(await import('../app/routes/imports/route')).loader, coordinator, '/imports', 'logAfter'],
      [(await import('../app/routes/people.invitations/route')).loader, coordinator, '/people/invitations', 'after'],
      [(await import('../app/routes/people._index/route')).loader, coordinator, '/people', 'after'],
      [(await import('../app/routes/members._index')).loader, coordinator, '/members', 'after'],
      [(await import('../app/routes/activity._index')).loader, coordinator, '/activity', 'after'],
      [(await import('../app/routes/evaluation._index')).loader, coordinator, '/evaluation', 'after'],
      [campaignsLoader, coordinator, '/campaigns/manage', 'after'],
      [(await import('../app/routes/ministry/route')).loader, ministry, '/ministry', 'after'],
      [(await import('../app/routes/my.notifications')).loader, coordinator, '/my/notifications', 'after'],
      [dashboardLoader, secretary, '/dashboard', 'screening'],
    ]
    for (const [loader, actor, path, param] of lists) {
      for (const c of bad) {
        const at = `${path}${path.includes('?') ? '&' : '?'}${param}=${c}&${param}N=51`
        const r = await get(loader, actor, at).catch((e: unknown) => e)
        expect(r instanceof Error ? `${at}: ${r.message}` : at).toBe(at)
        if (r instanceof Response) expect([at, r.status]).toEqual([at, 200])
      }
    }
  })
})
