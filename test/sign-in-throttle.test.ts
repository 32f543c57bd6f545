import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signIn } from '~/domain/sign-in.server'
import { registerApplicant } from '../app/domain/registration.server'
import { registerSchema } from '~/model/inputs/register'
import { hashPassword } from '~/utils/password.server'
import { action as loginAction } from '../app/routes/login'
import { action as registerAction } from '../app/routes/register'
import { THROTTLE } from '~/model/throttle'
import { throttleKeys } from '~/domain/throttle.server'
import { db } from '../db/client.server'
import { grantRole, insertUser } from '../db/queries/users.server'
import { makeRegion } from './fixtures'
import { replyOf } from './support/form'

// Sign-in and registration throttling (docs/decisions/0007-sign-in-throttling.md)
// under real concurrency: every attempt is a real request to the route or a
// call of the domain function with an explicit client address.

const PASSWORD = 'верный-пароль-владельца'
let addressSeq = 0
/** A fresh client address per call, so tests sharing a database never share a counter. */
const freshAddress = () => `10.${(process.pid + addressSeq) % 250}.${Math.floor(Math.random() * 250)}.${++addressSeq % 250}`
const freshSubnet = () => `172.${16 + Math.floor(Math.random() * 16)}.${Math.floor(Math.random() * 250)}`

async function owner() {
  const login = `owner.${randomUUID()}@test.rma`
  const id = await insertUser({ login, passwordHash: await hashPassword(PASSWORD), displayName: 'Владелец' })
  await grantRole(id, { role: 'admin' })
  return { id, login }
}

type Answer = { status: number; retryAfter: string | null; code?: string; message?: string; cookie: string | null }

async function post(login: string, password: string, address: string): Promise<Answer> {
  const body = new URLSearchParams({ login, password, redirectTo: '/dashboard' })
  const res = (await loginAction({ request: new Request('http://localhost/login', { method: 'POST', body }), params: {}, context: { cspNonce: 'n', clientAddress: address } })) as
    | Response
    | { init: { status: number; headers?: Record<string, string> } }
  if (res instanceof Response) return { status: res.status, retryAfter: null, cookie: res.headers.get('Set-Cookie') }
  const reply = replyOf(res)
  return { status: reply.status, retryAfter: res.init.headers?.['Retry-After'] ?? null, code: reply.code, message: reply.message, cookie: null }
}

const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length
const sessionsOf = async (userId: number) => (await db()<{ n: number }[]>`select count(*)::int as n from sessions where user_id = ${userId}`)[0].n

