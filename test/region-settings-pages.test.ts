import { describe, expect, it } from 'vitest'
import * as directions from '../app/routes/settings.directions/route'
import * as general from '../app/routes/settings.general/route'
import * as hub from '../app/routes/settings._index/route'
import * as municipalities from '../app/routes/settings.municipalities/route'
import * as operator from '../app/routes/settings.operator/route'
import * as newRegion from '../app/routes/settings.regions.new/route'
import { makeRegion } from './fixtures'
import { renderAfterPost, renderRoute } from './render'
import { get, post } from './staff-helpers'
import { cookieFor } from './support/session'

// The settings pages as the server renders them (what a browser without JavaScript gets): their forms, field names and buttons.

describe('region settings pages', () => {
  it('render their forms for the coordinator, with the demo-operator warning until it is replaced', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const headers = { Cookie: await cookieFor(coordinator) }
    const q = `?region=${region.code}`
    const m = region.municipalities[0]

    const hubHtml = await renderRoute(hub, `http://localhost/settings${q}`, headers)
    expect(hubHtml).toContain('Настройки региона: Томская область')
    expect(hubHtml).toContain('Указан демонстрационный оператор из пресета')
    expect(hubHtml).toContain(`href="/settings/municipalities${q}"`)
    expect(hubHtml).not.toContain('Создать регион')

    const list = await renderRoute(municipalities, `http://localhost/settings/municipalities${q}&edit=${m.id}`, headers)
    for (const name of ['name', 'teachersCount', 'teachersYear', 'teachersSource', 'teachersEstimated']) expect(list).toContain(`name="${name}"`)
    expect(list).toContain(`Изменить муниципалитет «${m.name}»`)
    expect(list).toContain('>Сохранить<')
    expect(list).toContain('Удалить муниципалитет')
    expect(list).toContain('Добавить муниципалитет')
    expect(list).toContain('оценка')

    const dirs = await renderRoute(directions, `http://localhost/settings/directions${q}`, headers)
    for (const label of ['Переименовать', 'Выше', 'Ниже', 'Удалить направление', 'Добавить группу', 'Добавить направление']) expect(dirs).toContain(label)

    const gen = await renderRoute(general, `http://localhost/settings/general${q}`, headers)
    for (const name of ['timeZone', 'termYears', 'quorum', 'ministryName', 'siteUrl']) expect(gen).toContain(`name="${name}"`)
    expect(gen).toContain('value="Asia/Tomsk"')

    const op = await renderRoute(operator, `http://localhost/settings/operator${q}`, headers)
    for (const name of ['name', 'inn', 'ogrn', 'address']) expect(op).toContain(`name="${name}"`)
    expect(op).toContain('Сейчас указан демонстрационный оператор')
  })

  it('render the new-region form and the hub’s link to it for the administrator', async () => {
    const admin = await (await makeRegion()).actor('admin')
    const headers = { Cookie: await cookieFor(admin) }
    const html = await renderRoute(newRegion, 'http://localhost/settings/regions/new', headers)
    for (const name of ['preset', 'code', 'name', 'timeZone']) expect(html).toContain(`name="${name}"`)
    expect(html).toContain('<option value="empty">Пустой регион</option>')
    expect(html).toContain('Создать регион')
    expect(await renderRoute(hub, 'http://localhost/settings', headers)).toContain('href="/settings/regions/new"')
  })

  it('name the time zone by a city and its offset, chosen from a list, never by its IANA name', async () => {
    const region = await makeRegion()
    const headers = { Cookie: await cookieFor(await region.actor('regionalCoordinator')) }
    const q = `?region=${region.code}`
    const hubHtml = await renderRoute(hub, `http://localhost/settings${q}`, headers)
    expect(hubHtml).toContain('Томск (UTC+7)')
    expect(hubHtml).not.toContain('Asia/Tomsk')
    const gen = await renderRoute(general, `http://localhost/settings/general${q}`, headers)
    expect(gen).toMatch(/<select[^>]*name="timeZone"/)
    expect(gen).toMatch(/<option value="Asia\/Tomsk" selected="">Томск \(UTC\+7\)<\/option>/)
    expect(gen).toContain('<option value="Asia/Vladivostok">Владивосток (UTC+10)</option>')
    expect(gen).not.toMatch(/>[^<]*Asia\/[^<]*</)
    // saved from the list, kept as the IANA name
    expect((await post(general.action, await region.actor('regionalCoordinator'), `/settings/general${q}`, { region: region.code, timeZone: 'Asia/Vladivostok', termYears: '3', quorum: 'majority', ministryName: 'Департамент', siteUrl: '' })) as Response).toHaveProperty('status', 302)
    expect(await renderRoute(hub, `http://localhost/settings${q}`, headers)).toContain('Владивосток (UTC+10)')

    const admin = await region.actor('admin')
    const fresh = await renderRoute(newRegion, 'http://localhost/settings/regions/new', { Cookie: await cookieFor(admin) })
    expect(fresh).toMatch(/<select[^>]*name="timeZone"/)
    expect(fresh).toContain('Пресет: Томская область, Томск (UTC+7)')
    expect(fresh).not.toMatch(/>[^<]*(Asia|Europe)\/[^<]*</)
  })

  it('say a refusal for a group no longer on the page (removed in another tab) once, above the directions', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const headers = { Cookie: await cookieFor(coordinator) }
    const path = `/settings/directions?region=${region.code}`
    const list = async () => ((await get(directions.loader, coordinator, path)) as Awaited<ReturnType<typeof directions.loader>>).directions
    const [first] = await list()
    await post(directions.action, coordinator, path, { region: region.code, intent: 'addGroup', directionId: first.id, name: 'Робототехника' })
    const group = (await list())[0].groups.find((g) => g.name === 'Робототехника')!
    await post(directions.action, coordinator, path, { region: region.code, intent: 'removeGroup', groupId: group.id, confirmed: 'yes' })

    const forms: Record<string, string | number>[] = [
      { intent: 'moveGroup', groupId: group.id, move: 'up' },
      { intent: 'renameGroup', groupId: group.id, name: 'Робототехника и ИИ' },
    ]
    for (const form of forms) {
      const stale = await renderAfterPost(directions, `http://localhost${path}`, { region: region.code, ...form }, headers)
      expect(stale.status).toBe(404)
      expect(stale.html).toMatch(/<\/p><div aria-live="polite"><p class="alert" role="alert">Запись не найдена\.<\/p><\/div><section class="card" aria-labelledby="direction-/)
      expect(stale.html.split('Запись не найдена.')).toHaveLength(2)
    }
  })
})
