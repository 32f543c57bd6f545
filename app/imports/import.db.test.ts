import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect, it, vi } from 'vitest'
import { db } from '../../db/client.server'
import { forceApplicationState, makeRegion } from '../../test/fixtures'
import { AppError } from '../../workflows/errors'
import type { Facts } from '~/model/eligibility'
import { encodeWindows1251 } from './cp1251'
import { OPERATOR, runImport, type ImportInput, type Importer } from './import.server'
import { chunks, csvFile, csvText, pngHead, xlsxFile, type FileStyle } from './testing'

type Region = Awaited<ReturnType<typeof makeRegion>>

const HEADER = ['Муниципалитет', 'ФИО', 'Электронная почта', 'Место работы', 'Должность', 'Предметная область', 'Квалификационная категория', 'Образование', 'Стаж', 'Победитель профессионального конкурса']

let seq = 0
/** Names take letters only: 1 → «а», 34 → «ба»… */
const letters = (n: number): string => (n < 33 ? '' : letters(Math.floor(n / 33) - 1)) + 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'[n % 33]
function candidate(region: Region, over: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
  seq++
  const row: Record<string, string> = {
    Муниципалитет: region.municipalities[0].name,
    ФИО: `Кандидатова-${letters(seq)} Анна Сергеевна`,
    'Электронная почта': `anna${seq}.${region.code}@school.test`,
    'Место работы': 'МАОУ СОШ № 5',
    Должность: 'учитель математики',
    'Предметная область': 'Математика',
    'Квалификационная категория': 'высшая',
    Образование: 'высшее педагогическое',
    Стаж: '12,5',
    'Победитель профессионального конкурса': 'да',
    ...over,
  }
  return HEADER.map((h) => row[h])
}

function run(region: Region, kind: ImportInput['kind'], file: Buffer, over: Partial<ImportInput> = {}) {
  return runImport({ kind, campaignId: region.campaignId, fileName: 'test.csv', source: chunks(file, 4096), actor: OPERATOR, dryRun: false, ...over })
}

async function applicationsOf(region: Region) {
  return db()<{ id: number; source: string; state: string; facts: Facts; email: string; lastName: string; municipalityId: number; position: string; subjects: string[]; org: string }[]>`
    select a.id::int, a.source, a.state, a.facts, p.work_email as email, p.last_name as "lastName", a.municipality_id::int as "municipalityId",
           p.position, p.subjects, o.name as org
    from applications a join people p on p.id = a.person_id left join organisations o on o.id = p.organisation_id
    where a.campaign_id = ${region.campaignId} order by a.id`
}

async function tableCounts(region: Region) {
  const [c] = await db()<{ people: number; apps: number; orgs: number; audits: number; imports: number }[]>`
    select (select count(*)::int from people where region_id = ${region.regionId}) as people,
           (select count(*)::int from applications where region_id = ${region.regionId}) as apps,
           (select count(*)::int from organisations where region_id = ${region.regionId}) as orgs,
           (select count(*)::int from audit_events where region_id = ${region.regionId}) as audits,
           (select count(*)::int from imports where region_id = ${region.regionId}) as imports`
  return c
}

describe('nominations: every file variant', () => {
  const variants: [string, FileStyle, (r: Region) => string[][]][] = [
    ['UTF-8, «;», CRLF', { encoding: 'utf-8', delimiter: ';' }, (r) => [HEADER, candidate(r), candidate(r)]],
    ['UTF-8 with BOM, «,»', { encoding: 'utf-8', bom: true, delimiter: ',' }, (r) => [HEADER, candidate(r), candidate(r)]],
    ['Windows-1251, «;»', { encoding: 'windows-1251', delimiter: ';' }, (r) => [HEADER, candidate(r), candidate(r)]],
    ['Windows-1251, tab, LF', { encoding: 'windows-1251', delimiter: '\t', eol: '\n' }, (r) => [HEADER, candidate(r), candidate(r)]],
    ['UTF-16 «Текст Юникод», tab', { encoding: 'utf-16le', delimiter: '\t' }, (r) => [HEADER, candidate(r), candidate(r)]],
    [
      'three name columns, «Стаж работы по специальности, лет», municipality code',
      { encoding: 'windows-1251' },
      (r) => {
        const header = ['№ п/п', 'Муниципальное образование', 'Фамилия', 'Имя', 'Отчество', 'E-mail', 'Образовательная организация', 'Должность', 'Стаж работы по специальности, лет']
        return [header, ...[1, 2].map((n) => [String(n), r.municipalities[0].code, `Трёхстолбцова-${letters(n)}`, 'Ольга', '', `olga${n}.${r.code}@school.test`, 'Гимназия № 1', 'учитель', '12,5'])]
      },
    ],
    [
      'quoted cells with line breaks, stray spaces, trailing empty rows',
      { encoding: 'utf-8', bom: true },
      (r) => [
        HEADER,
        candidate(r, { 'Предметная область': 'Математика\r\nФизика', 'Место работы': '  МАОУ «Лицей № 7»;  корпус 2 ', ФИО: `  Пробелова   Анна\u00a0Сергеевна ` }),
        candidate(r, { Стаж: ' 12,5 ' }),
        HEADER.map(() => ''),
        HEADER.map(() => ''),
        [''],
      ],
    ],
  ]

  it.each(variants)('%s', async (_, style, rows) => {
    const region = await makeRegion()
    const report = await run(region, 'nominations', csvFile(rows(region), style))
    expect(report.errors).toEqual([])
    expect(report).toMatchObject({ rows: 2, valid: 2, committed: true, counts: { created: 2, updated: 0, unchanged: 0, skipped: 0 } })
    const apps = await applicationsOf(region)
    expect(apps).toHaveLength(2)
    for (const a of apps) {
      expect(a).toMatchObject({ source: 'municipality', state: 'draft', municipalityId: region.municipalities[0].id })
      expect(a.facts.experienceYears).toEqual({ value: 12.5, verified: false, source: 'self' })
    }
    if (_.startsWith('quoted')) {
      expect(apps[0].subjects).toEqual(['Математика', 'Физика'])
      expect(apps[0].org).toBe('МАОУ «Лицей № 7»; корпус 2')
      expect(apps[0].lastName).toBe('Пробелова')
    }
    const [log] = await db()`select kind, rows_total, rows_changed, counts, file_sha256, encoding, delimiter from imports where id = ${report.importId}`
    expect(log).toMatchObject({ kind: 'nominations', rows_total: 2, rows_changed: 2, file_sha256: report.sha256 })
    const [audit] = await db()`select action, data from audit_events where entity = 'import' and entity_id = ${report.importId}`
    expect(audit).toMatchObject({ action: 'IMPORT', data: { sha256: report.sha256, rows: 2 } })
    // The applications an import created are found from its log row (one transaction, one now()).
    const [{ n }] = await db()`
      select count(*)::int as n from applications a join imports i on i.campaign_id = a.campaign_id and a.created_at = i.imported_at
      where i.id = ${report.importId} and a.nominated_by is not distinct from i.imported_by`
    expect(n).toBe(2)
  })
})

