import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { addGrant, peopleRefusals, removeGrant, setAccountActive } from '~/domain/people-admin.server'
import { getSignedIn } from '~/http/session.server'
import { formatDateTime } from '~/model/labels'
import type { Actor, Role } from '~/model/permissions'
import { hashPassword } from '~/utils/password.server'
import { action as loginAction } from '../app/routes/login'
import * as personRoute from '../app/routes/people.$id._index/route'
import * as listRoute from '../app/routes/people._index/route'
import { db } from '../db/client.server'
import { grantRole, grantsOf, insertUser } from '../db/queries/users.server'
import { makeRegion } from './fixtures'
import { renderRoute } from './render'
import { replyOf } from './support/form'
import { cookieFor, randomAddress, routeContext } from './support/session'
import { flashOf, get, post, type Failure, type Region } from './staff-helpers'

// /people and /people/<id> (issue 11 §1.4–1.5): the region's staff accounts,
// their role grants given and taken within mayGrant(), accounts switched off
// and on, and the history of it all, against the real embedded database.

type ListData = Awaited<ReturnType<typeof listRoute.loader>>
type PersonData = Awaited<ReturnType<typeof personRoute.loader>>
const FORBIDDEN = 'Недостаточно прав для этого действия.'
const PASSWORD = 'пароль-сотрудника-1'

/** A staff account with its own name and password, holding `role` in the region. */
async function staff(region: Region, displayName: string, role: Role = 'municipalCoordinator', municipality = 0) {
  const login = `staff.${randomUUID()}@school.test`
  const userId = await insertUser({ login, passwordHash: await hashPassword(PASSWORD), displayName })
  await grantRole(userId, {
    role,
    regionId: region.regionId,
    municipalityId: role === 'municipalCoordinator' ? region.municipalities[municipality].id : null,
    commissionId: ['secretary', 'chair', 'commissionMember'].includes(role) ? region.commissionId : null,
  })
  return { userId, login, grants: await grantsOf(userId) }
}

const grantIdOf = async (userId: number, role: Role) =>
  (await db()<{ id: number }[]>`select id::int from role_grants where user_id = ${userId} and role = ${role} order by id limit 1`)[0]?.id
const activeOf = async (userId: number) => (await db()<{ active: boolean }[]>`select active from users where id = ${userId}`)[0].active
const auditCount = async (userId: number) =>
  (await db()<{ n: number }[]>`select count(*)::int as n from audit_events where (entity = 'user' and entity_id = ${userId}) or data->>'userId' = ${String(userId)}`)[0].n
const location = (r: Response | Failure) => (r instanceof Response ? r.headers.get('Location') : null)

const personPath = (userId: number) => `/people/${userId}`
const act = (actor: Actor, userId: number, form: Record<string, string | number>) => post(personRoute.action, actor, personPath(userId), form, { id: String(userId) })
const page = async (actor: Actor, region: Region, userId: number) =>
  (await get(personRoute.loader, actor, `${personPath(userId)}?region=${region.regionId}`, { id: String(userId) })) as PersonData

async function signIn(login: string) {
  const body = new URLSearchParams({ login, password: PASSWORD, redirectTo: '' })
  const res = await loginAction({ request: new Request('http://localhost/login', { method: 'POST', body }), params: {}, context: routeContext(randomAddress('10.31')) })
  return res instanceof Response ? { status: res.status } : replyOf(res)
}

