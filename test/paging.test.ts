import { describe, expect, it } from 'vitest'
import * as commissionRoute from '../app/routes/commission/route'
import * as membersRoute from '../app/routes/members._index'
import * as dashboardRoute from '../app/routes/dashboard'
import * as meetingRoute from '../app/routes/meetings.$id/route'
import { renderRoute } from './render'
import { cookieFor } from './support/session'
import { loader as commissionLoader } from '../app/routes/commission/route'
import { action as meetingAction, loader as meetingLoader } from '../app/routes/meetings.$id/route'
import { loader as membersLoader } from '../app/routes/members._index'
import { loader as reviewsLoader } from '../app/routes/reviews/route'
import { commissionMemberByUser } from '../db/queries/commissions.server'
import { insertReviewAssignment } from '../db/queries/reviews.server'
import { db } from '../db/client.server'
import { insertItem, insertMeeting } from '../db/queries/meetings.server'
import { insertMember } from '../db/queries/members.server'
import { rowAfter } from '../workflows/snapshot'
import { encodeCursor, PAGE_SIZE } from '~/model/paging'
import { candidate, get, post, type Region } from './staff-helpers'
import { makeRegion } from './fixtures'

// Staff lists page by keyset (issue 14): walking the «Следующие» links lists
// every row exactly once, the total is right, and nothing is cut off silently.

const N = 120
// Few surnames, so many rows share a sort key and ties fall across page boundaries.
const surnames = ['Петрова', 'Сидорова', 'Ёлкина', 'Андреева']

async function candidates(region: Region, events: { type: string; [k: string]: unknown }[] = [{ type: 'SUBMIT' }]) {
  const made: { id: number; personId: number }[] = []
  for (let i = 0; i < N; i++) made.push(await candidate(region, surnames[i % surnames.length], events))
  return made
}

type Walk = { ids: number[]; totals: (number | null)[]; froms: number[] }

/** Follows the pager's next links from `path` to the last page. */
async function walk<D>(
  loader: Parameters<typeof get>[0],
  actor: Parameters<typeof get>[1],
  path: string,
  read: (d: D) => { ids: number[]; total: number | null; from: number; next: string | null },
  params: Record<string, string> = {},
): Promise<Walk> {
  const out: Walk = { ids: [], totals: [], froms: [] }
  let next: string | null = path
  for (let guard = 0; next && guard < 20; guard++) {
    const d = (await get(loader, actor, next, params)) as D
    const page = read(d)
    out.ids.push(...page.ids)
    out.totals.push(page.total)
    out.froms.push(page.from)
    next = page.next
  }
  return out
}

const sorted = (xs: number[]) => xs.slice().sort((a, b) => a - b)

