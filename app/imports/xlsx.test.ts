import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { recognisesColumn } from './columns'
import { FileProblem, readRecords, type FileInfo, type ReadOptions } from './read'
import { chunks, docxFile, pngHead, xlsxFile, zipFile } from './testing'

// Workbooks as Excel and exceljs write them, read into the same records as CSV.

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  build(wb)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A ZIP as Excel writes it (deflated entries, in the order given). */
async function deflatedZip(entries: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip()
  for (const [name, text] of Object.entries(entries)) zip.file(name, text)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

async function read(bytes: Uint8Array, opts: ReadOptions = {}) {
  const info: FileInfo = { bytes: 0 }
  const rows: { row: number; cells: string[] }[] = []
  for await (const r of readRecords(chunks(bytes, 1000), info, opts)) rows.push(r)
  return { rows, info }
}

async function refusal(bytes: Uint8Array, opts: ReadOptions = {}): Promise<string> {
  try {
    await read(bytes, opts)
  } catch (e) {
    if (e instanceof FileProblem) return e.message
    throw e
  }
  throw new Error('not refused')
}

describe('reading an .xlsx', () => {
  it('reads a number formatted «0000» as Excel shows it, leading zeros and all', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('Аттестация')
      ws.addRow(['ФИО', 'Номер приказа', 'Стаж', 'Код'])
      ws.addRow(['Иванова Анна', 12, 12.5, 7])
      ws.addRow(['Петрова Ольга', 1234, 3, 42])
      ws.getCell('B2').numFmt = '0000'
      ws.getCell('B3').numFmt = '0000'
      ws.getCell('D2').numFmt = '000000'
      ws.getCell('D3').numFmt = '0.00' // another number format: the number as typed
    })
    const { rows } = await read(file)
    expect(rows.map((r) => r.cells)).toEqual([
      ['ФИО', 'Номер приказа', 'Стаж', 'Код'],
      ['Иванова Анна', '0012', '12,5', '000007'],
      ['Петрова Ольга', '1234', '3', '42'],
    ])
  })

  it('gives each cell as text, rows numbered as Excel numbers them; blank and trailing empty rows skipped', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('Кандидаты')
      ws.addRow(['ФИО', 'Дата присвоения', 'Стаж', 'Телефон', 'Победитель', 'Итого', 'Сайт', 'Заметка'])
      ws.addRow(['Иванова Анна', new Date(Date.UTC(2023, 8, 1)), 12.5, '0012', true, { formula: 'C2*2', result: 25 }, { text: 'школа', hyperlink: 'https://school.test' }, { richText: [{ text: 'жирный ' }, { text: 'и обычный' }] }])
      ws.addRow([]) // a blank row in the middle still counts
      ws.addRow(['Петрова Ольга', '01.02.2020', '7', 89001234567, false, { formula: '1/3', result: 1 / 3 }, null, '=HYPERLINK("x")'])
      ws.getCell('C4').numFmt = '@' // a number stored as text
      // formatted empty rows Excel leaves at the end
      for (let r = 5; r <= 8; r++) ws.getRow(r).getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } }
    })
    const { rows, info } = await read(file)
    expect(rows).toEqual([
      { row: 1, cells: ['ФИО', 'Дата присвоения', 'Стаж', 'Телефон', 'Победитель', 'Итого', 'Сайт', 'Заметка'] },
      { row: 2, cells: ['Иванова Анна', '01.09.2023', '12,5', '0012', 'да', '25', 'школа', 'жирный и обычный'] },
      { row: 4, cells: ['Петрова Ольга', '01.02.2020', '7', '89001234567', 'нет', '0,333333333333333', '', '=HYPERLINK("x")'] },
    ])
    expect(info).toMatchObject({ format: 'xlsx', sheet: 'Кандидаты', bytes: file.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(info.encoding).toBeUndefined()
  })

  it('reads the first visible sheet, or the one chosen by name or number', async () => {
    const file = await workbook((wb) => {
      wb.addWorksheet('Скрытый', { state: 'hidden' }).addRow(['скрыто'])
      wb.addWorksheet('Лист1').addRow(['первый'])
      wb.addWorksheet('Итоги').addRow(['итоги'])
    })
    expect((await read(file)).rows[0].cells).toEqual(['первый'])
    expect((await read(file, { sheet: 'итоги ' })).rows[0].cells).toEqual(['итоги'])
    expect((await read(file, { sheet: '3' })).info.sheet).toBe('Итоги')
    expect(await refusal(file, { sheet: 'Свод' })).toBe('В книге нет листа «Свод». Листы книги: «Скрытый», «Лист1», «Итоги».')
  })

  it('without a named sheet, reads the first visible sheet whose header the import knows: past an instructions sheet and an empty «Лист1»', async () => {
    const recognises = recognisesColumn('nominations')
    const file = await workbook((wb) => {
      wb.addWorksheet('Инструкция').addRow(['Заполните лист «Кандидаты»: одна строка — один кандидат'])
      wb.addWorksheet('Лист1')
      wb.addWorksheet('Служебный', { state: 'hidden' }).addRow(['ФИО', 'Электронная почта'])
      const data = wb.addWorksheet('Кандидаты')
      data.addRow(['ФИО', 'Электронная почта'])
      data.addRow(['Иванова Анна', 'ivanova@school.example'])
    })
    const { rows, info } = await read(file, { recognises })
    expect(info.sheet).toBe('Кандидаты')
    expect(rows).toEqual([
      { row: 1, cells: ['ФИО', 'Электронная почта'] },
      { row: 2, cells: ['Иванова Анна', 'ivanova@school.example'] },
    ])
    // no sheet with a known header: the first visible one, whose header errors say what is missing
    const none = await workbook((wb) => {
      wb.addWorksheet('Инструкция').addRow(['Заполните таблицу'])
      wb.addWorksheet('Данные').addRow(['Кандидат', 'Контакт'])
    })
    expect(await read(none, { recognises })).toMatchObject({ rows: [{ row: 1, cells: ['Заполните таблицу'] }], info: { sheet: 'Инструкция' } })
  })

  it('decodes the _xHHHH_ escapes Excel and LibreOffice write in cell text (a carriage return, a literal «_x0041_»)', async () => {
    const file = await deflatedZip({
      'xl/workbook.xml':
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист_x0031_" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels':
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/sharedStrings.xml':
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Место работы</t></si><si><t xml:space="preserve">МАОУ СОШ № 1_x000D_\nг. Томск</t></si></sst>',
      'xl/worksheets/sheet1.xml':
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Примечание</t></is></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><t>код _x005F_x0041_ и _x005f_</t></is></c></row>' +
        '</sheetData></worksheet>',
    })
    const { rows, info } = await read(file)
    expect(rows[1].cells).toEqual(['МАОУ СОШ № 1\r\nг. Томск', 'код _x0041_ и _'])
    // a sheet's name is an attribute, never escaped so
    expect(info.sheet).toBe('Лист_x0031_')
  })

  it('finds a two-row header with merged cells under a title row, and skips hidden columns', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('Аттестация')
      ws.addRow(['Итоги аттестации педагогов Асиновского района'])
      ws.mergeCells('A1:F1')
      ws.addRow(['№ п/п', 'ФИО', 'Служебный код', 'Квалификационная категория', '', 'Номер приказа'])
      ws.addRow(['', '', '', 'категория', 'дата присвоения', ''])
      ws.mergeCells('A2:A3')
      ws.mergeCells('B2:B3')
      ws.mergeCells('D2:E2')
      ws.addRow([1, 'Иванова Анна Сергеевна', 'секрет', 'высшая', new Date(Date.UTC(2024, 1, 29)), '15-а'])
      ws.getColumn(3).hidden = true
    })
    const { rows } = await read(file, { recognises: recognisesColumn('qualification') })
    expect(rows).toEqual([
      { row: 2, cells: ['№ п/п', 'ФИО', '', 'категория', 'дата присвоения', 'Номер приказа'] },
      { row: 4, cells: ['1', 'Иванова Анна Сергеевна', '', 'высшая', '29.02.2024', '15-а'] },
    ])
  })

  it('reads a hand-built workbook: inline strings, no shared strings or styles (the sheet waits for them in a temporary file), a hidden column', async () => {
    const file = await deflatedZip({
      '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      'xl/workbook.xml':
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Данные" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels':
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml':
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<cols><col min="2" max="2" width="0" hidden="1" customWidth="1"/></cols><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c><c r="B1" t="inlineStr"><is><t>Служебное</t></is></c><c r="C1" t="inlineStr"><is><t>Дата</t></is></c></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Сидорова &amp; Ко</t></is></c><c r="B3"><v>1</v></c><c r="C3"><v>45170</v></c></row>' +
        '<row r="9"/></sheetData></worksheet>',
    })
    const { rows, info } = await read(file)
    // the serial stays a number here; the date columns' schema reads it as a date (normalize.parseRuDate)
    expect(rows).toEqual([
      { row: 1, cells: ['ФИО', '', 'Дата'] },
      { row: 3, cells: ['Сидорова & Ко', '', '45170'] },
    ])
    expect(info.sheet).toBe('Данные')
  })

  it('reads what other programs write: namespace prefixes, shared strings after the sheet, rich and phonetic text, formula results by type, errors as a Russian Excel shows them, ISO dates, custom date formats, a sheet part of any name', async () => {
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    const file = await deflatedZip({
      'xl/workbook.xml':
        `<?xml version="1.0" encoding="UTF-8"?><x:workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>` +
        '<x:sheet name="Пусто" sheetId="1" r:id="rId1"/><x:sheet name="Данные &amp; итоги" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>',
      'xl/_rels/workbook.xml.rels':
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><x:worksheet ${ns}><x:sheetData/></x:worksheet>`,
      'xl/worksheets/data.xml':
        `<?xml version="1.0" encoding="UTF-8"?><x:worksheet ${ns}><x:sheetData>` +
        '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:r><x:t xml:space="preserve">Анна </x:t></x:r><x:r><x:t>Сергеевна</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ignored</x:t></x:rPh></x:is></x:c></x:row>' +
        '<x:row><x:c><x:f>TRUE()</x:f><x:v>1</x:v></x:c><x:c t="e"><x:f>NA()</x:f><x:v>#N/A</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c t="e"><x:v>#ЗНАЧ!</x:v></x:c><x:c t="str"><x:f>A2</x:f><x:v>Итого &amp; всё</x:v></x:c>' +
        '<x:c t="b"><x:f>TRUE()</x:f><x:v>1</x:v></x:c><x:c t="d"><x:v>2024-02-29T00:00:00</x:v></x:c><x:c s="1"><x:v>45170.5</x:v></x:c><x:c><x:v>0.1</x:v></x:c></x:row>' +
        '</x:sheetData></x:worksheet>',
      'xl/styles.xml':
        `<?xml version="1.0" encoding="UTF-8"?><x:styleSheet ${ns}><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy\\ hh:mm"/></x:numFmts>` +
        '<x:cellStyleXfs count="1"><x:xf numFmtId="164"/></x:cellStyleXfs><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>',
      'xl/sharedStrings.xml':
        `<?xml version="1.0" encoding="UTF-8"?><x:sst ${ns} count="2" uniqueCount="2"><x:si><x:t>Ёлкина</x:t><x:rPh sb="0" eb="1"><x:t>фонетика</x:t></x:rPh></x:si>` +
        '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>жирный</x:t></x:r><x:r><x:t xml:space="preserve"> и &lt;обычный&gt;</x:t></x:r></x:si></x:sst>',
    })
    const { rows, info } = await read(file, { sheet: 'данные & итоги' })
    expect(info.sheet).toBe('Данные & итоги')
    expect(rows).toEqual([
      { row: 2, cells: ['Ёлкина', 'жирный и <обычный>', 'Анна Сергеевна'] },
      { row: 3, cells: ['1', '#Н/Д', '#ДЕЛ/0!', '#ЗНАЧ!', 'Итого & всё', 'да', '29.02.2024', '01.09.2023 12:00', '0,1'] },
    ])
    // the first visible sheet is the empty one: no rows, no refusal here
    expect((await read(file)).rows).toEqual([])
  })

  it('passes over a chart sheet before the data, and says so when a chart sheet is the one chosen', async () => {
    const rels = (targets: string[]) =>
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      targets.map((t, i) => `<Relationship Id="rId${i + 1}" Type="x" Target="${t}"/>`).join('') +
      '</Relationships>'
    const book = (names: string[]) =>
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>'
    const chart = '<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>'
    const file = await deflatedZip({
      'xl/workbook.xml': book(['Диаграмма', 'Кандидаты']),
      'xl/_rels/workbook.xml.rels': rels(['chartsheets/sheet1.xml', 'worksheets/sheet1.xml']),
      'xl/chartsheets/sheet1.xml': chart,
      'xl/worksheets/sheet1.xml':
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Ёлкина Анна</t></is></c></row></sheetData></worksheet>',
    })
    const { rows, info } = await read(file)
    expect(rows).toEqual([
      { row: 1, cells: ['ФИО'] },
      { row: 2, cells: ['Ёлкина Анна'] },
    ])
    expect(info.sheet).toBe('Кандидаты')
    for (const sheet of ['1', 'диаграмма']) expect(await refusal(file, { sheet })).toBe('Лист «Диаграмма» — диаграмма, а не таблица. Укажите лист с данными: «Кандидаты».')
    const chartOnly = await deflatedZip({ 'xl/workbook.xml': book(['Диаграмма']), 'xl/_rels/workbook.xml.rels': rels(['chartsheets/sheet1.xml']), 'xl/chartsheets/sheet1.xml': chart })
    expect(await refusal(chartOnly)).toBe('В книге Excel нет ни одного листа с данными.')
  })

  it('keeps every Cyrillic letter whole where the unzipped text breaks into chunks (shared strings and inline strings)', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `Ёлкина-${i} Щукина Юлия Эдуардовна`)
    const shared = await workbook((wb) => {
      const ws = wb.addWorksheet('Лист1')
      ws.addRow(['ФИО'])
      for (const n of names) ws.addRow([n])
    })
    const inline = await deflatedZip({
      'xl/workbook.xml':
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels':
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml':
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c></row>' +
        names.map((n, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>${n}</t></is></c></row>`).join('') +
        '</sheetData></worksheet>',
    })
    for (const file of [shared, inline]) {
      const { rows } = await read(file)
      expect(rows.slice(1).map((r) => r.cells[0])).toEqual(names)
    }
  })

  it('refuses a broken workbook with a clear message, and still refuses Word, PNG and old .xls', async () => {
    const good = await workbook((wb) => wb.addWorksheet('Лист1').addRow(['ФИО']))
    const broken = '^Книгу Excel не удалось прочитать: файл повреждён или это не книга \\.xlsx\\.'
    expect(await refusal(good.subarray(0, Math.floor(good.length / 2)))).toMatch(new RegExp(broken))
    // a workbook whose only sheet is empty is no refusal here: the import says the file is empty
    expect((await read(xlsxFile())).rows).toEqual([])
    expect(await refusal(zipFile({ 'readme.txt': 'просто архив' }))).toMatch(/^В книге Excel нет ни одного листа/)
    expect(await refusal(docxFile())).toMatch(/^Это не текстовый файл CSV, а документ Word \(\.docx\)\./)
    expect(await refusal(pngHead)).toMatch(/^Это не текстовый файл CSV, а изображение PNG\./)
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])
    expect(await refusal(ole)).toMatch(/Книги Excel старого формата \(\.xls\) не загружаются: .*«Книга Excel \(\.xlsx\)»/)
  })
})
