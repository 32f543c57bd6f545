import { createHash } from 'node:crypto'
import { Readable, pipeline } from 'node:stream'
import { parse, type Options } from 'csv-parse'
import type { Delimiter, Encoding } from './labels'
import { cleanCell } from './normalize'
import { HEADER_SEARCH_ROWS, findHeader, readXlsxRecords, type XlsxOptions } from './xlsx'

// Streaming read of a spreadsheet saved as CSV: bytes → text (encoding
// detected) → records (delimiter detected) → rows numbered the way Excel
// numbers them. Nothing here holds more than a chunk and one record.

export { delimiterLabels, encodingLabels, type Delimiter, type Encoding } from './labels'

/** Filled in while reading: detection as soon as known, size and hash at the end. */
export type FileInfo = {
  encoding?: Encoding
  delimiter?: Delimiter
  bytes: number
  sha256?: string
  /** 'xlsx' once the file is read as an Excel workbook (app/imports/xlsx.ts); CSV otherwise. */
  format?: 'csv' | 'xlsx'
  /** The workbook's sheet that was read. */
  sheet?: string
  /** How many sheets of cells the workbook has. */
  sheets?: number
}

/** How a file is read: which sheet of a workbook, and which titles the import knows (to find a workbook's header). */
export type ReadOptions = XlsxOptions

/** A problem with the file as a whole (or from one row on): reading stops. */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly row = 0,
  ) {
    super(message)
    this.name = 'FileProblem'
  }
}

/** Spreadsheet row number (the header is row 1; blank rows count) and the cells. */
export type Record_ = { row: number; cells: string[] }

const MAX_CELL_CHARS = 100_000

function startsWith(buf: Uint8Array, bytes: number[]) {
  return bytes.every((b, i) => buf[i] === b)
}

/**
 * How far `bytes` reads as UTF-8: whether an invalid sequence occurs (a
 * sequence cut off at the end is not one) and how many multi-byte characters
 * came before it.
 */
function scanUtf8(bytes: Uint8Array): { invalid: boolean; multibyte: number } {
  let multibyte = 0
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]
    if (b < 0x80) {
      i++
      continue
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    if (len === 0) return { invalid: true, multibyte }
    for (let k = 1; k < len; k++) {
      if (i + k >= bytes.length) return { invalid: false, multibyte }
      if ((bytes[i + k] & 0xc0) !== 0x80) return { invalid: true, multibyte }
    }
    multibyte++
    i += len
  }
  return { invalid: false, multibyte }
}

/**
 * The encoding of a file: a BOM says it; otherwise the bytes outside ASCII
 * decide — valid UTF-8, or else Windows-1251 (what Excel writes in a Russian
 * locale). Until such a byte arrives both read the same (undefined). Valid
 * UTF-8 text that breaks off into something else is neither ('mixed').
 */
export function detectEncoding(head: Uint8Array): Encoding | 'mixed' | undefined {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8-bom'
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le'
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be'
  return utf8Or1251(head)
}

/** The bytes outside ASCII decide (a BOM is looked for at the start of the file only, never in a later chunk). */
function utf8Or1251(bytes: Uint8Array): 'utf-8' | 'windows-1251' | 'x-mac-cyrillic' | 'mixed' | undefined {
  const scan = scanUtf8(bytes)
  if (!scan.invalid) return scan.multibyte > 0 ? 'utf-8' : undefined
  // Windows-1251 Cyrillic almost never forms a valid UTF-8 pair, let alone several.
  return scan.multibyte >= 3 ? 'mixed' : macOr1251(bytes)
}

/**
 * Excel for Mac saves «CSV (Macintosh)» and «Текст с разделителями табуляции»
 * in Mac Cyrillic, which shares the small letters with Windows-1251 but not
 * the capitals (А–Я at 0x80–0x9F there, at 0xC0–0xDF in Windows-1251): read
 * as Windows-1251, «ФИО» becomes «”€Ћ». Words that start with a capital
 * (names, column titles) decide: a capital of one is followed by a small letter.
 */
