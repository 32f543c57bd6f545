import { describe, expect, it } from 'vitest'
import { encodeWindows1251 } from './cp1251'
import { countColumns, detectDelimiter, detectEncoding, detectUtf16, FileProblem, MAX_COLUMNS, readRecords, SNIFF_BYTES, type FileInfo } from './read'
import { recognisesColumn } from './columns'
import { chunks, csvFile, csvText, docxFile, encodeText, pngHead, xlsxFile, zipFile, type FileStyle } from './testing'

async function read(bytes: Uint8Array, chunkSize?: number) {
  const info: FileInfo = { bytes: 0 }
  const records = []
  for await (const r of readRecords(chunks(bytes, chunkSize), info)) records.push(r)
  return { info, records }
}

const rows = [
  ['ФИО', 'Место работы', 'Стаж'],
  ['Ёлкина Анна Сергеевна', 'МАОУ «Гимназия № 6»; корпус 2', '12,5'],
  ['Иванов Иван Иванович', 'СОШ "Эврика"', '7'],
]

describe('encoding detection', () => {
  it.each<[string, FileStyle, string]>([
    ['UTF-8 without BOM', { encoding: 'utf-8' }, 'utf-8'],
    ['UTF-8 with BOM', { encoding: 'utf-8', bom: true }, 'utf-8-bom'],
    ['Windows-1251', { encoding: 'windows-1251' }, 'windows-1251'],
    ['UTF-16 LE («Текст Юникод»)', { encoding: 'utf-16le', delimiter: '\t' }, 'utf-16le'],
  ])('reads %s without being told', async (_, style, encoding) => {
    for (const size of [1, 7, 64 * 1024]) {
      const { info, records } = await read(csvFile(rows, style), size)
      expect(info.encoding).toBe(encoding)
      expect(records.map((r) => r.cells)).toEqual(rows)
    }
  })

  it('decides on the first byte above ASCII, however late it comes', async () => {
    const ascii = [['a', 'b'], ...Array.from({ length: 5000 }, (_, i) => [`x${i}`, 'y'])]
    const tail = [['Петров', 'Пётр']]
    for (const encoding of ['utf-8', 'windows-1251'] as const) {
      const { info, records } = await read(csvFile([...ascii, ...tail], { encoding }), 1000)
      expect(info.encoding).toBe(encoding)
      expect(records.at(-1)!.cells).toEqual(['Петров', 'Пётр'])
    }
    expect(detectEncoding(Buffer.from('abc'))).toBeUndefined()
    expect(detectEncoding(encodeWindows1251('ФИО;Стаж'))).toBe('windows-1251')
    expect(detectEncoding(Buffer.from('ФИО;Стаж'))).toBe('utf-8')
  })

  it('reads Mac Cyrillic, which Excel for Mac saves «CSV (Macintosh)» in (lines ended by CR), not as Windows-1251', async () => {
    const decoder = new TextDecoder('x-mac-cyrillic')
    const mac = (text: string) => Buffer.from([...text].map((ch) => [...Array(256).keys()].find((b) => decoder.decode(Uint8Array.of(b)) === ch) ?? 0x3f))
    const text = 'ФИО;Электронная почта;Стаж\rЁлкина Анна Петровна;elkina@school.test;5 лет\rСЕМЁНОВ Пётр Ильич;semenov@school.test;12,5\r'
    const { info, records } = await read(mac(text), 1000)
    expect(info.encoding).toBe('x-mac-cyrillic')
    expect(records.map((r) => r.cells)).toEqual([
      ['ФИО', 'Электронная почта', 'Стаж'],
      ['Ёлкина Анна Петровна', 'elkina@school.test', '5 лет'],
      ['СЕМЁНОВ Пётр Ильич', 'semenov@school.test', '12,5'],
    ])
    expect(detectEncoding(mac('ФИО;Стаж'))).toBe('x-mac-cyrillic')
    // Windows-1251 stays Windows-1251: its dashes, quotes and «№» are no Mac capitals
    expect(detectEncoding(encodeWindows1251('№ п/п;ФИО — «Ёлкина»;Стаж'))).toBe('windows-1251')
    expect(detectEncoding(encodeWindows1251('СЕМЁНОВА ОЛЬГА;Заявление'))).toBe('windows-1251')
  })

  it('refuses a file that is UTF-8 at first and something else later', async () => {
    const bytes = Buffer.concat([Buffer.from('ФИО;Стаж\r\n'), encodeWindows1251('Петров Пётр;5\r\n')])
    await expect(read(bytes)).rejects.toThrow(FileProblem)
  })

  it('hashes the bytes as they are', async () => {
    const bytes = csvFile(rows)
    const { info } = await read(bytes, 5)
    const { createHash } = await import('node:crypto')
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(info.bytes).toBe(bytes.length)
  })
})