describe('staging', () => {
  // Rows reach the real tables through a staging table (COPY text on
  // PostgreSQL, JSON records on the embedded database): every character a
  // cell may hold arrives as typed, including those COPY treats specially.
  it('keeps backslashes, quotes and COPY\'s null marker exactly, across staging batches', async () => {
    const region = await makeRegion()
    const odd = ['Школа \\N', 'МАОУ "СОШ" \\ № 5', 'Лицей \\t «Э»', '\\.']
    const rows = [HEADER, ...odd.map((org, i) => candidate(region, { 'Место работы': org, Должность: `учитель ${org} ${i}` }))]
    const report = await run(region, 'nominations', csvFile(rows, { encoding: 'utf-8' }), { batchSize: 3 })
    expect(report.errors).toEqual([])
    expect(report.counts.created).toBe(odd.length)
    const apps = await applicationsOf(region)
    expect(apps.map((a) => a.org)).toEqual(odd)
    expect(apps.map((a) => a.position)).toEqual(odd.map((org, i) => `учитель ${org} ${i}`))
    const again = await run(region, 'nominations', csvFile(rows, { encoding: 'utf-8' }))
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: odd.length, skipped: 0 })
  })
})

describe('a name cell with a line break or another control character', () => {
  it('is refused under its row and column with the forms’ message, in one «ФИО» column and in three', async () => {
    const region = await makeRegion()
    const message = 'Уберите из имени переносы строк и другие служебные символы'
    const full = [HEADER, candidate(region, { ФИО: 'Иванова\rМария Петровна' }), candidate(region, { ФИО: 'Петрова\nАнна Ивановна' }), candidate(region, { ФИО: 'Сидорова Анна\u0001 Ивановна' }), candidate(region, { ФИО: '  Кузнецова Анна Ивановна\r\n' })]
    const report = await run(region, 'nominations', csvFile(full), { dryRun: true })
    expect(report.errors).toEqual([
      { row: 2, column: 'ФИО', message },
      { row: 3, column: 'ФИО', message },
      { row: 4, column: 'ФИО', message },
    ])
    // spaces and line ends around the name are trimmed, as the forms trim them
    expect(report.valid).toBe(1)

    const three = ['Фамилия', 'Имя', 'Отчество', ...HEADER.filter((h) => h !== 'ФИО')]
    const row = (last: string, first: string, middle: string) => [last, first, middle, ...candidate(region).filter((_, i) => HEADER[i] !== 'ФИО')]
    const split = await run(region, 'nominations', csvFile([three, row('Иванова', 'Мария\rАнна', 'Петровна'), row('Петрова', 'Анна', 'Ивановна\u007f')]), { dryRun: true })
    expect(split.errors).toEqual([
      { row: 2, column: 'Имя', message },
      { row: 3, column: 'Отчество', message },
    ])
  })
})

describe('a file with errors in many rows', () => {
  it('commits nothing and reports every error with its row, column and message', async () => {
    const region = await makeRegion()
    const rows = [HEADER]
    for (let i = 0; i < 60; i++) {
      if (i % 3 === 0) rows.push(candidate(region, { Стаж: `стаж ${i}` }))
      else if (i % 3 === 1) rows.push(candidate(region, { 'Электронная почта': '', 'Квалификационная категория': 'вторая' }))
      else rows.push(candidate(region))
    }
    rows.push(candidate(region, { Муниципалитет: 'Москва' }))
    rows.push([...rows[3]]) // the same candidate twice
    const before = await tableCounts(region)
    const report = await run(region, 'nominations', csvFile(rows, { encoding: 'windows-1251' }), { batchSize: 5 })
    expect(report.committed).toBe(false)
    expect(report.importId).toBeNull()
    expect(report.rows).toBe(62)
    expect(report.valid).toBe(20)
    expect(report.errors).toHaveLength(20 + 40 + 1 + 1)
    expect(report.errors[0]).toEqual({ row: 2, column: 'Стаж', message: '«стаж 0» — не число; дробную часть можно отделять запятой, например 12,5' })
    expect(report.errors).toContainEqual({ row: 3, column: 'Электронная почта', message: 'Не указан адрес электронной почты: он нужен для уведомлений кандидату' })
    expect(report.errors).toContainEqual({
      row: 3,
      column: 'Квалификационная категория',
      message: 'Категория «вторая» не распознана: укажите «высшая», «первая» или «без категории»',
    })
    expect(report.errors).toContainEqual({ row: 62, column: 'Муниципалитет', message: 'Муниципалитет «Москва» не найден в регионе' })
    expect(report.errors).toContainEqual({ row: 63, column: 'ФИО', message: 'Этот кандидат уже есть в строке 4: совпадают ФИО и электронная почта' })
    for (const e of report.errors) expect(e.row).toBeGreaterThan(1)
    expect(await tableCounts(region)).toEqual(before)
  })

  it('reports a wrong header once, row 1, and still counts the rows', async () => {
    const region = await makeRegion()
    const report = await run(region, 'nominations', csvFile([['ФИО', 'Должность'], ['Иванов Иван', 'учитель'], ['Петров Пётр', 'учитель']]))
    expect(report).toMatchObject({ rows: 2, valid: 0, committed: false })
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [1, 'Электронная почта'],
      [1, 'Место работы'],
      [1, 'Муниципалитет'],
    ])
  })

  it('says so when a file is empty or only a header', async () => {
    const region = await makeRegion()
    expect((await run(region, 'nominations', Buffer.alloc(0))).errors).toEqual([{ row: 0, column: '', message: 'Файл пустой: нет ни строки заголовка, ни данных' }])
    expect((await run(region, 'nominations', csvFile([HEADER]))).errors[0].message).toBe('В файле нет ни одной строки с данными, только заголовок')
  })
})

