import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { FileInfo, Record_ } from './read'
import { FileProblem } from './read'
import { cleanCell } from './normalize'

// Streaming read of an Excel workbook (.xlsx): exceljs's WorkbookReader
// walks the ZIP entry by entry and the sheet row by row, so a 100,000-row
// file never sits in memory as a whole. Rows come out as the CSV reader's
// do — spreadsheet row numbers and cells as text — so everything after the
// read (header, schemas, commit) is the same for both formats.

export type XlsxOptions = {
  /** A sheet by its name (or its number, from 1); the first visible sheet by default. */
  sheet?: string
  /** Whether a cell is a column title the import knows: finds the header under title rows and across two-row headers. */
  recognises?: (title: string) => boolean
}

const brokenMessage =
  'Книгу Excel не удалось прочитать: файл повреждён или это не книга .xlsx. Откройте его в Excel, сохраните заново как «Книга Excel (.xlsx)» и загрузите ещё раз.'

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** A date cell: exceljs gives the wall-clock moment as UTC; a day is written as Russian files write it. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return ''
  const day = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCFullYear(), 4)}`
  const time = d.getUTCHours() * 60 + d.getUTCMinutes()
  return time === 0 ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** A number as a person would type it: no binary fraction noise, a decimal comma. */
function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n)
  return String(Number(n.toPrecision(15))).replace('.', ',')
}

/** The text of a cell whatever Excel stored: shared or inline strings, rich text, numbers, dates, formulas (their result), links, errors. */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v == null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number') return numberText(v)
  if (typeof v === 'boolean') return v ? 'да' : 'нет'
  if (v instanceof Date) return dateText(v)
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('')
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result)
    if ('error' in v) return String(v.error)
    if ('text' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue)
  }
  return ''
}

/** The cells of a row from column A on (exceljs's values are 1-based and sparse). */
function rowCells(values: ExcelJS.CellValue[] | Record<string, ExcelJS.CellValue>, hidden: Set<number>): string[] {
  const list = Array.isArray(values) ? values : []
  const cells: string[] = []
  for (let c = 1; c < list.length; c++) cells.push(hidden.has(c) ? '' : cellText(list[c]).trim())
  while (cells.length && cells[cells.length - 1] === '') cells.pop()
  return cells
}

const isBlank = (cells: string[]) => cells.every((c) => c === '' || cleanCell(c) === '')

/**
 * The <cols> of a sheet come before its rows; exceljs's streaming reader
 * drops their `hidden` flag, so the sheet's XML is looked at on its way
 * into the reader, up to <sheetData>.
 */
async function* tapHiddenColumns(source: AsyncIterable<string>, hidden: Set<number>): AsyncGenerator<string> {
  let carry = ''
  let done = false
  for await (const chunk of source) {
    if (!done) {
      const text = carry + chunk
      const stop = text.indexOf('<sheetData')
      const scan = stop >= 0 ? text.slice(0, stop) : text
      for (const m of scan.matchAll(/<(?:\w+:)?col\b([^>]*)>/g)) {
        const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1]
        if (attr('hidden') === '1' || attr('hidden') === 'true') {
          for (let c = Number(attr('min')); c <= Number(attr('max')) && c <= 16384; c++) hidden.add(c)
        }
      }
      done = stop >= 0
      // a tag cut at the chunk's end is scanned again with the next chunk (a set: counted once)
      carry = done ? '' : text.slice(-512)
    }
    yield chunk
  }
}

/**
 * XML parts as text decoded across chunk borders. exceljs decodes each
 * chunk of a part on its own, which cuts a Cyrillic letter that straddles
 * two chunks into two U+FFFD (found by the 100,000-row benchmark); given
 * strings, it passes them through.
 */
async function* utf8Strings(source: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    if (text) yield text
  }
  const rest = decoder.decode()
  if (rest) yield rest
}

type PartParser = (entry: AsyncIterable<Buffer>) => unknown

/**
 * The workbook's input, whose ZIP parser (unzipper's Parse, which exceljs
 * pipes it into) only ends when the entries it has read are taken. Parse
 * says 'end' as soon as the last byte is written in (unzipper parse.js: on
 * 'finish', emit('end')), though entries may still wait in its buffer while
 * exceljs is busy with an earlier one (writing a sheet to a temp file);
 * exceljs's entry loop stops at that 'end' (utils/iterate-stream.js) and
 * never sees them. On a loaded machine xl/workbook.xml, the last entry, was
 * lost so: no sheet names, and the first sheet failed as a broken file.
 * Only the stream's own 'end', after its buffer is empty, is let through.
 */
function entriesKeptToTheEnd(input: Readable): Readable {
  const pipe = input.pipe.bind(input)
  input.pipe = ((zip: NodeJS.WritableStream & Readable) => {
    const emit = zip.emit.bind(zip)
    zip.emit = ((event: string | symbol, ...args: unknown[]) =>
      event === 'end' && !zip.readableEnded ? false : emit(event, ...args)) as typeof zip.emit
    return pipe(zip)
  }) as typeof input.pipe
  return input
}

/** Feeds the workbook's own parts (sheet names, shared strings) to exceljs as whole text. */
function decodeParts(reader: object): void {
  const r = reader as Record<'_parseWorkbook' | '_parseSharedStrings', PartParser>
  for (const name of ['_parseWorkbook', '_parseSharedStrings'] as const) {
    const original = r[name].bind(reader)
    r[name] = (entry) => original(Readable.from(utf8Strings(entry), { objectMode: true }) as unknown as AsyncIterable<Buffer>)
  }
}

/** Two header rows read as one: a title merged over several columns above its sub-titles, or a title merged down over both rows. */
function combineHeader(top: string[], bottom: string[], recognises: (t: string) => boolean): string[] {
  const out: string[] = []
  let over = ''
  for (let c = 0; c < Math.max(top.length, bottom.length); c++) {
    const t = top[c] ?? ''
    const b = bottom[c] ?? ''
    if (t) over = t
    const parent = t || (b ? over : '')
    if (!b) out.push(t)
    else if (!parent) out.push(b)
    else out.push([b, `${parent} ${b}`, parent].find(recognises) ?? `${parent} ${b}`)
  }
  return out
}

/** The end-of-directory record (22 bytes) plus the longest archive comment. */
const TAIL_BYTES = 22 + 0xffff

function hasDirectoryEnd(tail: Buffer): boolean {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) return true
  }
  return false
}

type Row = { row: number; cells: string[] }

const HEADER_SEARCH_ROWS = 6

/**
 * Where the header is among the first rows: the row (or pair of rows) in
 * which the most titles are known. Title rows above it («Список кандидатов
 * от …») are skipped; without `recognises` the first row is the header.
 */
function findHeader(rows: Row[], recognises?: (t: string) => boolean): { header: Row; rest: Row[] } {
  if (!recognises) return { header: rows[0], rest: rows.slice(1) }
  const score = (cells: string[]) => cells.filter((c) => c && recognises(c)).length
  let best = { score: score(rows[0].cells), at: 0, span: 1, cells: rows[0].cells }
  for (let i = 0; i < rows.length; i++) {
    const single = score(rows[i].cells)
    if (single > best.score) best = { score: single, at: i, span: 1, cells: rows[i].cells }
    const next = rows[i + 1]
    if (next && next.row === rows[i].row + 1) {
      const cells = combineHeader(rows[i].cells, next.cells, recognises)
      const double = score(cells)
      if (double > best.score && double > single) best = { score: double, at: i, span: 2, cells }
    }
  }
  return { header: { row: rows[best.at].row, cells: best.cells }, rest: rows.slice(best.at + best.span) }
}

const missingSheet = (wanted: string, names: string[]) =>
  new FileProblem(`В книге нет листа «${wanted}». ${names.length ? `Листы книги: ${names.map((n) => `«${n}»`).join(', ')}.` : ''}`.trim())

/** The records of the chosen sheet, numbered as Excel numbers its rows; blank rows are skipped. */
export async function* readXlsxRecords(source: AsyncIterable<Uint8Array>, info: FileInfo, opts: XlsxOptions = {}): AsyncGenerator<Record_> {
  info.format = 'xlsx'
  const hash = createHash('sha256')
  // The ZIP's directory is at its end; a cut-off upload has none, though its first entries read well.
  let tail: Buffer = Buffer.alloc(0)
  const counted = (async function* () {
    for await (const chunk of source) {
      hash.update(chunk)
      info.bytes += chunk.byteLength
      tail = Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES)
      yield chunk
    }
  })()
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(entriesKeptToTheEnd(Readable.from(counted, { objectMode: false })), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // number formats: which numbers are dates
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  decodeParts(reader)
  const wanted = opts.sheet?.trim()
  let found = false
  let names: string[] = []
  try {
    for await (const ws of reader) {
      const model = (reader as unknown as { model?: { sheets?: { name: string; state?: string }[] } }).model
      names = (model?.sheets ?? []).map((s) => s.name)
      const name = (ws as unknown as { name: string }).name
      const target = wanted
        ? /^\d+$/.test(wanted) && !names.includes(wanted)
          ? names[Number(wanted) - 1] === name
          : name.trim().toLowerCase() === wanted.toLowerCase()
        : !found && name === ((model?.sheets ?? []).find((s) => (s.state ?? 'visible') === 'visible')?.name ?? name)
      if (!target || found) {
        // why: drained here, not left to the reader: a sheet left unread raced
        // with the next entry on a loaded machine and failed as a broken file
        for await (const _row of ws as unknown as AsyncIterable<unknown>) void _row
        continue
      }
      found = true
      info.sheet = name
      const hidden = new Set<number>()
      const w = ws as unknown as { iterator: AsyncIterable<Buffer | string> }
      w.iterator = tapHiddenColumns(utf8Strings(w.iterator), hidden)
      const head: Row[] = []
      let headerDone = false
      for await (const r of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        const cells = rowCells(r.values as ExcelJS.CellValue[], hidden)
        if (isBlank(cells)) continue
        if (!headerDone) {
          head.push({ row: r.number, cells })
          if (head.length < HEADER_SEARCH_ROWS) continue
          headerDone = true
          const { header, rest } = findHeader(head, opts.recognises)
          yield header
          yield* rest
          continue
        }
        yield { row: r.number, cells }
      }
      if (!headerDone && head.length) {
        const { header, rest } = findHeader(head, opts.recognises)
        yield header
        yield* rest
      }
    }
  } catch (e) {
    if (e instanceof FileProblem) throw e
    // The book's list of sheets was read and the chosen one is not in it: that
    // is the answer, whatever went wrong further on.
    if (wanted && !found && names.length && !names.some((n, i) => n.trim().toLowerCase() === wanted.toLowerCase() || String(i + 1) === wanted)) throw missingSheet(wanted, names)
    throw new FileProblem(brokenMessage)
  }
  if (!hasDirectoryEnd(tail)) throw new FileProblem(brokenMessage)
  if (!found) {
    if (wanted) throw missingSheet(wanted, names)
    throw new FileProblem(names.length ? brokenMessage : 'В книге Excel нет ни одного листа с данными.')
  }
  info.sha256 = hash.digest('hex')
}
