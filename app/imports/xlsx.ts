import { createHash } from 'node:crypto'
import type { FileInfo, Record_ } from './read'
import { FileProblem } from './read'
import { cleanCell } from './normalize'
import { MAX_SHARED_STRINGS_BYTES, OversizedBook, entryBytes, entryChunks, parseNumberStyles, parseRels, parseWorkbook, readSharedStrings, sheetRows, spool, zipEntries, type ZipEntry } from './xlsx-book'

// Streaming read of an Excel workbook (.xlsx): the upload goes to a
// temporary file as it comes, the ZIP is read by its directory and the
// chosen sheet row by row (app/imports/xlsx-book.ts), so a 100,000-row file
// never sits in memory as a whole. Rows come out as the CSV reader's do —
// spreadsheet row numbers and cells as text — so everything after the read
// (header, schemas, commit) is the same for both formats.

export type XlsxOptions = {
  /** A sheet by its name (or its number, from 1); the first visible sheet by default. */
  sheet?: string
  /** Whether a cell is a column title the import knows: finds the header under title rows and across two-row headers. */
  recognises?: (title: string) => boolean
}

const brokenMessage =
  'Книгу Excel не удалось прочитать: файл повреждён или это не книга .xlsx. Откройте его в Excel, сохраните заново как «Книга Excel (.xlsx)» и загрузите ещё раз.'

const oversizedMessage =
  'Книга Excel после распаковки слишком велика для загрузки. Оставьте в ней только лист с данными (без картинок и лишних листов), сохраните как «Книга Excel (.xlsx)» и загрузите ещё раз.'

const isBlank = (cells: string[]) => cells.every((c) => c === '' || cleanCell(c) === '')

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

type Row = { row: number; cells: string[] }

export const HEADER_SEARCH_ROWS = 6

/**
 * Where the header is among the first rows: the row (or pair of rows) in
 * which the most titles are known. Title rows above it («Список кандидатов
 * от …») are skipped; without `recognises` the first row is the header.
 */
export function findHeader(rows: Row[], recognises?: (t: string) => boolean): { header: Row; rest: Row[] } {
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

type Sheet = { name: string; state: string; path: string }

/** A chart sheet (or an old dialog sheet): a tab of the book with no cells. */
const isChart = (s: Sheet) => /^xl\/(chartsheets|dialogsheets)\//i.test(s.path)

/** Which sheets of the book hold cells, for a message that asks for one of them. */
function withData(sheets: Sheet[]): string {
  const names = sheets.filter((s) => !isChart(s)).map((s) => `«${s.name}»`)
  return names.length ? `Укажите лист с данными: ${names.join(', ')}.` : 'В книге нет ни одного листа с данными.'
}

/** The sheets of the book in its order: as the workbook lists them, or, when it lists none, the sheet parts there are. */
function sheetsOf(entries: Map<string, ZipEntry>, listed: { name: string; state: string; rel: string }[], rels: Map<string, string>): Sheet[] {
  if (listed.length) return listed.map((s, i) => ({ name: s.name, state: s.state, path: rels.get(s.rel) ?? `xl/worksheets/sheet${i + 1}.xml` }))
  return [...entries.keys()]
    .map((path) => ({ path, n: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1] }))
    .filter((s) => s.n !== undefined)
    .map((s) => ({ name: `Sheet${s.n}`, state: 'visible', path: s.path }))
}