describe('delimiter detection', () => {
  it.each([';', ',', '\t'] as const)('detects %j from the header', async (delimiter) => {
    const { info, records } = await read(csvFile(rows, { delimiter }))
    expect(info.delimiter).toBe(delimiter)
    expect(records[1].cells[1]).toBe('МАОУ «Гимназия № 6»; корпус 2')
  })

  it('counts only delimiters outside quotes', () => {
    expect(detectDelimiter('"ФИО; полностью","Стаж, лет",Категория')).toBe(',')
    expect(detectDelimiter('ФИО;Стаж, лет;Категория')).toBe(';')
    expect(detectDelimiter('ФИО')).toBe(';')
  })

  it('obeys a «sep=» first line and does not count it as a row', async () => {
    const { info, records } = await read(Buffer.from(`sep=,\r\n${csvText(rows, { delimiter: ',' })}`))
    expect(info.delimiter).toBe(',')
    expect(records[0]).toEqual({ row: 1, cells: rows[0] })
  })
})

describe('rows as Excel numbers them', () => {
  it('keeps line breaks inside quoted cells, one spreadsheet row per record', async () => {
    const text = 'ФИО;Предметы\r\n"Иванова\r\nМария";"Математика\nФизика"\r\nПетров Пётр;Химия\r\n'
    const { records } = await read(Buffer.from(text))
    expect(records).toEqual([
      { row: 1, cells: ['ФИО', 'Предметы'] },
      { row: 2, cells: ['Иванова\r\nМария', 'Математика\nФизика'] },
      { row: 3, cells: ['Петров Пётр', 'Химия'] },
    ])
  })

  it('skips blank rows and the empty rows Excel leaves at the end, but counts them', async () => {
    const text = 'ФИО;Стаж\r\nА Б;1\r\n\r\n;\r\nВ Г;2\r\n;;\r\n;;\r\n\r\n'
    const { records } = await read(Buffer.from(text))
    expect(records.map((r) => r.row)).toEqual([1, 2, 5])
  })

  it('trims Excel stray spaces around cells and quotes', async () => {
    const { records } = await read(Buffer.from('ФИО ; Стаж\r\n  Иванов Иван ; "12,5" \r\n'))
    expect(records[1].cells).toEqual(['Иванов Иван', '12,5'])
  })

  it('accepts a file without a final line break and with bare LF', async () => {
    const { records } = await read(Buffer.from('ФИО;Стаж\nА Б;1\nВ Г;2'))
    expect(records.map((r) => r.cells)).toEqual([['ФИО', 'Стаж'], ['А Б', '1'], ['В Г', '2']])
  })

  it('reads plain lines and the quoted ones after them alike, in any chunking', async () => {
    // Plain lines are split by the reader itself, the rest of the file from the first quote on by csv-parse.
    const text = 'ФИО;Стаж\r\n\u00a0А Б\t; 1 \r\n\r\n;\rВ Г;2\n"Д\r\nЕ";3\r\nЖ З;4\r\n\r\n"И"" К";5'
    for (const size of [1, 7, 64 * 1024]) {
      const { records } = await read(Buffer.from(text), size)
      expect(records).toEqual([
        { row: 1, cells: ['ФИО', 'Стаж'] },
        { row: 2, cells: ['А Б', '1'] },
        { row: 5, cells: ['В Г', '2'] },
        { row: 6, cells: ['Д\r\nЕ', '3'] },
        { row: 7, cells: ['Ж З', '4'] },
        { row: 9, cells: ['И" К', '5'] },
      ])
    }
  })

  it('refuses a line that never ends as csv-parse does, without reading on to the end', async () => {
    // A header, one row, then 60 KB pieces with no line end, as many as are asked for.
    let pulled = 0
    async function* endless() {
      yield encodeText('ФИО;Стаж\r\nА Б;1\r\n')
      const piece = encodeText('В Г;2;'.repeat(10_000))
      for (;;) {
        pulled++
        yield piece
      }
    }
    const info: FileInfo = { bytes: 0 }
    const error = await (async () => {
      for await (const _ of readRecords(endless(), info));
    })().catch((e) => e)
    expect(error).toBeInstanceOf(FileProblem)
    expect(error.row).toBe(3)
    expect(error.message).toMatch(/^Слишком длинная строка/)
    // Past the longest record csv-parse accepts (100,000 characters), and no further.
    expect(pulled).toBeLessThan(20)
  })

  it('reports an unclosed quote with the row where it opened', async () => {
    const bytes = encodeText('ФИО;Стаж\r\nА Б;1\r\n"В Г;2\r\nД Е;3\r\n')
    const error = await read(bytes).catch((e) => e)
    expect(error).toBeInstanceOf(FileProblem)
    expect(error.row).toBe(3)
    expect(error.message).toMatch(/Кавычка/)
  })

  it('explains text after a closing quote in Russian, on its row, without the parser\'s code', async () => {
    const bytes = encodeText('ФИО;Стаж\r\nА Б;1\r\n"В Г" старший;2\r\n')
    const error = await read(bytes).catch((e) => e)
    expect(error).toBeInstanceOf(FileProblem)
    expect(error.row).toBe(3)
    expect(error.message).toBe('После закрывающей кавычки в ячейке стоит ещё текст: кавычку внутри ячейки нужно удвоить (""), или уберите кавычки вокруг ячейки')
    expect(error.message).not.toMatch(/CSV_|[A-Z]{3,}/)
  })
})