describe('natural keys', () => {
  it('importing the same file again changes nothing; a changed file updates drafts only', async () => {
    const region = await makeRegion()
    const rows = [HEADER, ...Array.from({ length: 7 }, () => candidate(region))]
    const file = csvFile(rows, { encoding: 'windows-1251' })
    const first = await run(region, 'nominations', file, { batchSize: 3 })
    expect(first.counts).toEqual({ created: 7, updated: 0, unchanged: 0, skipped: 0 })
    const after = await tableCounts(region)
    const apps = await applicationsOf(region)

    const again = await run(region, 'nominations', file, { batchSize: 3 })
    expect(again).toMatchObject({ committed: true, counts: { created: 0, updated: 0, unchanged: 7, skipped: 0 } })
    expect(await applicationsOf(region)).toEqual(apps)
    expect(await tableCounts(region)).toEqual({ ...after, imports: after.imports + 1, audits: after.audits + 1 })

    // Same people in another spelling: case, ё, spaces and the e-mail's case do not make new candidates.
    const respelled = rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (HEADER[j] === 'ФИО' ? ` ${c.toUpperCase()} ` : HEADER[j] === 'Электронная почта' ? c.toUpperCase() : c))))
    expect((await run(region, 'nominations', csvFile(respelled))).counts).toMatchObject({ created: 0, unchanged: 7 })

    // One draft moves on; two rows change.
    await forceApplicationState(apps[0].id, [{ type: 'SUBMIT' }])
    const changed = rows.map((r) => [...r])
    changed[1][HEADER.indexOf('Стаж')] = '20'
    changed[2][HEADER.indexOf('Должность')] = 'заместитель директора'
    const third = await run(region, 'nominations', csvFile(changed))
    expect(third.counts).toEqual({ created: 0, updated: 1, unchanged: 5, skipped: 1 })
    expect(third.notices).toEqual([{ row: 2, message: 'Представление уже подано (Подано); изменения из файла не применены' }])
    const now = await applicationsOf(region)
    expect(now[0].facts.experienceYears).toEqual({ value: 12.5, verified: false, source: 'self' })
    expect(now[1].position).toBe('заместитель директора')
    const [upd] = await db()`select action, data from audit_events where entity = 'application' and entity_id = ${now[1].id} order by id desc limit 1`
    expect(upd).toMatchObject({ action: 'IMPORT_UPDATE', data: { importId: third.importId } })
  })

  it('a verified fact is not overwritten by a later nomination file', async () => {
    const region = await makeRegion()
    const rows = [HEADER, candidate(region)]
    await run(region, 'nominations', csvFile(rows))
    const name = rows[1][1]
    await run(region, 'qualification', csvFile([['ФИО', 'Категория'], [name, 'первая']]))
    rows[1][HEADER.indexOf('Стаж')] = '15'
    const report = await run(region, 'nominations', csvFile(rows))
    expect(report.counts.updated).toBe(1)
    const [app] = await applicationsOf(region)
    expect(app.facts.qualificationCategory).toEqual({ value: 'first', verified: true, source: 'registry' })
    expect(app.facts.experienceYears).toEqual({ value: 15, verified: false, source: 'self' })
    // …and the next identical nomination file is still "unchanged".
    expect((await run(region, 'nominations', csvFile(rows))).counts).toMatchObject({ unchanged: 1, updated: 0 })
  })

  it('a dry run counts the same and writes nothing', async () => {
    const region = await makeRegion()
    const file = csvFile([HEADER, candidate(region), candidate(region)])
    const before = await tableCounts(region)
    const preview = await run(region, 'nominations', file, { dryRun: true })
    expect(preview).toMatchObject({ rows: 2, valid: 2, committed: false, importId: null, counts: { created: 2 } })
    expect(await tableCounts(region)).toEqual(before)
    const wrong = await run(region, 'nominations', file, { expectedSha256: '0'.repeat(64) })
    expect(wrong.committed).toBe(false)
    expect(wrong.errors).toEqual([{ row: 0, column: '', message: 'Файл изменился после предварительного просмотра: загрузите его заново' }])
    const right = await run(region, 'nominations', file, { expectedSha256: preview.sha256! })
    expect(right.committed).toBe(true)
  })
})

