import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailer } from '../app/mail/transport.server'
import { drainOnce } from '../app/mail/worker.server'
import { hashPassword } from '~/utils/password.server'
import * as outboxRoute from '../app/routes/outbox/route'
import { action as outboxAction, loader as outboxLoader } from '../app/routes/outbox/route'
import { db } from '../db/client.server'
import { enqueue } from '../db/queries/outbox.server'
import { grantRole, insertUser } from '../db/queries/users.server'
import { makeRegion } from './fixtures'
import { flashOf } from './staff-helpers'
import { replyOf } from './support/form'
import { renderRoute } from './render'
import { cookieFor, routeContext } from './support/session'

// The demo outbox page: region-scoped for the regional coordinator, every
// region for the admin, and the local .eml files readable when no SMTP_URL.

const dataDir = mkdtempSync(join(tmpdir(), 'rma-outbox-route-'))
const saved = { DATA_DIR: process.env.DATA_DIR, SMTP_URL: process.env.SMTP_URL }
beforeAll(() => {
  // env() is read lazily, so this is what the loader sees.
  process.env.DATA_DIR = dataDir
  delete process.env.SMTP_URL
})
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]
  else process.env[k] = v
})

const ctx = routeContext()

async function signedIn(scope: Parameters<typeof grantRole>[1]): Promise<string> {
  const login = `${scope.role}.${randomUUID()}@test.rma`
  const id = await insertUser({ login, passwordHash: await hashPassword('пароль-для-теста'), displayName: 'Тест' })
  await grantRole(id, scope)
  return cookieFor(id)
}

const get = (cookie: string | null, path = '/outbox') =>
  outboxLoader({ request: new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} }), params: {}, context: ctx }).catch((e) => e)

async function rows(regionId: number, n: number) {
  await enqueue(
    Array.from({ length: n }, (_, i) => ({
      regionId,
      template: 'applicationReceived',
      to: { userId: null, email: `r${i}.${randomUUID().slice(0, 6)}@test.rma`, role: 'applicant' as const },
      entity: 'test',
      entityId: i,
      payload: {},
    })),
  )
  return (await db()<{ id: number }[]>`select id::int from outbox where region_id = ${regionId} order by id`).map((r) => r.id)
}

