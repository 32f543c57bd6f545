import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { pullStream } from '~/utils/pull-stream.server'
import { xmlText } from '~/utils/xml-text'

// Staff lists and templates as Excel workbooks: a bold header row that stays
// in view (frozen pane) with an autofilter, column widths from the content,
// days as real dates (dd.mm.yyyy) and numbers as numbers. Text is always a
// text cell, so «=…», «+…» or «@…» typed by a person is shown, never run —
// no apostrophe needed as in CSV (app/utils/csv.ts).

export type XlsxColumn = { header: string; kind?: 'text' | 'number' | 'date'; width?: number }
export type XlsxSheet = { name: string; columns: XlsxColumn[]; rows: unknown[][]; state?: 'visible' | 'hidden' | 'veryHidden' }

const DAY = /^(\d{4})-(\d{2})-(\d{2})$|^(\d{2})\.(\d{2})\.(\d{4})$/

/** A calendar day ('YYYY-MM-DD' or 'DD.MM.YYYY') as the UTC midnight Excel shows as that day. */
export function dayValue(v: unknown): Date | null {
  if (typeof v !== 'string') return null
  const m = DAY.exec(v.trim())
  if (!m) return null
  const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[6], m[5], m[4]]
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)))
}

function cellValue(v: unknown, kind: XlsxColumn['kind']): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null
  if (kind === 'date') return dayValue(v) ?? xmlText(String(v))
  if (kind === 'number' && typeof v === 'number') return v
  if (typeof v === 'number') return v
  // why: every other value is text — a string is never read back by Excel as a formula;
  // a character XML may not hold would make Excel refuse the whole book
  return xmlText(Array.isArray(v) ? v.join(', ') : String(v))
}

/**
 * How a list prints: Excel's default (portrait, the header on the first page
 * only) cut a staff list into pages of two or three columns whose rows had no
 * titles. Landscape A4 with the header row on every page. Not fitted to the
 * page width: a dozen columns of names and schools shrink to about a third,
 * too small to read on paper (checked through LibreOffice's PDF).
 */
const pageSetup: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1' }

const displayLength = (v: ExcelJS.CellValue) => (v instanceof Date ? 10 : v == null ? 0 : String(v).length)

export function addSheet(wb: ExcelJS.Workbook, s: XlsxSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible', views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }], pageSetup })
  const header = ws.addRow(s.columns.map((c) => c.header))
  header.font = { bold: true }
  header.alignment = { vertical: 'top', wrapText: true }
  const widths = s.columns.map((c) => Math.max(8, Math.min(40, c.header.length + 2)))
  for (const r of s.rows) {
    const values = s.columns.map((c, i) => cellValue(r[i], c.kind))
    ws.addRow(values)
    values.forEach((v, i) => (widths[i] = Math.max(widths[i], Math.min(60, displayLength(v) + 2))))
  }
  s.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1)
    col.width = c.width ?? widths[i]
    if (c.kind === 'date') col.numFmt = 'dd.mm.yyyy'
  })
  if (s.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } }
  return ws
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Реестр методического актива'
  return wb
}

export type StreamedSheet = {
  name: string
  columns: XlsxColumn[]
  /** The rows already read; the column widths are measured on them. */
  first: unknown[][]
  /** The next batch of rows, or null after the last. */
  next: () => Promise<unknown[][] | null>
}

const tick = () => new Promise<'tick'>((resolve) => setImmediate(() => resolve('tick')))

/**
 * One sheet as addSheet() lays it out, written by exceljs's streaming writer
 * and read as it is zipped: a batch of rows is asked for only when the zip
 * has nothing ready for the reader, so a slow client slows the reads and the
 * memory stays at about a batch. Widths come from the header and the first
 * batch: the writer puts the columns before the rows.
 */
export function streamingWorkbook(label: string, s: StreamedSheet, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const out = new PassThrough()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'Реестр методического актива'
  const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }], pageSetup })
  const widths = s.columns.map((c) => Math.max(8, Math.min(40, c.header.length + 2)))
  for (const r of s.first) s.columns.forEach((c, i) => (widths[i] = Math.max(widths[i], Math.min(60, displayLength(cellValue(r[i], c.kind)) + 2))))
  ws.columns = s.columns.map((c, i) => ({ key: String(i), width: c.width ?? widths[i], ...(c.kind === 'date' ? { style: { numFmt: 'dd.mm.yyyy' } } : {}) }))
  if (s.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } }
  const header = ws.addRow(s.columns.map((c) => c.header))
  header.font = { bold: true }
  header.alignment = { vertical: 'top', wrapText: true }
  header.commit()

  let pending: unknown[][] | null = s.first
  let finished = false
  let failure: unknown
  const write = (rows: unknown[][]) => {
    for (const r of rows) ws.addRow(s.columns.map((c, i) => cellValue(r[i], c.kind))).commit()
  }
  /** Writes the next batch, or closes the sheet and the book after the last. */
  const produce = async () => {
    const rows = pending ?? (await s.next())
    pending = null
    if (rows) return write(rows)
    finished = true
    ws.commit()
    // why: not awaited — the book's promise settles only once the reader has taken the last bytes
    wb.commit().catch((e: unknown) => (failure = e))
  }
  const chunks = out[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  let reading: Promise<IteratorResult<Buffer>> | undefined
  return pullStream(
    label,
    {
      async next() {
        for (;;) {
          if (failure) throw failure
          reading ??= chunks.next()
          const got = finished ? await reading : await Promise.race([reading, tick()])
          if (got === 'tick') {
            await produce()
            continue
          }
          reading = undefined
          return got.done ? null : got.value
        }
      },
      close: () => {
        if (!finished) out.destroy()
      },
    },
    signal,
  )
}
