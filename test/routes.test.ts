import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashPassword } from '~/utils/password.server'
import { action as loginAction } from '../app/routes/login'
import { loader as dashboardLoader } from '../app/routes/dashboard'
import { loader as healthLoader } from '../app/routes/healthz'
import { action as logoutAction } from '../app/routes/logout'
import { loader as exportLoader } from '../app/routes/exports.$kind[.]csv'
import { requireReadableApplication } from '../app/domain/application-view.server'
import { db } from '../db/client.server'
import { grantRole, insertUser } from '../db/queries/users.server'
import { makeApplication, makeRegion } from './fixtures'
import { cookieFor, routeContext } from './support/session'
import { replyOf } from './support/form'

// Route modules called the way Remix calls them: a Request in, a Response out.

const ctx = routeContext

async function login(loginName: string, password: string, address = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
  const body = new URLSearchParams({ login: loginName, password, redirectTo: '/dashboard' })
  const request = new Request('http://localhost/login', { method: 'POST', body })
  const result = await loginAction({ request, params: {}, context: ctx(address) }).catch((e) => e)
  return result as unknown
}

const isResponse = (x: unknown): x is Response => x instanceof Response

async function makeUser(role: Parameters<typeof grantRole>[1]['role'], scope: Parameters<typeof grantRole>[1] = { role }) {
  const loginName = `${role}.${randomUUID()}@test.rma`
  const id = await insertUser({ login: loginName, passwordHash: await hashPassword('верный-пароль'), displayName: 'Тестовый Пользователь' })
  await grantRole(id, scope)
  return { id, login: loginName }
}

describe('GET /healthz', () => {
  it('answers 200 when the database answers', async () => {
    const res = await healthLoader()
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' })
  })

  it('answers 200 «busy» at once while its probe waits behind other queries, instead of waiting its turn', async () => {
    // A quiet database says ok (on a loaded machine a first probe may still take over its 10 ms: asked again).
    let quiet: unknown
    for (let i = 0; i < 50 && (quiet as { database?: string } | undefined)?.database !== 'ok'; i++) quiet = await (await healthLoader()).json()
    expect(quiet).toEqual({ status: 'ok', database: 'ok' })
    // more sleeping queries than any pool has connections: the probe's query waits in line
    let freed = false
    const line = Promise.all(Array.from({ length: 12 }, () => db()`select pg_sleep(0.5)`.then(() => (freed = true))))
    const res = await healthLoader()
    // answered while the line still held every connection, not once a connection came free
    expect(freed).toBe(false)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', database: 'busy' })
    await line
  })
})

