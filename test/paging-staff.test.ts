import { describe, expect, it } from 'vitest'
import * as dashboardRoute from '../app/routes/dashboard'
import { loader as campaignsLoader } from '../app/routes/campaigns.manage._index'
import { loader as dashboardLoader } from '../app/routes/dashboard'
import * as applicationRoute from '../app/routes/applications.$id/route'
import { loader as applicationLoader } from '../app/routes/applications.$id/route'
import { loader as memberLoader } from '../app/routes/members.$id/route'
import { insertMember } from '../db/queries/members.server'
import { rowAfter } from '../workflows/snapshot'
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

describe('histories page', () => {
  it("a member's and an application's history: every event once in order, «N–M из T», an application's READ_PRIVATE rows left out in the query", async () => {
    // At a large region's scale the application page was 6.6 MB and 1.5 s for an application with
    // 18,000 events (every staff reading of private data adds one), the member page 3.6 MB.
    const region = await makeRegion()
    const app = await candidate(region, 'Историева')
    const coordinator = await region.actor('regionalCoordinator')
    const active = rowAfter('member', [])
    const memberId = await insertMember({
      regionId: region.regionId, rosterId: region.rosterId, personId: app.personId, applicationId: app.id, directionId: null, groupId: null,
      subjects: [], admittedOrderId: null, termEndsOn: null, public: false, snapshot: active.snapshot, state: active.state, machineVersion: active.machineVersion,
    })
    await db()`
      insert into audit_events (actor_user_id, region_id, entity, entity_id, action, reason)
      select ${coordinator.userId}, ${region.regionId}, 'member', ${memberId}, 'SUSPEND', 'событие ' || g from generate_series(1, 120) g`
    await db()`
      insert into audit_events (actor_user_id, region_id, entity, entity_id, action, reason)
      select ${coordinator.userId}, ${region.regionId}, 'application', ${app.id}, case when g % 2 = 0 then 'READ_PRIVATE' else 'VERIFY_FACT' end, 'событие ' || g
      from generate_series(1, 240) g`

    type M = Awaited<ReturnType<typeof memberLoader>>
    const memberEvents = await db()<{ id: number }[]>`select id::int from audit_events where entity = 'member' and entity_id = ${memberId} order by id`
    const seen: number[] = []
    let path: string | null = `/members/${memberId}`
    for (let guard = 0; path && guard < 6; guard++) {
      const d = (await get(memberLoader, coordinator, path, { id: String(memberId) })) as M
      expect(d.historyPager).toMatchObject({ from: seen.length + 1, total: memberEvents.length })
      expect(d.history.length).toBeLessThanOrEqual(50)
      seen.push(...d.history.map((h) => h.id))
      path = d.historyPager.next
    }
    expect(seen).toEqual(memberEvents.map((e) => e.id))

    type A = Awaited<ReturnType<typeof applicationLoader>>
    const shown = await db()<{ id: number }[]>`
      select id::int from audit_events where entity = 'application' and entity_id = ${app.id} and action <> 'READ_PRIVATE' order by id`
    const seenA: number[] = []
    path = `/applications/${app.id}`
    for (let guard = 0; path && guard < 6; guard++) {
      const d = (await get(applicationLoader, coordinator, path, { id: String(app.id) })) as A
      expect(d.timelinePager).toMatchObject({ from: seenA.length + 1, total: shown.length })
      seenA.push(...d.timeline.map((t) => t.id))
      path = d.timelinePager.next
    }
    expect(seenA).toEqual(shown.map((e) => e.id))
    expect(seenA.length).toBeGreaterThan(120)

    const html = await renderRoute(applicationRoute, `http://localhost/applications/${app.id}`, { Cookie: await cookieFor(coordinator) }, '/applications/:id')
    expect(html).toContain(`Показаны 1–50 из ${shown.length}`)
  })
})

describe("an account's history on /people/:id", () => {
  it('shows the newest 200 events and says so when there are more, instead of cutting the rest off unsaid', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const secretary = await region.actor('secretary')
    const { loader: personLoader } = await import('../app/routes/people.$id._index/route')
    type P = Awaited<ReturnType<typeof personLoader>>
    const add = (n: number) => db()`
      insert into audit_events (actor_user_id, region_id, entity, entity_id, action)
      select ${coordinator.userId}, ${region.regionId}, 'user', ${secretary.userId}, 'ACCOUNT_DISABLED' from generate_series(1, ${n})`
    await add(200)
    const few = (await get(personLoader, coordinator, `/people/${secretary.userId}`, { id: String(secretary.userId) })) as P
    const before = few.history.length
    expect(few.historyCut).toBe(before > 200)
    await add(5)
    const many = (await get(personLoader, coordinator, `/people/${secretary.userId}`, { id: String(secretary.userId) })) as P
    expect(many.history).toHaveLength(200)
    expect(many.historyCut).toBe(true)
    const html = await renderRoute(await import('../app/routes/people.$id._index/route'), `http://localhost/people/${secretary.userId}`, { Cookie: await cookieFor(coordinator) }, '/people/:id')
    expect(html).toContain('Показаны последние 200 событий')
  })
})
