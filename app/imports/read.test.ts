import { describe, expect, it } from 'vitest'
import { encodeWindows1251 } from './cp1251'
import { detectDelimiter, detectEncoding, FileProblem, readRecords, type FileInfo } from './read'
import { chunks, csvFile, csvText, encodeText, type FileStyle } from './testing'

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

  it('reports an unclosed quote with the row where it opened', async () => {
    const bytes = encodeText('ФИО;Стаж\r\nА Б;1\r\n"В Г;2\r\nД Е;3\r\n')
    const error = await read(bytes).catch((e) => e)
    expect(error).toBeInstanceOf(FileProblem)
    expect(error.row).toBe(3)
    expect(error.message).toMatch(/Кавычка/)
  })
})