describe('who may do what on the people page', () => {
  const cases: { who: string; allowed: boolean; make: (r: Region, other: Region) => Promise<Actor> }[] = [
    { who: 'regional coordinator of the region', allowed: true, make: (r) => r.actor('regionalCoordinator') },
    { who: 'regional coordinator of another region', allowed: false, make: (_r, o) => o.actor('regionalCoordinator') },
    { who: 'administrator', allowed: true, make: (r) => r.actor('admin') },
    { who: 'ministry officer', allowed: false, make: (r) => r.actor('ministryOfficer') },
    { who: 'secretary', allowed: false, make: (r) => r.actor('secretary') },
    { who: 'municipal coordinator', allowed: false, make: (r) => r.actor('municipalCoordinator') },
    { who: 'applicant', allowed: false, make: (r) => r.actor('applicant') },
  ]

  it.each(cases)('$who: view, add, remove, deactivate — allowed: $allowed', async ({ allowed, make }) => {
    const region = await makeRegion()
    const other = await makeRegion()
    // the region keeps a coordinator of its own, so removals are not refused as the last one
    await region.actor('regionalCoordinator')
    const actor = await make(region, other)
    const target = await staff(region, 'Целева Ирина Олеговна')
    const base = { region: region.regionId }
    const before = await auditCount(target.userId)

    const list = await get<ListData>(listRoute.loader, actor, `/people?region=${region.regionId}`)
    const added = await act(actor, target.userId, { ...base, intent: 'grant', role: 'municipalCoordinator', municipalityId: region.municipalities[1].id })
    const grantId = (await grantIdOf(target.userId, 'municipalCoordinator'))!
    const removed = await act(actor, target.userId, { ...base, intent: 'revoke', grantId, confirmed: 'yes' })
    const deactivated = await act(actor, target.userId, { ...base, intent: 'deactivate', confirmed: 'yes' })

    if (allowed) {
      expect((list as ListData).people.map((p) => p.id)).toContain(target.userId)
      for (const r of [added, removed, deactivated]) expect(location(r)).toBe(`/people/${target.userId}?region=${region.regionId}`)
      const left = await db()<{ municipalityId: number }[]>`
        select municipality_id::int as "municipalityId" from role_grants where user_id = ${target.userId}`
      expect(left).toEqual([{ municipalityId: region.municipalities[1].id }])
      expect(await activeOf(target.userId)).toBe(false)
      expect(await auditCount(target.userId)).toBe(before + 3)
      return
    }
    for (const r of [list, added, removed, deactivated]) {
      expect(r).toBeInstanceOf(Response)
      expect((r as Response).status).toBe(403)
      expect(await (r as Response).text()).toBe(FORBIDDEN)
    }
    // nothing written
    expect(await grantsOf(target.userId)).toEqual(target.grants)
    expect(await activeOf(target.userId)).toBe(true)
    expect(await auditCount(target.userId)).toBe(before)
    // and the domain refuses on its own, whatever region the caller names
    // (started one at a time: a rejection nobody awaits yet would be reported as unhandled)
    const refusals = [
      () => addGrant(actor, region.regionId, target.userId, { intent: 'grant', role: 'municipalCoordinator', municipalityId: region.municipalities[1].id, commissionId: undefined }),
      () => removeGrant(actor, region.regionId, target.userId, grantId),
      () => setAccountActive(actor, region.regionId, target.userId, false),
    ]
    for (const refuse of refusals) await expect(refuse()).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' })
    expect(await grantsOf(target.userId)).toEqual(target.grants)
    expect(await auditCount(target.userId)).toBe(before)
  })
})