function macOr1251(bytes: Uint8Array): 'windows-1251' | 'x-mac-cyrillic' {
  let win = 0
  let mac = 0
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i]
    const next = bytes[i + 1]
    if (next < 0xe0) continue
    if (b >= 0xc0 && b <= 0xdf) win++
    else if (b >= 0x80 && b <= 0x9f) mac++
  }
  return mac > win ? 'x-mac-cyrillic' : 'windows-1251'
}

const mixedMessage =
  'В файле встречаются байты, недопустимые в кодировке UTF-8: часть файла сохранена в другой кодировке. ' +
  'Сохраните файл заново как «CSV UTF-8» или «CSV (разделители — запятые)».'

/** How to get a CSV file out of Excel: said whenever a file is not one. */
const saveAsCsv = 'Откройте таблицу в Excel и сохраните её через «Файл → Сохранить как» в формате «CSV (разделители — запятые)» или «CSV UTF-8», затем загрузите получившийся файл.'
const excelHint =
  'Книги Excel старого формата (.xls) не загружаются: откройте книгу в Excel и сохраните её через «Файл → Сохранить как» в формате «Книга Excel (.xlsx)» или «CSV (разделители — запятые)», затем загрузите получившийся файл.'

const notText = (what: string, hint = saveAsCsv) => `Это не текстовый файл CSV, а ${what}. ${hint}`

/** How many bytes at the start of a file decide whether it is text at all, and in which encoding. */
export const SNIFF_BYTES = 4096

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

function contains(head: Uint8Array, text: string): boolean {
  return Buffer.from(head.buffer, head.byteOffset, head.byteLength).includes(text, 0, 'latin1')
}

/**
 * Formats that arrive renamed to .csv, by their first bytes. A workbook is
 * a ZIP whose entries are named xl/…, a Word document word/…; an older
 * .xls or .doc is an OLE2 compound file.
 */
function knownBinary(head: Uint8Array): string | undefined {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    if (contains(head, 'word/')) return notText('документ Word (.docx)', `Таблицу из документа скопируйте в Excel. ${saveAsCsv}`)
    if (contains(head, 'opendocument.spreadsheet')) return notText('таблица OpenDocument (.ods)', 'Сохраните её в LibreOffice через «Файл → Сохранить как» в формате «Книга Excel 2007–365 (.xlsx)» или «Текст CSV» с разделителем «;», затем загрузите получившийся файл.')
    // Any other ZIP is read as a workbook (app/imports/xlsx.ts), which refuses what is not one.
    return undefined
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return notText('файл Microsoft Office старого формата (.xls или .doc)', excelHint)
  if (startsWith(head, [0x89, ...ascii('PNG')])) return notText('изображение PNG')
  if (startsWith(head, [0xff, 0xd8, 0xff])) return notText('изображение JPEG')
  if (startsWith(head, ascii('GIF8'))) return notText('изображение GIF')
  if (startsWith(head, ascii('%PDF-'))) return notText('документ PDF')
  if (startsWith(head, ascii('Rar!')) || startsWith(head, [0x37, 0x7a, 0xbc, 0xaf]) || startsWith(head, [0x1f, 0x8b])) return notText('архив')
  // Text, but not a table of cells: Excel's «XML Spreadsheet 2003» and the HTML tables some systems save as .xls.
  const start = Buffer.from(head.subarray(0, 64)).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase()
  if (/^<\?xml|^<!doctype html|^<html|^<table/.test(start)) return notText('страница HTML или XML (так сохраняют таблицы некоторые программы)', excelHint)
  return undefined
}

/** Characters a table saved as UTF-16 holds: Latin, Cyrillic, punctuation, spaces. */
function plausibleText(text: string): boolean {
  let good = 0
  for (const ch of text) {
    const c = ch.charCodeAt(0)
    if ((c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0xa0 && c <= 0x4ff) || (c >= 0x2000 && c <= 0x206f) || c === 0x2116) good++
  }
  return good >= text.length * 0.9
}

