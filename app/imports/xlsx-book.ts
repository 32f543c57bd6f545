import { createReadStream } from 'node:fs'
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInflateRaw } from 'node:zlib'
import { shownFormulaError } from './normalize'

// The parts of an Excel workbook (.xlsx) read straight from its ZIP and XML,
// for the import: sheet names, number formats (which numbers are dates),
// shared strings and the rows of one sheet as text.
//
// Why not exceljs's streaming reader (issue: xlsx_import_peak_rss_mb): it
// builds a Row and a Cell object per cell and a SAX event object per tag,
// gathered per chunk, and under an import that waits on the database those
// survive into the old generation: about 100 MB of garbage between full
// collections on 100,000 rows. Here a row is scanned from the inflated bytes
// by position and comes out as strings, one row at a time as it is pulled.
//
// The upload is first written to a temporary file, compressed as it came:
// a sheet usually comes before the shared strings it refers to (and the
// sheet names come last), so something has to wait on disk; a ZIP read by
// its directory then takes the parts in the order they are needed, never
// reads the sheets not chosen and tells a cut-off upload at once.

export class BrokenBook extends Error {
  constructor(why: string) {
    super(why)
    this.name = 'BrokenBook'
  }
}

/**
 * What one part of a workbook may inflate to. The upload is at most 20 MB;
 * Excel's XML compresses about 10:1, so a real sheet of the largest upload
 * stays far below this, while a crafted part (a "zip bomb") that would
 * inflate to gigabytes stops here: the sheet is scanned as it streams, but
 * the shared strings are kept whole.
 */
export const MAX_PART_BYTES = 400 * 1024 * 1024

/** The shared strings are kept whole (outside the heap), so their part has a lower ceiling. */
export const MAX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024

/**
 * One element still open at a chunk's end is read again with the next chunk:
 * an element this long is no cell Excel writes (a cell holds at most 32,767
 * characters), and reading it again and again would cost time squared.
 */
export const MAX_ELEMENT_BYTES = 4 * 1024 * 1024

/** A part that inflates beyond MAX_PART_BYTES, or one string or row beyond MAX_ELEMENT_BYTES. */
export class OversizedBook extends Error {
  constructor() {
    super('a part inflates beyond the limit')
    this.name = 'OversizedBook'
  }
}

// ─── the upload on disk ─────────────────────────────────────────────────────

/** The upload written to a temporary file as it comes; `each` sees every chunk (size, hash). */
export async function spool(source: AsyncIterable<Uint8Array>, each: (chunk: Uint8Array) => void): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rma-xlsx-'))
  const remove = () => rm(dir, { recursive: true, force: true })
  const path = join(dir, 'book.xlsx')
  try {
    const fh = await open(path, 'w')
    try {
      for await (const chunk of source) {
        each(chunk)
        await fh.write(chunk)
      }
    } finally {
      await fh.close()
    }
  } catch (e) {
    await remove()
    throw e
  }
  return { path, remove }
}

// ─── the ZIP ────────────────────────────────────────────────────────────────

export type ZipEntry = { name: string; method: number; compressed: number; size: number; offset: number; encrypted: boolean }

const EOCD = 0x06054b50
const EOCD64 = 0x06064b50
const EOCD64_LOCATOR = 0x07064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX32 = 0xffffffff

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length)
  const { bytesRead } = await fh.read(buf, 0, length, position)
  if (bytesRead !== length) throw new BrokenBook('short read')
  return buf
}

