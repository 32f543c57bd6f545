import { createHash } from 'node:crypto'
import { Readable, pipeline } from 'node:stream'
import { parse, type Options } from 'csv-parse'
import type { Delimiter, Encoding } from './labels'
import { cleanCell } from './normalize'

// Streaming read of a spreadsheet saved as CSV: bytes → text (encoding
// detected) → records (delimiter detected) → rows numbered the way Excel
// numbers them. Nothing here holds more than a chunk and one record.

export { delimiterLabels, encodingLabels, type Delimiter, type Encoding } from './labels'

/** Filled in while reading: detection as soon as known, size and hash at the end. */
export type FileInfo = { encoding?: Encoding; delimiter?: Delimiter; bytes: number; sha256?: string }

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
  const scan = scanUtf8(head)
  if (!scan.invalid) return scan.multibyte > 0 ? 'utf-8' : undefined
  // Windows-1251 Cyrillic almost never forms a valid UTF-8 pair, let alone several.
  return scan.multibyte >= 3 ? 'mixed' : 'windows-1251'
}

const mixedMessage =
  'В файле встречаются байты, недопустимые в кодировке UTF-8: часть файла сохранена в другой кодировке. ' +
  'Сохраните файл заново как «CSV UTF-8» или «CSV (разделители — точка с запятой)».'

const decoderLabel: Record<Encoding, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'windows-1251': 'windows-1251',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
}

/** Bytes → text, detecting the encoding and hashing the bytes on the way. */
export async function* decode(source: AsyncIterable<Uint8Array>, info: FileInfo): AsyncGenerator<string> {
  const hash = createHash('sha256')
  let decoder: TextDecoder | undefined
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
    // Windows-1251 maps every byte; the others refuse what they cannot read.
    decoder = new TextDecoder(decoderLabel[encoding], { fatal: encoding !== 'windows-1251' })
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
    const head = pending.length ? Buffer.concat([pending, chunk]) : chunk
    if (head.length < 3) {
      pending = head // a BOM is three bytes
      continue
    }
    pending = Buffer.alloc(0)
    const encoding = detectEncoding(head)
    if (encoding === 'mixed') throw new FileProblem(mixedMessage)
    if (encoding) {
      open(encoding)
      yield run(head, true)
    } else {
      // ASCII so far, which every candidate encoding reads the same.
      yield head.toString('latin1')
    }
  }
  if (!decoder) {
    const encoding = detectEncoding(pending)
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

/** The first line of `text` that ends outside quotes, or undefined when it has not ended yet. */
function firstLine(text: string): string | undefined {
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(0, i)
  }
  return undefined
}

const parseMessages: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'Кавычка, открытая в этой строке, не закрыта до конца файла',
  CSV_INVALID_CLOSING_QUOTE: 'После закрывающей кавычки ожидается разделитель или конец строки',
  CSV_MAX_RECORD_SIZE: `Слишком длинная строка (больше ${MAX_CELL_CHARS.toLocaleString('ru-RU')} символов): вероятно, не закрыта кавычка`,
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'Число ячеек в строке не совпадает с заголовком',
}

/**
 * The records of a CSV file with their spreadsheet row numbers. Blank rows
 * (empty, or only delimiters as Excel leaves them at the end) are skipped but
 * counted, so row numbers match what the user sees in Excel.
 */
export async function* readRecords(source: AsyncIterable<Uint8Array>, info: FileInfo): AsyncGenerator<Record_> {
  const text = decode(source, info)[Symbol.asyncIterator]()
  let head = ''
  let line: string | undefined
  for (;;) {
    line = firstLine(head)
    if (line !== undefined) break
    const next = await text.next()
    if (next.done) break
    head += next.value
    if (head.length > 1_000_000) break
  }
  // «sep=;» — a first line some programs write for Excel; Excel hides it.
  const sep = /^sep=(.)\r?\n/i.exec(head)
  if (sep) head = head.slice(sep[0].length)
  const delimiter = sep && (sep[1] === ';' || sep[1] === ',' || sep[1] === '\t') ? (sep[1] as Delimiter) : detectDelimiter(sep ? (firstLine(head) ?? head) : (line ?? head))
  info.delimiter = delimiter

  const options: Options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    trim: true,
    skip_empty_lines: false,
    max_record_size: MAX_CELL_CHARS,
    bom: true,
  }
  const parser = parse(options)
  const rest = (async function* () {
    if (head) yield head
    for (let n = await text.next(); !n.done; n = await text.next()) yield n.value
  })()
  let failure: unknown
  pipeline(Readable.from(rest, { objectMode: false, highWaterMark: 1 }), parser, (e) => {
    if (e) failure = e
  })
  let row = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++
      if (record.every((c) => c === '' || cleanCell(c) === '')) continue
      yield { row, cells: record }
    }
  } catch (e) {
    throw problemOf(failure ?? e, row)
  }
  if (failure) throw problemOf(failure, row)
}

function problemOf(e: unknown, rowsRead: number): Error {
  if (e instanceof FileProblem) return e
  const code = (e as { code?: string }).code
  if (code && code.startsWith('CSV_')) {
    // Records already parsed may not have reached the loop when the stream
    // failed; the parser's own count says where the faulty record begins.
    const records = (e as { records?: number }).records
    const row = (typeof records === 'number' ? Math.max(records, rowsRead) : rowsRead) + 1
    return new FileProblem(parseMessages[code] ?? `Файл не удалось разобрать как CSV (${code})`, row)
  }
  return e instanceof Error ? e : new Error(String(e))
}