describe('the secretary’s queue on /commission', () => {
  it('pages every waiting candidate exactly once with «из T», searches by name in the database, and reads a tampered cursor as the first page', async () => {
    const region = await makeRegion()
    const secretary = await region.actor('secretary')
    const made = await candidates(region)
    // Half the queue changed at one instant: the id alone orders them.
    await db()`update applications set updated_at = '2025-03-01T10:00:00Z' where id = any(${made.filter((_, i) => i % 2 === 0).map((a) => a.id)})`

    type D = Awaited<ReturnType<typeof commissionLoader>>
    const read = (d: D) => ({ ids: d.queue.map((a) => a.id), total: d.queueTotal, from: d.queueFrom, next: d.queueNext })
    const all = await walk<D>(commissionLoader, secretary, `/commission?commission=${region.commissionId}`, read)
    expect(all.ids).toHaveLength(N)
    expect(sorted(all.ids)).toEqual(sorted(made.map((a) => a.id)))
    expect(all.totals).toEqual([N, N, N])
    expect(all.froms).toEqual([1, PAGE_SIZE + 1, 2 * PAGE_SIZE + 1])

    // «ёлкина» finds «Ёлкина»: the search runs in SQL over the whole queue, not over a page.
    const found = await walk<D>(commissionLoader, secretary, `/commission?commission=${region.commissionId}&q=${encodeURIComponent('ёлкина')}`, read)
    expect(found.totals[0]).toBe(N / surnames.length)
    expect(sorted(found.ids)).toEqual(sorted(made.filter((_, i) => i % surnames.length === 2).map((a) => a.id)))

    // The page says where the reader is, and links on with the queue's own cursor.
    const html = await renderRoute(commissionRoute, `http://localhost/commission?commission=${region.commissionId}`, { Cookie: await cookieFor(secretary) })
    expect(html).toContain('Показаны 1–50 из 120')
    expect(html).toMatch(/href="\/commission\?commission=\d+&amp;queueAfter=[\w-]+&amp;queueAfterN=51"/)

    for (const bad of ['garbage', encodeCursor({ key: 'x', id: 1 }).slice(0, -2), Buffer.from('{"a":1}').toString('base64url')]) {
      const d = (await get(commissionLoader, secretary, `/commission?commission=${region.commissionId}&queueAfter=${bad}&queueAfterN=51`)) as D
      expect(d.queueFrom).toBe(1)
      expect(d.queue.map((a) => a.id)).toEqual(all.ids.slice(0, PAGE_SIZE))
    }
  }, 120_000)

  it('pages the review board by id with its total, each candidate in review exactly once', async () => {
    const region = await makeRegion()
    const secretary = await region.actor('secretary')
    const made = await candidates(region, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }])
    type D = Awaited<ReturnType<typeof commissionLoader>>
    const read = (d: D) => ({ ids: d.board.map((a) => a.id), total: d.boardPager.total, from: d.boardPager.from, next: d.boardPager.next })
    const all = await walk<D>(commissionLoader, secretary, `/commission?commission=${region.commissionId}`, read)
    expect(all.ids).toEqual(sorted(made.map((a) => a.id)))
    expect(all.totals).toEqual([N, N, N])
    expect(all.froms).toEqual([1, PAGE_SIZE + 1, 2 * PAGE_SIZE + 1])
    // The queue of the same page is empty and says so by having no rows, not by a cut.
    const first = (await get(commissionLoader, secretary, `/commission?commission=${region.commissionId}`)) as D
    expect(first.queueTotal).toBe(0)
  }, 120_000)
})

describe('/meetings/:id', () => {
  it('offers every candidate in review not yet on the agenda exactly once, page by page in name order, with the total and a name search', async () => {
    const region = await makeRegion()
    const secretary = await region.actor('secretary')
    const made = await candidates(region, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }])
    const meetingId = await insertMeeting({ commissionId: region.commissionId, heldAt: new Date('2026-06-10T08:30:00Z'), place: 'г. Томск', agenda: 'Кандидатуры', createdBy: secretary.userId })
    const onAgenda = made.slice(0, 7).map((a) => a.id)
    for (const id of onAgenda) await insertItem(meetingId, id)
    const params = { id: String(meetingId) }

    type D = Awaited<ReturnType<typeof meetingLoader>>
    const read = (d: D) => ({ ids: d.candidates.map((a) => a.id), total: d.candidatePager.total, from: d.candidatePager.from, next: d.candidatePager.next })
    const all = await walk<D>(meetingLoader, secretary, `/meetings/${meetingId}`, read, params)
    const rest = made.slice(7).map((a) => a.id)
    expect(all.ids).toHaveLength(rest.length)
    expect(sorted(all.ids)).toEqual(sorted(rest))
    expect(all.totals).toEqual([N - 7, N - 7, N - 7])
    const first = (await get(meetingLoader, secretary, `/meetings/${meetingId}`, params)) as D
    expect(first.candidates[0].fullName.startsWith('Андреева')).toBe(true)

    const found = await walk<D>(meetingLoader, secretary, `/meetings/${meetingId}?q=${encodeURIComponent('Сидорова')}`, read, params)
    expect(sorted(found.ids)).toEqual(sorted(made.filter((a, i) => i % surnames.length === 1 && !onAgenda.includes(a.id)).map((a) => a.id)))
    expect(found.totals[0]).toBe(found.ids.length)

    const tampered = (await get(meetingLoader, secretary, `/meetings/${meetingId}?candAfter=${encodeCursor({ key: 'z', id: 1 })}x&candAfterN=51`, params)) as D
    expect(tampered.candidatePager.from).toBe(1)
  }, 120_000)

  it('pages the agenda itself: every candidate on it exactly once in agenda order, numbered on, «N–M из T», and a vote sent from a page comes back to it', async () => {
    // A commission puts a thousand candidates on one meeting at a large region's scale: the page
    // was 2.5 MB and 1.9 s with 1,787 of them, each with its vote form, all on one page.
    const region = await makeRegion()
    const secretary = await region.actor('secretary')
    const made = await candidates(region, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }])
    const meetingId = await insertMeeting({ commissionId: region.commissionId, heldAt: new Date('2026-06-10T08:30:00Z'), place: 'г. Томск', agenda: 'Кандидатуры', createdBy: secretary.userId })
    const order = made.map((a) => a.id).reverse()
    for (const id of order) await insertItem(meetingId, id)
    const params = { id: String(meetingId) }

    type D = Awaited<ReturnType<typeof meetingLoader>>
    const read = (d: D) => ({ ids: d.items.map((i) => i.applicationId), total: d.itemPager.total, from: d.itemPager.from, next: d.itemPager.next })
    const all = await walk<D>(meetingLoader, secretary, `/meetings/${meetingId}`, read, params)
    expect(all.ids).toEqual(order)
    expect(all.totals).toEqual([N, N, N])
    expect(all.froms).toEqual([1, PAGE_SIZE + 1, 2 * PAGE_SIZE + 1])
    const first = (await get(meetingLoader, secretary, `/meetings/${meetingId}`, params)) as D
    expect(first.items).toHaveLength(PAGE_SIZE)
    // closing counts the whole agenda, not the page
    expect(first.itemsInReview).toBe(N)

    const second = first.itemPager.next!
    expect(second).toMatch(new RegExp(`^/meetings/${meetingId}\\?itemAfter=.+&itemAfterN=51$`))
    const html = await renderRoute(meetingRoute, `http://localhost${second}`, { Cookie: await cookieFor(secretary) }, '/meetings/:id')
    expect(html).toContain(`Показаны 51–100 из ${N}`)
    expect(html).toMatch(/>51(<!-- -->)?\. /)

    // A cursor of another list (a name) or a broken one is the first page, not an error.
    for (const bad of [encodeCursor({ key: 'Петрова', id: 1 }), 'AAAA', `${encodeCursor({ key: 3, id: 1 })}x`]) {
      const d = (await get(meetingLoader, secretary, `/meetings/${meetingId}?itemAfter=${bad}&itemAfterN=51`, params)) as D
      expect(d.itemPager.from).toBe(1)
      expect(d.items[0].applicationId).toBe(order[0])
    }

    // Taking the 60th candidate off the agenda from the second page returns to the second page.
    const res = await post(meetingAction, secretary, second, { intent: 'removeItem', applicationId: order[59] }, params)
    expect(res instanceof Response && res.status).toBe(302)
    expect((res as Response).headers.get('Location')).toBe(second)
  }, 180_000)
})