/** The entries of the ZIP at `path` by its central directory, by lower-case name; undefined when it has none (not a ZIP, or cut off). */
export async function zipEntries(path: string): Promise<Map<string, ZipEntry> | undefined> {
  const fh = await open(path, 'r')
  try {
    const { size } = await fh.stat()
    const tailLength = Math.min(size, 22 + 0xffff)
    if (tailLength < 22) return undefined
    const tail = await readAt(fh, size - tailLength, tailLength)
    let at = -1
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i
        break
      }
    }
    if (at < 0) return undefined
    let count = tail.readUInt16LE(at + 10)
    let dirSize = tail.readUInt32LE(at + 12)
    let dirOffset = tail.readUInt32LE(at + 16)
    if (dirOffset === MAX32 || dirSize === MAX32 || count === 0xffff) {
      const eocdAt = size - tailLength + at
      if (eocdAt < 20) return undefined
      const locator = await readAt(fh, eocdAt - 20, 20)
      if (locator.readUInt32LE(0) !== EOCD64_LOCATOR) return undefined
      const record = await readAt(fh, Number(locator.readBigUInt64LE(8)), 56)
      if (record.readUInt32LE(0) !== EOCD64) return undefined
      count = Number(record.readBigUInt64LE(32))
      dirSize = Number(record.readBigUInt64LE(40))
      dirOffset = Number(record.readBigUInt64LE(48))
    }
    if (dirOffset + dirSize > size) return undefined
    const dir = await readAt(fh, dirOffset, dirSize)
    const entries = new Map<string, ZipEntry>()
    let p = 0
    for (let n = 0; n < count && p + 46 <= dir.length; n++) {
      if (dir.readUInt32LE(p) !== CENTRAL) throw new BrokenBook('central directory')
      const nameLength = dir.readUInt16LE(p + 28)
      const extraLength = dir.readUInt16LE(p + 30)
      const commentLength = dir.readUInt16LE(p + 32)
      const e: ZipEntry = {
        name: dir.toString('utf8', p + 46, p + 46 + nameLength),
        method: dir.readUInt16LE(p + 10),
        encrypted: (dir.readUInt16LE(p + 8) & 1) === 1,
        compressed: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        offset: dir.readUInt32LE(p + 42),
      }
      // ZIP64: the values too large for 32 bits follow in the extra field, in this order.
      for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength; ) {
        const id = dir.readUInt16LE(x)
        const len = dir.readUInt16LE(x + 2)
        if (id === 1) {
          let v = x + 4
          for (const key of ['size', 'compressed', 'offset'] as const) {
            if (e[key] === MAX32 && v + 8 <= x + 4 + len) {
              e[key] = Number(dir.readBigUInt64LE(v))
              v += 8
            }
          }
        }
        x += 4 + len
      }
      // part names are case-insensitive (OPC); some tools write backslashes
      entries.set(e.name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase(), e)
      p += 46 + nameLength + extraLength + commentLength
    }
    return entries
  } finally {
    await fh.close()
  }
}

/**
 * Small chunks, and one buffer reused to join them (Joiner): a chunk alive
 * while the import waits on the database is moved to the old generation,
 * and its memory stays until the next full collection; at 64 KB that
 * added up to some 20 MB of dead buffers on 100,000 rows.
 */
const CHUNK = 16 * 1024

/** What was left unread of one chunk joined with the next, in a buffer reused throughout. */
class Joiner {
  private buf = Buffer.allocUnsafe(4 * CHUNK)
  private kept = 0

  join(chunk: Buffer): Buffer {
    if (this.kept === 0) return chunk
    const need = this.kept + chunk.length
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2))
      this.buf.copy(grown, 0, 0, this.kept)
      this.buf = grown
    }
    chunk.copy(this.buf, this.kept)
    return this.buf.subarray(0, need)
  }

  /** Keeps `b` from `from` on for the next join (b may be this buffer itself: copy() moves overlapping bytes right). */
  keep(b: Buffer, from: number): void {
    const n = b.length - from
    if (n > this.buf.length) {
      const grown = Buffer.allocUnsafe(n * 2)
      b.copy(grown, 0, from)
      this.buf = grown
    } else if (n > 0) b.copy(this.buf, 0, from)
    this.kept = n
  }
}

