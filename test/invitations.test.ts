import { createHash, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { inviteStaff } from '~/domain/invitations.server'
import { getSignedIn } from '~/http/session.server'
import { hashPassword } from '~/utils/password.server'
import { action as commissionAction } from '../app/routes/coordinator.commission/route'
import { action as acceptAction, loader as acceptLoader } from '../app/routes/invitations.$token'
import { action as invitationsAction, loader as invitationsLoader } from '../app/routes/people.invitations/route'
import { db } from '../db/client.server'
import { grantsOf, insertUser, userByLogin } from '../db/queries/users.server'
import { makeRegion } from './fixtures'
import { renderAfterPost, renderRoute } from './render'
import * as acceptRoute from '../app/routes/invitations.$token'
import * as invitationsRoute from '../app/routes/people.invitations/route'
import * as dashboardRoute from '../app/routes/dashboard'
import { replyOf } from './support/form'
import { deliverAsEml, linkIn, outboxRows } from './support/mail'
import { cookieFor, randomAddress, routeContext } from './support/session'
import { flashOf, get, post, statusOf, type Failure, type Region } from './staff-helpers'

// Staff invitations (issue 11 §1.3, §4.3) against the real embedded database:
// the letter goes through the outbox and is written as an .eml file, and the
// test follows its link as the invited person would.

const PASSWORD = 'пароль-сотрудника-1'
const newEmail = () => `staff.${randomUUID().slice(0, 8)}@school.test`

type PageData = Awaited<ReturnType<typeof invitationsLoader>>

/** A loader's `data()` (status and fields), as the browser would see it. */
function page(res: unknown) {
  const r = res as { data: Record<string, unknown>; init: { status?: number } | null }
  return { status: r.init?.status ?? 200, ...r.data }
}

const openLink = (path: string, cookie?: string) =>
  acceptLoader({
    request: new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} }),
    params: { token: path.split('/').pop()! },
    context: routeContext(randomAddress('10.31')),
  }).then(page)

