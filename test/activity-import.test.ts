import { describe, expect, it } from 'vitest'
import * as queue from '../app/routes/activity._index'
import * as mine from '../app/routes/my.activity._index'
import * as importsPage from '../app/routes/imports/route'
import { csvFile } from '../app/imports/testing'
import { db } from '../db/client.server'
import { makeRegion } from './fixtures'
import { flashOf } from './staff-helpers'
import { renderRoute } from './render'
import { activityUpload, confirm, memberOf, post, previewOf, recordsOf } from './support/activity-import'
import { cookieFor, routeContext } from './support/session'
import { grantRole } from '../db/queries/users.server'

// Bulk import of activity records (issue 10 §1.3): a coordinator uploads the
// events the region held, one row per participant; the preview lists what
// will be created, the confirmation writes it all in one transaction, each
// record confirmed through the activity machine; the same file again creates
// nothing.

const ctx = routeContext()
const get = (cookie: string, url: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } })
const HEADER = ['Название мероприятия', 'Вид работы', 'Дата проведения', 'Уровень', 'Число слушателей', 'ФИО участника', 'Муниципалитет']

describe('activity import', () => {
  it('previews, then creates confirmed records on confirmation; they show on the member’s page and in the coordinator’s list; the same file again creates nothing', async () => {
    const region = await makeRegion()
    const [home, other] = region.municipalities
    const anna = await memberOf(region, home.id, ['Светлова', 'Анна', 'Петровна'])
    const ivan = await memberOf(region, other.id, ['Громов', 'Иван', 'Сергеевич'])
    const coordinator = await region.actor('regionalCoordinator')
    const cookie = await cookieFor(coordinator)

    const page = await importsPage.loader({ request: get(cookie, '/imports'), params: {}, context: ctx })
    expect(page.activityRegions).toEqual([{ id: region.regionId, label: expect.any(String) }])
    expect(page.templates.map((k) => k.kind)).toContain('activity')
    // its own form (no campaign to choose), its template, and no internal word on the screen
    const html = await renderRoute(importsPage, 'http://localhost/imports', { Cookie: cookie })
    expect(html).toContain('<h2 id="activity-check">Мероприятия и их участники</h2>')
    expect(html).toContain('href="/imports/template/activity.xlsx?region=')
    expect(html.match(/<select[^>]*name="kind"[\s\S]*?<\/select>/)![0]).not.toContain('value="activity"')
    expect(html.replace(/<[^>]+>/g, ' ')).not.toMatch(/\bactivity\b|regionId|openLesson/)

    const seminar = 'Региональный семинар «Функциональная грамотность»'
    // Windows-1251 as Excel saves it; the kind and the level as people type them
    const file = csvFile(
      [
        HEADER,
        [seminar, '  проведённый СЕМИНАР или  вебинар ', '15.10.2026', 'Региональный', '45', 'Светлова Анна Петровна', ''],
        [seminar, 'семинар', '15.10.2026', 'региональный уровень', '45', 'громов иван сергеевич', other.name],
        ['Мастер-класс по геометрии', 'Мастер-класс', '03.09.2026', 'муниципальный', '', 'Светлова Анна Петровна', home.name],
      ],
      { encoding: 'windows-1251' },
    )
    const p = previewOf(await post(cookie, activityUpload(region.regionId, file)))
    expect(p.report).toMatchObject({ rows: 3, valid: 3, errors: [], counts: { created: 3, unchanged: 0 } })
    expect(p.uploadId).toEqual(expect.any(Number))
    expect(await recordsOf(region.regionId)).toEqual([])

    const done = await confirm(cookie, p)
    expect(done.status).toBe(302)
    expect(await flashOf(done)).toEqual({ kind: 'success', text: 'Файл «мероприятия.csv» загружен: создано 3, изменено 0, без изменений 0, пропущено 0.' })
    const records = await recordsOf(region.regionId)
    const [log] = await db()<{ id: number; kind: string; campaignId: number | null }[]>`
      select id::int, kind, campaign_id as "campaignId" from imports where region_id = ${region.regionId}`
    expect(log).toMatchObject({ kind: 'activity', campaignId: null })
    expect(records).toEqual([
      { id: expect.any(Number), memberId: anna.memberId, state: 'confirmed', kind: 'seminar', heldOn: '2026-10-15', level: 'regional', audience: 45, title: seminar, description: seminar, importId: log.id },
      { id: expect.any(Number), memberId: ivan.memberId, state: 'confirmed', kind: 'seminar', heldOn: '2026-10-15', level: 'regional', audience: 45, title: seminar, description: seminar, importId: log.id },
      { id: expect.any(Number), memberId: anna.memberId, state: 'confirmed', kind: 'openLesson', heldOn: '2026-09-03', level: 'municipal', audience: 0, title: 'Мастер-класс по геометрии', description: 'Мастер-класс по геометрии', importId: log.id },
    ])

    // through the machine: created, then confirmed by the importer, with the file's row; a letter to the member
    const [first] = records
    const audit = await db()<{ action: string; actor: number; to: string | null; data: { importId?: number; row?: number } }[]>`
      select action, actor_user_id::int as actor, to_state as to, data from audit_events where entity = 'activity' and entity_id = ${first.id} order by id`
    expect(audit.map((a) => [a.action, a.actor, a.to])).toEqual([
      ['CREATE', coordinator.userId, null],
      ['IMPORT', coordinator.userId, 'confirmed'],
    ])
    expect(audit[1].data).toEqual({ importId: log.id, row: 2 })
    const letters = await db()<{ template: string; role: string }[]>`select template, recipient_role as role from outbox where entity = 'activity' and entity_id = ${first.id}`
    expect(letters).toEqual([{ template: 'activityImported', role: 'member' }])

    // the member sees them confirmed; the coordinators count them among the confirmed ones, not in the queue
    const own = await mine.loader({ request: get(await cookieFor(anna), '/my/activity'), params: {}, context: ctx })
    expect(own.page.rows.map((r) => [r.kind, r.state])).toEqual([
      ['seminar', 'confirmed'],
      ['openLesson', 'confirmed'],
    ])
    const confirmedList = await queue.loader({ request: get(cookie, '/activity?show=confirmed'), params: {}, context: ctx })
    expect(confirmedList.page.total).toBe(3)
    expect(confirmedList.page.rows.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort())
    expect((await queue.loader({ request: get(cookie, '/activity'), params: {}, context: ctx })).page.total).toBe(0)
    const municipal = await cookieFor(await region.actor('municipalCoordinator', { municipalityId: other.id }))
    const theirs = await queue.loader({ request: get(municipal, '/activity?show=confirmed'), params: {}, context: ctx })
    expect(theirs.page.rows.map((r) => r.memberId)).toEqual([ivan.memberId])

    // the same file again: every row is already there, nothing to load
    const again = previewOf(await post(cookie, activityUpload(region.regionId, file)))
    expect(again.report).toMatchObject({ rows: 3, valid: 3, errors: [], counts: { created: 0, unchanged: 3 } })
    expect(again.uploadId).toBeNull()
    // and a file that repeats one known row next to a new one adds only the new one
    const more = csvFile([HEADER, [seminar, 'Семинар', '15.10.2026', 'региональный', '45', 'Светлова Анна Петровна', ''], ['Консультация для молодых учителей', 'консультация', '20.11.2026', 'школьный', '6', 'Громов Иван Сергеевич', '']])
    const p2 = previewOf(await post(cookie, activityUpload(region.regionId, more, 'ещё.csv')))
    expect(p2.report.counts).toMatchObject({ created: 1, unchanged: 1 })
    expect((await confirm(cookie, p2)).status).toBe(302)
    expect(await recordsOf(region.regionId)).toHaveLength(4)
  })

  it('reads an .xlsx workbook made in Excel: a real date cell, the name in three columns', async () => {
    const region = await makeRegion('chelyabinsk')
    const [home] = region.municipalities
    const olga = await memberOf(region, home.id, ['Ёлкина', 'Ольга', 'Викторовна'], { email: 'elkina@school.test' })
    const cookie = await cookieFor(await region.actor('municipalCoordinator', { municipalityId: home.id }))
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Мероприятия')
    ws.addRow(['Мероприятие', 'Вид', 'Дата', 'Уровень', 'Охват', 'Фамилия', 'Имя', 'Отчество', 'Электронная почта', 'Описание'])
    ws.addRow(['Жюри олимпиады', 'Работа в жюри', new Date(Date.UTC(2026, 9, 1)), 'Муниципальный', 12, 'Елкина', 'Ольга', 'Викторовна', 'Elkina@school.test', 'Председатель жюри'])
    ws.getCell('C2').numFmt = 'dd.mm.yyyy'
    const file = Buffer.from(await wb.xlsx.writeBuffer())
    const p = previewOf(await post(cookie, activityUpload(region.regionId, file, 'жюри.xlsx')))
    expect(p.report).toMatchObject({ format: 'xlsx', rows: 1, valid: 1, errors: [], counts: { created: 1 } })
    expect((await confirm(cookie, p)).status).toBe(302)
    const [r] = await recordsOf(region.regionId)
    expect(r).toMatchObject({ memberId: olga.memberId, state: 'confirmed', kind: 'jury', heldOn: '2026-10-01', level: 'municipal', audience: 12, title: 'Жюри олимпиады', description: 'Жюри олимпиады. Председатель жюри' })
  })
})