/** The inflated bytes of an entry, chunk by chunk, read from disk as they are pulled. */
export async function* entryChunks(path: string, e: ZipEntry, limit = MAX_PART_BYTES): AsyncGenerator<Buffer> {
  if (e.encrypted) throw new BrokenBook('encrypted entry')
  if (e.method !== 0 && e.method !== 8) throw new BrokenBook(`compression method ${e.method}`)
  const fh = await open(path, 'r')
  let start: number
  try {
    const local = await readAt(fh, e.offset, 30)
    if (local.readUInt32LE(0) !== LOCAL) throw new BrokenBook('local header')
    start = e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
  } finally {
    await fh.close()
  }
  if (e.compressed === 0) return
  const file = createReadStream(path, { start, end: start + e.compressed - 1, highWaterMark: CHUNK })
  if (e.method === 0) {
    try {
      yield* file as AsyncIterable<Buffer>
    } finally {
      file.destroy()
    }
    return
  }
  const inflate = createInflateRaw({ chunkSize: CHUNK })
  file.on('error', (err) => inflate.destroy(err))
  file.pipe(inflate)
  let inflated = 0
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      inflated += chunk.length
      if (inflated > limit) throw new OversizedBook()
      yield chunk
    }
  } finally {
    file.destroy()
    inflate.destroy()
  }
}

/** A small part (workbook, relationships, styles) whole. */
export async function entryBytes(path: string, e: ZipEntry): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const chunk of entryChunks(path, e)) parts.push(chunk)
  return Buffer.concat(parts)
}

// ─── XML by position ────────────────────────────────────────────────────────
// A tag scanner over UTF-8 bytes: markup is ASCII, so tags are found by byte;
// only text that is kept is decoded, from complete ranges (a letter cut
// between two chunks is never decoded in halves). Names are compared without
// their namespace prefix (`x:row` is a row).

const LT = 0x3c
const GT = 0x3e
const SLASH = 0x2f
const COLON = 0x3a
const BANG = 0x21
const QMARK = 0x3f
const DQ = 0x22
const SQ = 0x27
const EQ = 0x3d

/** The tag the last nextTag() found; reused, never kept. */
const tag = { start: 0, end: 0, name: 0, nameEnd: 0, attrsEnd: 0, closing: false, empty: false }

/** The next element tag at or after `from` (comments, CDATA, declarations skipped); false when the bytes end before one is whole. */
function nextTag(b: Buffer, from: number): boolean {
  let p = from
  for (;;) {
    const lt = b.indexOf(LT, p)
    if (lt < 0 || lt + 1 >= b.length) return false
    const c1 = b[lt + 1]
    if (c1 === BANG || c1 === QMARK) {
      const close = c1 === QMARK ? '?>' : b[lt + 2] === 0x5b ? ']]>' : b[lt + 2] === 0x2d ? '-->' : '>'
      const e = b.indexOf(close, lt + 2, 'latin1')
      if (e < 0) return false
      p = e + close.length
      continue
    }
    const closing = c1 === SLASH
    let i = closing ? lt + 2 : lt + 1
    let local = i
    for (; i < b.length; i++) {
      const c = b[i]
      if (c === GT || c === SLASH || c <= 32) break
      if (c === COLON) local = i + 1
    }
    const nameEnd = i
    let quote = 0
    for (; i < b.length; i++) {
      const c = b[i]
      if (quote) {
        if (c === quote) quote = 0
      } else if (c === DQ || c === SQ) quote = c
      else if (c === GT) break
    }
    if (i >= b.length) return false
    tag.start = lt
    tag.end = i + 1
    tag.name = local
    tag.nameEnd = nameEnd
    tag.closing = closing
    tag.empty = !closing && b[i - 1] === SLASH
    tag.attrsEnd = tag.empty ? i - 1 : i
    return true
  }
}

function named(b: Buffer, name: string): boolean {
  if (tag.nameEnd - tag.name !== name.length) return false
  for (let k = 0; k < name.length; k++) if (b[tag.name + k] !== name.charCodeAt(k)) return false
  return true
}

/** Where the last found attribute's value is. */
const value = { start: 0, end: 0 }