/**
 * UTF-16 saved without a BOM: every ASCII character (delimiters, line ends,
 * digits, e-mail addresses) has a zero byte, all at odd positions (LE) or
 * all at even ones (BE), while UTF-8 and Windows-1251 text has no zero
 * bytes at all. The decoded sample must then read as text.
 */
export function detectUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = head.length & ~1
  if (n < 4) return undefined
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i++) {
    if (head[i] !== 0) continue
    if (i & 1) odd++
    else even++
  }
  const [zeros, others, encoding] = odd >= even ? [odd, even, 'utf-16le' as const] : [even, odd, 'utf-16be' as const]
  if (zeros < 2 || others > zeros / 20) return undefined
  try {
    return plausibleText(new TextDecoder(encoding, { fatal: true }).decode(head.subarray(0, n))) ? encoding : undefined
  } catch {
    return undefined // a surrogate cut at the end of the sample, or not UTF-16 at all
  }
}

/** Control characters that text never holds (tab, line ends and form feeds aside). */
function controlBytes(head: Uint8Array): number {
  let n = 0
  for (const b of head) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) || b === 0x7f) n++
  return n
}

const binaryMessage = `Это не текстовый файл CSV: в нём двоичные данные (возможно, книга Excel, изображение или архив, сохранённые с расширением .csv). ${saveAsCsv}`

/**
 * How the start of a file (SNIFF_BYTES) is read: an encoding its BOM or its
 * zero bytes name, or a refusal (FileProblem) when it is not text at all —
 * known binary formats by their magic bytes, anything else by its control
 * characters. A stray zero byte or two is left to the row it is in (an
 * error there), so the user learns which row it is.
 */
export function sniff(head: Uint8Array): Encoding | undefined {
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le'
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be'
  const known = knownBinary(head)
  if (known) throw new FileProblem(known)
  const utf16 = detectUtf16(head)
  if (utf16) return utf16
  if (controlBytes(head) > Math.max(3, head.length / 100)) throw new FileProblem(binaryMessage)
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8-bom'
  return undefined
}

const decoderLabel: Record<Encoding, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'windows-1251': 'windows-1251',
  'x-mac-cyrillic': 'x-mac-cyrillic',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
}

/** Bytes → text, detecting the encoding and hashing the bytes on the way. */
export async function* decode(source: AsyncIterable<Uint8Array>, info: FileInfo): AsyncGenerator<string> {
  const hash = createHash('sha256')
  let decoder: TextDecoder | undefined
  let sniffed = false
  let pending: Buffer = Buffer.alloc(0)
  const run = (chunk: Uint8Array, stream: boolean) => {
    try {
      return decoder!.decode(chunk, { stream })
    } catch {
      throw new FileProblem(mixedMessage)
    }
  }
  const open = (encoding: Encoding) => {
    info.encoding = encoding
    // Windows-1251 and Mac Cyrillic map every byte; the others refuse what they cannot read.
    decoder = new TextDecoder(decoderLabel[encoding], { fatal: encoding !== 'windows-1251' && encoding !== 'x-mac-cyrillic' })
  }
  /** The first SNIFF_BYTES (or the whole of a shorter file) decide whether it is text, and may name the encoding. */
  const sniffHead = (head: Buffer) => {
    sniffed = true
    const encoding = sniff(head)
    if (encoding) open(encoding)
  }
  /** Undecided so far: decide on the bytes outside ASCII, or pass the ASCII on and wait. */
  function* undecided(): Generator<string> {
    const encoding = utf8Or1251(pending)
    if (encoding === 'mixed') throw new FileProblem(mixedMessage)
    if (encoding) {
      open(encoding)
      const head = pending
      pending = Buffer.alloc(0)
      yield run(head, true)
      return
    }
    // ASCII, which every candidate reads the same — except a multi-byte
    // character cut at the end of the chunk: it waits for its other bytes.
    const cut = pending.findIndex((b) => b >= 0x80)
    const upTo = cut < 0 ? pending.length : cut
    if (upTo > 0) yield pending.subarray(0, upTo).toString('latin1')
    pending = pending.subarray(upTo)
  }
  for await (const raw of source) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
    if (chunk.length === 0) continue
    hash.update(chunk)
    info.bytes += chunk.length
    if (decoder) {
      yield run(chunk, true)
      continue
    }
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk
    if (!sniffed) {
      if (pending.length < SNIFF_BYTES) continue
      sniffHead(pending)
      if (decoder) {
        const head = pending
        pending = Buffer.alloc(0)
        yield run(head, true)
        continue
      }
    }
    yield* undecided()
  }
  if (!sniffed && pending.length) sniffHead(pending)
  if (!decoder) {
    const encoding = utf8Or1251(pending)
    if (encoding === 'mixed') throw new FileProblem(mixedMessage)
    open(encoding ?? 'utf-8')
  }
  const rest = (pending.length ? run(pending, true) : '') + run(new Uint8Array(0), false)
  if (rest) yield rest
  info.sha256 = hash.digest('hex')
}