describe('line ends in any mix', () => {
  const header = ['Муниципалитет', 'ФИО', 'Предметная область']
  const people = ['а', 'б', 'в', 'г', 'д', 'е'].map((l) => ['Город Томск', `Смешанова-${l} Анна Ивановна`, 'Математика'])
  // What the tester sent: a CRLF header, then rows ending LF, CR, CRLF, LF, CR, CRLF.
  const mixed = encodeWindows1251(
    `${header.join(';')}\r\n` + people.map((p, i) => p.join(';') + ['\n', '\r', '\r\n'][i % 3]).join(''),
  )

  it('reads every row whatever line end it has, in any chunking', async () => {
    for (const size of [1, 2, 3, 17, 64 * 1024]) {
      const { info, records } = await read(mixed, size)
      expect(info.encoding).toBe('windows-1251')
      expect(records).toEqual([{ row: 1, cells: header }, ...people.map((cells, i) => ({ row: i + 2, cells }))])
    }
  })

  it('keeps line breaks inside quoted cells, whichever they are', async () => {
    const text = 'ФИО;Предметы\r"Иванова\rМария";"Математика\nФизика"\nПетров Пётр;"Химия\r\nБиология"\r\nСидоров Сидор;Физика'
    for (const size of [1, 5, 1024]) {
      const { records } = await read(Buffer.from(text), size)
      expect(records).toEqual([
        { row: 1, cells: ['ФИО', 'Предметы'] },
        { row: 2, cells: ['Иванова\rМария', 'Математика\nФизика'] },
        { row: 3, cells: ['Петров Пётр', 'Химия\r\nБиология'] },
        { row: 4, cells: ['Сидоров Сидор', 'Физика'] },
      ])
    }
  })

  it('counts blank lines of any kind as rows, as Excel does', async () => {
    const { records } = await read(Buffer.from('ФИО;Стаж\rА Б;1\r\rВ Г;2\n\nД Е;3\r\n'))
    expect(records.map((r) => [r.row, r.cells[0]])).toEqual([[1, 'ФИО'], [2, 'А Б'], [4, 'В Г'], [6, 'Д Е']])
  })

  it('obeys a «sep=» line ending in CR alone', async () => {
    const { info, records } = await read(Buffer.from('sep=,\rФИО,Стаж\rА Б,1\r'), 1)
    expect(info.delimiter).toBe(',')
    expect(records.map((r) => r.cells)).toEqual([['ФИО', 'Стаж'], ['А Б', '1']])
  })
})

