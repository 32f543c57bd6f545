import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { loader as importsLoader } from '../app/routes/imports/route'
import { loader as templateLoader } from '../app/routes/imports.template.$kind'
import { loader as templateXlsxLoader } from '../app/routes/imports.template.$kind[.]xlsx'
import { csvFile } from '../app/imports/testing'
import { db } from '../db/client.server'
import { grantRole, grantsOf } from '../db/queries/users.server'
import type { Role } from '~/model/permissions'
import { makeRegion } from './fixtures'
import { replyOf } from './support/form'
import { activityUpload, memberOf, post, previewOf, recordsOf } from './support/activity-import'
import { cookieFor, routeContext } from './support/session'

// The activity import refuses what it cannot take, row by row in Russian,
// and writes nothing then; only coordinators who may confirm records import
// them, a municipal one only for their municipality's members.

const ctx = routeContext()
const HEADER = ['Название мероприятия', 'Вид работы', 'Дата проведения', 'Уровень', 'ФИО', 'Муниципалитет']
const uploadsOf = async (regionId: number) => (await db()<{ n: number }[]>`select count(*)::int as n from import_uploads where region_id = ${regionId}`)[0].n

describe('activity import: bad input', () => {
  it('names each bad row and column in Russian and writes nothing', async () => {
    const region = await makeRegion()
    const [home, other] = region.municipalities
    await memberOf(region, home.id, ['Светлова', 'Анна', 'Петровна'])
    await memberOf(region, other.id, ['Громов', 'Иван', 'Сергеевич'])
    await memberOf(region, home.id, ['Бывшева', 'Нина', 'Олеговна'], { state: 'excluded' })
    const cookie = await cookieFor(await region.actor('municipalCoordinator', { municipalityId: home.id }))
    const file = csvFile([
      HEADER,
      ['Семинар', 'семинар', '15.10.2026', 'региональный', 'Светлова Анна Петровна', ''], // 2: fine
      ['Семинар', 'семинар', '15.10.2026', 'региональный', 'Неизвестная Мария Ивановна', ''], // 3: no such member
      ['Семинар', 'семинар', '31.02.2026', 'региональный', 'Светлова Анна Петровна', ''], // 4: no such day
      ['Семинар', 'концерт', '15.10.2026', 'региональный', 'Светлова Анна Петровна', ''], // 5: unknown kind
      ['Семинар', 'семинар', '15.10.2026', 'региональный', 'Громов Иван Сергеевич', ''], // 6: another municipality's member
      ['Семинар', 'семинар', '15.10.2026', 'региональный', 'Громов Иван Сергеевич', other.name], // 7: another municipality named
      ['Семинар', 'семинар', '15.10.2026', 'региональный', 'Бывшева Нина Олеговна', ''], // 8: excluded
      ['Семинар', 'семинар', '01.01.2999', 'мировой', 'Светлова Анна Петровна', ''], // 9: future day, unknown level
      ['Семинар', 'Семинар', '15.10.2026', 'Региональный', 'Светлова  Анна Петровна', ''], // 10: repeats row 2
    ])
    const p = previewOf(await post(cookie, activityUpload(region.regionId, file)))
    expect(p.report.rows).toBe(9)
    expect(p.report.errors).toEqual([
      { row: 3, column: 'ФИО', message: 'Участник «Неизвестная Мария Ивановна» не найден среди членов методического актива региона: проверьте ФИО и муниципалитет' },
      { row: 4, column: 'Дата проведения', message: 'Такой даты нет: «31.02.2026»' },
      { row: 5, column: 'Вид работы', message: expect.stringMatching(/^Вид работы «концерт» не найден\. Укажите один из видов: «Открытый урок или мастер-класс», .*«Другое»$/) },
      { row: 6, column: 'Муниципалитет', message: `Участник «Громов Иван Сергеевич» не найден среди членов актива муниципалитета «${home.name}»: вы можете загружать записи только за свой муниципалитет` },
      { row: 7, column: 'Муниципалитет', message: `Строка относится к муниципалитету «${other.name}», а вы можете загружать только «${home.name}»` },
      { row: 8, column: 'ФИО', message: 'Участник «Бывшева Нина Олеговна» не входит в действующий состав методического актива (статус — «Исключение из актива»)' },
      { row: 9, column: 'Дата проведения', message: 'Дата 01.01.2999 ещё не наступила: загружаются проведённые мероприятия' },
      { row: 9, column: 'Уровень', message: 'Уровень «мировой» не распознан: укажите «школьный», «муниципальный», «региональный», «федеральный»' },
      { row: 10, column: 'ФИО', message: 'Строка повторяет строку 2: тот же участник, вид работы, дата и мероприятие' },
    ])
    // a file with errors is not kept and changes nothing: all or nothing
    expect(p.uploadId).toBeNull()
    expect(await uploadsOf(region.regionId)).toBe(0)
    expect(await recordsOf(region.regionId)).toEqual([])
    expect(await db()`select id from imports where region_id = ${region.regionId}`).toHaveLength(0)
  })

  it('asks for the columns an activity file needs, and for a region', async () => {
    const region = await makeRegion()
    const cookie = await cookieFor(await region.actor('regionalCoordinator'))
    const p = previewOf(await post(cookie, activityUpload(region.regionId, csvFile([['ФИО', 'Дата'], ['Светлова Анна Петровна', '15.10.2026']]))))
    expect(p.report.errors.map((e) => [e.row, e.message])).toEqual([
      [1, 'Нет обязательного столбца «Название мероприятия»'],
      [1, 'Нет обязательного столбца «Вид работы»'],
      [1, 'Нет обязательного столбца «Уровень»'],
    ])
    const form = activityUpload(region.regionId, csvFile([HEADER]))
    form.delete('regionId')
    expect(replyOf(await post(cookie, form)).fields).toEqual({ regionId: 'Выберите регион' })
  })

  it('refuses a coordinator their own record: another coordinator confirms it', async () => {
    const region = await makeRegion()
    const [home] = region.municipalities
    const self = await memberOf(region, home.id, ['Координаторова', 'Вера', 'Ивановна'])
    await grantRole(self.userId, { role: 'regionalCoordinator', regionId: region.regionId })
    const cookie = await cookieFor({ userId: self.userId, grants: await grantsOf(self.userId) })
    const p = previewOf(await post(cookie, activityUpload(region.regionId, csvFile([HEADER, ['Семинар', 'семинар', '15.10.2026', 'региональный', 'Координаторова Вера Ивановна', '']]))))
    expect(p.report.errors).toEqual([{ row: 2, column: 'ФИО', message: 'Это ваша собственная запись: её подтверждает другой координатор' }])
  })
})