describe('GET /outbox', () => {
  it('shows a regional coordinator the rows of their region only, failed ones separately', async () => {
    const a = await makeRegion()
    const b = await makeRegion()
    const mine = await rows(a.regionId, 3)
    const theirs = await rows(b.regionId, 2)
    await db()`update outbox set status = 'failed', failure = 'rejected', last_error = '550 No such user', attempts = 1 where id = ${mine[1]}`
    const cookie = await signedIn({ role: 'regionalCoordinator', regionId: a.regionId })
    const data = await get(cookie)
    const ids = data.recent.map((r: { id: number }) => r.id)
    expect(ids).toEqual(expect.arrayContaining(mine))
    for (const id of theirs) expect(ids).not.toContain(id)
    expect(data.failed.map((r: { id: number }) => r.id)).toEqual([mine[1]])
    expect(data.failed[0]).toMatchObject({ status: 'failed', failure: 'rejected', lastError: '550 No such user', attempts: 1 })
    expect(data.local).toBe(true)
    const html = await renderRoute(outboxRoute, 'http://localhost/outbox', { Cookie: cookie })
    expect(html).toContain('Отправка почты на сервере не настроена')
    expect(html).toContain('обратитесь к администратору системы')
    // the variable's name, not the protocol: «Отправлено по SMTP» may stand in the table (rows other tests sent through a real SMTP server)
    expect(html).not.toContain('SMTP_URL')
  })

  it('shows the admin every region', async () => {
    const a = await makeRegion()
    const b = await makeRegion()
    const ids = [...(await rows(a.regionId, 1)), ...(await rows(b.regionId, 1))]
    const cookie = await signedIn({ role: 'admin' })
    const data = await get(cookie)
    expect(data.recent.map((r: { id: number }) => r.id)).toEqual(expect.arrayContaining(ids))
    // the administrator is the one who sets mail up: told where, still without the variable's name
    const html = await renderRoute(outboxRoute, 'http://localhost/outbox', { Cookie: cookie })
    expect(html).toContain('Адрес почтового сервера задаётся при установке')
    // the variable's name, not the protocol: «Отправлено по SMTP» may stand in the table (rows other tests sent through a real SMTP server)
    expect(html).not.toContain('SMTP_URL')
  })

  it('pages both lists by 50 with their own cursors: every row exactly once, the failed total, a tampered cursor is the first page', async () => {
    const a = await makeRegion()
    const all = await rows(a.regionId, 120)
    const failedIds = all.filter((_, i) => i % 2 === 0)
    await db()`update outbox set status = 'failed', failure = 'rejected', attempts = 1 where id = any(${failedIds})`
    const cookie = await signedIn({ role: 'regionalCoordinator', regionId: a.regionId })
    const walk = async (list: 'recent' | 'failed') => {
      const seen: number[] = []
      let path: string | null = '/outbox'
      for (let guard = 0; path && guard < 10; guard++) {
        const data = await get(cookie, path)
        const pager = list === 'recent' ? data.recentPager : data.failedPager
        expect(pager.from).toBe(seen.length + 1)
        expect(pager.count).toBe(data[list].length)
        expect(data[list].length).toBeLessThanOrEqual(50)
        seen.push(...data[list].map((r: { id: number }) => r.id))
        if (list === 'failed') expect(pager.total).toBe(failedIds.length)
        else expect(pager.total).toBeNull()
        path = pager.next
      }
      return seen
    }
    const recent = await walk('recent')
    expect(recent).toEqual([...all].reverse())
    const failed = await walk('failed')
    expect(failed).toEqual([...failedIds].reverse())
    // paging one list leaves the other on its first page
    const second = await get(cookie, (await get(cookie)).failedPager.next)
    expect(second.failedPager.from).toBe(51)
    expect(second.recentPager.from).toBe(1)
    const tampered = await get(cookie, '/outbox?after=bm90LWEtY3Vyc29y&afterN=51')
    expect(tampered.recentPager.from).toBe(1)
    expect(tampered.recent[0].id).toBe(all.at(-1))
    const html = await renderRoute(outboxRoute, 'http://localhost/outbox?after=bm90LWEtY3Vyc29y&afterN=51', { Cookie: cookie })
    expect(html).toContain('Показаны 1–50 из 60')
    expect(html).toContain('Показаны 1–50')
  })

  it('refuses people without outbox:read, and sends strangers to sign in', async () => {
    const a = await makeRegion()
    const secretary = await get(await signedIn({ role: 'secretary', regionId: a.regionId, commissionId: a.commissionId }))
    expect(secretary).toBeInstanceOf(Response)
    expect(secretary.status).toBe(403)
    const anonymous = await get(null)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toBe('/login?redirectTo=%2Foutbox')
  })

  it('opens a locally written .eml of the region, and answers 404 for another region’s', async () => {
    const a = await makeRegion()
    const b = await makeRegion()
    const [id] = await rows(a.regionId, 1)
    await drainOnce({ ids: [id], mailer: createMailer({ dataDir }), from: 'Реестр <noreply@rma.test>', baseUrl: 'http://rma.test' })
    const data = await get(await signedIn({ role: 'regionalCoordinator', regionId: a.regionId }), `/outbox?eml=${id}`)
    expect(data.message.id).toBe(id)
    expect(data.message.view).toMatchObject({ subject: 'Заявление принято', from: 'Реестр <noreply@rma.test>' })
    expect(data.message.view.text).toContain('Здравствуйте!')
    expect(data.recent.find((r: { id: number }) => r.id === id)).toMatchObject({ status: 'sent', delivery: 'file' })

    const other = await get(await signedIn({ role: 'regionalCoordinator', regionId: b.regionId }), `/outbox?eml=${id}`)
    expect(other.status).toBe(404)
    const bad = await get(await signedIn({ role: 'regionalCoordinator', regionId: b.regionId }), '/outbox?eml=../../etc/passwd')
    expect(bad.status).toBe(400)
  })
})