/** The records of the chosen sheet, numbered as Excel numbers its rows; blank rows are skipped. */
export async function* readXlsxRecords(source: AsyncIterable<Uint8Array>, info: FileInfo, opts: XlsxOptions = {}): AsyncGenerator<Record_> {
  info.format = 'xlsx'
  const hash = createHash('sha256')
  const file = await spool(source, (chunk) => {
    hash.update(chunk)
    info.bytes += chunk.byteLength
  })
  const wanted = opts.sheet?.trim()
  let names: string[] = []
  let found = false
  try {
    // The ZIP's directory is at its end; a cut-off upload has none, though its first entries read well.
    const entries = await zipEntries(file.path)
    if (!entries) throw new FileProblem(brokenMessage)
    const part = (name: string) => entries.get(name.toLowerCase())
    const book = part('xl/workbook.xml')
    const { sheets: listed, date1904 } = book ? parseWorkbook(await entryBytes(file.path, book)) : { sheets: [], date1904: false }
    const relsPart = part('xl/_rels/workbook.xml.rels')
    const rels = relsPart ? parseRels(await entryBytes(file.path, relsPart), 'xl') : new Map<string, string>()
    const sheets = sheetsOf(entries, listed, rels)
    names = listed.map((s) => s.name)
    info.sheets = sheets.filter((s) => !isChart(s)).length
    let target: Sheet | undefined
    if (wanted) {
      target = /^\d+$/.test(wanted) && !names.includes(wanted) ? sheets[Number(wanted) - 1] : sheets.find((s) => s.name.trim().toLowerCase() === wanted.toLowerCase())
      if (!target) throw missingSheet(wanted, names)
    }
    if (target && isChart(target)) throw new FileProblem(`Лист «${target.name}» — диаграмма, а не таблица. ${withData(sheets)}`)
    const visible = wanted ? [] : sheets.filter((s) => (s.state || 'visible') === 'visible' && !isChart(s) && part(s.path))
    if (!wanted) target = visible[0]
    if (!target || !part(target.path)) throw new FileProblem(sheets.some((s) => !isChart(s)) ? brokenMessage : 'В книге Excel нет ни одного листа с данными.')
    found = true

    const stylesPart = part('xl/styles.xml')
    const numberStyles = stylesPart ? parseNumberStyles(await entryBytes(file.path, stylesPart)) : []
    const stringsPart = part('xl/sharedStrings.xml')
    const sharedStrings = stringsPart ? await readSharedStrings(entryChunks(file.path, stringsPart, MAX_SHARED_STRINGS_BYTES)) : undefined

    /** A sheet opened: its first non-blank rows (where the header is looked for) and the rows after them, not yet read. */
    const openSheet = async (sheet: Sheet) => {
      const rows = sheetRows(entryChunks(file.path, part(sheet.path)!), { sharedStrings, numberStyles, date1904 })[Symbol.asyncIterator]()
      const head: Row[] = []
      while (head.length < HEADER_SEARCH_ROWS) {
        const next = await rows.next()
        if (next.done) break
        if (!isBlank(next.value.cells)) head.push(next.value)
      }
      return { sheet, rows, head }
    }
    let opened = await openSheet(target)
    // Unless a sheet is named, the data is on the first visible sheet whose
    // header the import knows: a municipality's workbook often opens with an
    // instructions sheet or an empty «Лист1». None known: the first visible
    // sheet, whose header errors then say what is missing.
    const knows = (o: { head: Row[] }) => o.head.length > 0 && opts.recognises !== undefined && findHeader(o.head, opts.recognises).header.cells.some((c) => c && opts.recognises!(c))
    if (!wanted && opts.recognises && !knows(opened)) {
      for (const sheet of visible.slice(1)) {
        const other = await openSheet(sheet)
        if (knows(other)) {
          await opened.rows.return?.(undefined)
          opened = other
          break
        }
        await other.rows.return?.(undefined)
      }
    }
    info.sheet = opened.sheet.name

    if (opened.head.length) {
      const { header, rest } = findHeader(opened.head, opts.recognises)
      yield header
      yield* rest
    }
    for (let next = await opened.rows.next(); !next.done; next = await opened.rows.next()) {
      if (!isBlank(next.value.cells)) yield next.value
    }
  } catch (e) {
    if (e instanceof FileProblem) throw e
    if (e instanceof OversizedBook) throw new FileProblem(oversizedMessage)
    if (wanted && !found && names.length && !names.some((n, i) => n.trim().toLowerCase() === wanted.toLowerCase() || String(i + 1) === wanted)) throw missingSheet(wanted, names)
    throw new FileProblem(brokenMessage)
  } finally {
    await file.remove()
  }
  info.sha256 = hash.digest('hex')
}
