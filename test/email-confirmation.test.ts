import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { applyApplicationEvent } from '~/domain/application-view.server'
import { isEmailConfirmed } from '~/domain/account-links.server'
import type { Actor } from '~/model/permissions'
import { THROTTLE } from '~/model/throttle'
import { action as confirmAction, loader as confirmLoader } from '../app/routes/confirm.$token'
import { action as resendAction, loader as statusLoader } from '../app/routes/confirm._index'
import { action as forgotAction } from '../app/routes/forgot'
import * as registerPage from '../app/routes/register'
import { action as registerAction, loader as registerLoader } from '../app/routes/register'
import { action as resetAction } from '../app/routes/reset.$token'
import { db } from '../db/client.server'
import { grantsOf, insertUser, userByLogin } from '../db/queries/users.server'
import { makeApplication, makeRegion } from './fixtures'
import { replyOf } from './support/form'
import { renderRoute } from './render'
import { deliverAsEml, deliverBySmtp, linkIn, outboxRows } from './support/mail'
import { randomAddress, routeContext } from './support/session'

// E-mail confirmation on registration (issue 11): the account can sign in and
// fill in a draft at once, but submits an application only after the link in
// the mail (read here from the .eml file the default set-up writes) is used.

type Region = Awaited<ReturnType<typeof makeRegion>>
const PASSWORD = 'длинный-пароль-1'

const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: cookie ? { Cookie: cookie } : {} })
const get = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} })