describe('sign-in', () => {
  it('signs in with an httpOnly, sameSite=lax session cookie and redirects only within the site', async () => {
    const u = await makeUser('admin')
    const res = await login(u.login, 'верный-пароль')
    expect(isResponse(res)).toBe(true)
    const r = res as Response
    expect(r.status).toBe(302)
    expect(r.headers.get('Location')).toBe('/dashboard')
    const cookie = r.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/__rma_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const [{ n }] = await db()`select count(*)::int as n from sessions where user_id = ${u.id}`
    expect(n).toBe(1)
  })

  it('never redirects off-site after sign-in', async () => {
    const u = await makeUser('admin')
    const body = new URLSearchParams({ login: u.login, password: 'верный-пароль', redirectTo: '//evil.example/x' })
    const res = (await loginAction({ request: new Request('http://localhost/login', { method: 'POST', body }), params: {}, context: ctx() })) as Response
    expect(res.headers.get('Location')).toBe('/dashboard')
  })

  it('rejects a wrong password with a Russian message and no cookie', async () => {
    const u = await makeUser('admin')
    const res = await login(u.login, 'неверный')
    expect(isResponse(res)).toBe(false)
    const d = replyOf(res)
    expect(d).toMatchObject({ status: 401, code: 'BAD_CREDENTIALS', message: 'Неверный логин или пароль.', fields: {} })
    // the password is never sent back to the page
    expect(JSON.stringify(d.values)).not.toContain('неверный')
  })

  it('validates the form with the shared schema', async () => {
    const res = replyOf(await login('', ''))
    expect(res.status).toBe(400)
    expect(res.code).toBe('INVALID_FORM')
    expect(res.fields.login).toBe('Введите логин (адрес электронной почты)')
    expect(res.fields.password).toBe('Введите пароль')
  })

  const postLogin = (body: BodyInit) =>
    loginAction({ request: new Request('http://localhost/login', { method: 'POST', body }), params: {}, context: ctx(`10.9.${Math.floor(Math.random() * 250)}.1`) }).catch((e) => e) as Promise<unknown>

  it('conform’s reserved fields → 400 with a Russian message, not a 500', async () => {
    for (const body of ['login=a&password=b&__intent__=x', 'login=a&password=b&__state__={bad']) {
      const res = await postLogin(new URLSearchParams(body.split('&').map((p) => p.split('=') as [string, string])))
      expect(isResponse(res), body).toBe(true)
      expect((res as Response).status, body).toBe(400)
      expect(await (res as Response).text()).toContain('Данные формы повреждены')
    }
  })

  it('a form of more entries than any page sends is refused before conform parses it; a large real one is not', async () => {
    const many = new FormData()
    for (let i = 0; i < 40_000; i++) many.append('zzz', 'a')
    const res = (await postLogin(many)) as Response
    expect(res.status).toBe(413)
    expect(res.headers.get('X-Error-Code')).toBe('TOO_MANY_FIELDS')
    expect(await res.text()).toContain('слишком много полей')
    const spread = new FormData()
    for (let i = 0; i < 5_001; i++) spread.append(`f${i}`, 'a')
    expect(((await postLogin(spread)) as Response).status).toBe(413)
    // a thousand ticked boxes of one list (the ministry's choice at its schema's limit) is a form
    const ticked = new URLSearchParams({ login: '', password: '' })
    for (let i = 0; i < 1_000; i++) ticked.append('ids', String(i + 1))
    expect(replyOf(await postLogin(ticked))).toMatchObject({ status: 400, code: 'INVALID_FORM' })
  })

  it('U+0000 in a field is that field’s error, with the character taken out of the typed value', async () => {
    const res = replyOf(await postLogin(new URLSearchParams({ login: 'a\u0000b@demo.rma', password: 'x' })))
    expect(res.status).toBe(400)
    expect(res.fields.login).toContain('недопустимый символ')
    expect(res.values).toMatchObject({ login: 'ab@demo.rma' })
  })

  it('is rate-limited per login and address: after 5 failures even the right password is refused there, not elsewhere', async () => {
    const u = await makeUser('admin')
    const address = `192.0.2.${Math.floor(Math.random() * 250)}`
    for (let i = 0; i < 5; i++) await login(u.login, `wrong-${i}`, address)
    const res = replyOf(await login(u.login, 'верный-пароль', address))
    expect(res.status).toBe(429)
    expect(res.code).toBe('RATE_LIMITED')
    expect(res.message).toContain('Слишком много попыток входа')
    expect(isResponse(await login(u.login, 'верный-пароль'))).toBe(true)
  })

  // why the timeout: 30 real scrypt checks, slow on a loaded machine
  it('is rate-limited per client address across logins', { timeout: 120_000 }, async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}`
    await Promise.all(Array.from({ length: 30 }, (_, i) => login(`nobody${i}.${randomUUID()}@test.rma`, 'x', address)))
    const u = await makeUser('admin')
    const res = (await login(u.login, 'верный-пароль', address)) as { data: { code: string } }
    expect(res.data.code).toBe('RATE_LIMITED')
  })
})

async function signedInCookie(loginName: string) {
  const res = (await login(loginName, 'верный-пароль')) as Response
  return res.headers.get('Set-Cookie')!.split(';')[0]
}

describe('dashboard', () => {
  it('sends a visitor without a session to sign-in, keeping where they were going', async () => {
    const res = await dashboardLoader({ request: new Request('http://localhost/dashboard'), params: {}, context: ctx() }).catch((e) => e)
    expect(res).toBeInstanceOf(Response)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Fdashboard')
  })

  it('shows each role what waits for it, within its own scope only', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const applicant = await region.actor('applicant')
    const otherApplicant = await other.actor('applicant')
    const mine = await makeApplication(region, applicant)
    await makeApplication(other, otherApplicant)
    const [{ login: ministryLogin }] = await db()`select login from users where id = ${(await region.actor('ministryOfficer')).userId}`
    const sec = await makeUser('secretary', { role: 'secretary', regionId: region.regionId, commissionId: region.commissionId })
    await db()`update users set password_hash = ${await hashPassword('верный-пароль')} where login = ${ministryLogin}`

    const secCookie = await signedInCookie(sec.login)
    const request = new Request('http://localhost/dashboard', { headers: { Cookie: secCookie } })
    const data = (await dashboardLoader({ request, params: {}, context: ctx() })) as Awaited<ReturnType<typeof dashboardLoader>>
    expect(data.sections.map((s) => s.title)).toEqual(['Ждут проверки и решений секретаря', 'На рассмотрении комиссии'])
    expect(data.sections[0].items).toEqual([]) // the draft is not submitted yet; the other region's is not theirs

    await db()`update applications set state = 'screening' where id = ${mine}`
    const again = (await dashboardLoader({ request, params: {}, context: ctx() })) as Awaited<ReturnType<typeof dashboardLoader>>
    expect(again.sections[0].items.map((i) => (i as { id: number }).id)).toEqual([mine])

    const minCookie = await signedInCookie(ministryLogin)
    const ministry = (await dashboardLoader({ request: new Request('http://localhost/dashboard', { headers: { Cookie: minCookie } }), params: {}, context: ctx() })) as Awaited<ReturnType<typeof dashboardLoader>>
    expect(ministry.sections.map((s) => s.title)).toEqual(['Ждут согласования'])
  })

  it('a teacher’s unsubmitted draft is theirs alone: not in the municipality’s candidates nor in any staff export', async () => {
    const region = await makeRegion()
    await makeApplication(region, await region.actor('applicant')) // a draft
    const submitted = await makeApplication(region, await region.actor('applicant'))
    await db()`update applications set state = 'screening' where id = ${submitted}`
    const municipal = await region.actor('municipalCoordinator')
    const request = new Request('http://localhost/dashboard', { headers: { Cookie: await cookieFor(municipal) } })
    const data = (await dashboardLoader({ request, params: {}, context: ctx() })) as Awaited<ReturnType<typeof dashboardLoader>>
    const candidates = data.sections.find((s) => s.title === 'Кандидаты муниципалитета')!
    expect(candidates.items.map((i) => (i as { id: number }).id)).toEqual([submitted])
    for (const role of ['municipalCoordinator', 'secretary', 'regionalCoordinator'] as const) {
      const cookie = await cookieFor(role === 'municipalCoordinator' ? municipal : await region.actor(role))
      const res = (await exportLoader({ request: new Request('http://localhost/exports/applications.csv', { headers: { Cookie: cookie } }), params: { kind: 'applications' }, context: ctx() })) as Response
      const ids = (await res.text()).split('\r\n').slice(1).filter(Boolean).map((line) => Number(line.split(';')[0]))
      expect(ids, role).toEqual([submitted])
    }
  })

  it('a nomination’s draft is its municipality’s, even one the operator loaded with `rma import` (nobody named as nominating)', async () => {
    const region = await makeRegion()
    const loaded = await makeApplication(region, await region.actor('applicant'))
    await db()`update applications set source = 'municipality', applicant_user_id = null, nominated_by = null where id = ${loaded}`
    const municipal = await region.actor('municipalCoordinator')
    const request = new Request('http://localhost/dashboard', { headers: { Cookie: await cookieFor(municipal) } })
    const data = (await dashboardLoader({ request, params: {}, context: ctx() })) as Awaited<ReturnType<typeof dashboardLoader>>
    const candidates = data.sections.find((s) => s.title === 'Кандидаты муниципалитета')!
    expect(candidates.items.map((i) => (i as { id: number }).id)).toEqual([loaded])
    await expect(requireReadableApplication(municipal, loaded)).resolves.toBeUndefined()
    const secretary = await region.actor('secretary')
    await expect(requireReadableApplication(secretary, loaded)).rejects.toThrow()
    // The exports agree with the page: the municipality's list has it, the commission's not yet.
    for (const [actor, expected] of [[municipal, [loaded]], [secretary, []]] as const) {
      const res = (await exportLoader({ request: new Request('http://localhost/exports/applications.csv', { headers: { Cookie: await cookieFor(actor) } }), params: { kind: 'applications' }, context: ctx() })) as Response
      expect((await res.text()).split('\r\n').slice(1).filter(Boolean).map((line) => Number(line.split(';')[0]))).toEqual(expected)
    }
  })

  it('sign-out deletes the session so the old cookie no longer works', async () => {
    const u = await makeUser('admin')
    const cookie = await signedInCookie(u.login)
    const out = await logoutAction({ request: new Request('http://localhost/logout', { method: 'POST', headers: { Cookie: cookie } }), params: {}, context: ctx() })
    expect(out.status).toBe(302)
    const res = await dashboardLoader({ request: new Request('http://localhost/dashboard', { headers: { Cookie: cookie } }), params: {}, context: ctx() }).catch((e) => e)
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toMatch(/^\/login/)
  })
})