describe('a character cut by a chunk border after a long ASCII start', () => {
  it('waits for the rest of the character instead of reading its first byte alone', async () => {
    const ascii = `name;email\r\n${'a b;a@b.ru\r\n'.repeat(Math.ceil(SNIFF_BYTES / 12) + 10)}`
    const bytes = Buffer.from(`${ascii}Пётр Петров;p@b.ru\r\n`)
    const cut = bytes.indexOf(0xd0) + 1 // between the two bytes of «П»
    async function* two() {
      yield bytes.subarray(0, cut)
      yield bytes.subarray(cut)
    }
    const info: FileInfo = { bytes: 0 }
    const records = []
    for await (const r of readRecords(two(), info)) records.push(r)
    expect(info.encoding).toBe('utf-8')
    expect(records.at(-1)!.cells).toEqual(['Пётр Петров', 'p@b.ru'])
  })
})

describe('files that are not text', () => {
  const refusal = async (bytes: Uint8Array) => {
    const e = await read(bytes).catch((x) => x)
    expect(e).toBeInstanceOf(FileProblem)
    expect(e.row).toBe(0)
    return e.message as string
  }

  it('reads an Excel workbook as a workbook (app/imports/xlsx.ts), never as text with «PK…» columns', async () => {
    const info: FileInfo = { bytes: 0 }
    const rows = []
    for await (const r of readRecords(chunks(xlsxFile()), info)) rows.push(r)
    expect(rows).toEqual([]) // its one sheet is empty
    expect(info.format).toBe('xlsx')
  })

  it('names a Word document, an old .xls, an image, a PDF', async () => {
    expect(await refusal(docxFile())).toMatch(/^Это не текстовый файл CSV, а документ Word/)
    // LibreOffice's own format: saved again as a workbook it loads
    expect(await refusal(zipFile({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' }))).toMatch(/таблица OpenDocument \(\.ods\)\. .*«Книга Excel 2007–365 \(\.xlsx\)»/)
    expect(await refusal(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(500)]))).toMatch(/старого формата \(\.xls или \.doc\).*CSV \(разделители — запятые\)/)
    expect(await refusal(pngHead)).toMatch(/^Это не текстовый файл CSV, а изображение PNG\. .*CSV \(разделители — запятые\)/)
    expect(await refusal(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toMatch(/документ PDF/)
  })

  it('refuses unknown binary data by its control bytes', async () => {
    const noise = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))
    expect(await refusal(noise)).toMatch(/^Это не текстовый файл CSV: в нём двоичные данные/)
  })

  it('refuses an HTML or XML table saved with a spreadsheet extension', async () => {
    expect(await refusal(Buffer.from('\ufeff<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'))).toMatch(/HTML или XML/)
    expect(await refusal(Buffer.from('<html><body><table><tr><td>ФИО</td></tr></table>'))).toMatch(/HTML или XML/)
  })

  it('leaves a stray zero byte in a cell to the row (it is text otherwise)', async () => {
    const { records } = await read(Buffer.from('ФИО;Стаж\r\nА Б;1\u0000\r\n'))
    expect(records[1].cells).toEqual(['А Б', '1\u0000'])
  })
})

describe('UTF-16 without a BOM', () => {
  const utf16 = (text: string, be: boolean) => {
    const le = Buffer.from(text, 'utf16le')
    return be ? Buffer.from(le).swap16() : le
  }

  it.each([
    ['little-endian', false, 'utf-16le'],
    ['big-endian', true, 'utf-16be'],
  ] as const)('is read as UTF-16 (%s), not as UTF-8', async (_, be, encoding) => {
    const bytes = utf16(csvText(rows, { delimiter: '\t' }), be)
    for (const size of [1, 3, 64 * 1024]) {
      const { info, records } = await read(bytes, size)
      expect(info.encoding).toBe(encoding)
      expect(records.map((r) => r.cells)).toEqual(rows)
    }
  })

  it('is told from text with a stray zero byte', () => {
    expect(detectUtf16(Buffer.from('ФИО;Стаж\r\nА Б;1\u0000\r\n'))).toBeUndefined()
    expect(detectUtf16(encodeWindows1251('ФИО;Стаж\r\n'))).toBeUndefined()
  })
})

describe('the header row has bounds', () => {
  const refusal = async (bytes: Uint8Array) => {
    const e = await read(bytes, 4096).catch((x) => x)
    expect(e).toBeInstanceOf(FileProblem)
    expect(e.row).toBe(1)
    return e.message as string
  }

  it('refuses 50,000 columns for what they are, not as an open quote', async () => {
    const header = Array.from({ length: 50_000 }, (_, i) => `Столбец ${i + 1}`).join(';')
    const message = await refusal(Buffer.from(`${header}\r\nА Б;1\r\n`))
    expect(message).toBe(
      `В строке заголовка слишком много столбцов: больше ${MAX_COLUMNS}. Первая строка файла должна содержать названия столбцов; удалите лишние столбцы или сохраните таблицу заново как CSV.`,
    )
    expect(message).not.toMatch(/кавычк/)
    const short = Array.from({ length: 600 }, (_, i) => `c${i}`).join(';')
    expect(await refusal(Buffer.from(`${short}\r\nА Б;1\r\n`))).toMatch(/^В строке заголовка слишком много столбцов: 600, а допустимо не больше 500\./)
  })

  it('says a header line is too long, or names its open quote', async () => {
    expect(await refusal(Buffer.from(`ФИО;${'Очень длинный заголовок '.repeat(5000)}\r\nА Б;1\r\n`))).toMatch(/^Строка заголовка длиннее 100.000 символов/)
    expect(await refusal(Buffer.from(`ФИО;"Стаж${' лет'.repeat(30_000)}\r\nА Б;1\r\n`))).toMatch(/^Кавычка, открытая в строке заголовка, не закрыта/)
  })

  it('counts columns up to the last titled one', () => {
    expect(countColumns('ФИО;"Стаж; лет";Категория;;;', ';')).toBe(3)
    expect(countColumns(';;', ';')).toBe(0)
    expect(countColumns('a,b', ',')).toBe(2)
  })

  it('takes the widest header that is allowed', async () => {
    const header = Array.from({ length: MAX_COLUMNS }, (_, i) => `c${i}`)
    const { records } = await read(Buffer.from(`${header.join(';')};;;\r\n`))
    expect(records[0].cells.length).toBe(MAX_COLUMNS + 3)
  })
})

describe('the header of a CSV saved from a workbook', () => {
  // As LibreOffice and Excel save such a sheet as CSV: a title merged over the
  // columns becomes a row with empty cells, a two-row header two rows.
  const saved = [
    ['Мероприятия муниципалитета г. Томск за 2026 год', '', '', ''],
    ['Мероприятие', '', 'Участник', ''],
    ['Название мероприятия', 'Дата проведения', 'ФИО', 'Электронная почта'],
    ['Семинар', '15.10.2026', 'Воробьёва Дарья Александровна', 'vorobeva@school.example'],
  ]

  it.each<[string, FileStyle]>([
    ['Windows-1251, «;»', { encoding: 'windows-1251' }],
    ['UTF-8 with BOM', { encoding: 'utf-8', bom: true }],
    ['UTF-16 LE, tab («Текст Юникод»)', { encoding: 'utf-16le', delimiter: '\t' }],
  ])('is found under a title row and a merged group row, as in a workbook (%s)', async (_, style) => {
    const info: FileInfo = { bytes: 0 }
    const records = []
    for await (const r of readRecords(chunks(csvFile(saved, style)), info, { recognises: recognisesColumn('activity') })) records.push(r)
    // the two header rows read as one (numbered by the upper), as a workbook's are
    expect(records).toEqual([
      { row: 2, cells: saved[2] },
      { row: 4, cells: saved[3] },
    ])
  })
})