const accept = (path: string, fields: Record<string, string>, cookie?: string) =>
  acceptAction({
    request: new Request(`http://localhost${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: cookie ? { Cookie: cookie } : {} }),
    params: { token: path.split('/').pop()! },
    context: routeContext(randomAddress('10.32')),
  })

const createAccount = (path: string, displayName = 'Сидорова Ольга Ивановна') => accept(path, { intent: 'create', displayName, password: PASSWORD, passwordConfirm: PASSWORD })

/** The link of the newest invitation letter to `email`, delivered as an .eml file. */
async function letterTo(email: string): Promise<{ path: string; text: string }> {
  const ids = await outboxRows('invitation', email)
  expect(ids.length).toBeGreaterThan(0)
  const [text] = await deliverAsEml([ids.at(-1)!])
  return { path: linkIn(text, '/invitations/'), text }
}

const invite = (region: Region, actor: Parameters<typeof post>[1], fields: Record<string, string | number>) =>
  post(invitationsAction, actor, '/people/invitations', { intent: 'invite', region: region.regionId, municipalityId: '', commissionId: '', ...fields })

const invitationsOf = (email: string) =>
  db()<{ id: number; role: string; resentCount: number; acceptedUserId: number | null; tokenHash: string; days: number }[]>`
    select id::int, role, resent_count as "resentCount", accepted_user_id::int as "acceptedUserId", token_hash as "tokenHash",
           extract(epoch from expires_at - created_at)::float8 / 86400 as days
    from invitations where email = ${email} order by id`

describe('staff invitations', () => {
  it('invite → letter with the link → a new account with the grant and the seat on the commission; the link works once', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const email = newEmail()

    const sent = (await invite(region, coordinator, { email: email.toUpperCase(), displayName: 'Сидорова Ольга', role: 'secretary', commissionId: region.commissionId })) as Response
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toBe(`/people/invitations?region=${region.regionId}`)
    expect(await flashOf(sent)).toEqual({ kind: 'success', text: `Приглашение отправлено на ${email}.` })

    const { path, text } = await letterTo(email)
    expect(path).toMatch(/^\/invitations\/[A-Za-z0-9_-]{43}$/)
    expect(text).toContain('Секретарь комиссии')
    const [names] = await db()<{ region: string; commission: string }[]>`
      select r.name as region, c.name as commission from commissions c join regions r on r.id = c.region_id where c.id = ${region.commissionId}`
    expect(text).toContain(names.region)
    expect(text).toContain(`Где: ${names.commission}`)
    // the expiry on the region's clock (Tomsk, UTC+7)
    expect(text).toMatch(/местное время, UTC\+7/)
    expect(text).toMatch(/Ссылка действует до \d+ \S+ \d{4} года/)
    const [row] = await invitationsOf(email)
    expect(row.tokenHash).toBe(createHash('sha256').update(path.split('/').pop()!).digest('hex'))
    expect(row.days).toBeCloseTo(7, 3)

    // the list shows it as pending
    const list = (await get(invitationsLoader, coordinator, `/people/invitations?region=${region.regionId}`)) as PageData
    expect(list.rows.find((r) => r.email === email)).toMatchObject({ stateLabel: 'ожидает', role: 'Секретарь комиссии' })
    expect(list.roles.map((r) => r.value)).not.toContain('admin')

    const shown = await openLink(path)
    expect(shown).toMatchObject({ status: 200, usable: true, email, roleLabel: 'Секретарь комиссии', accountExists: false, displayName: 'Сидорова Ольга' })

    // the form's own check: nothing written, no password echoed
    const mismatch = replyOf(await accept(path, { intent: 'create', displayName: 'Сидорова Ольга', password: PASSWORD, passwordConfirm: 'другой-пароль-12' }))
    expect(mismatch).toMatchObject({ status: 400, code: 'INVALID_FORM', fields: { passwordConfirm: 'Пароли не совпадают' } })
    expect(JSON.stringify(mismatch.values)).not.toContain(PASSWORD)
    expect(await userByLogin(email)).toBeUndefined()

    const done = (await createAccount(path)) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/dashboard')
    const user = (await userByLogin(email))!
    expect(user.displayName).toBe('Сидорова Ольга Ивановна')
    // signed in as the new account
    const sessionCookie = done.headers.get('Set-Cookie')!.split(';')[0]
    expect((await getSignedIn(new Request('http://localhost/dashboard', { headers: { Cookie: sessionCookie } })))?.userId).toBe(user.id)
    expect(await grantsOf(user.id)).toEqual([{ role: 'secretary', regionId: region.regionId, municipalityId: null, commissionId: region.commissionId }])
    expect(await db()`select role, active from commission_members where commission_id = ${region.commissionId} and user_id = ${user.id}`).toEqual([{ role: 'secretary', active: true }])
    const [confirmed] = await db()<{ ok: boolean }[]>`select email_confirmed_at is not null as ok from users where id = ${user.id}`
    expect(confirmed.ok).toBe(true)
    expect((await invitationsOf(email))[0].acceptedUserId).toBe(user.id)

    // the same link again: the invalid page, nothing written
    expect(await openLink(path)).toEqual({ status: 404, usable: false })
    expect(replyOf(await createAccount(path))).toMatchObject({ status: 404, code: 'LINK_INVALID' })
    expect(await db()`select id from users where login = ${email}`).toHaveLength(1)
    const audit = await db()<{ action: string }[]>`select action from audit_events where entity = 'invitation' and entity_id = ${row.id} order by id`
    expect(audit.map((a) => a.action)).toEqual(['INVITATION_SENT', 'INVITATION_ACCEPTED'])
    const after = (await get(invitationsLoader, coordinator, `/people/invitations?region=${region.regionId}&state=accepted`)) as PageData
    expect(after.rows.map((r) => [r.email, r.stateLabel])).toEqual([[email, 'принято']])
  })

  it('a resend invalidates the old link and is counted; revoke and expiry close the link', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const email = newEmail()
    await invite(region, coordinator, { email, displayName: 'Петров Пётр', role: 'municipalCoordinator', municipalityId: region.municipalities[0].id })
    const first = (await letterTo(email)).path
    const [inv] = await invitationsOf(email)

    // a resend waits a minute after the last letter, and there are at most five
    const tooSoon = replyOf(await post(invitationsAction, coordinator, '/people/invitations', { intent: 'resend', region: region.regionId, id: inv.id }))
    expect(tooSoon).toMatchObject({ status: 429, code: 'RATE_LIMITED', message: expect.stringMatching(/через минуту/) })
    await db()`update invitations set last_sent_at = now() - interval '2 minutes' where id = ${inv.id}`
    const resent = (await post(invitationsAction, coordinator, '/people/invitations', { intent: 'resend', region: region.regionId, id: inv.id })) as Response
    expect(resent.status).toBe(302)
    const second = (await letterTo(email)).path
    expect(second).not.toBe(first)
    expect(await openLink(first)).toEqual({ status: 404, usable: false })
    expect(await openLink(second)).toMatchObject({ usable: true, roleLabel: 'Муниципальный координатор', scopeName: region.municipalities[0].name })
    expect((await invitationsOf(email))[0].resentCount).toBe(1)
    await db()`update invitations set last_sent_at = now() - interval '2 minutes', resent_count = 5 where id = ${inv.id}`
    const capped = replyOf(await post(invitationsAction, coordinator, '/people/invitations', { intent: 'resend', region: region.regionId, id: inv.id }))
    expect(capped).toMatchObject({ status: 409, code: 'RESEND_LIMIT' })
    expect(await openLink(second)).toMatchObject({ usable: true })

    // revoking needs the confirmation step
    const unconfirmed = replyOf(await post(invitationsAction, coordinator, '/people/invitations', { intent: 'revoke', region: region.regionId, id: inv.id }))
    expect(unconfirmed).toMatchObject({ status: 400, code: 'INVALID_FORM' })
    const revoked = (await post(invitationsAction, coordinator, '/people/invitations', { intent: 'revoke', region: region.regionId, id: inv.id, confirmed: 'yes' })) as Response
    expect(await flashOf(revoked)).toEqual({ kind: 'success', text: 'Приглашение отозвано.' })
    expect(await openLink(second)).toEqual({ status: 404, usable: false })
    expect(replyOf(await createAccount(second))).toMatchObject({ status: 404, code: 'LINK_INVALID' })
    expect(await userByLogin(email)).toBeUndefined()
    const again = replyOf(await post(invitationsAction, coordinator, '/people/invitations', { intent: 'resend', region: region.regionId, id: inv.id }))
    expect(again).toMatchObject({ status: 409, code: 'INVITATION_CLOSED', message: 'Приглашение отозвано.' })

    // expiry
    const late = newEmail()
    await invite(region, coordinator, { email: late, displayName: 'Опоздавший Иван', role: 'ministryOfficer' })
    const path = (await letterTo(late)).path
    await db()`update invitations set expires_at = now() - interval '1 second' where email = ${late}`
    expect(await openLink(path)).toEqual({ status: 404, usable: false })
    expect(replyOf(await createAccount(path))).toMatchObject({ status: 404, code: 'LINK_INVALID' })
    expect(await userByLogin(late)).toBeUndefined()
    const list = (await get(invitationsLoader, coordinator, `/people/invitations?region=${region.regionId}`)) as PageData
    expect(Object.fromEntries(list.rows.map((r) => [r.email, r.stateLabel]))).toMatchObject({ [email]: 'отозвано', [late]: 'истекло' })
  })

  it('an existing account accepts only while signed in as itself', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const email = newEmail()
    const userId = await insertUser({ login: email, passwordHash: await hashPassword(PASSWORD), displayName: 'Уже Есть' })
    await invite(region, coordinator, { email, displayName: 'Уже Есть', role: 'chair', commissionId: region.commissionId })
    const { path } = await letterTo(email)

    expect(await openLink(path)).toMatchObject({ usable: true, accountExists: true, signedInAs: null })
    const anonymous = replyOf(await accept(path, { intent: 'join' }))
    expect(anonymous).toMatchObject({ status: 403, code: 'SIGN_IN_REQUIRED' })
    expect(replyOf(await createAccount(path))).toMatchObject({ status: 409, code: 'ACCOUNT_EXISTS' })
    const stranger = await region.actor('applicant')
    expect(replyOf(await accept(path, { intent: 'join' }, await cookieFor(stranger)))).toMatchObject({ status: 403, code: 'SIGN_IN_REQUIRED' })
    expect(await grantsOf(userId)).toEqual([])

    const cookie = await cookieFor(userId)
    expect(await openLink(path, cookie)).toMatchObject({ usable: true, signedInAs: email })
    const done = (await accept(path, { intent: 'join' }, cookie)) as Response
    expect(done.headers.get('Location')).toBe('/dashboard')
    expect(await flashOf(done)).toEqual({ kind: 'success', text: 'Приглашение принято: роль добавлена к вашей учётной записи.' })
    expect(await grantsOf(userId)).toEqual([{ role: 'chair', regionId: region.regionId, municipalityId: null, commissionId: region.commissionId }])
    expect(await db()`select role from commission_members where commission_id = ${region.commissionId} and user_id = ${userId}`).toEqual([{ role: 'chair' }])
    expect(replyOf(await accept(path, { intent: 'join' }, cookie))).toMatchObject({ status: 404, code: 'LINK_INVALID' })
  })

  it('refuses duplicates, a missing scope, other regions, an administrator role and a ministry officer; nothing is written', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const email = newEmail()
    const nothing = async () => {
      expect(await invitationsOf(email)).toEqual([])
      expect(await outboxRows('invitation', email)).toEqual([])
    }

    const noScope = replyOf(await invite(region, coordinator, { email, displayName: 'Без Комиссии', role: 'commissionMember' }))
    expect(noScope).toMatchObject({ status: 400, code: 'INVALID_FORM', fields: { commissionId: expect.stringMatching(/^Выберите комиссию/) } })
    const noMunicipality = replyOf(await invite(region, coordinator, { email, displayName: 'Без Района', role: 'municipalCoordinator' }))
    expect(noMunicipality.fields).toMatchObject({ municipalityId: expect.stringMatching(/^Выберите муниципалитет/) })

    const foreignCommission = replyOf(await invite(region, coordinator, { email, displayName: 'Чужая Комиссия', role: 'secretary', commissionId: other.commissionId }))
    expect(foreignCommission).toMatchObject({ status: 422, code: 'COMMISSION_NOT_FOUND' })
    const foreignMunicipality = replyOf(await invite(region, coordinator, { email, displayName: 'Чужой Район', role: 'municipalCoordinator', municipalityId: other.municipalities[0].id }))
    expect(foreignMunicipality).toMatchObject({ status: 422, code: 'MUNICIPALITY_NOT_FOUND' })

    const admin = replyOf(await invite(region, coordinator, { email, displayName: 'Новый Админ', role: 'admin' }))
    expect(admin).toMatchObject({ status: 400, code: 'INVALID_FORM' })
    await expect(inviteStaff(coordinator, { regionId: region.regionId, role: 'admin', email, displayName: 'Новый Админ' })).rejects.toMatchObject({ code: 'FORBIDDEN' })

    // another region: the page refuses the region, the domain the grant
    expect(statusOf(await invite(other, coordinator, { email, displayName: 'Чужой Регион', role: 'ministryOfficer' }))).toBe(403)
    await expect(inviteStaff(coordinator, { regionId: other.regionId, role: 'ministryOfficer', email, displayName: 'Чужой Регион' })).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 })

    const officer = await region.actor('ministryOfficer')
    expect(statusOf(await invite(region, officer, { email, displayName: 'От Министерства', role: 'ministryOfficer' }))).toBe(403)
    expect(statusOf((await get(invitationsLoader, officer, '/people/invitations')) as Response)).toBe(403)
    await expect(inviteStaff(officer, { regionId: region.regionId, role: 'ministryOfficer', email, displayName: 'От Министерства' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await nothing()

    expect(statusOf(await invite(region, coordinator, { email, displayName: 'Первый Раз', role: 'ministryOfficer' }))).toBe(302)
    const duplicate = replyOf(await invite(region, coordinator, { email, displayName: 'Второй Раз', role: 'ministryOfficer' }))
    expect(duplicate).toMatchObject({ status: 409, code: 'INVITATION_PENDING', message: expect.stringMatching(/уже отправлено приглашение/) })
    expect(await invitationsOf(email)).toHaveLength(1)
  })

  it('an administrator picks the region by its code', async () => {
    const region = await makeRegion()
    const admin = await region.actor('admin')
    const list = (await get(invitationsLoader, admin, `/people/invitations?region=${region.code}`)) as PageData
    expect(list.region.id).toBe(region.regionId)
    expect(list.choices.length).toBeGreaterThan(1)
    expect(list.roles.map((r) => r.value)).toEqual(expect.arrayContaining(['regionalCoordinator', 'secretary', 'municipalCoordinator']))
    const email = newEmail()
    expect(statusOf(await invite(region, admin, { email, displayName: 'Новый Координатор', role: 'regionalCoordinator' }))).toBe(302)
    expect((await invitationsOf(email)).map((r) => r.role)).toEqual(['regionalCoordinator'])
  })

  it('the administrator\'s dashboard points to the invitations screen, not to a command line', async () => {
    const region = await makeRegion()
    const html = await renderRoute(dashboardRoute, 'http://localhost/dashboard', { Cookie: await cookieFor(await region.actor('admin')) })
    expect(html).toContain('Сотрудники получают учётные записи по приглашению')
    expect(html).toMatch(/<a[^>]*href="\/people\/invitations"[^>]*>Перейти к приглашениям<\/a>/)
    expect(html).not.toContain('npm run')
  })

  it('the composition page invites an address with no account instead of failing (§4.3)', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const email = newEmail()
    const res = (await post(commissionAction, coordinator, '/coordinator/commission', {
      intent: 'add',
      region: region.regionId,
      commissionId: region.commissionId,
      login: email,
      displayName: 'Новикова Анна',
      role: 'member',
      organisationId: '',
    })) as Response | Failure
    expect(statusOf(res)).toBe(302)
    expect(await flashOf(res as Response)).toEqual({ kind: 'success', text: `Учётной записи ${email} ещё нет: на этот адрес отправлено приглашение в комиссию.` })
    expect((await invitationsOf(email)).map((r) => r.role)).toEqual(['commissionMember'])

    const { path } = await letterTo(email)
    expect(statusOf((await createAccount(path, 'Новикова Анна Петровна')) as Response)).toBe(302)
    const user = (await userByLogin(email))!
    expect(await db()`select role, active from commission_members where commission_id = ${region.commissionId} and user_id = ${user.id}`).toEqual([{ role: 'member', active: true }])

    // a login that is not an address is still the page's own refusal
    const unknown = replyOf(await post(commissionAction, coordinator, '/coordinator/commission', { intent: 'add', region: region.regionId, commissionId: region.commissionId, login: 'nobody', role: 'member', organisationId: '' }))
    expect(unknown).toMatchObject({ status: 422, code: 'USER_NOT_FOUND' })
  })

  it('renders the pages: both scope selects without JavaScript, the buttons, the prefilled name, the invalid link', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const email = newEmail()
    await invite(region, coordinator, { email, displayName: 'Белова Вера', role: 'ministryOfficer' })
    const cookie = { Cookie: await cookieFor(coordinator) }
    const html = await renderRoute(invitationsRoute, `http://localhost/people/invitations?region=${region.regionId}`, cookie)
    for (const name of ['email', 'displayName', 'role', 'municipalityId', 'commissionId']) expect(html).toContain(`name="${name}"`)
    for (const label of ['Отправить приглашение', 'Отправить снова', 'Отозвать', 'ожидает', 'Представитель министерства', email]) expect(html).toContain(label)
    expect(html).not.toContain('value="admin"')
    // the hints name every role that needs the select: the municipal approver needs a municipality too (the form refuses it without one)
    expect(html).toContain('Только для ролей: муниципальный координатор, представитель муниципального органа управления образованием.')
    expect(html).toContain('Только для ролей: секретарь комиссии, член комиссии, председатель комиссии.')
    const [inv] = await invitationsOf(email)
    const asking = await renderRoute(invitationsRoute, `http://localhost/people/invitations?region=${region.regionId}&confirm=revoke-${inv.id}`, cookie)
    expect(asking).toContain('Да, отозвать приглашение')

    const { path } = await letterTo(email)
    const page = await renderRoute(acceptRoute, `http://localhost${path}`, {}, '/invitations/:token')
    expect(page).toContain('value="Белова Вера"')
    expect(page).toContain('Создать учётную запись и принять приглашение')
    const invalid = await renderRoute(acceptRoute, `http://localhost/invitations/${'A'.repeat(43)}`, {}, '/invitations/:token')
    expect(invalid).toContain('Ссылка недействительна')
  })

  it('says a refusal for an invitation no longer open (revoked in another tab) once, above the list', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const email = newEmail()
    await invite(region, coordinator, { email, displayName: 'Белова Вера', role: 'ministryOfficer' })
    const [inv] = await invitationsOf(email)
    await db()`update invitations set last_sent_at = now() - interval '2 minutes' where id = ${inv.id}`
    expect(statusOf(await post(invitationsAction, coordinator, '/people/invitations', { intent: 'revoke', region: region.regionId, id: inv.id, confirmed: 'yes' }))).toBe(302)

    const url = `http://localhost/people/invitations?region=${region.regionId}`
    const cookie = { Cookie: await cookieFor(coordinator) }
    const forms: Record<string, string | number>[] = [
      { intent: 'resend', region: region.regionId, id: inv.id },
      { intent: 'revoke', region: region.regionId, id: inv.id, confirmed: 'yes' },
    ]
    for (const form of forms) {
      const stale = await renderAfterPost(invitationsRoute, url, form, cookie)
      expect(stale.status).toBe(409)
      const said = /<h2 id="invitations-title">[^<]*<\/h2><div aria-live="polite"><p class="alert" role="alert">([^<]+)<\/p><\/div>/.exec(stale.html)
      expect(said?.[1]).toBe('Приглашение отозвано.')
      expect(stale.html.split('Приглашение отозвано.')).toHaveLength(2)
    }
  })
})