describe('/people', () => {
  it('lists the region’s accounts with their roles in Russian, searched by name or login, filtered by role, paged by keyset', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const semenov = await staff(region, 'Семёнов Пётр Ильич')
    const secretary = await staff(region, 'Алексеева Вера Павловна', 'secretary')
    const stranger = await staff(other, 'Чужой Иван Иванович')

    const all = (await get<ListData>(listRoute.loader, coordinator, `/people?region=${region.regionId}`)) as ListData
    const ids = all.people.map((p) => p.id)
    expect(ids).toEqual(expect.arrayContaining([semenov.userId, secretary.userId, coordinator.userId]))
    expect(ids).not.toContain(stranger.userId)
    const row = all.people.find((p) => p.id === secretary.userId)!
    expect(row).toMatchObject({ displayName: 'Алексеева Вера Павловна', login: secretary.login, active: true })
    expect(row.grants).toEqual([expect.objectContaining({ role: 'secretary', scope: expect.any(String) })])

    const byName = (await get<ListData>(listRoute.loader, coordinator, `/people?region=${region.regionId}&q=${encodeURIComponent('семенов')}`)) as ListData
    expect(byName.people.map((p) => p.id)).toEqual([semenov.userId])
    const byLogin = (await get<ListData>(listRoute.loader, coordinator, `/people?region=${region.regionId}&q=${encodeURIComponent(secretary.login.toUpperCase())}`)) as ListData
    expect(byLogin.people.map((p) => p.id)).toEqual([secretary.userId])
    const byRole = (await get<ListData>(listRoute.loader, coordinator, `/people?region=${region.regionId}&role=secretary`)) as ListData
    expect(byRole.people.map((p) => p.id)).toEqual([secretary.userId])

    const html = await renderRoute(listRoute, `http://localhost/people?region=${region.regionId}`, { Cookie: await cookieFor(coordinator) })
    expect(html).toContain('Секретарь комиссии')
    expect(html).toContain('Муниципальный координатор')
    expect(html).toContain('href="/people/invitations?region=')
    // roles in words, with their municipality or commission; role keys only as the filter's option values
    expect(html).toMatch(/<li>Муниципальный координатор(<!-- -->)?: [^<]+район<\/li>/)
    expect(html.replace(/value="[^"]*"/g, '')).not.toMatch(/municipalCoordinator|"secretary"|>secretary</)

    // 55 more accounts: two pages, no one repeated or skipped
    const sql = db()
    const users = await sql<{ id: number }[]>`
      insert into users (login, password_hash, display_name)
      select 'bulk.' || g || '.' || ${randomUUID()} || '@school.test', 'x', 'Массов ' || lpad(g::text, 3, '0') from generate_series(1, 55) g
      returning id::int`
    await sql`insert into role_grants (user_id, role, region_id) select unnest(${users.map((u) => u.id)}::bigint[]), 'ministryOfficer', ${region.regionId}`
    const first = (await get<ListData>(listRoute.loader, coordinator, `/people?region=${region.regionId}&q=${encodeURIComponent('массов')}`)) as ListData
    expect(first.total).toBe(55)
    expect(first.people).toHaveLength(50)
    const second = (await get<ListData>(listRoute.loader, coordinator, first.next!)) as ListData
    expect(second.from).toBe(51)
    expect([...first.people, ...second.people].map((p) => p.displayName)).toEqual(Array.from({ length: 55 }, (_, i) => `Массов ${String(i + 1).padStart(3, '0')}`))
    expect(second.next).toBeNull()
  })

  it('lets an administrator pick any region by id or code', async () => {
    const region = await makeRegion()
    const admin = await region.actor('admin')
    const person = await staff(region, 'Регионова Ольга Петровна')
    const byCode = (await get<ListData>(listRoute.loader, admin, `/people?region=${region.code}`)) as ListData
    expect(byCode.region.id).toBe(region.regionId)
    expect(byCode.people.map((p) => p.id)).toContain(person.userId)
    expect(byCode.choices.map((c) => c.id)).toContain(region.regionId)
  })
})

