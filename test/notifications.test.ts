import { describe, expect, it } from 'vitest'
import * as page from '../app/routes/my.notifications'
import * as dashboard from '../app/routes/dashboard'
import { enqueue } from '../db/queries/outbox.server'
import { db } from '../db/client.server'
import { makeRegion } from './fixtures'
import { replyOf } from './support/form'
import { renderRoute } from './render'
import { cookieFor, routeContext } from './support/session'

// /my/notifications (issue 11 §4.4): a person's notices, newest first, each
// marked read on its own or all at once; nobody can touch another's.

const get = (cookie: string, path = '/my/notifications') => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
const post = (cookie: string, fields: Record<string, string>) =>
  new Request('http://localhost/my/notifications', { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: cookie } })
const load = (cookie: string, path?: string) => page.loader({ request: get(cookie, path), params: {}, context: routeContext() })
const act = (cookie: string, fields: Record<string, string>) => page.action({ request: post(cookie, fields), params: {}, context: routeContext() })

async function personWithNotices(n: number) {
  const region = await makeRegion('chelyabinsk')
  const actor = await region.actor('secretary')
  await enqueue(
    Array.from({ length: n }, (_, i) => ({
      regionId: region.regionId,
      template: i % 2 ? 'screeningWaiting' : 'reviewWaiting',
      to: { userId: actor.userId, email: null, role: 'secretary' as const },
      entity: 'application',
      entityId: 1000 + i,
      payload: {},
    })),
  )
  return { region, actor, cookie: await cookieFor(actor) }
}

const unreadOf = async (userId: number) =>
  (await db()<{ count: number }[]>`select count(*)::int as count from outbox where recipient_user_id = ${userId} and read_at is null`)[0].count

describe('/my/notifications', () => {
  it('pages the person’s notices newest first, with links to the record and the unread count', async () => {
    const { cookie } = await personWithNotices(55)
    const first = await load(cookie)
    expect(first.unread).toBe(55)
    expect(first.page.total).toBe(55)
    expect(first.page.rows).toHaveLength(50)
    expect(first.page.rows[0].entityId).toBe(1054)
    expect(first.page.rows[0].href).toBe('/applications/1054')
    expect(first.next).toBeTruthy()
    const second = await load(cookie, first.next!)
    expect(second.page.rows.map((r) => r.entityId)).toEqual([1004, 1003, 1002, 1001, 1000])
    const html = await renderRoute(page, 'http://localhost/my/notifications', { Cookie: cookie })
    expect(html).toContain('Непрочитанных: 55.')
    expect(html).toContain('Кандидат ждёт рассмотрения комиссией')
    expect(html).toContain('Показаны 1–50 из 55')
    expect(html).not.toContain('reviewWaiting')
  })

  it('marks one notice read, then all, and the dashboard shows only unread ones', async () => {
    const { actor, cookie } = await personWithNotices(3)
    const [newest] = (await load(cookie)).page.rows
    const res = await act(cookie, { intent: 'one', id: String(newest.id) })
    expect(res).toBeInstanceOf(Response)
    expect((res as Response).status).toBe(302)
    expect(await unreadOf(actor.userId)).toBe(2)
    const dash = await dashboard.loader({ request: get(cookie, '/dashboard'), params: {}, context: routeContext() })
    expect(dash.notifications.count).toBe(2)
    expect(dash.notifications.rows.map((r) => r.id)).not.toContain(newest.id)
    await act(cookie, { intent: 'all' })
    expect(await unreadOf(actor.userId)).toBe(0)
    const html = await renderRoute(dashboard, 'http://localhost/dashboard', { Cookie: cookie })
    expect(html).toContain('Новых уведомлений нет.')
    expect(html).toContain('href="/my/notifications"')
  })

  it('cannot mark another person’s notice, and refuses a malformed id in Russian', async () => {
    const mine = await personWithNotices(1)
    const theirs = await personWithNotices(1)
    const [their] = (await load(theirs.cookie)).page.rows
    const refused = replyOf(await act(mine.cookie, { intent: 'one', id: String(their.id) }))
    expect([refused.status, refused.code, refused.message]).toEqual([404, 'NOTIFICATION_NOT_FOUND', 'Уведомление не найдено.'])
    expect(await unreadOf(theirs.actor.userId)).toBe(1)
    const reply = replyOf(await act(mine.cookie, { intent: 'one', id: 'x' }))
    expect(reply.status).toBe(400)
    expect(reply.fields.id).toBe('Уведомление не найдено.')
  })

  it('is for signed-in people only', async () => {
    await expect(page.loader({ request: new Request('http://localhost/my/notifications'), params: {}, context: routeContext() })).rejects.toMatchObject({ status: 302 })
  })
})
