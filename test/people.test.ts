import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { addGrant, peopleRefusals, removeGrant, setAccountActive } from '~/domain/people-admin.server'
import { getSignedIn } from '~/http/session.server'
import { formatDateTime } from '~/model/labels'
import type { Actor, Role } from '~/model/permissions'
import { hashPassword } from '~/utils/password.server'
import { AppError } from '../workflows/errors'
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
    const refusals = [
      addGrant(actor, region.regionId, target.userId, { intent: 'grant', role: 'municipalCoordinator', municipalityId: region.municipalities[1].id, commissionId: undefined }),
      removeGrant(actor, region.regionId, target.userId, grantId),
      setAccountActive(actor, region.regionId, target.userId, false),
    ]
    for (const p of refusals) await expect(p).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' })
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