describe('scope', () => {
  it("keeps a municipal coordinator to their own municipality", async () => {
    const region = await makeRegion()
    const [own, other] = region.municipalities
    const coordinator = await region.actor('municipalCoordinator', { municipalityId: own.id })
    const rows = [HEADER, candidate(region, { Муниципалитет: own.name }), candidate(region, { Муниципалитет: '' }), candidate(region, { Муниципалитет: other.name })]
    const refused = await run(region, 'nominations', csvFile(rows), { actor: coordinator })
    expect(refused.committed).toBe(false)
    expect(refused.errors).toEqual([
      { row: 4, column: 'Муниципалитет', message: `Строка относится к муниципалитету «${other.name}», а вы можете загружать только «${own.name}»` },
    ])
    const ok = await run(region, 'nominations', csvFile(rows.slice(0, 3)), { actor: coordinator })
    expect(ok.committed).toBe(true)
    const apps = await applicationsOf(region)
    expect(apps.map((a) => a.municipalityId)).toEqual([own.id, own.id])
    const [{ nominatedBy }] = await db()`select nominated_by::int as "nominatedBy" from applications where id = ${apps[0].id}`
    expect(nominatedBy).toBe(coordinator.userId)
    // Without a municipality column the coordinator's municipality is implied.
    const noColumn = [HEADER.slice(1), candidate(region).slice(1)]
    expect((await run(region, 'nominations', csvFile(noColumn), { actor: coordinator })).committed).toBe(true)
  })

  it('refuses registry data from a municipality, and anyone outside the region', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const coordinator = await region.actor('municipalCoordinator')
    const stranger = await other.actor('regionalCoordinator')
    const applicant = await region.actor('applicant')
    const file = csvFile([['ФИО', 'Категория'], ['Иванов Иван', 'высшая']])
    const refusal = (actor: Importer, kind: ImportInput['kind'] = 'qualification') => run(region, kind, file, { actor }).catch((e) => e)
    expect(await refusal(coordinator)).toMatchObject({ code: 'IMPORT_KIND_FORBIDDEN', status: 403 })
    expect(await refusal(stranger)).toBeInstanceOf(AppError)
    expect(await refusal(stranger)).toMatchObject({ code: 'FORBIDDEN' })
    expect(await refusal(applicant, 'nominations')).toMatchObject({ code: 'FORBIDDEN' })
    expect(await refusal(await region.actor('regionalCoordinator'))).toMatchObject({ committed: true })
  })

  it('refuses nominations to a campaign that is not open', async () => {
    const region = await makeRegion()
    await db()`update campaigns set state = 'closed' where id = ${region.campaignId}`
    const e = await run(region, 'nominations', csvFile([HEADER, candidate(region)])).catch((x) => x)
    expect(e).toMatchObject({ code: 'CAMPAIGN_NOT_OPEN', status: 409 })
  })
})

