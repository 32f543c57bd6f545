import { describe, expect, it } from 'vitest'
import { consentDocuments } from '../app/domain/consent.server'
import { action as directionsAction, loader as directionsLoader } from '../app/routes/settings.directions/route'
import { action as generalAction } from '../app/routes/settings.general/route'
import { action as municipalitiesAction, loader as municipalitiesLoader } from '../app/routes/settings.municipalities/route'
import { action as operatorAction, loader as operatorLoader } from '../app/routes/settings.operator/route'
import * as coverageRoute from '../app/routes/regions.$code_.coverage'
import { db } from '../db/client.server'
import { regionById } from '../db/queries/regions.server'
import { makeApplication, makeRegion } from './fixtures'
import { renderRoute } from './render'
import { replyOf } from './support/form'
import { flashOf, get, post, statusOf } from './staff-helpers'

// The region settings screens (issue 11 §2) through their loaders and actions, on the real database.

type MunicipalitiesPage = Awaited<ReturnType<typeof municipalitiesLoader>>
const location = (r: unknown) => (r as Response).headers.get('Location')
const audits = async (regionId: number, entity: string) =>
  (await db()<{ action: string }[]>`select action from audit_events where region_id = ${regionId} and entity = ${entity} order by id`).map((a) => a.action)

describe('municipalities', () => {
  it('lists the counts with their estimate flag; the coordinator edits, adds and removes an unused one, each audited', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const page = (await get(municipalitiesLoader, coordinator, '/settings/municipalities')) as MunicipalitiesPage
    expect(page.region.code).toBe(region.code)
    expect(page.municipalities.length).toBe(region.municipalities.length)
    expect(page.municipalities.every((m) => m.teachersEstimated && m.teachersSource === 'Пресет региона')).toBe(true)

    const m = region.municipalities[0]
    const path = `/settings/municipalities?region=${region.code}`
    const saved = await post(municipalitiesAction, coordinator, path, {
      region: region.code, intent: 'edit', municipalityId: m.id, name: `${m.name} (ред.)`, teachersCount: '1234', teachersYear: '2025', teachersSource: 'Отчёт ОО-1',
    })
    expect(location(saved)).toBe(path)
    expect(await flashOf(saved as Response)).toEqual({ kind: 'success', text: `Муниципалитет «${m.name} (ред.)» сохранён.` })
    const [row] = await db()`select name, teachers_count as n, teachers_year as y, teachers_source as s, teachers_estimated as e from municipalities where id = ${m.id}`
    expect(row).toEqual({ name: `${m.name} (ред.)`, n: 1234, y: 2025, s: 'Отчёт ОО-1', e: false })

    const bad = replyOf(await post(municipalitiesAction, coordinator, path, { region: region.code, intent: 'edit', municipalityId: m.id, name: m.name, teachersCount: 'много' }))
    expect(bad.status).toBe(400)
    expect(bad.fields.teachersCount).toBe('Укажите число педагогов целым числом, например 1250')

    expect(location(await post(municipalitiesAction, coordinator, path, { region: region.code, intent: 'add', name: 'Новый округ', teachersCount: '40', teachersEstimated: 'on' }))).toBe(path)
    const dup = replyOf(await post(municipalitiesAction, coordinator, path, { region: region.code, intent: 'add', name: 'новый округ', teachersCount: '1' }))
    expect(dup).toMatchObject({ status: 409, code: 'MUNICIPALITY_EXISTS', message: 'Муниципалитет «новый округ» в регионе уже есть.' })
    const [{ id: added }] = await db()`select id::int from municipalities where region_id = ${region.regionId} and name = 'Новый округ'`

    const unconfirmed = replyOf(await post(municipalitiesAction, coordinator, path, { region: region.code, intent: 'remove', municipalityId: added }))
    expect(unconfirmed.status).toBe(400)
    expect(location(await post(municipalitiesAction, coordinator, path, { region: region.code, intent: 'remove', municipalityId: added, confirmed: 'yes' }))).toBe(path)
    expect(await db()`select id from municipalities where id = ${added}`).toHaveLength(0)
    expect(await audits(region.regionId, 'municipality')).toEqual(['UPDATE', 'CREATE', 'DELETE'])
  })

  it('refuses to remove a municipality that people and applications refer to, and keeps it', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    await makeApplication(region, await region.actor('applicant'))
    const m = region.municipalities[0]
    const r = replyOf(await post(municipalitiesAction, coordinator, '/settings/municipalities', { region: region.code, intent: 'remove', municipalityId: m.id, confirmed: 'yes' }))
    expect(r.status).toBe(409)
    expect(r.code).toBe('MUNICIPALITY_IN_USE')
    expect(r.message).toMatch(new RegExp(`^Муниципалитет «${m.name}» нельзя удалить: на него ссылаются записи \\(.*людей: 1.*заявлений: 1.*\\)\\. Его можно переименовать\\.$`))
    expect(await db()`select id from municipalities where id = ${m.id}`).toHaveLength(1)
  })

  it('is closed to the coordinator of another region and to the ministry officer; the administrator picks any region', async () => {
    const region = await makeRegion()
    const other = await (await makeRegion()).actor('regionalCoordinator')
    const m = region.municipalities[0]
    const form = { region: region.code, intent: 'edit', municipalityId: m.id, name: 'Чужой', teachersCount: '1' }
    expect(statusOf(await post(municipalitiesAction, other, '/settings/municipalities', form))).toBe(403)
    expect(statusOf((await get(municipalitiesLoader, other, `/settings/municipalities?region=${region.code}`)) as Response)).toBe(403)
    const officer = await region.actor('ministryOfficer')
    expect(statusOf((await get(municipalitiesLoader, officer, '/settings/municipalities')) as Response)).toBe(403)
    expect(statusOf(await post(municipalitiesAction, officer, '/settings/municipalities', form))).toBe(403)
    expect((await db()`select name from municipalities where id = ${m.id}`)[0].name).toBe(m.name)

    const admin = await region.actor('admin')
    const page = (await get(municipalitiesLoader, admin, `/settings/municipalities?region=${region.code}`)) as MunicipalitiesPage
    expect(page.region.code).toBe(region.code)
    expect(page.choices.map((c) => c.code)).toContain(region.code)
  })
})