/** Counts each candidate outside quotes in the header line; the most frequent wins (ties: ; then tab then ,). */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, '\t': 0, ',': 0 }
  let quoted = false
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++
  }
  const order: Delimiter[] = [';', '\t', ',']
  return order.reduce((best, d) => (counts[d] > counts[best] ? d : best), ';')
}

/** Where the first line of `text` ends outside quotes (-1: not yet), and whether a quote is open there. */
function scanLine(text: string): { end: number; quoted: boolean } {
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) return { end: i, quoted }
  }
  return { end: -1, quoted }
}

/** The columns of a header line up to its last titled one (Excel leaves empty cells at the end). */
export function countColumns(line: string, delimiter: Delimiter): number {
  let cells = 0
  let titled = 0
  let content = false
  let quoted = false
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted
      content = true
    } else if (!quoted && ch === delimiter) {
      cells++
      if (content) titled = cells
      content = false
    } else if (ch !== ' ' && ch !== '\t') content = true
  }
  cells++
  return content ? cells : titled
}

/**
 * Bounds of the header row. A nomination form has about twenty columns and
 * a registry extract rarely a hundred; beyond these the first line is not
 * a header (a file glued into one line, the wrong delimiter, a dump).
 */
export const MAX_COLUMNS = 500
export const MAX_HEADER_CHARS = 100_000

const fmt = (n: number) => n.toLocaleString('ru-RU')

/** A header row past those bounds, said for what it is (not as a quote left open). */
function headerProblem(line: string, delimiter: Delimiter, ended: boolean, quoted: boolean): FileProblem | undefined {
  const columns = countColumns(line, delimiter)
  if (columns > MAX_COLUMNS) {
    const count = ended ? `${fmt(columns)}, а допустимо не больше ${fmt(MAX_COLUMNS)}` : `больше ${fmt(MAX_COLUMNS)}`
    return new FileProblem(
      `В строке заголовка слишком много столбцов: ${count}. Первая строка файла должна содержать названия столбцов; удалите лишние столбцы или сохраните таблицу заново как CSV.`,
      1,
    )
  }
  if (!ended && quoted) {
    return new FileProblem(`Кавычка, открытая в строке заголовка, не закрыта и в первых ${fmt(MAX_HEADER_CHARS)} символах: проверьте кавычки в названиях столбцов.`, 1)
  }
  if (!ended || line.length > MAX_HEADER_CHARS) {
    return new FileProblem(`Строка заголовка длиннее ${fmt(MAX_HEADER_CHARS)} символов. Первая строка файла должна содержать только названия столбцов.`, 1)
  }
  return undefined
}

const quoteAdvice = 'кавычку внутри ячейки нужно удвоить (""), или уберите кавычки вокруг ячейки'
const columnsAdvice = 'Число ячеек в строке не совпадает с заголовком: проверьте, нет ли в ячейке лишнего разделителя'
/** csv-parse's codes as the user reads them; the code itself is never shown. */
const parseMessages: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Кавычка, открытая в этой строке, не закрыта до конца файла',
  CSV_INVALID_CLOSING_QUOTE: `После закрывающей кавычки ожидается разделитель или конец строки: ${quoteAdvice}`,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: `После закрывающей кавычки в ячейке стоит ещё текст: ${quoteAdvice}`,
  CSV_MAX_RECORD_SIZE: `Слишком длинная строка (больше ${MAX_CELL_CHARS.toLocaleString('ru-RU')} символов): вероятно, не закрыта кавычка`,
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: columnsAdvice,
  CSV_RECORD_INCONSISTENT_COLUMNS: columnsAdvice,
}
/** Any other code: what to look at, without the code. */
const parseFallback = 'Строку не удалось прочитать как CSV: проверьте кавычки и разделители в этой строке или сохраните файл из Excel заново'