describe('activity import: the region', () => {
  it('is a labelled choice for a coordinator of two regions, and a hidden field for one region', async () => {
    const [a, b] = [await makeRegion(), await makeRegion('khabarovsk')]
    const coordinator = await a.actor('regionalCoordinator')
    const one = await renderRoute(importsPage, 'http://localhost/imports', { Cookie: await cookieFor(coordinator) })
    expect(one).toMatch(new RegExp(`<input type="hidden" name="regionId" value="${a.regionId}"/>`))
    await grantRole(coordinator.userId, { role: 'regionalCoordinator', regionId: b.regionId })
    const two = await renderRoute(importsPage, 'http://localhost/imports', { Cookie: await cookieFor(coordinator) })
    const form = /<section aria-labelledby="activity-check"[^]*?<\/section>/.exec(two)![0]
    const select = /<label for="([^"]+)">Регион<\/label><select[^>]*id="([^"]+)"[^>]*name="regionId"[^>]*>([^]*?)<\/select>/.exec(form)
    expect(select, form).not.toBeNull()
    expect(select![1]).toBe(select![2])
    const options = [...select![3].matchAll(/<option value="(\d+)">/g)].map((m) => Number(m[1])).sort((x, y) => x - y)
    expect(options).toEqual([a.regionId, b.regionId].sort((x, y) => x - y))
  })
})