describe('the coverage page', () => {
  it('says «оценка» beside an estimated count and in the region total while any count is one', async () => {
    const region = await makeRegion()
    const url = `http://localhost/regions/${region.code}/coverage`
    const estimated = await renderRoute(coverageRoute, url, {}, '/regions/:code/coverage')
    expect(estimated).toContain('Всего по региону')
    expect(estimated.match(/оценка<\/span>/g)?.length).toBe(region.municipalities.length + 1)

    await db()`update municipalities set teachers_estimated = false where region_id = ${region.regionId} and id <> ${region.municipalities[0].id}`
    const one = await renderRoute(coverageRoute, url, {}, '/regions/:code/coverage')
    expect(one.match(/оценка<\/span>/g)?.length).toBe(2) // that municipality and the total

    await db()`update municipalities set teachers_estimated = false, teachers_year = 2025 where region_id = ${region.regionId}`
    const none = await renderRoute(coverageRoute, url, {}, '/regions/:code/coverage')
    expect(none).not.toContain('оценка')
    expect(none).toContain('на 2025 год')
  })
})

describe('directions and groups', () => {
  it('adds, renames, reorders and removes an unused direction; refuses to remove a used one', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const path = `/settings/directions?region=${region.code}`
    const list = async () => ((await get(directionsLoader, coordinator, path)) as Awaited<ReturnType<typeof directionsLoader>>).directions
    const before = await list()
    expect(before.length).toBeGreaterThan(0)
    const send = (form: Record<string, string | number>) => post(directionsAction, coordinator, path, { region: region.code, ...form })

    expect(location(await send({ intent: 'addDirection', name: 'Цифровая дидактика' }))).toBe(path)
    let after = await list()
    const added = after[after.length - 1]
    expect(added.name).toBe('Цифровая дидактика')
    expect(location(await send({ intent: 'addGroup', directionId: added.id, name: 'Робототехника' }))).toBe(path)
    expect(location(await send({ intent: 'renameDirection', directionId: added.id, name: 'Цифровая педагогика' }))).toBe(path)
    expect(location(await send({ intent: 'moveDirection', directionId: added.id, move: 'up' }))).toBe(path)
    after = await list()
    expect(after.map((d) => d.id)).toEqual([...before.slice(0, -1).map((d) => d.id), added.id, before[before.length - 1].id])
    expect(after.find((d) => d.id === added.id)).toMatchObject({ name: 'Цифровая педагогика', groups: [{ name: 'Робототехника' }] })

    const dup = replyOf(await send({ intent: 'addDirection', name: 'цифровая педагогика' }))
    expect(dup).toMatchObject({ status: 409, code: 'DIRECTION_EXISTS' })

    // A direction an application is placed in stays.
    const used = before[0]
    const appId = await makeApplication(region, await region.actor('applicant'))
    await db()`update applications set direction_id = ${used.id}, group_id = ${used.groups[0]?.id ?? null} where id = ${appId}`
    const refused = replyOf(await send({ intent: 'removeDirection', directionId: used.id, confirmed: 'yes' }))
    expect(refused).toMatchObject({ status: 409, code: 'DIRECTION_IN_USE', message: `Нельзя удалить направление «${used.name}»: оно уже используется (заявлений: 1). Переименовать можно.` })
    if (used.groups[0]) expect(replyOf(await send({ intent: 'removeGroup', groupId: used.groups[0].id, confirmed: 'yes' })).code).toBe('DIRECTION_IN_USE')
    expect((await list()).map((d) => d.id)).toContain(used.id)

    expect(location(await send({ intent: 'removeDirection', directionId: added.id, confirmed: 'yes' }))).toBe(path)
    expect((await list()).map((d) => d.id)).not.toContain(added.id)
    expect(await audits(region.regionId, 'direction')).toEqual(['CREATE', 'RENAME', 'MOVE', 'DELETE'])

    const stranger = await (await makeRegion()).actor('regionalCoordinator')
    expect(statusOf(await post(directionsAction, stranger, path, { region: region.code, intent: 'addDirection', name: 'Чужое' }))).toBe(403)
  })
})

