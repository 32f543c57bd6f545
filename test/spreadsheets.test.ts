import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { OPERATOR, runImport } from '../app/imports/import.server'
import { chunks, csvFile } from '../app/imports/testing'
import { db } from '../db/client.server'
import { loader as exportXlsx } from '../app/routes/exports.$kind[.]xlsx'
import { loader as templateXlsx } from '../app/routes/imports.template.$kind[.]xlsx'
import { makeRegion } from './fixtures'
import { get, type Region } from './staff-helpers'
import { routeContext } from './support/session'

// Excel out: import templates and staff exports as .xlsx, and a round trip
// (export, import again, nothing changes).

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const HEADER = ['Муниципалитет', 'ФИО', 'Электронная почта', 'Место работы', 'Должность', 'Предметная область', 'Стаж']

async function book(res: Response) {
  expect(res.status).toBe(200)
  expect(res.headers.get('Content-Type')).toBe(XLSX)
  const bytes = Buffer.from(await res.arrayBuffer())
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return { wb, bytes, zip: await JSZip.loadAsync(bytes) }
}

async function nominate(region: Region, rows: string[][]) {
  const file = csvFile([HEADER, ...rows])
  return runImport({ kind: 'nominations', campaignId: region.campaignId, fileName: 'n.csv', source: chunks(file), actor: OPERATOR, dryRun: false })
}
const row = (region: Region, name: string, email: string) => [region.municipalities[0].name, name, `${email}.${region.code}@school.test`, 'МАОУ СОШ № 5', 'учитель', 'Математика', '12']

describe('import templates as .xlsx', () => {
  it('have the header on the first sheet, a sample on its own sheet and drop-down lists of the region', async () => {
    const region = await makeRegion()
    const res = (await templateXlsx({ request: new Request(`http://localhost/imports/template/nominations.xlsx?region=${region.code}`), params: { kind: 'nominations' }, context: routeContext() })) as Response
    expect(res.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Шаблон — представления кандидатов.xlsx')}`)
    const { wb, zip, bytes } = await book(res)
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['Данные', 'visible'], ['Пример', 'visible'], ['Списки', 'hidden']])
    const data = wb.getWorksheet('Данные')!
    const header = (data.getRow(1).values as string[]).slice(1)
    expect(header).toEqual(expect.arrayContaining(['ФИО', 'Муниципалитет', 'Электронная почта', 'Предметная область', 'Квалификационная категория']))
    expect(data.rowCount).toBe(1)
    expect(data.getColumn(header.indexOf('ФИО') + 1).width).toBeGreaterThanOrEqual(16)
    const sample = (wb.getWorksheet('Пример')!.getRow(2).values as string[]).slice(1)
    expect(sample[header.indexOf('Муниципалитет')]).toBe(region.municipalities[0].name)
    // the lists: municipality, subject, category
    const lists = wb.getWorksheet('Списки')!
    const listHeader = (lists.getRow(1).values as string[]).slice(1)
    expect(listHeader).toEqual(['Муниципалитет', 'Предметная область', 'Квалификационная категория'])
    expect(lists.getColumn(1).values.slice(2)).toEqual(region.municipalities.map((m) => m.name))
    expect(lists.getColumn(3).values.slice(2)).toEqual(['высшая', 'первая', 'без категории'])
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string')
    const validations = [...sheetXml.matchAll(/<dataValidation [^>]*type="list"[^>]*sqref="([A-Z]+)2:[A-Z]+5000"[^>]*>\s*<formula1>([^<]*)<\/formula1>/g)].map((m) => [m[1], m[2].replace(/&apos;/g, "'")])
    const letter = (h: string) => String.fromCharCode(65 + header.indexOf(h))
    expect(validations).toEqual(
      expect.arrayContaining([
        [letter('Муниципалитет'), `'Списки'!$A$2:$A$${region.municipalities.length + 1}`],
        [letter('Предметная область'), expect.stringMatching(/^'Списки'!\$B\$2:\$B\$\d+$/)],
        [letter('Квалификационная категория'), "'Списки'!$C$2:$C$4"],
      ]),
    )
    // imported as it is, it has a header and no rows: nothing happens
    const report = await runImport({ kind: 'nominations', campaignId: region.campaignId, fileName: 't.xlsx', source: chunks(bytes), actor: OPERATOR, dryRun: true })
    expect(report.errors).toEqual([{ row: 0, column: '', message: 'В файле нет ни одной строки с данными, только заголовок' }])
  })
})

