import { describe, expect, it } from 'vitest'
import { getSignedIn } from '~/http/session.server'
import * as page from '../app/routes/my.sessions'
import { db } from '../db/client.server'
import { makeRegion } from './fixtures'
import { replyOf } from './support/form'
import { formatDateTime } from '~/model/labels'
import { renderRoute } from './render'
import { cookieFor, routeContext } from './support/session'

// /my/sessions (issue 11): a person's own sessions with the browser and the
// times in their region's zone; end one, or sign out everywhere.

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'
const PHONE = 'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36'

const get = (cookie: string, ua?: string) => new Request('http://localhost/my/sessions', { headers: { Cookie: cookie, ...(ua ? { 'User-Agent': ua } : {}) } })
const post = (cookie: string, fields: Record<string, string>) =>
  new Request('http://localhost/my/sessions', { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: cookie } })
const load = (cookie: string, ua?: string) => page.loader({ request: get(cookie, ua), params: {}, context: routeContext() })
const act = (cookie: string, fields: Record<string, string>) => page.action({ request: post(cookie, fields), params: {}, context: routeContext() })
const signedIn = (cookie: string) => getSignedIn(new Request('http://localhost/', { headers: { Cookie: cookie } }))

async function personWithTwoDevices() {
  const region = await makeRegion('khabarovsk')
  const actor = await region.actor('secretary')
  const office = await cookieFor(actor)
  const phone = await cookieFor(actor)
  // the first request of each session records its browser
  await load(office, FIREFOX)
  await load(phone, PHONE)
  return { region, actor, office, phone }
}

describe('/my/sessions', () => {
  it('lists only the person’s own live sessions, this one marked, with the browser and times in the region’s zone', async () => {
    const { office, phone } = await personWithTwoDevices()
    const other = await personWithTwoDevices()
    const mine = await load(office)
    expect(mine.timeZone).toBe('Asia/Vladivostok')
    expect(mine.sessions).toHaveLength(2)
    expect(mine.sessions.map((s) => [s.device, s.current]).sort()).toEqual([
      ['Chrome, Android', false],
      ['Firefox, Windows', true],
    ])
    expect(mine.sessions.map((s) => s.ref)).not.toContain((await load(other.office)).sessions[0].ref)
    // the ids (the cookies' secrets) never reach the page's data
    const ids = await db()<{ id: string }[]>`select id from sessions where ref = any(${mine.sessions.map((s) => s.ref)})`
    for (const { id } of ids) expect(JSON.stringify(mine)).not.toContain(id)
    expect(formatDateTime(mine.sessions[0].lastSeenAt, mine.timeZone)).toMatch(/\(UTC\+10\)$/)
    const html = await renderRoute(page, 'http://localhost/my/sessions', { Cookie: office })
    for (const { id } of ids) expect(html).not.toContain(id)
    expect(html).toContain('(UTC+10)')
    expect(html).toContain('Firefox, Windows')
    expect(html).toContain('Этот сеанс')
    expect(html).toContain('Выйти на всех устройствах')
    expect(await signedIn(phone)).not.toBeNull()
  })

  it('marks a session seen again only after a few minutes', async () => {
    const { office } = await personWithTwoDevices()
    const ref = (await load(office)).sessions.find((s) => s.current)!.ref
    await db()`update sessions set last_seen_at = now() - interval '1 hour' where ref = ${ref}`
    await load(office)
    const [{ minutes }] = await db()<{ minutes: number }[]>`select extract(epoch from now() - last_seen_at)::float8 / 60 as minutes from sessions where ref = ${ref}`
    expect(minutes).toBeLessThan(1)
  })

  it('ends another device’s session and stays signed in here', async () => {
    const { office, phone } = await personWithTwoDevices()
    const target = (await load(office)).sessions.find((s) => !s.current)!
    const res = (await act(office, { intent: 'one', ref: String(target.ref) })) as Response
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/my/sessions')
    expect(await signedIn(phone)).toBeNull()
    expect(await signedIn(office)).not.toBeNull()
    // again: it is gone
    expect(replyOf(await act(office, { intent: 'one', ref: String(target.ref) }))).toMatchObject({ status: 404, code: 'NO_SESSION' })
  })

  it('cannot end someone else’s session', async () => {
    const me = await personWithTwoDevices()
    const them = await personWithTwoDevices()
    const theirs = (await load(them.office)).sessions[0].ref
    expect(replyOf(await act(me.office, { intent: 'one', ref: String(theirs) }))).toMatchObject({ status: 404, code: 'NO_SESSION' })
    expect(await signedIn(them.office)).not.toBeNull()
    expect(replyOf(await act(me.office, { intent: 'one', ref: 'abc' }))).toMatchObject({ status: 400, code: 'INVALID_FORM' })
  })

  it('ending this session signs out; «выйти на всех устройствах» ends every one', async () => {
    const a = await personWithTwoDevices()
    const own = (await load(a.office)).sessions.find((s) => s.current)!
    const out = (await act(a.office, { intent: 'one', ref: String(own.ref) })) as Response
    expect(out.headers.get('Location')).toBe('/login')
    expect(await signedIn(a.office)).toBeNull()
    expect(await signedIn(a.phone)).not.toBeNull()

    const b = await personWithTwoDevices()
    const res = (await act(b.office, { intent: 'everywhere' })) as Response
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login')
    expect(await signedIn(b.office)).toBeNull()
    expect(await signedIn(b.phone)).toBeNull()
    const audit = await db()<{ action: string }[]>`select action from audit_events where entity = 'user' and entity_id = ${b.actor.userId}`
    expect(audit.map((x) => x.action)).toContain('SIGNED_OUT_EVERYWHERE')
  })

  it('asks a visitor who is not signed in to sign in', async () => {
    const res = await page.loader({ request: new Request('http://localhost/my/sessions'), params: {}, context: routeContext() }).catch((e) => e)
    expect((res as Response).headers.get('Location')).toBe('/login?redirectTo=%2Fmy%2Fsessions')
  })
})