/**
 * The records of a CSV file with their spreadsheet row numbers. Blank rows
 * (empty, or only delimiters as Excel leaves them at the end) are skipped but
 * counted, so row numbers match what the user sees in Excel.
 */
export async function* readRecords(source: AsyncIterable<Uint8Array>, info: FileInfo, opts: ReadOptions = {}): AsyncGenerator<Record_> {
  const { head, rest } = await peek(source, SNIFF_BYTES)
  const again = replay(head, rest)
  if (isZip(head) && knownBinary(head) === undefined) {
    // A workbook (.xlsx), whatever the file is called; a Word or OpenDocument file is refused by sniff() below.
    yield* readXlsxRecords(again, info, opts)
    return
  }
  info.format = 'csv'
  yield* csvHeaderFound(readCsvRecords(again, info), opts.recognises)
}

/**
 * A CSV saved from a workbook keeps the workbook's title rows and two-row
 * headers («Мероприятие» merged over its columns above their titles): the
 * header is looked for among the first rows as in a workbook.
 */
async function* csvHeaderFound(records: AsyncGenerator<Record_>, recognises: ReadOptions['recognises']): AsyncGenerator<Record_> {
  const head: Record_[] = []
  while (head.length < HEADER_SEARCH_ROWS) {
    const next = await records.next()
    if (next.done) break
    head.push(next.value)
  }
  if (head.length) {
    const { header, rest } = findHeader(head, recognises)
    yield header
    yield* rest
  }
  yield* records
}

const isZip = (head: Uint8Array) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])

/** The first `n` bytes of a stream (fewer if it is shorter), and the stream from where they end. */
async function peek(source: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Uint8Array; rest: AsyncIterator<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]()
  const parts: Uint8Array[] = []
  let size = 0
  while (size < n) {
    const next = await it.next()
    if (next.done) break
    parts.push(next.value)
    size += next.value.byteLength
  }
  return { head: parts.length === 1 ? parts[0] : Buffer.concat(parts), rest: it }
}

async function* replay(head: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (head.byteLength) yield head
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
}