/** Finds attribute `name` of the current tag (by its local name when `local`: `r:id` for 'id'). */
function attr(b: Buffer, name: string, local = false): boolean {
  let i = tag.nameEnd
  const end = tag.attrsEnd
  while (i < end) {
    while (i < end && b[i] <= 32) i++
    const nameStart = i
    let localStart = i
    while (i < end && b[i] !== EQ && b[i] > 32) {
      if (b[i] === COLON) localStart = i + 1
      i++
    }
    const nameEnd = i
    while (i < end && b[i] !== DQ && b[i] !== SQ) i++
    const q = b[i]
    const start = ++i
    while (i < end && b[i] !== q) i++
    const s = local ? localStart : nameStart
    if (nameEnd - s === name.length && nameEnd > nameStart) {
      let same = true
      for (let k = 0; k < name.length && same; k++) same = b[s + k] === name.charCodeAt(k)
      if (same) {
        value.start = start
        value.end = i
        return true
      }
    }
    i++
  }
  return false
}

const entity = /<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g

function unescapeXml(s: string): string {
  if (!s.includes('&') && !s.includes('<')) return s
  return s.replace(entity, (_, cdata: string | undefined, name: string) => {
    if (cdata !== undefined) return cdata
    switch (name) {
      case 'amp':
        return '&'
      case 'lt':
        return '<'
      case 'gt':
        return '>'
      case 'quot':
        return '"'
      case 'apos':
        return "'"
    }
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
  })
}

/**
 * Cell text escapes what XML cannot hold as `_xHHHH_` (ECMA-376 ST_Xstring):
 * Excel writes a carriage return as `_x000D_`, and a literal `_x0041_` typed
 * in a cell is written `_x005F_x0041_` (by LibreOffice too). One pass, so
 * the `_` that `_x005F_` gives back starts nothing new.
 */
const xstring = /_x([0-9A-Fa-f]{4})_/g

function unescapeXstring(s: string): string {
  return s.includes('_x') ? s.replace(xstring, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s
}

/** Text of a byte range, decoded afresh (a new string: never a slice that would keep a whole chunk alive). */
const attrValue = (b: Buffer, start: number, end: number) => unescapeXml(b.toString('utf8', start, end))
/** A cell's or a shared string's text. */
const text = (b: Buffer, start: number, end: number) => unescapeXstring(attrValue(b, start, end))
const attrText = (b: Buffer) => attrValue(b, value.start, value.end)

function attrInt(b: Buffer): number {
  let n = 0
  let any = false
  for (let i = value.start; i < value.end; i++) {
    const c = b[i] - 48
    if (c < 0 || c > 9) break
    n = n * 10 + c
    any = true
  }
  return any ? n : -1
}

// ─── workbook, relationships, styles ────────────────────────────────────────

export type SheetEntry = { name: string; state: string; rel: string }

/** The sheets as the workbook lists them, and its date system. */
export function parseWorkbook(b: Buffer): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = []
  let date1904 = false
  for (let p = 0; nextTag(b, p); p = tag.end) {
    if (tag.closing) continue
    if (named(b, 'sheet')) {
      const name = attr(b, 'name') ? attrText(b) : ''
      const state = attr(b, 'state') ? attrText(b) : 'visible'
      const rel = attr(b, 'id', true) ? attrText(b) : ''
      sheets.push({ name, state, rel })
    } else if (named(b, 'workbookPr') && attr(b, 'date1904')) {
      const v = attrText(b)
      date1904 = v === '1' || v === 'true'
    }
  }
  return { sheets, date1904 }
}

/** Relationship id → the target part's path inside the ZIP, resolved against `base` (the folder of the part they belong to). */
export function parseRels(b: Buffer, base: string): Map<string, string> {
  const out = new Map<string, string>()
  for (let p = 0; nextTag(b, p); p = tag.end) {
    if (tag.closing || !named(b, 'Relationship')) continue
    if (!attr(b, 'Id')) continue
    const id = attrText(b)
    if (!attr(b, 'Target')) continue
    const target = attrText(b)
    const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean)
    for (const seg of target.split('/')) {
      if (seg === '..') parts.pop()
      else if (seg && seg !== '.') parts.push(seg)
    }
    out.set(id, parts.join('/'))
  }
  return out
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47])

/** A format code that shows a date or a time: d, m, y, h, s outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '')
  return /[ymdhMsb]/.test(bare)
}

/**
 * How a cell format shows a number, where the import must read it as shown:
 * as a date, or zero-padded to a width («0000»: 12 shows as «0012», an order
 * number whose leading zeros the typed value lost); null: as typed.
 */