describe('staff exports as .xlsx', () => {
  it('have a frozen header with an autofilter, dates as dates, formula-looking text as text; same permissions as CSV', async () => {
    const region = await makeRegion()
    await nominate(region, [row(region, 'Формулова Анна Ивановна', 'f')])
    await db()`update people set position = '=HYPERLINK("http://evil.test","x")' where work_email like ${`f.${region.code}@%`}`
    await db()`update applications set submitted_at = '2026-03-05T10:00:00Z' where campaign_id = ${region.campaignId}`
    const coordinator = await region.actor('regionalCoordinator')
    const res = (await get(exportXlsx, coordinator, '/exports/applications.xlsx', { kind: 'applications' })) as Response
    expect(res.headers.get('Content-Disposition')).toMatch(/filename\*=UTF-8''applications-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const { wb, zip } = await book(res)
    const ws = wb.worksheets[0]
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.autoFilter).toMatch(/^A1:[A-Z]+1$/)
    const header = (ws.getRow(1).values as string[]).slice(1)
    const cell = (h: string) => ws.getRow(2).getCell(header.indexOf(h) + 1)
    expect(ws.getRow(1).font?.bold).toBe(true)
    expect(cell('ФИО').value).toBe('Формулова Анна Ивановна')
    expect(cell('Подано').value).toEqual(new Date(Date.UTC(2026, 2, 5)))
    expect(cell('Подано').numFmt).toBe('dd.mm.yyyy')
    expect(typeof cell('№ заявления').value).toBe('number')
    expect(cell('Должность').value).toBe('=HYPERLINK("http://evil.test","x")')
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string')
    expect(sheetXml).not.toContain('<f>')
    // prints as a list: landscape A4, the header on every page
    expect(sheetXml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"/)
    const bookXml = await zip.file('xl/workbook.xml')!.async('string')
    expect(bookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;${ws.name}&apos;!$1:$1</definedName>`)

    // the same refusals as the CSV route
    expect(((await get(exportXlsx, await region.actor('applicant'), '/exports/applications.xlsx', { kind: 'applications' })) as Response).status).toBe(403)
    const municipal = await region.actor('municipalCoordinator')
    expect(((await get(exportXlsx, municipal, '/exports/applications.xlsx?private=1', { kind: 'applications' })) as Response).status).toBe(403)
    expect(((await get(exportXlsx, coordinator, '/exports/nothing.xlsx', { kind: 'nothing' })) as Response).status).toBe(404)
    // private columns are audited, as in CSV
    const [{ n: before }] = await db()`select count(*)::int as n from audit_events where actor_user_id = ${coordinator.userId}`
    const priv = await book((await get(exportXlsx, coordinator, '/exports/applications.xlsx?private=1', { kind: 'applications' })) as Response)
    expect((priv.wb.worksheets[0].getRow(1).values as string[]).slice(1)).toContain('Телефон')
    const [{ n: after }] = await db()`select count(*)::int as n from audit_events where actor_user_id = ${coordinator.userId}`
    expect(after).toBeGreaterThan(before)
  })

  it('round trip: the applications exported as .xlsx, imported again as nominations, change nothing', async () => {
    const region = await makeRegion()
    // the list carries no claimed facts (stage, category…): the nominations here claim none either
    const noFacts = (r: string[]) => r.slice(0, -1)
    const file = csvFile([HEADER.slice(0, -1), noFacts(row(region, 'Кругова Анна Ивановна', 'k1')), noFacts(row(region, 'Обратнова Ольга Петровна', 'k2'))])
    const first = await runImport({ kind: 'nominations', campaignId: region.campaignId, fileName: 'n.csv', source: chunks(file), actor: OPERATOR, dryRun: false })
    expect(first.counts).toMatchObject({ created: 2 })
    const snapshot = async () =>
      db()`select a.id, a.state, a.facts, a.row_version, p.last_name, p.first_name, p.middle_name, p.position, p.subjects, p.work_email, p.organisation_id
           from applications a join people p on p.id = a.person_id where a.campaign_id = ${region.campaignId} order by a.id`
    const before = await snapshot()
    const res = (await get(exportXlsx, await region.actor('regionalCoordinator'), '/exports/applications.xlsx', { kind: 'applications' })) as Response
    const { bytes } = await book(res)
    const again = await runImport({ kind: 'nominations', campaignId: region.campaignId, fileName: 'applications.xlsx', source: chunks(bytes), actor: OPERATOR, dryRun: false })
    expect(again.errors).toEqual([])
    expect(again).toMatchObject({ committed: true, format: 'xlsx', rows: 2, counts: { created: 0, updated: 0, unchanged: 2, skipped: 0 } })
    expect(await snapshot()).toEqual(before)
  })
})