async function* readCsvRecords(source: AsyncIterable<Uint8Array>, info: FileInfo): AsyncGenerator<Record_> {
  const text = decode(source, info)[Symbol.asyncIterator]()
  // The header line first (after a «sep=;» line some programs write for
  // Excel, which Excel hides): it names the delimiter and must fit the
  // bounds. Read on until the line has ended and one more character came
  // (a CR at the end of a chunk may be half of a CRLF), or the bound passed.
  let head = ''
  let sep: RegExpExecArray | null = null
  let body = ''
  let scan = { end: -1, quoted: false }
  let done = false
  for (;;) {
    sep = /^sep=(.)(\r\n|\n|\r(?!$))/i.exec(head)
    body = sep ? head.slice(sep[0].length) : head
    scan = scanLine(body)
    if ((scan.end >= 0 && scan.end + 1 < body.length) || body.length > MAX_HEADER_CHARS || done) break
    const next = await text.next()
    if (next.done) done = true
    else head += next.value
  }
  head = body
  const named = sep?.[1]
  const line = scan.end >= 0 ? body.slice(0, scan.end) : body.slice(0, MAX_HEADER_CHARS + 1)
  const delimiter = named === ';' || named === ',' || named === '\t' ? named : detectDelimiter(line)
  info.delimiter = delimiter
  const problem = headerProblem(line, delimiter, scan.end >= 0 || done, scan.quoted)
  if (problem) throw problem

  // The plain lines first, split here: no quote, so no quoted cell, and
  // short enough that no record can pass max_record_size. csv-parse reads
  // them the same (a cell trimmed of the same white space, trimStart and
  // trimEnd), ten times slower (≈ 1.5 s of a 100,000-row file). From the
  // first line that is not plain on (or a BOM at the start), csv-parse reads
  // the rest of the file, as it read all of it before.
  let row = 0
  let buf = head
  let pos = 0
  let ended = done
  const lineEnd = /\r\n|\n|\r/g
  const plain = (line: string) => !line.includes('"') && line.length * 3 <= MAX_CELL_CHARS
  if (!buf.startsWith('\ufeff')) {
    for (;;) {
      lineEnd.lastIndex = pos
      const m = lineEnd.exec(buf)
      // A CR at the end of the text so far may be half of a CRLF: it waits for the next chunk.
      if (!m || (!ended && m[0] === '\r' && m.index === buf.length - 1)) {
        if (!ended) {
          // An unfinished line that can no longer be plain goes to csv-parse as it
          // is: it would otherwise be kept whole and searched again with each chunk
          // (a file with no line end), where csv-parse refuses an overlong record.
          if ((buf.length - pos) * 3 > MAX_CELL_CHARS || buf.indexOf('"', pos) !== -1) break
          const next = await text.next()
          buf = buf.slice(pos) + (next.done ? '' : next.value)
          pos = 0
          ended = !!next.done
          continue
        }
        // The last line, without a line end.
        const line = buf.slice(pos)
        if (line && plain(line)) {
          pos = buf.length
          row++
          const cells = cellsOf(line, delimiter)
          if (!cells.every((c) => c === '' || cleanCell(c) === '')) yield { row, cells }
        }
        break
      }
      const line = buf.slice(pos, m.index)
      if (!plain(line)) break
      pos = m.index + m[0].length
      row++
      const cells = cellsOf(line, delimiter)
      if (cells.every((c) => c === '' || cleanCell(c) === '')) continue
      yield { row, cells }
    }
  }
  const left = buf.slice(pos)
  if (!left && ended) return

  const options: Options = {
    delimiter,
    // Every line end, in any mix: files pasted together from Windows, Unix
    // and old Mac sources end their lines differently, and csv-parse left
    // to itself adopts the first one it meets and glues the other lines
    // into cells. CRLF first, so it is one line end and not CR then LF.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    trim: true,
    skip_empty_lines: false,
    max_record_size: MAX_CELL_CHARS,
    bom: true,
  }
  const parser = parse(options)
  const rest = (async function* () {
    if (left) yield left
    if (ended) return
    for (let n = await text.next(); !n.done; n = await text.next()) yield n.value
  })()
  let failure: unknown
  pipeline(Readable.from(rest, { objectMode: false, highWaterMark: 1 }), parser, (e) => {
    if (e) failure = e
  })
  const before = row
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++
      if (record.every((c) => c === '' || cleanCell(c) === '')) continue
      yield { row, cells: record }
    }
  } catch (e) {
    throw problemOf(failure ?? e, row, before)
  }
  if (failure) throw problemOf(failure, row, before)
}

/** A plain line's cells, trimmed as csv-parse trims them. */
function cellsOf(line: string, delimiter: Delimiter): string[] {
  const cells = line.split(delimiter)
  for (let i = 0; i < cells.length; i++) cells[i] = cells[i].trim()
  return cells
}

/** `before`: the rows read before csv-parse took over, which its own count of records leaves out. */
function problemOf(e: unknown, rowsRead: number, before: number): Error {
  if (e instanceof FileProblem) return e
  const code = (e as { code?: string }).code
  if (code && code.startsWith('CSV_')) {
    // Records already parsed may not have reached the loop when the stream
    // failed; the parser's own count says where the faulty record begins.
    const records = (e as { records?: number }).records
    const row = (typeof records === 'number' ? Math.max(records + before, rowsRead) : rowsRead) + 1
    return new FileProblem(parseMessages[code] ?? parseFallback, row)
  }
  return e instanceof Error ? e : new Error(String(e))
}