export type NumberStyle = 'date' | { zeros: number } | null

/** A format code of zeros alone («0000»), as Excel writes it for a number with leading zeros: its width. */
function zeroPadWidth(code: string): number | null {
  return /^0{2,}$/.test(code) ? code.length : null
}

/** For each cell format (the `s` of a cell), how it shows a number (NumberStyle). */
export function parseNumberStyles(b: Buffer): NumberStyle[] {
  const codes = new Map<number, string>()
  const formats: number[] = []
  let inCellXfs = false
  for (let p = 0; nextTag(b, p); p = tag.end) {
    if (named(b, 'cellXfs')) inCellXfs = !tag.closing && !tag.empty
    else if (tag.closing) continue
    else if (named(b, 'numFmt') && attr(b, 'numFmtId')) {
      const id = attrInt(b)
      if (attr(b, 'formatCode')) codes.set(id, attrText(b).replace(/\\(.)/g, '$1'))
    } else if (inCellXfs && named(b, 'xf')) formats.push(attr(b, 'numFmtId') ? attrInt(b) : 0)
  }
  return formats.map((id): NumberStyle => {
    const code = codes.get(id)
    if (code === undefined) return BUILTIN_DATE_FORMATS.has(id) ? 'date' : null
    if (isDateFormat(code)) return 'date'
    const zeros = zeroPadWidth(code)
    return zeros === null ? null : { zeros }
  })
}

// ─── shared strings ─────────────────────────────────────────────────────────

/**
 * The shared strings, kept as UTF-8 outside the JavaScript heap: a large
 * live heap makes V8 let the heap grow that much further between full
 * collections, and most shared strings (a person's e-mail, name) are used
 * by one cell only. A string used a second time (a municipality, a
 * category) is kept as a string from then on, so its cells share it.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 20)
  private used = 0
  private ends = new Uint32Array(1 << 14)
  private seen = new Uint8Array(1 << 14)
  private again: (string | undefined)[] = []
  count = 0

  add(s: string): void {
    const need = this.used + s.length * 3
    if (need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2))
      this.bytes.copy(grown, 0, 0, this.used)
      this.bytes = grown
    }
    if (this.count === this.ends.length) {
      const ends = new Uint32Array(this.ends.length * 2)
      ends.set(this.ends)
      this.ends = ends
      const seen = new Uint8Array(this.ends.length)
      seen.set(this.seen)
      this.seen = seen
    }
    this.used += this.bytes.write(s, this.used, 'utf8')
    this.ends[this.count++] = this.used
  }

  /** The string at `i`, '' past the end. */
  get(i: number): string {
    if (!(i >= 0 && i < this.count)) return ''
    const kept = this.again[i]
    if (kept !== undefined) return kept
    const s = this.bytes.toString('utf8', i ? this.ends[i - 1] : 0, this.ends[i])
    if (this.seen[i]) this.again[i] = s
    else this.seen[i] = 1
    return s
  }

  /** Gives back the unused part of the buffer once all strings are in. */
  done(): this {
    if (this.bytes.length - this.used > 1 << 16) this.bytes = Buffer.from(this.bytes.subarray(0, this.used))
    return this
  }
}

/**
 * The shared strings as plain text (rich text runs joined, phonetic
 * guides left out).
 */
export async function readSharedStrings(chunks: AsyncIterable<Buffer>): Promise<SharedStrings> {
  const out = new SharedStrings()
  const joiner = new Joiner()
  for await (const chunk of chunks) {
    const b = joiner.join(chunk)
    let p = 0
    let si = -1
    let cur = ''
    let inPhonetic = false
    let textStart = -1
    for (;;) {
      if (!nextTag(b, p)) break
      p = tag.end
      if (named(b, 'si')) {
        if (tag.empty) out.add('')
        else if (!tag.closing) {
          si = tag.start
          cur = ''
          inPhonetic = false
        } else if (si >= 0) {
          out.add(cur)
          si = -1
        }
      } else if (si < 0) continue
      else if (named(b, 'rPh')) inPhonetic = !tag.closing && !tag.empty
      else if (named(b, 't') && !inPhonetic) {
        if (tag.closing) {
          if (textStart >= 0) cur += text(b, textStart, tag.start)
          textStart = -1
        } else if (!tag.empty) textStart = tag.end
      }
    }
    // an unfinished string is read again whole with the next chunk
    if (si >= 0 && b.length - si > MAX_ELEMENT_BYTES) throw new OversizedBook()
    joiner.keep(b, si >= 0 ? si : p)
  }
  return out.done()
}

