import { describe, expect, it } from 'vitest'
import * as directions from '../app/routes/settings.directions/route'
import * as general from '../app/routes/settings.general/route'
import * as hub from '../app/routes/settings._index/route'
import * as municipalities from '../app/routes/settings.municipalities/route'
import * as operator from '../app/routes/settings.operator/route'
import * as newRegion from '../app/routes/settings.regions.new/route'
import { makeRegion } from './fixtures'
import { renderRoute } from './render'
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
})