describe('POST /outbox: sending a failed message again', () => {
  const post = (cookie: string, form: Record<string, string>) =>
    outboxAction({
      request: new Request('http://localhost/outbox', { method: 'POST', body: new URLSearchParams(form), headers: { Cookie: cookie } }),
      params: {},
      context: ctx,
    }).catch((e) => e) as Promise<Response | { data: { error: { code: string; message: string } }; init: { status: number } }>

  it('asks to accept a possible duplicate for an unknown outcome (a required checkbox, checked again by the server), then requeues and says so', async () => {
    const a = await makeRegion()
    const [unknown, rejected] = await rows(a.regionId, 2)
    await db()`update outbox set status = 'failed', failure = 'unknown', attempts = 1, message_id = '<outbox-test@rma.test>' where id = ${unknown}`
    await db()`update outbox set status = 'failed', failure = 'rejected', attempts = 1 where id = ${rejected}`
    const cookie = await signedIn({ role: 'regionalCoordinator', regionId: a.regionId })

    const html = await renderRoute(outboxRoute, 'http://localhost/outbox', { Cookie: cookie })
    const form = (id: number) => {
      const start = html.indexOf(`aria-label="Отправить письмо № ${id} снова"`)
      return html.slice(start, html.indexOf('</form>', start))
    }
    const checkbox = form(unknown).match(/<input [^>]*name="acceptDuplicate"[^>]*>/)?.[0] ?? ''
    expect(checkbox).toContain('type="checkbox"')
    expect(checkbox).toContain('required=""')
    expect(form(unknown)).toContain('Понимаю, что адресат может получить письмо дважды')
    expect(form(rejected)).not.toContain('acceptDuplicate')
    expect(form(rejected)).toContain('Отправить снова')

    const refused = await post(cookie, { id: String(unknown) })
    expect(refused).not.toBeInstanceOf(Response)
    const r = replyOf(refused)
    expect(r.status).toBe(400)
    expect(r.code).toBe('CONFIRM_DUPLICATE')
    expect(r.message).toContain('адресат может получить письмо дважды')

    const done = (await post(cookie, { id: String(unknown), acceptDuplicate: 'on' })) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/outbox')
    expect(await flashOf(done)).toEqual({ kind: 'success', text: `Письмо № ${unknown} снова поставлено в очередь на отправку.` })
    const after = await get(cookie, '/outbox')
    expect(after.recent.find((x: { id: number }) => x.id === unknown)).toMatchObject({ status: 'pending', failure: null })
    const [audit] = await db()`select action, from_state from audit_events where entity = 'outbox' and entity_id = ${unknown}`
    expect(audit).toEqual({ action: 'OUTBOX_RESEND', from_state: 'failed' })
  })

  it('refuses a role without the permission, another region and a malformed number', async () => {
    const a = await makeRegion()
    const b = await makeRegion()
    const [id] = await rows(a.regionId, 1)
    await db()`update outbox set status = 'failed', failure = 'rejected', attempts = 1 where id = ${id}`
    const secretary = replyOf(await post(await signedIn({ role: 'secretary', regionId: a.regionId, commissionId: a.commissionId }), { id: String(id) }))
    expect(secretary.status).toBe(403)
    const stranger = replyOf(await post(await signedIn({ role: 'regionalCoordinator', regionId: b.regionId }), { id: String(id) }))
    expect(stranger.status).toBe(404)
    const bad = replyOf(await post(await signedIn({ role: 'regionalCoordinator', regionId: a.regionId }), { id: '1; drop' }))
    expect(bad.status).toBe(400)
    const [row] = await db()`select status from outbox where id = ${id}`
    expect(row.status).toBe('failed')
  })
})