describe('registry and attestation data', () => {
  it('verifies facts of the matching applicant, fast track included, and re-evaluates one under screening', async () => {
    const region = await makeRegion('chelyabinsk')
    const rows = [
      HEADER,
      candidate(region, { ФИО: 'Реестрова Ирина Павловна', 'Квалификационная категория': 'первая', Стаж: '3' }),
      candidate(region, { ФИО: 'Двойникова Мария Ивановна', 'Электронная почта': `m1.${region.code}@school.test` }),
      candidate(region, { ФИО: 'Двойникова Мария Ивановна', 'Электронная почта': `m2.${region.code}@school.test` }),
    ]
    await run(region, 'nominations', csvFile(rows))
    const [first] = await applicationsOf(region)
    await forceApplicationState(first.id, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'fail', failedRules: [] }])

    const registryHeader = ['ФИО', 'E-mail', 'Наименование реестра', 'Включён в профессиональный реестр', 'Стаж работы по специальности', 'Квалификационная категория']
    const ambiguous = await run(region, 'registry', csvFile([registryHeader, ['Двойникова Мария Ивановна', '', 'Реестр экспертов', 'да', '', '']]))
    expect(ambiguous.errors).toEqual([
      { row: 2, column: 'ФИО', message: 'В отборе 2 кандидата с такими ФИО: добавьте электронную почту, муниципалитет или место работы, чтобы различить' },
    ])

    const file = csvFile([
      registryHeader,
      ['реестрова  ирина павловна', '', 'Реестр экспертов', 'да', '7', 'высшая'],
      ['Двойникова Мария Ивановна', `M2.${region.code}@school.test`, 'Реестр экспертов', 'да', '', ''],
      ['Посторонний Пётр Петрович', '', 'Реестр экспертов', 'да', '', ''],
    ])
    const report = await run(region, 'registry', file)
    expect(report).toMatchObject({ committed: true, counts: { created: 0, updated: 2, unchanged: 0, skipped: 1 } })
    expect(report.notices).toEqual([{ row: 4, message: 'Среди кандидатов этого отбора такого человека нет; строка пропущена' }])
    const apps = await applicationsOf(region)
    expect(apps[0].facts).toMatchObject({
      registryMember: { value: true, verified: true, source: 'registry' },
      experienceYears: { value: 7, verified: true, source: 'registry' },
      qualificationCategory: { value: 'highest', verified: true, source: 'registry' },
      contestWinner: { value: true, verified: false, source: 'self' },
    })
    expect(apps[2].facts.registryMember).toEqual({ value: true, verified: true, source: 'registry' })
    expect(apps[1].facts.registryMember).toBeUndefined()

    // The application under screening learned its new eligibility: fast track of the Chelyabinsk rules.
    const [screened] = await db()<{ eligibility: { fastTrack: boolean; outcome: string }; snapshot: { context: { eligibility: string } } }[]>`
      select eligibility, snapshot from applications where id = ${first.id}`
    expect(screened.eligibility.fastTrack).toBe(true)
    expect(screened.snapshot.context.eligibility).toBe(screened.eligibility.outcome)
    const actions = await db()`select action from audit_events where entity = 'application' and entity_id = ${first.id} order by id`
    expect(actions.map((a) => a.action)).toEqual(['REGISTRY_FACTS', 'EVALUATED'])

    const again = await run(region, 'registry', file)
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 2, skipped: 1 })
  })

  it('sets the attestation category as verified, with date and order in the audit', async () => {
    const region = await makeRegion()
    const rows = [HEADER, candidate(region, { 'Квалификационная категория': 'первая' })]
    await run(region, 'nominations', csvFile(rows))
    const file = csvFile([['Фамилия', 'Имя', 'Отчество', 'Квалификационная категория', 'Дата приказа', 'Номер приказа'], [...rows[1][1].split(' '), 'высшая', '25.12.2024', '1234-к']], { encoding: 'windows-1251' })
    const report = await run(region, 'qualification', file)
    expect(report).toMatchObject({ committed: true, counts: { updated: 1 } })
    const [app] = await applicationsOf(region)
    expect(app.facts.qualificationCategory).toEqual({ value: 'highest', verified: true, source: 'registry' })
    const [audit] = await db()`select action, data from audit_events where entity = 'application' and entity_id = ${app.id} and action = 'QUALIFICATION_FACTS'`
    expect(audit.data).toMatchObject({ category: 'highest', categoryDate: '2024-12-25', orderNumber: '1234-к', importId: report.importId, rows: [2] })
    expect((await run(region, 'qualification', file)).counts).toMatchObject({ unchanged: 1, updated: 0 })
  })

  it("accepts a category given on the region's today while UTC is still on yesterday", async () => {
    const region = await makeRegion('khabarovsk')
    const rows = [HEADER, candidate(region, { 'Квалификационная категория': 'первая' })]
    await run(region, 'nominations', csvFile(rows))
    // 06:00 in Khabarovsk (Asia/Vladivostok, UTC+10) on 1 December 2026; in UTC it is 30 November.
    vi.useFakeTimers({ now: new Date('2026-11-30T20:00:00Z'), toFake: ['Date'] })
    try {
      const file = csvFile([['ФИО', 'Квалификационная категория', 'Дата присвоения категории'], [rows[1][1], 'высшая', '01.12.2026']])
      const report = await run(region, 'qualification', file)
      expect(report.errors).toEqual([])
      expect(report).toMatchObject({ committed: true, counts: { updated: 1 } })
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('an attestation workbook whose order number is a number formatted «0000»', () => {
  it('keeps the order number as the sheet shows it, with its leading zeros', async () => {
    const region = await makeRegion()
    const rows = [HEADER, candidate(region, { 'Квалификационная категория': 'первая' })]
    await run(region, 'nominations', csvFile(rows))
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Аттестация')
    ws.addRow(['ФИО', 'Квалификационная категория', 'Дата приказа', 'Номер приказа'])
    ws.addRow([rows[1][1], 'высшая', '25.12.2024', 12])
    ws.getCell('D2').numFmt = '0000'
    const file = Buffer.from(await wb.xlsx.writeBuffer())
    const report = await run(region, 'qualification', file, { fileName: 'аттестация.xlsx' })
    expect(report).toMatchObject({ committed: true, counts: { updated: 1 } })
    const [app] = await applicationsOf(region)
    const [audit] = await db()`select data from audit_events where entity = 'application' and entity_id = ${app.id} and action = 'QUALIFICATION_FACTS'`
    expect(audit.data).toMatchObject({ orderNumber: '0012' })
  })
})

describe('files an outside tester sent: an honest answer, nothing committed', () => {
  it('reads every row of a file with mixed line ends (CRLF header; LF, CR, CRLF, LF, CR, CRLF rows)', async () => {
    const region = await makeRegion()
    const header = ['Муниципалитет', 'ФИО', 'Электронная почта', 'Место работы', 'Должность', 'Предметная область']
    const people = ['а', 'б', 'в', 'г', 'д', 'е'].map((l, i) => [region.municipalities[0].name, `Смешанова-${l} Анна Ивановна`, `mix${i}.${region.code}@school.test`, 'МАОУ СОШ № 5', 'учитель', 'Математика'])
    const text = `${header.join(';')}\r\n` + people.map((p, i) => p.join(';') + ['\n', '\r', '\r\n'][i % 3]).join('')
    const report = await run(region, 'nominations', encodeWindows1251(text))
    expect(report.errors).toEqual([])
    expect(report).toMatchObject({ rows: 6, valid: 6, committed: true, counts: { created: 6 } })
    const apps = await applicationsOf(region)
    expect(apps.map((a) => [a.lastName, a.subjects])).toEqual(people.map((p) => [p[1].split(' ')[0], ['Математика']]))
  })

  it('names the row whose cells run past the header', async () => {
    const region = await makeRegion()
    const good = candidate(region)
    const shifted = [...candidate(region), '', 'лишнее значение', 'ещё одно']
    const trailingEmpty = [...candidate(region), '', '']
    const oneMore = [...candidate(region), 'сдвиг']
    const before = await tableCounts(region)
    const report = await run(region, 'nominations', csvFile([HEADER, good, shifted, trailingEmpty, oneMore]))
    expect(report).toMatchObject({ rows: 4, valid: 2, committed: false })
    expect(report.errors).toEqual([
      {
        row: 3,
        column: 'столбец 12',
        message:
          'Ячеек в строке — 13, столбцов в заголовке — 10: ячейки правее последнего столбца (первая — столбец 12, «лишнее значение») не относятся ни к одному столбцу. ' +
          'Проверьте, не сдвинулись ли ячейки (точка с запятой внутри значения без кавычек) и не склеились ли строки.',
      },
      {
        row: 5,
        column: 'столбец 11',
        message: expect.stringMatching(/^Ячеек в строке — 11, столбцов в заголовке — 10: ячейка правее последнего столбца \(столбец 11, «сдвиг»\) не относится ни к одному столбцу\. /),
      },
    ])
    expect(await tableCounts(region)).toEqual(before)
  })

  it('says a broken workbook, an empty one or a picture is no table, instead of listing garbage columns', async () => {
    const region = await makeRegion()
    const cut = xlsxFile().subarray(0, 200)
    for (const [bytes, what] of [
      [cut, /^Книгу Excel не удалось прочитать: файл повреждён или это не книга \.xlsx\./],
      [xlsxFile(), /^Файл пустой/],
      [pngHead, /^Это не текстовый файл CSV, а изображение PNG\./],
    ] as const) {
      const report = await run(region, 'nominations', bytes)
      expect(report).toMatchObject({ rows: 0, committed: false, unusedColumns: [] })
      expect(report.errors).toHaveLength(1)
      expect(report.errors[0]).toMatchObject({ row: 0, column: '' })
      expect(report.errors[0].message).toMatch(what)
    }
  })

  it('reads UTF-16 saved without a BOM', async () => {
    const region = await makeRegion()
    const bytes = Buffer.from(csvText([HEADER, candidate(region), candidate(region)], { delimiter: '\t' }), 'utf16le')
    const report = await run(region, 'nominations', bytes)
    expect(report.errors).toEqual([])
    expect(report).toMatchObject({ encoding: 'utf-16le', rows: 2, valid: 2, committed: true })
    expect((await applicationsOf(region))[0].lastName).toMatch(/^Кандидатова-/)
  })

  it('refuses a zero byte inside a cell, naming the row and column', async () => {
    const region = await makeRegion()
    const before = await tableCounts(region)
    const report = await run(region, 'nominations', csvFile([HEADER, candidate(region), candidate(region, { Должность: 'учитель\u0000математики' })]))
    expect(report).toMatchObject({ rows: 2, valid: 1, committed: false })
    expect(report.errors).toEqual([
      { row: 3, column: 'Должность', message: 'В ячейке есть нулевой байт (символ NUL): так бывает, когда файл повреждён или сохранён не как текст. Сохраните таблицу заново как CSV.' },
    ])
    expect(await tableCounts(region)).toEqual(before)
  })

  it('refuses a formula\'s error in a cell (#Н/Д of a failed ВПР), in a workbook or in a CSV saved from it, naming the row and column', async () => {
    const region = await makeRegion()
    const before = await tableCounts(region)
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Кандидаты')
    ws.addRow(HEADER)
    ws.addRow(candidate(region))
    ws.addRow(candidate(region))
    ws.getCell('E3').value = { formula: 'VLOOKUP(B3,Штат!A:B,2,0)', result: { error: '#N/A' } }
    ws.getCell('H3').value = { error: '#VALUE!' }
    const xlsx = await run(region, 'nominations', Buffer.from(await wb.xlsx.writeBuffer()), { fileName: 'test.xlsx' })
    expect(xlsx).toMatchObject({ rows: 2, valid: 1, committed: false })
    expect(xlsx.errors).toEqual([
      { row: 3, column: 'Должность', message: 'В ячейке ошибка формулы Excel (#Н/Д) вместо значения: исправьте формулу или впишите значение вручную.' },
      { row: 3, column: 'Образование', message: 'В ячейке ошибка формулы Excel (#ЗНАЧ!) вместо значения: исправьте формулу или впишите значение вручную.' },
    ])
    const csv = await run(region, 'nominations', csvFile([HEADER, candidate(region, { 'Место работы': '#Н/Д' }), candidate(region, { Должность: '#N/A' })]))
    expect(csv.errors).toEqual([
      { row: 2, column: 'Место работы', message: 'В ячейке ошибка формулы Excel (#Н/Д) вместо значения: исправьте формулу или впишите значение вручную.' },
      { row: 3, column: 'Должность', message: 'В ячейке ошибка формулы Excel (#Н/Д) вместо значения: исправьте формулу или впишите значение вручную.' },
    ])
    expect(await tableCounts(region)).toEqual(before)
  })

  it('names the empty sheet of a workbook instead of calling the file empty', async () => {
    const region = await makeRegion()
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Лист1')
    wb.addWorksheet('Кандидаты').addRow(HEADER)
    const report = await run(region, 'nominations', Buffer.from(await wb.xlsx.writeBuffer()), { fileName: 'test.xlsx', sheet: 'Лист1' })
    expect(report.errors).toEqual([{ row: 0, column: '', message: 'Лист «Лист1» книги пустой: нет ни строки заголовка, ни данных. Перенесите таблицу на этот лист или выберите лист с данными' }])
  })

  it('says a 50,000-column header has too many columns', async () => {
    const region = await makeRegion()
    const header = [...HEADER, ...Array.from({ length: 50_000 - HEADER.length }, (_, i) => `Столбец ${i}`)]
    const report = await run(region, 'nominations', csvFile([header, candidate(region)]))
    expect(report.committed).toBe(false)
    expect(report.errors).toHaveLength(1)
    expect(report.errors[0]).toMatchObject({ row: 1, column: '' })
    expect(report.errors[0].message).toMatch(/^В строке заголовка слишком много столбцов: больше 500\./)
  })
})

describe('birth dates', () => {
  async function privateOf(region: Region) {
    return db()<{ lastName: string; birthDate: string | null }[]>`
      select p.last_name as "lastName", to_char(pp.birth_date, 'YYYY-MM-DD') as "birthDate"
      from applications a join people p on p.id = a.person_id left join person_private pp on pp.person_id = p.id
      where a.campaign_id = ${region.campaignId} order by a.id`
  }

  it('are read, validated and stored as private data only; re-importing changes nothing', async () => {
    const region = await makeRegion()
    const header = [...HEADER, 'Дата рожд.']
    const rows = [header, [...candidate(region), '06.05.1980'], [...candidate(region), '']]
    const bad = await run(region, 'nominations', csvFile([...rows, [...candidate(region), '31.02.1980'], [...candidate(region), '01.01.1850']]))
    expect(bad.committed).toBe(false)
    expect(bad.unusedColumns).toEqual([])
    expect(bad.errors).toEqual([
      { row: 4, column: 'Дата рожд.', message: 'Такой даты нет: «31.02.1980»' },
      { row: 5, column: 'Дата рожд.', message: expect.stringMatching(/^Дата рождения 01\.01\.1850: кандидату больше 90 лет/) },
    ])

    const first = await run(region, 'nominations', csvFile(rows))
    expect(first).toMatchObject({ committed: true, counts: { created: 2 } })
    expect((await privateOf(region)).map((p) => p.birthDate)).toEqual(['1980-05-06', null])
    // Never a public column: people has no birth date, the value lives in person_private only.
    const columns = await db()`select column_name from information_schema.columns where table_name = 'people' and column_name like '%birth%'`
    expect(columns).toHaveLength(0)

    expect((await run(region, 'nominations', csvFile(rows))).counts).toEqual({ created: 0, updated: 0, unchanged: 2, skipped: 0 })
    // A file without the column, or an empty cell, keeps the stored date.
    expect((await run(region, 'nominations', csvFile([HEADER, rows[1].slice(0, -1), rows[2].slice(0, -1)]))).counts).toMatchObject({ unchanged: 2 })
    expect((await privateOf(region))[0].birthDate).toBe('1980-05-06')

    const corrected = rows.map((r) => [...r])
    corrected[1][header.length - 1] = '07.05.1980'
    corrected[2][header.length - 1] = '01.09.1975'
    const third = await run(region, 'nominations', csvFile(corrected))
    expect(third.counts).toEqual({ created: 0, updated: 2, unchanged: 0, skipped: 0 })
    expect((await privateOf(region)).map((p) => p.birthDate)).toEqual(['1980-05-07', '1975-09-01'])
  })
})

describe('a municipality\'s own file', () => {
  const noColumn = (region: Region, over: Partial<Record<(typeof HEADER)[number], string>> = {}) => candidate(region, over).slice(1)

  it('takes the municipality the importer names; a row naming another one is an error', async () => {
    const region = await makeRegion()
    const [, chosen, other] = region.municipalities
    const report = await run(region, 'nominations', csvFile([HEADER.slice(1), noColumn(region), noColumn(region)]), { municipalityId: chosen.id })
    expect(report).toMatchObject({ committed: true, municipality: chosen.name, counts: { created: 2 } })
    expect((await applicationsOf(region)).map((a) => a.municipalityId)).toEqual([chosen.id, chosen.id])
    const [log] = await db()`select municipality_id::int as m from imports where id = ${report.importId}`
    expect(log.m).toBe(chosen.id)

    const mixed = await run(region, 'nominations', csvFile([HEADER, candidate(region, { Муниципалитет: '' }), candidate(region, { Муниципалитет: chosen.code }), candidate(region, { Муниципалитет: other.name })]), {
      municipalityId: chosen.id,
    })
    expect(mixed.committed).toBe(false)
    expect(mixed.errors).toEqual([
      { row: 4, column: 'Муниципалитет', message: `Строка относится к муниципалитету «${other.name}», а файл загружается за муниципалитет «${chosen.name}»` },
    ])
  })

  it('is refused for another region\'s municipality, for facts files, and beyond a municipal coordinator\'s own', async () => {
    const region = await makeRegion()
    const foreign = await makeRegion()
    const file = csvFile([HEADER.slice(1), noColumn(region)])
    expect(await run(region, 'nominations', file, { municipalityId: foreign.municipalities[0].id }).catch((e) => e)).toMatchObject({ code: 'MUNICIPALITY_NOT_FOUND', status: 422 })
    expect(await run(region, 'registry', csvFile([['ФИО', 'Включён в реестр'], ['Иванов Иван', 'да']]), { municipalityId: region.municipalities[0].id }).catch((e) => e)).toMatchObject({
      code: 'MUNICIPALITY_NOT_APPLICABLE',
    })
    const coordinator = await region.actor('municipalCoordinator', { municipalityId: region.municipalities[0].id })
    expect(await run(region, 'nominations', file, { actor: coordinator, municipalityId: region.municipalities[1].id }).catch((e) => e)).toMatchObject({
      code: 'MUNICIPALITY_FORBIDDEN',
      status: 403,
    })
    expect(await applicationsOf(region)).toEqual([])
    // Their own, named or implied, is fine.
    expect((await run(region, 'nominations', file, { actor: coordinator, municipalityId: region.municipalities[0].id, dryRun: true })).errors).toEqual([])
  })
})

describe('eligibility in the preview', () => {
  it('remarks on a nomination that does not meet the campaign\'s rules, without refusing it', async () => {
    const region = await makeRegion()
    const rows = [HEADER, candidate(region), candidate(region, { Стаж: '4' }), candidate(region, { Стаж: '4' }), candidate(region, { 'Квалификационная категория': 'первая', 'Победитель профессионального конкурса': 'нет' })]
    const preview = await run(region, 'nominations', csvFile(rows), { dryRun: true })
    expect(preview.errors).toEqual([])
    expect(preview.eligibility).toEqual({ pass: 0, unverified: 1, fail: 3 })
    expect(preview.warnings.map((w) => [w.row, w.code])).toEqual([
      [3, 'ELIGIBILITY_FAIL'],
      [4, 'ELIGIBILITY_FAIL'],
      [5, 'ELIGIBILITY_FAIL'],
    ])
    expect(preview.warnings[0].message).toMatch(/^По сведениям из файла кандидат не соответствует требованиям отбора\. .*Стаж работы по специальности, лет: 4; требуется не менее 5\. .*Строка будет загружена: решение принимает комиссия\.$/)
    expect(preview.warnings[2].message).toContain('Квалификационная категория: первая; требуется высшая.')
    expect(preview.warnings[2].message).toMatch(/: выполнено 0 из \d+/)
    const real = await run(region, 'nominations', csvFile(rows))
    expect(real).toMatchObject({ committed: true, counts: { created: 4 } })
    expect(real.warnings).toHaveLength(3)
  })
})

describe('nominations from an Excel workbook (.xlsx)', () => {
  /** The rows as a municipality's workbook: a title row, typed cells (numbers, dates), the chosen sheet second. */
  async function workbook(rows: (string | number | Date)[][], sheet = 'Кандидаты') {
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Пояснения').addRow(['Заполните лист «Кандидаты»'])
    const ws = wb.addWorksheet(sheet)
    ws.addRow(['Представления кандидатов в РМА'])
    for (const r of rows) ws.addRow(r)
    return Buffer.from(await wb.xlsx.writeBuffer())
  }
  const typed = (row: string[]) => row.map((v, i) => (HEADER[i] === 'Стаж' ? Number(v.replace(',', '.')) : v))

  it('previews with Excel’s row numbers, commits all or nothing, and a second import changes nothing', async () => {
    const region = await makeRegion()
    const before = await tableCounts(region)
    const bad = await workbook([HEADER, typed(candidate(region)), typed(candidate(region, { 'Электронная почта': 'не почта' }))])
    const refused = await run(region, 'nominations', bad, { sheet: 'Кандидаты', fileName: 'кандидаты.xlsx' })
    expect(refused).toMatchObject({ committed: false, rows: 2, valid: 1, format: 'xlsx', sheet: 'Кандидаты', encoding: null, delimiter: null })
    // the title row is row 1, the header row 2: the faulty candidate is on row 4, as Excel shows it
    expect(refused.errors).toEqual([{ row: 4, column: 'Электронная почта', message: expect.any(String) }])
    expect(await tableCounts(region)).toEqual(before)

    const good = await workbook([HEADER, typed(candidate(region)), typed(candidate(region))])
    const preview = await run(region, 'nominations', good, { sheet: 'Кандидаты', dryRun: true })
    expect(preview).toMatchObject({ committed: false, rows: 2, valid: 2, errors: [] })
    expect(await tableCounts(region)).toEqual(before)
    const first = await run(region, 'nominations', good, { sheet: 'Кандидаты', expectedSha256: preview.sha256! })
    expect(first).toMatchObject({ committed: true, counts: { created: 2, updated: 0, unchanged: 0, skipped: 0 } })
    const apps = await applicationsOf(region)
    expect(apps.map((a) => a.facts.experienceYears?.value)).toEqual([12.5, 12.5])
    const [log] = await db()`select encoding, delimiter from imports where id = ${first.importId}`
    expect(log).toEqual({ encoding: 'xlsx', delimiter: '' })
    const again = await run(region, 'nominations', good, { sheet: 'Кандидаты' })
    expect(again).toMatchObject({ committed: true, counts: { created: 0, updated: 0, unchanged: 2, skipped: 0 } })
  })

  it('imports a workbook LibreOffice Calc wrote (ZIP data descriptors, shared strings with entities and line breaks, numbers typed as numbers)', async () => {
    // fixtures/libreoffice-nominations.xlsx: LibreOffice 7.4 `soffice --headless --convert-to xlsx` of a «;» CSV in a Russian locale
    const region = await makeRegion()
    const file = readFileSync(new URL('./fixtures/libreoffice-nominations.xlsx', import.meta.url))
    const report = await run(region, 'nominations', file, { municipalityId: region.municipalities[0].id, fileName: 'кандидаты.xlsx' })
    expect(report.errors).toEqual([])
    expect(report).toMatchObject({ committed: true, format: 'xlsx', sheet: 'libreoffice-nominations', counts: { created: 2 } })
    const apps = await applicationsOf(region)
    expect(apps.map((a) => [a.lastName, a.email, a.org, a.subjects, a.facts.experienceYears?.value, a.municipalityId])).toEqual([
      ['Либреофисова', 'libre.anna@school.test', 'ООО "Рога & копыта" <филиал>', ['Математика', 'Физика'], 12.5, region.municipalities[0].id],
      ['Либреофисов', 'libre.petr@school.test', 'МАОУ СОШ № 5', ['Математика'], 7, region.municipalities[0].id],
    ])
  })

  it('reads by default the first sheet whose header it knows (past the explanations sheet) and names the sheets when the chosen one is missing', async () => {
    const region = await makeRegion()
    const file = await workbook([HEADER, typed(candidate(region))])
    const first = await run(region, 'nominations', file, { dryRun: true })
    expect(first).toMatchObject({ sheet: 'Кандидаты', rows: 1, valid: 1, errors: [] })
    const missing = await run(region, 'nominations', file, { sheet: 'Свод', dryRun: true })
    expect(missing.errors).toEqual([{ row: 0, column: '', message: 'В книге нет листа «Свод». Листы книги: «Пояснения», «Кандидаты».' }])
  })
})