describe('/reviews', () => {
  it('pages a member’s assignments, the ones still to review first, each exactly once, with the progress over all of them', async () => {
    const region = await makeRegion()
    const secretary = await region.actor('secretary')
    const member = await region.actor('commissionMember')
    const me = (await commissionMemberByUser(region.commissionId, member.userId))!.id
    const made = await candidates(region, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }])
    for (const a of made) await insertReviewAssignment({ applicationId: a.id, commissionMemberId: me, assignedBy: secretary.userId })
    // Assigned at one instant (ties on the time), and every third one already written.
    const written = made.filter((_, i) => i % 3 === 0).map((a) => a.id)
    await db()`update reviews set assigned_at = '2026-05-01T09:00:00Z' where commission_member_id = ${me}`
    await db()`update reviews set submitted_at = now(), recommendation = 'recommend' where commission_member_id = ${me} and application_id = any(${written})`

    type D = Awaited<ReturnType<typeof reviewsLoader>>
    const read = (d: D) => ({ ids: d.assignments.map((a) => a.applicationId), total: d.assignmentPager.total, from: d.assignmentPager.from, next: d.assignmentPager.next })
    const all = await walk<D>(reviewsLoader, member, `/reviews?commission=${region.commissionId}`, read)
    expect(all.ids).toHaveLength(N)
    expect(sorted(all.ids)).toEqual(sorted(made.map((a) => a.id)))
    expect(all.totals).toEqual([N, N, N])
    // Those still to review come first, all of them before any written one.
    expect(sorted(all.ids.slice(N - written.length))).toEqual(sorted(written))
    const first = (await get(reviewsLoader, member, `/reviews?commission=${region.commissionId}`)) as D
    expect(first.progress).toEqual({ done: written.length, total: N })

    const tampered = (await get(reviewsLoader, member, `/reviews?commission=${region.commissionId}&reviewAfter=bm9wZQ&reviewAfterN=51`)) as D
    expect(tampered.assignmentPager.from).toBe(1)
    expect(tampered.assignments.map((a) => a.applicationId)).toEqual(all.ids.slice(0, PAGE_SIZE))

    // The people one can declare a conflict on: a list of its own (its own cursor), each person once, searched in SQL.
    const readConflict = (d: D) => ({ ids: d.conflictCandidates.map((c) => c.id), total: d.conflictPager.total, from: d.conflictPager.from, next: d.conflictPager.next })
    const people = await walk<D>(reviewsLoader, member, `/reviews?commission=${region.commissionId}`, readConflict)
    expect(sorted(people.ids)).toEqual(sorted(made.map((a) => a.id)))
    expect(people.totals).toEqual([N, N, N])
    const found = await walk<D>(reviewsLoader, member, `/reviews?commission=${region.commissionId}&q=${encodeURIComponent('андреева')}`, readConflict)
    expect(sorted(found.ids)).toEqual(sorted(made.filter((_, i) => i % surnames.length === 3).map((a) => a.id)))
    expect(found.totals[0]).toBe(N / surnames.length)
  }, 120_000)
})

