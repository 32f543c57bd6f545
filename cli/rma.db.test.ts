import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifyPassword } from '~/utils/password.server'
import { db } from '../db/client.server'
import { preset } from '../db/presets'
import { municipalitiesOf } from '../db/queries/regions.server'
import { grantsOf, userByLogin } from '../db/queries/users.server'
import { installPreset } from '../db/seed/presets.server'
import { CliError, createUser, runSeed } from './commands.server'

// Each test makes its own region (a preset under a unique code) and unique
// logins, so tests sharing the worker's database never see each other's rows.
async function region(presetCode = 'tomsk') {
  const code = `cli-${randomUUID().slice(0, 8)}`
  const inst = await installPreset(preset(presetCode), { code })
  return { ...inst, code, municipalities: await municipalitiesOf(inst.regionId) }
}
const login = (what: string) => `${what}.${randomUUID().slice(0, 8)}@cli.test.rma`
const noEnv = { env: {} }

async function failure(p: Promise<unknown>): Promise<CliError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(CliError)
  return e as CliError
}

describe('rma user:create', () => {
  it('a regional role is scoped to the region only, with a scrypt hash of the given password', async () => {
    const r = await region('khabarovsk')
    const l = login('Coordinator')
    const u = await createUser(db(), { login: l, name: 'Фёдоров Дмитрий Олегович', role: 'regionalCoordinator', region: r.code, password: 'correct-horse-1' }, noEnv)
    expect(u).toMatchObject({ login: l.toLowerCase(), role: 'regionalCoordinator', region: { id: r.regionId, code: r.code }, municipality: null, commission: null })
    expect(u.passwordSource).toBe('argument')
    expect(u.generatedPassword).toBeNull()
    expect(await grantsOf(u.userId)).toEqual([{ role: 'regionalCoordinator', regionId: r.regionId, municipalityId: null, commissionId: null }])
    const stored = await userByLogin(l)
    expect(stored?.displayName).toBe('Фёдоров Дмитрий Олегович')
    expect(stored?.passwordHash).toMatch(/^scrypt\$/)
    expect(await verifyPassword('correct-horse-1', stored!.passwordHash)).toBe(true)
  })

  it('a municipal coordinator gets the region and the municipality; the municipality is required', async () => {
    const r = await region('tomsk')
    const city = r.municipalities.find((m) => m.code === 'tomsk-city')!
    const l = login('municipal')
    const u = await createUser(db(), { login: l, name: 'Орлова Марина Петровна', role: 'municipalCoordinator', region: r.code, municipality: 'tomsk-city' }, noEnv)
    expect(u.municipality).toMatchObject({ id: city.id, code: 'tomsk-city' })
    expect(await grantsOf(u.userId)).toEqual([{ role: 'municipalCoordinator', regionId: r.regionId, municipalityId: city.id, commissionId: null }])

    const missing = await failure(createUser(db(), { login: login('municipal'), name: 'Без муниципалитета', role: 'municipalCoordinator', region: r.code }, noEnv))
    expect(missing.exitCode).toBe(2)
    expect(missing.message).toMatch(/нужен муниципалитет: добавьте --municipality/)

    const unknown = await failure(createUser(db(), { login: login('municipal'), name: 'Нет такого', role: 'municipalCoordinator', region: r.code, municipality: 'atlantis' }, noEnv))
    expect(unknown.code).toBe('municipality_not_found')
    expect(unknown.hint).toContain('tomsk-city')
  })

  it("a commission secretary is granted the region's only commission and joins commission_members", async () => {
    const r = await region('chelyabinsk')
    const l = login('secretary')
    const u = await createUser(db(), { login: l, name: 'Иванова Ольга Георгиевна', role: 'secretary', region: r.code }, { env: { RMA_PASSWORD: 'from-the-env-1' } })
    expect(u.commission).toMatchObject({ id: r.commissionId, memberRole: 'secretary' })
    expect(u.passwordSource).toBe('env')
    expect(await grantsOf(u.userId)).toEqual([{ role: 'secretary', regionId: r.regionId, municipalityId: null, commissionId: r.commissionId }])
    const members = await db()<{ role: string; active: boolean }[]>`
      select role, active from commission_members where commission_id = ${r.commissionId} and user_id = ${u.userId}`
    expect(members).toEqual([{ role: 'secretary', active: true }])
    expect(await verifyPassword('from-the-env-1', (await userByLogin(l))!.passwordHash)).toBe(true)
  })

  it('a commission member lands as "member"; with two commissions --commission-id is required and checked', async () => {
    const r = await region('yugra')
    const [second] = await db()<{ id: number }[]>`
      insert into commissions (region_id, name) values (${r.regionId}, 'Вторая комиссия') returning id::int`
    const ambiguous = await failure(createUser(db(), { login: login('member'), name: 'Член Комиссии', role: 'commissionMember', region: r.code }, noEnv))
    expect(ambiguous.code).toBe('commission_ambiguous')
    expect(ambiguous.message).toMatch(/несколько комиссий: укажите нужную параметром --commission-id/)
    expect(ambiguous.hint).toContain(String(second.id))

    const u = await createUser(db(), { login: login('member'), name: 'Член Комиссии', role: 'commissionMember', region: r.code, commissionId: String(second.id) }, noEnv)
    expect(u.commission).toMatchObject({ id: second.id, memberRole: 'member' })
    const [m] = await db()<{ role: string }[]>`select role from commission_members where commission_id = ${second.id} and user_id = ${u.userId}`
    expect(m.role).toBe('member')

    const other = await region('tomsk')
    const foreign = await failure(
      createUser(db(), { login: login('member'), name: 'Чужая комиссия', role: 'chair', region: r.code, commissionId: other.commissionId }, noEnv),
    )
    expect(foreign.code).toBe('commission_not_found')
  })

  it("without --commission-id a secretary goes to the region's own commission, beside a municipality's", async () => {
    const r = await region('tomsk')
    await db()`insert into commissions (region_id, municipality_id, name) values (${r.regionId}, ${r.municipalities[0].id}, 'Муниципальная комиссия')`
    const u = await createUser(db(), { login: login('secretary'), name: 'Иванова Ольга Георгиевна', role: 'secretary', region: r.code }, noEnv)
    expect(u.commission).toMatchObject({ id: r.commissionId, memberRole: 'secretary' })
  })

  it('without a password anywhere one is generated, returned once, and works', async () => {
    const r = await region()
    const u = await createUser(db(), { login: login('ministry'), name: 'Павлова Ирина Николаевна', role: 'ministryOfficer', region: r.code }, noEnv)
    expect(u.passwordSource).toBe('generated')
    expect(u.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(await verifyPassword(u.generatedPassword!, (await userByLogin(u.login))!.passwordHash)).toBe(true)
  })

  it('admin and applicant take no scope; a scope for them is bad usage', async () => {
    const admin = await createUser(db(), { login: login('admin'), name: 'Администратор', role: 'admin' }, noEnv)
    expect(await grantsOf(admin.userId)).toEqual([{ role: 'admin', regionId: null, municipalityId: null, commissionId: null }])
    const e = await failure(createUser(db(), { login: login('admin'), name: 'Администратор', role: 'admin', region: 'tomsk' }, noEnv))
    expect(e.exitCode).toBe(2)
    expect(e.message).toMatch(/действует во всех регионах: уберите --region/)
  })

  it('an unknown role is a Russian usage error listing the roles; nothing is created', async () => {
    const l = login('boss')
    const e = await failure(createUser(db(), { login: l, name: 'Начальник', role: 'boss', region: 'tomsk' }, noEnv))
    expect(e).toMatchObject({ code: 'usage', exitCode: 2 })
    expect(e.message).toMatch(/^Неизвестная роль «boss»\. Допустимые роли: applicant/)
    expect(e.message).toContain('regionalCoordinator (Региональный координатор)')
    expect(await userByLogin(l)).toBeUndefined()
  })

  it('missing arguments are reported together, in Russian', async () => {
    const e = await failure(createUser(db(), { role: 'ministryOfficer' }, noEnv))
    expect(e.exitCode).toBe(2)
    expect(e.message).toContain('Не указан логин: добавьте --login')
    expect(e.message).toContain('Не указано имя: добавьте --name')
    expect(e.message).toContain('нужен регион: добавьте --region')
  })

  it('an unknown region is an error naming the known regions; nothing is created', async () => {
    const r = await region()
    const l = login('lost')
    const e = await failure(createUser(db(), { login: l, name: 'Потерянный', role: 'ministryOfficer', region: 'atlantis' }, noEnv))
    expect(e).toMatchObject({ code: 'region_not_found', exitCode: 1, message: 'Регион «atlantis» не найден.' })
    expect(e.hint).toContain(r.code)
    expect(await userByLogin(l)).toBeUndefined()
  })

  it('a duplicate login (in any letter case) is a Russian error, not a PostgreSQL one; the first user is untouched', async () => {
    const r = await region()
    const l = login('twice')
    const first = await createUser(db(), { login: l, name: 'Первый', role: 'ministryOfficer', region: r.code, password: 'first-pass-1' }, noEnv)
    const e = await failure(createUser(db(), { login: l.toUpperCase(), name: 'Второй', role: 'secretary', region: r.code }, noEnv))
    expect(e).toMatchObject({ code: 'login_taken', exitCode: 1, message: `Пользователь с логином «${l}» уже существует.` })
    expect(await grantsOf(first.userId)).toEqual([{ role: 'ministryOfficer', regionId: r.regionId, municipalityId: null, commissionId: null }])
    const [{ n }] = await db()<{ n: number }[]>`select count(*)::int as n from commission_members where user_id = ${first.userId}`
    expect(n).toBe(0)
  })
})

describe('rma seed', () => {
  it('--presets-only installs the region presets (idempotent) and no demo data', async () => {
    const result = await runSeed(db(), { presetsOnly: true })
    expect(result.demo).toBeNull()
    expect(result.presets.map((p) => p.code)).toEqual(['tomsk', 'chelyabinsk', 'khabarovsk', 'yugra'])
    const rows = await db()<{ code: string }[]>`select code from regions where code in ('tomsk', 'chelyabinsk', 'khabarovsk', 'yugra')`
    expect(rows).toHaveLength(4)
  })

  it('bad numbers are Russian usage errors', async () => {
    const e = await failure(runSeed(db(), { members: 'many' }))
    expect(e).toMatchObject({ code: 'usage', exitCode: 2 })
    expect(e.message).toContain('--members должен быть целым числом')
  })
})