async function register(region: Region, redirectTo?: string) {
  const login = `teacher.${randomUUID()}@school.test`
  const fields = { login, lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна', regionId: String(region.regionId), password: PASSWORD, passwordConfirm: PASSWORD }
  const res = (await registerAction({ request: post('/register', redirectTo === undefined ? fields : { ...fields, redirectTo }), params: {}, context: routeContext(randomAddress('10.31')) })) as Response
  expect(res.status).toBe(302)
  const cookies = res.headers.getSetCookie()
  const cookie = cookies.find((c) => c.startsWith('__rma_session='))!.split(';')[0]
  const user = (await userByLogin(login))!
  const actor: Actor = { userId: user.id, grants: await grantsOf(user.id) }
  return { login, res, cookies, cookie, user, actor }
}

async function confirmationLink(login: string, deliver = deliverAsEml): Promise<string> {
  const ids = await outboxRows('emailConfirmation', login)
  const [text] = await deliver(ids.slice(-1))
  return linkIn(text, '/confirm/')
}

const tokenOf = (path: string) => path.split('/').pop()!
const openLink = (path: string) => confirmLoader({ request: get(path), params: { token: tokenOf(path) }, context: routeContext(randomAddress('10.32')) })
const useLink = (path: string, cookie?: string) =>
  confirmAction({ request: post(path, {}, cookie), params: { token: tokenOf(path) }, context: routeContext(randomAddress('10.32')) })
const submit = (actor: Actor, id: number) => applyApplicationEvent(actor, id, { event: 'SUBMIT' })

describe('e-mail confirmation', () => {
  it('registration mails a link; until it is used the applicant saves a draft but cannot submit; after it, the submission goes through', async () => {
    const region = await makeRegion()
    const { login, res, cookies, cookie, user, actor } = await register(region)
    expect(res.headers.get('Location')).toBe('/campaigns')
    // signed in, with a one-time message saying where the letter went
    expect(cookies.some((c) => c.startsWith('rma_flash='))).toBe(true)
    expect(await isEmailConfirmed(user.id)).toBe(false)

    const draft = await makeApplication(region, actor)
    await expect(submit(actor, draft)).rejects.toMatchObject({ code: 'EMAIL_NOT_CONFIRMED', status: 403 })
    const [app] = await db()<{ state: string }[]>`select state from applications where id = ${draft}`
    expect(app.state).toBe('draft')

    const status = await statusLoader({ request: get('/confirm', cookie), params: {}, context: routeContext() })
    expect(status).toEqual({ login, confirmed: false })

    const path = await confirmationLink(login)
    expect(path).toMatch(/^\/confirm\/[A-Za-z0-9_-]{43}$/)
    // opening the link (as a mail scanner would) changes nothing
    expect(await openLink(path)).toEqual({ usable: true })
    expect(await isEmailConfirmed(user.id)).toBe(false)

    const done = (await useLink(path, cookie)) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/campaigns')
    expect(await isEmailConfirmed(user.id)).toBe(true)
    await submit(actor, draft)
    const [after] = await db()<{ state: string }[]>`select state from applications where id = ${draft}`
    expect(after.state).toBe('screening')

    // once only
    expect(await openLink(path)).toEqual({ usable: false })
    expect(replyOf(await useLink(path))).toMatchObject({ status: 404, code: 'LINK_INVALID' })
    const audit = await db()<{ action: string }[]>`select action from audit_events where entity = 'user' and entity_id = ${user.id} order by id`
    expect(audit.map((a) => a.action)).toEqual(['REGISTER', 'EMAIL_CONFIRMED'])
  })

  it('the link also works signed out (then leads to sign-in), and over SMTP', async () => {
    const region = await makeRegion()
    const { login, user } = await register(region)
    const path = await confirmationLink(login, deliverBySmtp)
    const done = (await useLink(path)) as Response
    expect(done.headers.get('Location')).toBe('/login')
    expect(await isEmailConfirmed(user.id)).toBe(true)
  })

  it('a new letter replaces the old link, is limited per account, and is not sent once confirmed', async () => {
    const region = await makeRegion()
    const { login, cookie, user } = await register(region)
    const first = await confirmationLink(login)
    const resend = () => resendAction({ request: post('/confirm', {}, cookie), params: {}, context: routeContext() })
    const sent = (await resend()) as Response
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toBe('/confirm')
    const second = await confirmationLink(login)
    expect(second).not.toBe(first)
    expect(await openLink(first)).toEqual({ usable: false })

    for (let i = 1; i < THROTTLE.confirmResend.limit; i++) expect(((await resend()) as Response).status).toBe(302)
    expect(replyOf(await resend())).toMatchObject({ status: 429, code: 'RATE_LIMITED' })
    expect(await outboxRows('emailConfirmation', login)).toHaveLength(1 + THROTTLE.confirmResend.limit)

    await useLink(await confirmationLink(login))
    expect(await isEmailConfirmed(user.id)).toBe(true)
    const status = await statusLoader({ request: get('/confirm', cookie), params: {}, context: routeContext() })
    expect(status).toEqual({ login, confirmed: true })
  })

  it('a password reset through the mailed link confirms the address too', async () => {
    const region = await makeRegion()
    const { login, user } = await register(region)
    await forgotAction({ request: post('/forgot', { login }), params: {}, context: routeContext(randomAddress('10.33')) })
    const [text] = await deliverAsEml((await outboxRows('passwordReset', login)).slice(-1))
    const path = linkIn(text, '/reset/')
    const res = (await resetAction({ request: post(path, { password: 'новый-пароль-12345', passwordConfirm: 'новый-пароль-12345' }), params: { token: tokenOf(path) }, context: routeContext(randomAddress('10.33')) })) as Response
    expect(res.status).toBe(302)
    expect(await isEmailConfirmed(user.id)).toBe(true)
  })

  it('accounts not made by self-registration (operators, invitations, imports) start confirmed', async () => {
    const id = await insertUser({ login: `staff.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: 'Сотрудник' })
    expect(await isEmailConfirmed(id)).toBe(true)
  })
})

describe('registration returns to where the visitor came from', () => {
  it('goes to the public selection’s form after registering; a foreign or odd target falls back to the campaigns', async () => {
    const region = await makeRegion()
    expect((await register(region, `/apply/${region.campaignId}`)).res.headers.get('Location')).toBe(`/apply/${region.campaignId}`)
    expect((await register(region, '//evil.example/x')).res.headers.get('Location')).toBe('/campaigns')
    expect((await register(region, 'https://evil.example/')).res.headers.get('Location')).toBe('/campaigns')
  })

  it('the confirmation link leads back to the selection’s form too, signed in or through sign-in; a forged target is ignored', async () => {
    const region = await makeRegion()
    const target = `/apply/${region.campaignId}`
    const { login, cookie } = await register(region, target)
    const ids = await outboxRows('emailConfirmation', login)
    const [letter] = await deliverAsEml(ids.slice(-1))
    const m = /https?:\/\/\S+(\/confirm\/([A-Za-z0-9_-]{43})\?redirectTo=\S+)/.exec(letter)
    expect(m?.[1]).toBe(`/confirm/${m?.[2]}?redirectTo=${encodeURIComponent(target)}`)
    const withTarget = m![1]
    const confirm = (path: string, c?: string) =>
      confirmAction({ request: post(path, {}, c), params: { token: tokenOf(path.split('?')[0]) }, context: routeContext(randomAddress('10.32')) }) as Promise<Response>
    expect((await confirm(withTarget, cookie)).headers.get('Location')).toBe(target)

    // signed out: to sign-in, which then goes on to the form
    const other = await register(region, target)
    const [otherLetter] = await deliverAsEml((await outboxRows('emailConfirmation', other.login)).slice(-1))
    const otherPath = /https?:\/\/\S+(\/confirm\/\S+)/.exec(otherLetter)![1]
    expect((await confirm(otherPath)).headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(target)}`)

    // a target typed into the link by someone else never leaves the site
    const third = await register(region)
    const path = await confirmationLink(third.login)
    expect(path).not.toContain('?')
    expect((await confirm(`${path}?redirectTo=${encodeURIComponent('//evil.example/x')}`, third.cookie)).headers.get('Location')).toBe('/campaigns')
  })

  it('the page carries the target into the form, and a signed-in visitor goes straight there', async () => {
    const region = await makeRegion()
    const page = await registerLoader({ request: get(`/register?redirectTo=${encodeURIComponent(`/apply/${region.campaignId}`)}`), params: {}, context: routeContext() })
    expect(page).toMatchObject({ redirectTo: `/apply/${region.campaignId}` })
    const odd = await registerLoader({ request: get('/register?redirectTo=%2F%2Fevil.example'), params: {}, context: routeContext() })
    expect(odd).toMatchObject({ redirectTo: '' })

    const { cookie } = await register(region)
    const away = await registerLoader({ request: get(`/register?redirectTo=/apply/${region.campaignId}`, cookie), params: {}, context: routeContext() }).catch((e) => e)
    expect(away).toBeInstanceOf(Response)
    expect((away as Response).headers.get('Location')).toBe(`/apply/${region.campaignId}`)
  })

  it('the patronymic is optional: the form does not mark it required, and a registration without it goes through', async () => {
    const html = await renderRoute(registerPage, 'http://localhost/register')
    const input = (name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? ''
    expect(input('lastName')).toContain('required')
    expect(input('middleName')).not.toBe('')
    expect(input('middleName')).not.toContain('required')
    const region = await makeRegion()
    const login = `teacher.${randomUUID()}@school.test`
    const fields = { login, lastName: 'Ли', firstName: 'Анна', middleName: '', regionId: String(region.regionId), password: PASSWORD, passwordConfirm: PASSWORD }
    const res = (await registerAction({ request: post('/register', fields), params: {}, context: routeContext(randomAddress('10.31')) })) as Response
    expect(res.status).toBe(302)
    expect((await userByLogin(login))?.displayName).toBe('Ли Анна')
  })

  it('a refused registration keeps what was typed but never the passwords', async () => {
    const region = await makeRegion()
    const { login } = await register(region)
    const again = replyOf(
      await registerAction({
        request: post('/register', { login, lastName: 'Иванова', firstName: 'Мария', middleName: '', regionId: String(region.regionId), password: PASSWORD, passwordConfirm: PASSWORD }),
        params: {},
        context: routeContext(randomAddress('10.34')),
      }),
    )
    expect(again).toMatchObject({ status: 409, code: 'LOGIN_TAKEN', message: expect.stringMatching(/Забыли пароль/) })
    expect(again.values).toMatchObject({ login, lastName: 'Иванова' })
    expect(JSON.stringify(again.values)).not.toContain(PASSWORD)
  })
})