// ─── the rows of a sheet ────────────────────────────────────────────────────

export type SheetRow = { row: number; cells: string[] }

export type SheetContext = {
  sharedStrings?: SharedStrings
  numberStyles: NumberStyle[]
  date1904: boolean
}

const MAX_COLUMN = 16384

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** A date as Russian files write it; the serial's wall-clock moment is read as UTC. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return ''
  const day = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCFullYear(), 4)}`
  const time = d.getUTCHours() * 60 + d.getUTCMinutes()
  return time === 0 ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

const serialDate = (v: number, date1904: boolean) => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400000))

/** A number as a person would type it: no binary fraction noise, a decimal comma. */
function numberText(n: number): string {
  if (Number.isInteger(n)) return String(n)
  return String(Number(n.toPrecision(15))).replace('.', ',')
}

/** The column of a reference such as `AB12` (1 for A), or -1. */
function columnOf(b: Buffer): number {
  let col = 0
  for (let i = value.start; i < value.end; i++) {
    const c = b[i]
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64)
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96)
    else break
  }
  return col > 0 ? col : -1
}

/**
 * The rows of a sheet as text, cells from column A on: shared and inline
 * strings (rich text joined), numbers as a person types them, date-formatted
 * numbers as dates, booleans as «да»/«нет», formulas by their result, errors
 * as Excel shows them. Hidden columns come out empty; empty rows are left
 * out (their numbers are kept by the rows that follow).
 */
export async function* sheetRows(chunks: AsyncIterable<Buffer>, ctx: SheetContext): AsyncGenerator<SheetRow> {
  const hidden = new Set<number>()
  const { sharedStrings, numberStyles, date1904 } = ctx
  let phase = 'head' as 'head' | 'rows' | 'done'
  let lastRow = 0
  const joiner = new Joiner()

  // One cell's state while its tags are read.
  let col = 0
  let cellCol = 0
  let style = -1
  let type = ''
  let vStart = -1
  let vEnd = -1
  let inline = ''
  let inInline = false
  let inPhonetic = false
  let tStart = -1

  function cellValue(b: Buffer): string {
    switch (type) {
      case 's': {
        if (vStart < 0 || !sharedStrings) return ''
        value.start = vStart
        value.end = vEnd
        return sharedStrings.get(attrInt(b))
      }
      case 'inlineStr':
        return inInline || vStart < 0 ? inline : text(b, vStart, vEnd)
      case 'str':
        return vStart < 0 ? '' : text(b, vStart, vEnd)
      case 'e':
        // stored in English (#N/A), shown in Russian (#Н/Д): the import refuses either, naming the cell
        return vStart < 0 ? '' : shownFormulaError(b.toString('utf8', vStart, vEnd))
      case 'b':
        return vStart < 0 ? '' : parseInt(b.toString('latin1', vStart, vEnd), 10) !== 0 ? 'да' : 'нет'
      case 'd': {
        if (vStart < 0) return ''
        const iso = b.toString('latin1', vStart, vEnd).trim()
        return dateText(new Date(/Z|[+-]\d\d:?\d\d$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`))
      }
      default: {
        if (vStart < 0) return ''
        const n = parseFloat(b.toString('latin1', vStart, vEnd))
        if (Number.isNaN(n)) return ''
        const shown = style >= 0 ? numberStyles[style] : null
        if (shown === 'date') return dateText(serialDate(n, date1904))
        // «0000»: the digits Excel shows, leading zeros and all (a whole number, rounded as Excel rounds it)
        if (shown && Number.isSafeInteger(Math.round(n))) return `${n < 0 ? '-' : ''}${String(Math.abs(Math.round(n))).padStart(shown.zeros, '0')}`
        return numberText(n)
      }
    }
  }

  /** The cells of the row whose tags start at `from`, up to its end tag; undefined when the bytes end first. */
  function readRow(b: Buffer, from: number, rowStyle: number): { cells: string[]; end: number } | undefined {
    const cells: string[] = []
    col = 0
    for (let p = from; ; ) {
      if (!nextTag(b, p)) return undefined
      p = tag.end
      if (tag.closing) {
        if (named(b, 'row')) return { cells, end: p }
        if (named(b, 'c')) {
          col = cellCol
          if (cellCol <= MAX_COLUMN && !hidden.has(cellCol)) {
            const v = cellValue(b).trim()
            if (v) {
              while (cells.length < cellCol - 1) cells.push('')
              cells[cellCol - 1] = v
            }
          }
        } else if (named(b, 'v')) vEnd = tag.start
        else if (named(b, 't')) {
          if (inInline && !inPhonetic && tStart >= 0) inline += text(b, tStart, tag.start)
          tStart = -1
        } else if (named(b, 'rPh')) inPhonetic = false
        else if (named(b, 'is')) inInline = false
        continue
      }
      if (named(b, 'c')) {
        cellCol = attr(b, 'r') ? columnOf(b) : -1
        if (cellCol < 0) cellCol = col + 1
        style = attr(b, 's') ? attrInt(b) : rowStyle
        type = attr(b, 't') ? b.toString('latin1', value.start, value.end) : ''
        vStart = vEnd = -1
        inline = ''
        inInline = inPhonetic = false
        tStart = -1
        if (tag.empty) col = cellCol
      } else if (named(b, 'v')) {
        vStart = tag.end
        vEnd = tag.empty ? tag.end : -1
      } else if (named(b, 'is')) inInline = !tag.empty
      else if (named(b, 'rPh')) inPhonetic = !tag.empty
      else if (named(b, 't')) tStart = tag.empty ? -1 : tag.end
    }
  }

  /** Rows found in `b` from `p` on go to `out`; returns where the unread rest begins. */
  function scan(b: Buffer, from: number, out: SheetRow[]): number {
    let p = from
    while (phase === 'head') {
      if (!nextTag(b, p)) return p
      p = tag.end
      if (tag.closing) continue
      if (named(b, 'col')) {
        // <cols> come before the rows; a hidden column's cells are not read
        const isHidden = attr(b, 'hidden') && (b[value.start] === 0x31 || b[value.start] === 0x74)
        if (isHidden && attr(b, 'min')) {
          const min = attrInt(b)
          const max = attr(b, 'max') ? attrInt(b) : min
          for (let c = Math.max(min, 1); c <= max && c <= MAX_COLUMN; c++) hidden.add(c)
        }
      } else if (named(b, 'sheetData')) phase = tag.empty ? 'done' : 'rows'
    }
    while (phase === 'rows') {
      if (!nextTag(b, p)) return p
      if (tag.closing) {
        if (named(b, 'sheetData')) phase = 'done'
        p = tag.end
        continue
      }
      if (!named(b, 'row')) {
        p = tag.end
        continue
      }
      const start = tag.start
      const number = attr(b, 'r') ? attrInt(b) : -1
      const rowStyle = attr(b, 's') ? attrInt(b) : -1
      if (tag.empty) {
        lastRow = number > 0 ? number : lastRow + 1
        p = tag.end
        continue
      }
      const read = readRow(b, tag.end, rowStyle)
      if (!read) return start
      lastRow = number > 0 ? number : lastRow + 1
      if (read.cells.length) out.push({ row: lastRow, cells: read.cells })
      p = read.end
    }
    return p
  }

  for await (const chunk of chunks) {
    const b = joiner.join(chunk)
    const out: SheetRow[] = []
    const rest = scan(b, 0, out)
    if (b.length - rest > MAX_ELEMENT_BYTES) throw new OversizedBook()
    joiner.keep(b, rest)
    for (const r of out) yield r
    if (phase === 'done') return
  }
  if (phase === 'rows') throw new BrokenBook('the sheet ends inside its rows')
}
