import { createHash, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FORGOT_ANSWER_MS, resetLinkUsable } from '~/domain/account-links.server'
import { getSignedIn } from '~/http/session.server'
import { THROTTLE } from '~/model/throttle'
import { hashPassword } from '~/utils/password.server'
import { action as forgotAction } from '../app/routes/forgot'
import { action as loginAction } from '../app/routes/login'
import { action as resetAction, loader as resetLoader } from '../app/routes/reset.$token'
import { db } from '../db/client.server'
import { insertUser } from '../db/queries/users.server'
import { deliverBySmtp, linkIn, outboxRows } from './support/mail'
import { replyOf } from './support/form'
import { cookieFor, randomAddress, routeContext } from './support/session'

// /forgot and /reset/<token> (issue 11): the link travels through the outbox
// and a real SMTP server, and the test follows it as the owner would.

const OLD = 'старый-пароль-владельца'
const NEW = 'новый-пароль-владельца'

async function owner(active = true) {
  const login = `owner.${randomUUID()}@school.test`
  const id = await insertUser({ login, passwordHash: await hashPassword(OLD), displayName: 'Петрова Анна Сергеевна' })
  if (!active) await db()`update users set active = false where id = ${id}`
  return { id, login }
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields)
const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  new Request(`http://localhost${path}`, { method: 'POST', body: form(fields), headers: cookie ? { Cookie: cookie } : {} })

const forgot = (login: string, address = randomAddress('10.21')) =>
  forgotAction({ request: post('/forgot', { login }), params: {}, context: routeContext(address) })

const resetPage = (path: string, address = randomAddress('10.22')) =>
  resetLoader({ request: new Request(`http://localhost${path}`), params: { token: path.split('/').pop() }, context: routeContext(address) })

const reset = (path: string, password: string, confirm = password, address = randomAddress('10.22')) =>
  resetAction({ request: post(path, { password, passwordConfirm: confirm }), params: { token: path.split('/').pop() }, context: routeContext(address) })

const signIn = async (login: string, password: string) => {
  const res = await loginAction({ request: post('/login', { login, password, redirectTo: '' }), params: {}, context: routeContext(randomAddress('10.23')) })
  return res instanceof Response ? res.status : replyOf(res).status
}

const signedIn = (cookie: string) => getSignedIn(new Request('http://localhost/dashboard', { headers: { Cookie: cookie } }))

/** Requests a link for `login` and returns the path it carries, read from the delivered mail. */
async function linkFor(login: string): Promise<string> {
  const before = await outboxRows('passwordReset', login)
  expect(await forgot(login)).toBeInstanceOf(Response)
  const ids = (await outboxRows('passwordReset', login)).filter((id) => !before.includes(id))
  expect(ids).toHaveLength(1)
  const [text] = await deliverBySmtp(ids)
  // once the letter has left, the outbox no longer holds the link
  const kept = await db()<{ has: boolean }[]>`select payload ? 'token' as has from outbox where id = ${ids[0]}`
  expect(kept).toEqual([{ has: false }])
  return linkIn(text, '/reset/')
}

