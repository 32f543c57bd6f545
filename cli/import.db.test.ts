import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { encodeWindows1251 } from '../app/imports/cp1251'
import { csvFile } from '../app/imports/testing'
import { db } from '../db/client.server'
import { makeRegion } from '../test/fixtures'
import { memberOf } from '../test/support/activity-import'
import { runImportCommand } from './import'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rma-cli-import-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function cli(argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true))
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true))
  try {
    const code = await runImportCommand(argv)
    return { code, out: out.join(''), err: err.join('') }
  } finally {
    o.mockRestore()
    e.mockRestore()
  }
}

const HEADER = ['Муниципалитет', 'ФИО', 'E-mail', 'Место работы', 'Должность', 'Стаж работы по специальности, лет']

describe('npm run rma -- import', () => {
  it('dry run, then import; --json prints exactly one object', async () => {
    const region = await makeRegion()
    const m = region.municipalities[0].name
    const file = join(dir, `good-${region.code}.csv`)
    await writeFile(file, csvFile([HEADER, [m, 'Консольная Анна Ивановна', `a.${region.code}@school.test`, 'Школа № 1', 'учитель', '7,5']], { encoding: 'windows-1251' }))

    const dry = await cli(['import', 'nominations', file, '--campaign', String(region.campaignId), '--dry-run', '--json'])
    expect(dry.code).toBe(0)
    // 7,5 years and nothing else claimed: the Tomsk rules are not met — a remark for the commission, not an error.
    const remark = { row: 2, code: 'ELIGIBILITY_FAIL', message: expect.stringMatching(/^По сведениям из файла кандидат не соответствует требованиям отбора\. Квалификационная категория: не указано; требуется высшая\./) }
    expect(JSON.parse(dry.out)).toEqual({ rows: 1, valid: 1, errors: [], warnings: [remark], committed: false })
    expect(dry.out.trim().split('\n')).toHaveLength(1)

    const real = await cli(['nominations', file, '--region', region.code, '--json'])
    expect(real.code).toBe(0)
    expect(JSON.parse(real.out)).toMatchObject({ rows: 1, valid: 1, errors: [], committed: true })
    expect(JSON.parse(real.out).warnings).toHaveLength(1)
    const [{ n }] = await db()`select count(*)::int as n from applications where campaign_id = ${region.campaignId}`
    expect(n).toBe(1)

    const text = await cli(['nominations', file, '--campaign', String(region.campaignId)])
    expect(text.code).toBe(0)
    expect(text.out).toContain('Windows-1251, разделитель — точка с запятой')
    expect(text.out).toContain('создано 0, изменено 0, без изменений 1, пропущено 0')
    expect(text.out).toContain('Требования отбора по сведениям из файла: соответствуют 0, нужно подтвердить документами 0, не соответствуют 1.')
    expect(text.out).toMatch(/Замечания \(строки загружаются, решение принимает комиссия\):\n {2}2 · По сведениям из файла кандидат не соответствует/)
  })

  it('imports a chosen sheet of an .xlsx workbook (--sheet)', async () => {
    const region = await makeRegion()
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Пояснения').addRow(['см. следующий лист'])
    const ws = wb.addWorksheet('Кандидаты')
    ws.addRow(HEADER)
    ws.addRow([region.municipalities[0].name, 'Книжная Анна Ивановна', `x.${region.code}@school.test`, 'Школа № 1', 'учитель', 7.5])
    const file = join(dir, `book-${region.code}.xlsx`)
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const out = await cli(['import', 'nominations', file, '--campaign', String(region.campaignId), '--sheet', 'Кандидаты', '--json'])
    expect(out.code).toBe(0)
    expect(JSON.parse(out.out)).toMatchObject({ rows: 1, valid: 1, errors: [], committed: true })
    const text = await cli(['nominations', file, '--campaign', String(region.campaignId), '--sheet', '2', '--dry-run'])
    expect(text.out).toContain('Файл «' + `book-${region.code}.xlsx` + '»: книга Excel, лист «Кандидаты».')
    expect(text.out).toContain('без изменений 1')
  })

  it('reads every row of a file with mixed line ends', async () => {
    const region = await makeRegion()
    const m = region.municipalities[0].name
    const header = 'Муниципалитет;ФИО;Электронная почта;Место работы;Должность;Предметная область'
    const eols = ['\n', '\r', '\r\n', '\n', '\r', '\r\n']
    const text = `${header}\r\n` + eols.map((eol, i) => `${m};Смешанова-${'абвгде'[i]} Анна Ивановна;mix${i}.${region.code}@school.test;МАОУ СОШ № 5;учитель;Математика${eol}`).join('')
    const file = join(dir, `mixed-${region.code}.csv`)
    await writeFile(file, encodeWindows1251(text))
    const out = await cli(['import', 'nominations', file, '--campaign', String(region.campaignId), '--json'])
    expect(out.code).toBe(0)
    const report = JSON.parse(out.out)
    expect(report).toMatchObject({ rows: 6, valid: 6, errors: [], committed: true })
    expect(report.warnings.map((w: { row: number }) => w.row)).toEqual([2, 3, 4, 5, 6, 7])
    const people = await db()`
      select p.last_name, p.subjects from applications a join people p on p.id = a.person_id where a.campaign_id = ${region.campaignId} order by a.id`
    expect(people.map((p) => [p.last_name, p.subjects])).toEqual([...'абвгде'].map((l) => [`Смешанова-${l}`, ['Математика']]))
  })

  it('imports a municipality\'s own file with --municipality (name or code), refusing an unknown one', async () => {
    const region = await makeRegion()
    const [, chosen] = region.municipalities
    const file = join(dir, `own-${region.code}.csv`)
    await writeFile(file, csvFile([HEADER.slice(1), ['Своя Анна Ивановна', `own.${region.code}@school.test`, 'Школа № 1', 'учитель', '12']]))
    const campaign = ['--campaign', String(region.campaignId)]

    const without = await cli(['nominations', file, ...campaign, '--dry-run', '--json'])
    expect(JSON.parse(without.out).errors).toEqual([{ row: 1, column: 'Муниципалитет', message: 'Нет столбца «Муниципалитет»: он обязателен при загрузке на весь регион' }])

    const byName = await cli(['nominations', file, ...campaign, '--municipality', chosen.name, '--dry-run'])
    expect(byName.code).toBe(0)
    expect(byName.out).toContain(`Муниципалитет: ${chosen.name} (для строк, где он не указан).`)
    const byCode = await cli(['nominations', file, ...campaign, '--municipality', chosen.code, '--json'])
    expect(JSON.parse(byCode.out)).toMatchObject({ rows: 1, valid: 1, errors: [], committed: true })
    const [app] = await db()`select municipality_id::int as m from applications where campaign_id = ${region.campaignId}`
    expect(app.m).toBe(chosen.id)

    const unknown = await cli(['nominations', file, ...campaign, '--municipality', 'Атлантида', '--json'])
    expect(unknown.code).toBe(2)
    expect(JSON.parse(unknown.out).errors[0].message).toMatch(new RegExp(`^Муниципалитет «Атлантида» не найден в регионе ${region.code}\\. Укажите название или код: .*${chosen.code} \\(«${chosen.name}»\\)`))
    const facts = await cli(['registry', file, ...campaign, '--municipality', chosen.code])
    expect(facts.code).toBe(2)
    expect(facts.err).toContain('Параметр --municipality — только для представлений (nominations)')
  })

  it('exits non-zero on errors unless it is a dry run, listing each error', async () => {
    const region = await makeRegion()
    const file = join(dir, `bad-${region.code}.csv`)
    await writeFile(file, csvFile([HEADER, ['Москва', 'Иванова', 'нет почты', 'Школа', 'учитель', 'много']], { delimiter: '\t' }))
    const real = await cli(['nominations', file, '--campaign', String(region.campaignId), '--json'])
    expect(real.code).toBe(1)
    const report = JSON.parse(real.out)
    expect(report).toMatchObject({ rows: 1, valid: 0, committed: false })
    expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, 'Муниципалитет'],
      [2, 'ФИО'],
      [2, 'E-mail'],
      [2, 'Стаж работы по специальности, лет'],
    ])
    const dry = await cli(['nominations', file, '--campaign', String(region.campaignId), '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.out).toContain('2 · Стаж работы по специальности, лет · «много» — не число')
  })

  it('is strict about usage (exit 2)', async () => {
    const region = await makeRegion()
    expect((await cli(['members', 'x.csv'])).code).toBe(2)
    expect((await cli(['nominations', join(dir, 'missing.csv')])).err).toContain('не найден')
    const file = join(dir, `u-${region.code}.csv`)
    await writeFile(file, 'ФИО\r\n')
    const bad = await cli(['nominations', file, '--campaign', '0x1', '--json'])
    expect(bad.code).toBe(2)
    expect(JSON.parse(bad.out)).toEqual({ rows: 0, valid: 0, errors: [{ row: 0, column: '', message: 'Параметр --campaign: номер отбора, целое число.' }], warnings: [], committed: false })
    expect((await cli(['nominations', file, '--campaign', '999999999'])).code).toBe(2)
  })
})

describe('npm run rma -- import activity', () => {
  it('imports a region’s events by --region; a campaign is refused as bad usage', async () => {
    const region = await makeRegion()
    await memberOf(region, region.municipalities[0].id, ['Консольная', 'Вера', 'Ивановна'])
    const file = join(dir, `activity-${region.code}.csv`)
    await writeFile(file, csvFile([['Название мероприятия', 'Вид работы', 'Дата проведения', 'Уровень', 'ФИО'], ['Вебинар', 'вебинар', '01.10.2026', 'федеральный', 'Консольная Вера Ивановна']]))
    const real = await cli(['import', 'activity', file, '--region', region.code])
    expect(real.code).toBe(0)
    expect(real.out).toMatch(/^Мероприятия региона и их участники\.\n[\s\S]*Загружено \(журнал № \d+\): создано 1,/)
    const [r] = await db()<{ state: string; level: string }[]>`select state, level from activity_records where region_id = ${region.regionId}`
    expect(r).toEqual({ state: 'confirmed', level: 'federal' })
    const bad = await cli(['import', 'activity', file, '--campaign', String(region.campaignId)])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('Параметр --campaign не нужен для activity')
  })
})