describe('general rules and the operator', () => {
  it('saves zone, term, quorum, ministry and site; refuses a bad time zone with a Russian message', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const path = `/settings/general?region=${region.code}`
    const form = { region: region.code, timeZone: 'Asia/Novosibirsk', termYears: '2', quorum: '2/3', ministryName: 'Министерство образования', siteUrl: 'https://edu.example.ru' }
    const bad = replyOf(await post(generalAction, coordinator, path, { ...form, timeZone: 'Mars/Olympus' }))
    expect(bad.status).toBe(400)
    expect(bad.fields.timeZone).toBe('Укажите часовой пояс в формате базы IANA, например Asia/Tomsk или Asia/Vladivostok')
    expect(replyOf(await post(generalAction, coordinator, path, { ...form, termYears: '0' })).fields.termYears).toBe('Срок полномочий — целое число лет от 1 до 10')

    expect(location(await post(generalAction, coordinator, path, form))).toBe(path)
    const r = await regionById(region.regionId)
    expect(r).toMatchObject({ timeZone: 'Asia/Novosibirsk', termYears: 2, ministryName: 'Министерство образования', siteUrl: 'https://edu.example.ru' })
    const [{ q }] = await db()`select quorum_fraction::float8 as q from commissions where id = ${region.commissionId}`
    expect(q).toBeCloseTo(2 / 3, 6)
    expect(await audits(region.regionId, 'region')).toEqual(['TIME_ZONE', 'SETTINGS'])
    const officer = await region.actor('ministryOfficer')
    expect(statusOf(await post(generalAction, officer, path, form))).toBe(403)
  })

  it('warns while the operator is the demo one; checks INN and OGRN; the consent texts name the new operator', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const path = `/settings/operator?region=${region.code}`
    const demo = ((await get(operatorLoader, coordinator, path)) as Awaited<ReturnType<typeof operatorLoader>>).operator
    expect(demo.demo).toBe(true)
    // Saving the sample unchanged (a new address only) does not make it the region's real operator.
    expect(location(await post(operatorAction, coordinator, path, { region: region.code, name: demo.name, inn: demo.inn, ogrn: demo.ogrn, address: 'г. Томск, ул. Новая, 1' }))).toBe(path)
    expect((await regionById(region.regionId))!.operator).toMatchObject({ demo: true, address: 'г. Томск, ул. Новая, 1' })
    const form = { region: region.code, name: 'ОГАУ «Институт развития образования»', inn: '7707083893', ogrn: '1027700132195', address: 'г. Тверь, ул. Школьная, 1' }
    const badInn = replyOf(await post(operatorAction, coordinator, path, { ...form, inn: '7707083894' }))
    expect(badInn).toMatchObject({ status: 400, fields: { inn: 'ИНН с ошибкой: не сходится контрольная цифра' } })
    expect(replyOf(await post(operatorAction, coordinator, path, { ...form, ogrn: '12345' })).fields.ogrn).toBe('ОГРН — 13 цифр (ОГРНИП — 15)')
    expect(replyOf(await post(operatorAction, coordinator, path, { ...form, ogrn: '1027700132196' })).fields.ogrn).toBe('ОГРН с ошибкой: не сходится контрольная цифра')
    expect((await regionById(region.regionId))!.operator.demo).toBe(true)

    expect(location(await post(operatorAction, coordinator, path, form))).toBe(path)
    const page = (await get(operatorLoader, coordinator, path)) as Awaited<ReturnType<typeof operatorLoader>>
    expect(page.operator).toEqual({ name: form.name, inn: form.inn, ogrn: form.ogrn, address: form.address, demo: false })
    const docs = consentDocuments((await regionById(region.regionId))!, { name: 'Иванова Анна', contact: 'a@school.test' }, 'https://rma.example', { fields: 'ФИО', conditions: 'нет', term: 'до отзыва' })
    expect(docs.processing).toContain(form.name)
    expect(docs.dissemination).toContain(`Оператор: ${form.name}; адрес: ${form.address}; ИНН ${form.inn}; ОГРН ${form.ogrn}.`)
    expect(await audits(region.regionId, 'region')).toEqual(['OPERATOR', 'OPERATOR'])
  })
})