describe('activity import: who may import', () => {
  const allowed: Partial<Record<Role, boolean>> = { regionalCoordinator: true, municipalCoordinator: true }
  const everyone: Role[] = ['applicant', 'municipalCoordinator', 'secretary', 'commissionMember', 'chair', 'ministryOfficer', 'regionalCoordinator', 'admin']

  it.each(everyone)('%s', async (role) => {
    const region = await makeRegion()
    const [home] = region.municipalities
    await memberOf(region, home.id, ['Светлова', 'Анна', 'Петровна'])
    const cookie = await cookieFor(await region.actor(role, { municipalityId: home.id }))
    const file = csvFile([HEADER, ['Семинар', 'семинар', '15.10.2026', 'региональный', 'Светлова Анна Петровна', '']])
    const res = await post(cookie, activityUpload(region.regionId, file))
    if (allowed[role]) {
      expect(previewOf(res).report.counts.created).toBe(1)
      const page = await importsLoader({ request: new Request('http://localhost/imports', { headers: { Cookie: cookie } }), params: {}, context: ctx })
      expect(page.activityRegions.map((r) => r.id)).toEqual([region.regionId])
    } else {
      expect(res instanceof Response ? res.status : replyOf(res).status).toBe(403)
    }
    expect(await recordsOf(region.regionId)).toEqual([])
    // nobody imports into another region
    const elsewhere = await makeRegion()
    const foreign = await post(cookie, activityUpload(elsewhere.regionId, file))
    expect(foreign instanceof Response ? foreign.status : replyOf(foreign).status).toBe(403)
  })
})

describe('/imports/template/activity', () => {
  it('serves CSV (UTF-8 or Windows-1251) and .xlsx with Russian headers and a sample row', async () => {
    const res = await templateLoader({ request: new Request('http://localhost/imports/template/activity'), params: { kind: 'activity' }, context: ctx })
    expect(res.headers.get('Content-Disposition')).toContain('activity-template.csv')
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('Название мероприятия;Вид работы;Дата проведения;Уровень;Число слушателей;Описание;Ссылка на материалы;ФИО;Электронная почта;Муниципалитет;Место работы')
    expect(lines[1]).toMatch(/^Региональный семинар «.+»;Проведённый семинар или вебинар;15\.10\.2026;региональный;45;/)
    const cp = await templateLoader({ request: new Request('http://localhost/imports/template/activity?encoding=windows-1251'), params: { kind: 'activity' }, context: ctx })
    expect(new TextDecoder('windows-1251').decode(await cp.arrayBuffer()).split('\r\n')[0]).toBe(lines[0])

    const region = await makeRegion()
    const xlsx = await templateXlsxLoader({ request: new Request(`http://localhost/imports/template/activity.xlsx?region=${region.code}`), params: { kind: 'activity' }, context: ctx })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never)
    const [data, sample] = wb.worksheets
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(lines[0].split(';'))
    expect(sample.getRow(2).getCell(2).value).toBe('Проведённый семинар или вебинар')
  })
})