describe('password reset', () => {
  it('mail → link → new password: the old sessions end, the new password signs in, the old one does not, the link works once', async () => {
    const u = await owner()
    const sessions = [await cookieFor(u.id), await cookieFor(u.id)]
    for (const c of sessions) expect(await signedIn(c)).not.toBeNull()

    const path = await linkFor(u.login.toUpperCase())
    expect(path).toMatch(/^\/reset\/[A-Za-z0-9_-]{43}$/)
    expect(await resetPage(path)).toEqual({ usable: true })

    // the form's own check first: nothing changes, no password echoed
    const mismatch = replyOf(await reset(path, NEW, 'другой-пароль-123'))
    expect(mismatch).toMatchObject({ status: 400, code: 'INVALID_FORM', fields: { passwordConfirm: 'Пароли не совпадают' } })
    expect(JSON.stringify(mismatch.values ?? {})).not.toContain(NEW)
    expect(await signedIn(sessions[0])).not.toBeNull()

    const done = (await reset(path, NEW)) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/login')
    for (const c of sessions) expect(await signedIn(c)).toBeNull()
    expect(await signIn(u.login, OLD)).toBe(401)
    expect(await signIn(u.login, NEW)).toBe(302)

    // a second use of the same link
    expect(await resetPage(path)).toEqual({ usable: false })
    const again = replyOf(await reset(path, 'третий-пароль-12345'))
    expect(again).toMatchObject({ status: 404, code: 'LINK_INVALID' })
    expect(await signIn(u.login, NEW)).toBe(302)

    const audit = await db()<{ action: string }[]>`select action from audit_events where entity = 'user' and entity_id = ${u.id} order by id`
    expect(audit.map((a) => a.action)).toEqual(['PASSWORD_RESET_REQUESTED', 'PASSWORD_RESET'])
  })

  it('stores only the hash of the token, valid for one hour', async () => {
    const u = await owner()
    const path = await linkFor(u.login)
    const token = path.split('/').pop()!
    const [row] = await db()<{ tokenHash: string; hours: number }[]>`
      select token_hash as "tokenHash", extract(epoch from expires_at - created_at)::float8 / 3600 as hours
      from account_tokens where user_id = ${u.id}`
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(row.tokenHash).not.toContain(token)
    expect(row.hours).toBeCloseTo(1, 3)

    await db()`update account_tokens set expires_at = now() - interval '1 second' where user_id = ${u.id}`
    expect(await resetPage(path)).toEqual({ usable: false })
    expect(replyOf(await reset(path, NEW))).toMatchObject({ status: 404, code: 'LINK_INVALID' })
    expect(await signIn(u.login, OLD)).toBe(302)
  })

  it('a newer link replaces the older one; a made-up token is refused', async () => {
    const u = await owner()
    const first = await linkFor(u.login)
    const second = await linkFor(u.login)
    expect(first).not.toBe(second)
    expect(await resetPage(first)).toEqual({ usable: false })
    expect(await resetPage(second)).toEqual({ usable: true })
    expect(await resetPage('/reset/not-a-token')).toEqual({ usable: false })
    expect(await resetPage(`/reset/${'A'.repeat(43)}`)).toEqual({ usable: false })
  })

  it('answers an unknown or deactivated address exactly as a known one, and sends nothing', async () => {
    const known = await owner()
    const inactive = await owner(false)
    const unknown = `nobody.${randomUUID()}@school.test`
    const answers = await Promise.all([known.login, inactive.login, unknown].map((l) => forgot(l) as Promise<Response>))
    for (const a of answers) {
      expect(a.status).toBe(302)
      expect(a.headers.get('Location')).toBe('/forgot')
    }
    // the same signed flash message in each answer
    const flash = answers.map((a) => a.headers.get('Set-Cookie'))
    expect(new Set(flash).size).toBe(1)
    expect(await outboxRows('passwordReset', known.login)).toHaveLength(1)
    expect(await outboxRows('passwordReset', inactive.login)).toHaveLength(0)
    expect(await outboxRows('passwordReset', unknown)).toHaveLength(0)
  })

  it('answers no sooner for an address without an account: the time does not tell which addresses have one', async () => {
    const known = await owner()
    for (const login of [known.login, `nobody.${randomUUID()}@school.test`]) {
      const started = performance.now()
      expect(await forgot(login)).toBeInstanceOf(Response)
      expect(performance.now() - started, login).toBeGreaterThanOrEqual(FORGOT_ANSWER_MS - 1)
    }
  })

  it('a malformed address is a field error', async () => {
    expect(replyOf(await forgot('не адрес'))).toMatchObject({ status: 400, code: 'INVALID_FORM', fields: { login: expect.stringMatching(/адрес электронной почты/) } })
  })

  it('limits requests per login from any address (known or not alike) and per address', async () => {
    for (const login of [(await owner()).login, `nobody.${randomUUID()}@school.test`]) {
      const answers = []
      for (let i = 0; i <= THROTTLE.forgotLogin.limit; i++) answers.push(await forgot(login))
      expect(answers.slice(0, -1).every((a) => a instanceof Response && a.status === 302)).toBe(true)
      const refused = answers.at(-1)!
      expect(replyOf(refused)).toMatchObject({ status: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/^Слишком много запросов на восстановление пароля/) })
      expect(Number((refused as { init: { headers: Record<string, string> } }).init.headers['Retry-After'])).toBeGreaterThan(0)
    }
    const address = randomAddress('10.24')
    const answers = []
    for (let i = 0; i <= THROTTLE.forgotAddress.limit; i++) answers.push(await forgot(`x${i}.${randomUUID()}@school.test`, address))
    expect(replyOf(answers.at(-1)).status).toBe(429)
  })

  it('limits how often one address may open links', async () => {
    const address = randomAddress('10.25')
    for (let i = 0; i < THROTTLE.tokenAddress.limit; i++) await resetLinkUsable(`${'B'.repeat(42)}${i % 10}`, address)
    await expect(resetLinkUsable('B'.repeat(43), address)).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 })
  })
})