describe('/members', () => {
  it('pages the region’s members by keyset in name order with the total, each exactly once, and a tampered cursor is the first page', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const made = await candidates(region)
    const active = rowAfter('member', [])
    const ids: number[] = []
    for (const c of made) {
      ids.push(
        await insertMember({
          regionId: region.regionId,
          rosterId: region.rosterId,
          personId: c.personId,
          applicationId: c.id,
          directionId: null,
          groupId: null,
          subjects: [],
          admittedOrderId: null,
          termEndsOn: null,
          public: false,
          snapshot: active.snapshot,
          state: active.state,
          machineVersion: active.machineVersion,
        }),
      )
    }

    type D = Awaited<ReturnType<typeof membersLoader>>
    const read = (d: D) => ({ ids: d.members.map((m) => m.id), total: d.total, from: d.from, next: d.next })
    const all = await walk<D>(membersLoader, coordinator, `/members?region=${region.regionId}`, read)
    expect(sorted(all.ids)).toEqual(sorted(ids))
    expect(all.ids).toHaveLength(N)
    expect(all.totals).toEqual([N, N, N])
    expect(all.froms).toEqual([1, PAGE_SIZE + 1, 2 * PAGE_SIZE + 1])
    // Russian order, ё as е: Андреева, Ёлкина, Петрова, Сидорова.
    const first = (await get(membersLoader, coordinator, `/members?region=${region.regionId}`)) as D
    expect(first.members[0].fullName.startsWith('Андреева')).toBe(true)
    expect(first.members.at(-1)!.fullName.startsWith('Ёлкина')).toBe(true)

    const found = await walk<D>(membersLoader, coordinator, `/members?region=${region.regionId}&q=${encodeURIComponent('петрова')}`, read)
    expect(found.totals[0]).toBe(N / surnames.length)
    expect(found.ids).toHaveLength(N / surnames.length)

    const html = await renderRoute(membersRoute, `http://localhost${first.next}`, { Cookie: await cookieFor(coordinator) })
    expect(html).toContain('Показаны 51–100 из 120')
    expect(html).toContain('← В начало списка')

    const tampered = (await get(membersLoader, coordinator, `/members?region=${region.regionId}&after=%%%&afterN=101`)) as D
    expect(tampered.from).toBe(1)
    expect(tampered.members.map((m) => m.id)).toEqual(first.members.map((m) => m.id))
  }, 120_000)
})

describe('the dashboard of a commission member', () => {
  it('lists the oldest waiting reviews and says how many wait in all, pointing to the whole list', async () => {
    const region = await makeRegion()
    const secretary = await region.actor('secretary')
    const member = await region.actor('commissionMember')
    const me = (await commissionMemberByUser(region.commissionId, member.userId))!.id
    const made: { id: number }[] = []
    for (let i = 0; i < 13; i++) made.push(await candidate(region, surnames[i % surnames.length], [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }]))
    for (const a of made) await insertReviewAssignment({ applicationId: a.id, commissionMemberId: me, assignedBy: secretary.userId })
    const html = await renderRoute(dashboardRoute, 'http://localhost/dashboard', { Cookie: await cookieFor(member) })
    expect(html).toContain('Показаны первые 10 из 13')
    expect(html).toContain('href="/reviews"')
  }, 60_000)
})