describe('sign-in throttling under concurrency', () => {
  it('100 parallel wrong passwords from one address: exactly the pair limit get 401, the rest 429 with Retry-After', async () => {
    const u = await owner()
    const address = freshAddress()
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => post(u.login, `wrong-${i}`, address)))
    expect(count(answers, 401)).toBe(THROTTLE.pair.limit)
    expect(count(answers, 429)).toBe(100 - THROTTLE.pair.limit)
    const refused = answers.find((a) => a.status === 429)!
    expect(refused.code).toBe('RATE_LIMITED')
    expect(refused.message).toMatch(/^Слишком много попыток входа\. Повторите через (14|15) мин\.$/)
    expect(Number(refused.retryAfter)).toBeGreaterThan(14 * 60)
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(15 * 60)
  })

  it('100 parallel wrong passwords from 100 addresses: the per-login threshold get 401, the rest 429', async () => {
    const u = await owner()
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => post(u.login, `wrong-${i}`, freshAddress())))
    expect(count(answers, 401)).toBe(THROTTLE.login.threshold)
    expect(count(answers, 429)).toBe(100 - THROTTLE.login.threshold)
  })

  it('a burst of 40 wrong passwords then the right one from the same address: the right one is refused, no session', async () => {
    const u = await owner()
    const address = freshAddress()
    const burst = [...Array.from({ length: 40 }, (_, i) => post(u.login, `wrong-${i}`, address)), post(u.login, PASSWORD, address)]
    const answers = await Promise.all(burst)
    expect(answers.at(-1)!.status).toBe(429)
    expect(count(answers, 302)).toBe(0)
    expect(await sessionsOf(u.id)).toBe(0)
  })

  it('a distributed burst of 40 wrong then the right one from a new address: refused; from an address the owner used before: signed in', async () => {
    const u = await owner()
    const home = freshAddress()
    expect((await post(u.login, PASSWORD, home)).status).toBe(302)
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => post(u.login, `wrong-${i}`, freshAddress())),
      post(u.login, PASSWORD, freshAddress()),
    ])
    expect(count(answers, 401)).toBe(THROTTLE.login.threshold)
    expect(answers.at(-1)!.status).toBe(429)
    expect(await sessionsOf(u.id)).toBe(1)
    // the backoff does not apply to the owner's known address
    expect((await post(u.login, PASSWORD, home)).status).toBe(302)
    expect(await sessionsOf(u.id)).toBe(2)
  })

  it('an attacker failing many times from address A does not stop the owner signing in from address B', async () => {
    const u = await owner()
    const attacker = freshAddress()
    const answers: Answer[] = []
    for (let i = 0; i < 25; i++) answers.push(await post(u.login, `guess-${i}`, attacker))
    expect(count(answers, 401)).toBe(THROTTLE.pair.limit)
    expect(count(answers, 429)).toBe(25 - THROTTLE.pair.limit)
    // B has never been used by the owner: still allowed, the login is not locked
    expect((await post(u.login, PASSWORD, freshAddress())).status).toBe(302)
    // the attacker's address stays locked for this login even with the right password
    expect((await post(u.login, PASSWORD, attacker)).status).toBe(429)
  })

  it('an IPv6 attacker does not escape the pair limit by changing the address within a /64', async () => {
    const u = await owner()
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`
    const answers: Answer[] = []
    for (let i = 1; i <= 8; i++) answers.push(await post(u.login, `guess-${i}`, `${prefix}::${i.toString(16)}`))
    expect(count(answers, 401)).toBe(THROTTLE.pair.limit)
  })

  it('the owner’s own typos lock only that address, and the lock ends with its window', async () => {
    const u = await owner()
    const address = freshAddress()
    for (let i = 0; i < THROTTLE.pair.limit; i++) expect((await post(u.login, `typo-${i}`, address)).status).toBe(401)
    expect((await post(u.login, PASSWORD, address)).status).toBe(429)
    // 16 minutes later (the window moved back instead of waiting)
    const key = throttleKeys.pair(u.login, address)
    await db()`update throttle_counters set window_start = window_start - interval '16 minutes' where key = ${key}`
    expect((await post(u.login, PASSWORD, address)).status).toBe(302)
    // a success starts the pair afresh
    const [row] = await db()`select count(*)::int as n from throttle_counters where key = ${key}`
    expect(row.n).toBe(0)
  })

  // why the longer timeouts below: each admitted attempt costs a real scrypt, slow on a loaded machine
  it('one address spraying many logins in parallel is stopped at the per-address limit, for every login', { timeout: 120_000 }, async () => {
    const address = freshAddress()
    const spray = await Promise.all(Array.from({ length: THROTTLE.address.limit + 10 }, (_, i) => signIn(`nobody${i}.${randomUUID()}@test.rma`, 'x', address)))
    expect(spray.filter((r) => !r.ok && r.code === 'BAD_CREDENTIALS')).toHaveLength(THROTTLE.address.limit)
    expect(spray.filter((r) => !r.ok && r.code === 'RATE_LIMITED')).toHaveLength(10)
    const u = await owner()
    const refused = await signIn(u.login, PASSWORD, address)
    expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    // another address is not affected
    expect(await signIn(u.login, PASSWORD, freshAddress())).toMatchObject({ ok: true, userId: u.id })
  })

  it('refused attempts are not counted: after the lock, the window is not extended and the login is not pushed into backoff', async () => {
    const u = await owner()
    const address = freshAddress()
    await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(u.login, `wrong-${i}`, address)))
    const [byLogin] = await db()<{ count: number }[]>`select count from throttle_counters where key = ${throttleKeys.login(u.login.toLowerCase())}`
    expect(byLogin.count).toBe(THROTTLE.pair.limit)
  })
})

describe('registration throttling', () => {
  const form = (regionId: number) =>
    registerSchema.parse({
      login: `t.${randomUUID()}@school.test`,
      lastName: 'Петрова',
      firstName: 'Анна',
      middleName: '',
      regionId: String(regionId),
      password: 'длинный-пароль-1',
      passwordConfirm: 'длинный-пароль-1',
    })

  it('allows the per-address limit of parallel registrations, then refuses with 429 and Retry-After; other addresses unaffected', { timeout: 120_000 }, async () => {
    const region = await makeRegion()
    const subnet = freshSubnet()
    const address = `${subnet}.1`
    const results = await Promise.allSettled(Array.from({ length: THROTTLE.register.limit + 5 }, () => registerApplicant(form(region.regionId), address)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(THROTTLE.register.limit)
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)
    expect(refused).toHaveLength(5)
    for (const e of refused) expect(e).toMatchObject({ code: 'RATE_LIMITED', status: 429 })
    // nothing half-written: one person per admitted registration
    expect((await db()<{ n: number }[]>`select count(*)::int as n from people where region_id = ${region.regionId}`)[0].n).toBe(THROTTLE.register.limit)

    const values = form(region.regionId)
    const body = new URLSearchParams({ ...values, regionId: String(values.regionId), passwordConfirm: values.password })
    const res = (await registerAction({ request: new Request('http://localhost/register', { method: 'POST', body }), params: {}, context: { cspNonce: 'n', clientAddress: address } })) as unknown as {
      init: { status: number; headers: Record<string, string> }
    }
    const reply = replyOf(res)
    expect(reply.status).toBe(429)
    expect(reply.code).toBe('RATE_LIMITED')
    expect(reply.message).toMatch(/^Слишком много попыток регистрации с вашего адреса\. Повторите через \d+ мин\.$/)
    expect(Number(res.init.headers['Retry-After'])).toBeGreaterThan(0)

    const another = new URLSearchParams(body)
    another.set('login', `t.${randomUUID()}@school.test`)
    const elsewhere = (await registerAction({
      request: new Request('http://localhost/register', { method: 'POST', body: another }),
      params: {},
      context: { cspNonce: 'n', clientAddress: `${subnet}.2` },
    })) as Response
    expect(elsewhere.status).toBe(302)
  })
})