describe('/people/<id>', () => {
  it('a switched-off account cannot sign in and its open session is gone; switched on, it can again; the history says so', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const person = await staff(region, 'Отключаемая Анна Сергеевна')
    expect((await signIn(person.login)).status).toBe(302)
    const cookie = await cookieFor(person.userId)
    const signedIn = () => getSignedIn(new Request('http://localhost/dashboard', { headers: { Cookie: cookie } }))
    expect(await signedIn()).not.toBeNull()
    expect((await page(coordinator, region, person.userId)).sessions).toBeGreaterThanOrEqual(2)

    // «Отключить учётную запись» is a link to the confirmation step, which holds the real form
    const asking = await renderRoute(personRoute, `http://localhost/people/${person.userId}?region=${region.regionId}&confirm=deactivate`, { Cookie: await cookieFor(coordinator) }, '/people/:id')
    expect(asking).toContain('Отключить учётную запись Отключаемая Анна Сергеевна?')
    expect(asking).toMatch(/<input type="hidden" name="intent" value="deactivate"\/>/)
    expect(asking).toContain('<input type="hidden" name="confirmed" value="yes"/>')
    expect(asking).toContain('Да, отключить')
    // a first click without the confirmation step does nothing
    const unconfirmed = replyOf(await act(coordinator, person.userId, { region: region.regionId, intent: 'deactivate' }))
    expect(unconfirmed).toMatchObject({ status: 400, code: 'INVALID_FORM' })
    expect(await activeOf(person.userId)).toBe(true)

    const off = await act(coordinator, person.userId, { region: region.regionId, intent: 'deactivate', confirmed: 'yes' })
    expect(await flashOf(off as Response)).toEqual({ kind: 'success', text: 'Учётная запись отключена, её сеансы завершены.' })
    expect(await signedIn()).toBeNull()
    expect((await db()`select 1 from sessions where user_id = ${person.userId}`).length).toBe(0)
    expect(await signIn(person.login)).toMatchObject({ status: 401, code: 'BAD_CREDENTIALS', message: 'Неверный логин или пароль.' })
    const offPage = await page(coordinator, region, person.userId)
    expect(offPage).toMatchObject({ user: { active: false }, sessions: 0, mayChangeAccount: true })

    await act(coordinator, person.userId, { region: region.regionId, intent: 'activate', confirmed: 'yes' })
    expect((await signIn(person.login)).status).toBe(302)

    const d = await page(coordinator, region, person.userId)
    expect(d.timeZone).toBe('Asia/Tomsk')
    expect(d.history.map((h) => [h.text, h.actorName])).toEqual([
      ['Учётная запись снова включена', 'regionalCoordinator'],
      ['Учётная запись отключена, все сеансы завершены', 'regionalCoordinator'],
    ])
    const html = await renderRoute(personRoute, `http://localhost/people/${person.userId}?region=${region.regionId}`, { Cookie: await cookieFor(coordinator) }, '/people/:id')
    expect(html).toContain('Учётная запись отключена, все сеансы завершены')
    expect(html).toContain(formatDateTime(d.history[0].at, 'Asia/Tomsk'))
    expect(html).toContain('(UTC+7)')
    expect(html).toContain('Отключить учётную запись')
    expect(html).not.toContain('ACCOUNT_')
  })

  it('gives a role within the region, checks its place, and shows the change in the history', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const person = await staff(region, 'Новикова Елена Андреевна')
    const base = { region: region.regionId, intent: 'grant' }

    const noPlace = replyOf(await act(coordinator, person.userId, { ...base, role: 'municipalCoordinator', municipalityId: '' }))
    expect(noPlace).toMatchObject({ status: 400, code: 'INVALID_FORM', fields: { municipalityId: 'Выберите муниципалитет для этой роли' } })
    const noCommission = replyOf(await act(coordinator, person.userId, { ...base, role: 'chair', municipalityId: region.municipalities[0].id }))
    expect(noCommission.fields).toEqual({ commissionId: 'Выберите комиссию для этой роли' })
    const foreign = replyOf(await act(coordinator, person.userId, { ...base, role: 'municipalCoordinator', municipalityId: other.municipalities[0].id }))
    expect(foreign).toMatchObject({ status: 422, code: 'MUNICIPALITY_NOT_FOUND', fields: { municipalityId: 'Муниципалитет не найден в справочнике региона.' } })
    const foreignCommission = replyOf(await act(coordinator, person.userId, { ...base, role: 'chair', commissionId: other.commissionId }))
    expect(foreignCommission).toMatchObject({ status: 422, code: 'COMMISSION_NOT_FOUND' })
    const admin = replyOf(await act(coordinator, person.userId, { ...base, role: 'admin' }))
    expect(admin).toMatchObject({ status: 403, code: 'FORBIDDEN', message: FORBIDDEN })
    const twice = replyOf(await act(coordinator, person.userId, { ...base, role: 'municipalCoordinator', municipalityId: region.municipalities[0].id }))
    expect(twice).toMatchObject({ status: 409, code: 'GRANT_EXISTS' })
    expect(await grantsOf(person.userId)).toEqual(person.grants)

    // a region-wide role ignores the places sent with it
    const ok = await act(coordinator, person.userId, { ...base, role: 'ministryOfficer', municipalityId: region.municipalities[0].id })
    expect(await flashOf(ok as Response)).toEqual({ kind: 'success', text: 'Роль назначена.' })
    expect((await grantsOf(person.userId)).at(-1)).toEqual({ role: 'ministryOfficer', regionId: region.regionId, municipalityId: null, commissionId: null })

    // a commission role is a membership of the commission
    await act(coordinator, person.userId, { ...base, role: 'chair', commissionId: region.commissionId })
    const [member] = await db()`select role, active from commission_members where user_id = ${person.userId} and commission_id = ${region.commissionId}`
    expect(member).toEqual({ role: 'chair', active: true })

    const d = await page(coordinator, region, person.userId)
    expect(d.grantable).not.toContain('admin')
    expect(d.grants.map((g) => [g.role, g.mayRemove])).toEqual([
      ['municipalCoordinator', true],
      ['ministryOfficer', true],
      ['chair', true],
    ])
    expect(d.history.map((h) => h.text)).toEqual([
      expect.stringMatching(/^Включён в состав комиссии «.+»: председатель$/),
      'Назначена роль: Представитель министерства',
    ])
  })

  it('taking a commission role away takes the person off the commission', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const secretary = await region.actor('secretary')
    const grantId = (await grantIdOf(secretary.userId, 'secretary'))!
    const res = await act(coordinator, secretary.userId, { region: region.regionId, intent: 'revoke', grantId, confirmed: 'yes' })
    expect(await flashOf(res as Response)).toEqual({ kind: 'success', text: 'Роль снята.' })
    expect(await grantsOf(secretary.userId)).toEqual([])
    const [member] = await db()`select active from commission_members where user_id = ${secretary.userId}`
    expect(member.active).toBe(false)
    // still reachable after the last role there is gone, with what happened
    const d = await page(coordinator, region, secretary.userId)
    expect(d.grants).toEqual([])
    expect(d.history.map((h) => h.text)).toEqual([expect.stringMatching(/^Выведен из состава комиссии «.+»$/)])
  })

  it('never leaves a region without a regional coordinator', async () => {
    const region = await makeRegion()
    const admin = await region.actor('admin')
    const only = await staff(region, 'Единственный Олег Борисович', 'regionalCoordinator')
    const grantId = (await grantIdOf(only.userId, 'regionalCoordinator'))!
    const attempts: Record<string, string | number>[] = [{ intent: 'revoke', grantId }, { intent: 'deactivate' }]
    for (const form of attempts) {
      const r = replyOf(await act(admin, only.userId, { region: region.regionId, confirmed: 'yes', ...form }))
      expect(r).toMatchObject({ status: 409, code: 'LAST_COORDINATOR', message: peopleRefusals.lastCoordinator })
    }
    // the coordinator cannot take the role from themself either
    const self = replyOf(await act(only, only.userId, { region: region.regionId, confirmed: 'yes', intent: 'revoke', grantId }))
    expect(self.code).toBe('LAST_COORDINATOR')
    expect(await grantsOf(only.userId)).toEqual(only.grants)
    expect(await activeOf(only.userId)).toBe(true)

    // with a second coordinator named on the page, the first one's role can go
    const next = await staff(region, 'Следующая Мария Ивановна', 'ministryOfficer')
    await act(admin, next.userId, { region: region.regionId, intent: 'grant', role: 'regionalCoordinator' })
    const res = await act(admin, only.userId, { region: region.regionId, intent: 'revoke', grantId, confirmed: 'yes' })
    expect(location(res)).toBe(`/people/${only.userId}?region=${region.regionId}`)
    expect(await grantsOf(only.userId)).toEqual([])
  })

  it('switches an account off only for whoever manages all its roles, and never one’s own', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    await region.actor('regionalCoordinator')
    const admin = await region.actor('admin')
    const twoRegions = await staff(region, 'Двойная Светлана Юрьевна')
    await grantRole(twoRegions.userId, { role: 'ministryOfficer', regionId: other.regionId })

    const d = await page(coordinator, region, twoRegions.userId)
    expect(d.mayChangeAccount).toBe(false)
    expect(d.grants.map((g) => g.mayRemove)).toEqual([true, false])
    const refused = replyOf(await act(coordinator, twoRegions.userId, { region: region.regionId, intent: 'deactivate', confirmed: 'yes' }))
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN', message: peopleRefusals.account })
    expect(await activeOf(twoRegions.userId)).toBe(true)
    const html = await renderRoute(personRoute, `http://localhost/people/${twoRegions.userId}?region=${region.regionId}`, { Cookie: await cookieFor(coordinator) }, '/people/:id')
    expect(html).not.toContain('Отключить учётную запись')
    expect(html).toContain('Отключить или включить эту учётную запись может только тот')

    const self = replyOf(await act(coordinator, coordinator.userId, { region: region.regionId, intent: 'deactivate', confirmed: 'yes' }))
    expect(self).toMatchObject({ status: 409, code: 'SELF', message: peopleRefusals.self })
    expect(await activeOf(coordinator.userId)).toBe(true)

    await act(admin, twoRegions.userId, { region: region.regionId, intent: 'deactivate', confirmed: 'yes' })
    expect(await activeOf(twoRegions.userId)).toBe(false)
    // an account the region has nothing to do with is not found from it
    const stranger = await staff(other, 'Посторонний Игорь Львович')
    const notHere = await get(personRoute.loader, coordinator, `/people/${stranger.userId}?region=${region.regionId}`, { id: String(stranger.userId) })
    expect((notHere as Response).status).toBe(404)
  })
})
