import { z } from 'zod'

// Keyset paging for staff lists (issue 14): a page is "the next N after this
// row", never OFFSET, so page 40 costs what page 1 costs and a row inserted
// meanwhile neither repeats nor vanishes. The cursor is the last row's sort
// key and id, opaque to people (base64url JSON) and checked on the way in: a
// tampered cursor is the first page, never an error page.

export const PAGE_SIZE = 50

export type SortValue = string | number | null
export type Cursor = { key: SortValue; id: number }

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.key, c.id]), 'utf8').toString('base64url')
}

// The id fits a bigint column: 1e308 is an integer to JavaScript but not to PostgreSQL.
const cursorShape = z.tuple([z.union([z.string().max(200), z.number(), z.null()]), z.number().int().positive().max(Number.MAX_SAFE_INTEGER)])

/**
 * What the list sorts by, so a cursor of another list or a tampered one is the
 * first page rather than a query PostgreSQL refuses (a word compared with a
 * number column, a number beyond bigint): `int` — an id, a position or a sum
 * of points (bigint); `float` — a float8 key such as epoch seconds; `text` — a
 * name or a date written as text.
 */
export type KeyKind = 'int' | 'float' | 'text'

const keyFits: Record<KeyKind, (key: SortValue) => boolean> = {
  int: (k) => typeof k === 'number' && Number.isSafeInteger(k),
  float: (k) => typeof k === 'number' && Number.isFinite(k),
  text: (k) => typeof k === 'string',
}

export function decodeCursor(raw: string | null | undefined): Cursor | null {
  if (!raw || raw.length > 400) return null
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))
    return parsed.success ? { key: parsed.data[0], id: parsed.data[1] } : null
  } catch {
    return null
  }
}

/** The request's page: `after` (a cursor whose key is of the list's `kind`) and the 1-based position of its first row, for «N–M из T». */
export function pageOf(url: URL, param: string, kind: KeyKind): { after: Cursor | null; from: number } {
  const decoded = decodeCursor(url.searchParams.get(param))
  const after = decoded && keyFits[kind](decoded.key) ? decoded : null
  const from = Number(url.searchParams.get(`${param}N`))
  return { after, from: after && Number.isInteger(from) && from > 1 ? from : 1 }
}

export type Page<T> = {
  rows: T[]
  /** The cursor of the next page, or null on the last one. */
  next: string | null
  /** 1-based position of the first row shown. */
  from: number
  /** All matching rows, where counting is cheap; null otherwise. */
  total: number | null
}

/** Cuts the `limit + 1` rows a keyset query fetched into a page. */
export function toPage<T extends { id: number }>(rows: T[], limit: number, from: number, total: number | null, keyOf: (row: T) => SortValue): Page<T> {
  const more = rows.length > limit
  const shown = more ? rows.slice(0, limit) : rows
  const last = shown.at(-1)
  return { rows: shown, next: more && last ? encodeCursor({ key: keyOf(last), id: last.id }) : null, from, total }
}

/** The URL of the next page: the same filters, `after` and the next page's first position. */
export function nextHref(url: URL | string, page: Pick<Page<unknown>, 'next' | 'from' | 'rows'>, param = 'after'): string | null {
  if (!page.next) return null
  const u = new URL(url, 'http://x')
  u.searchParams.set(param, page.next)
  u.searchParams.set(`${param}N`, String(page.from + page.rows.length))
  return `${u.pathname}?${u.searchParams}`
}

/** The first page with the same filters. */
export function firstHref(url: URL | string, param = 'after'): string {
  const u = new URL(url, 'http://x')
  u.searchParams.delete(param)
  u.searchParams.delete(`${param}N`)
  const q = u.searchParams.toString()
  return q ? `${u.pathname}?${q}` : u.pathname
}
