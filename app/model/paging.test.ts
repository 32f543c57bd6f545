import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, firstHref, nextHref, pageOf, toPage } from './paging'

describe('keyset paging', () => {
  it('a cursor round-trips and a tampered one is the first page', () => {
    const c = encodeCursor({ key: '2026-11-30T05:00:00Z', id: 42 })
    expect(decodeCursor(c)).toEqual({ key: '2026-11-30T05:00:00Z', id: 42 })
    for (const bad of ['', 'x', 'W10', Buffer.from('["a",-1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), 'A'.repeat(500)]) {
      expect(decodeCursor(bad)).toBeNull()
    }
    expect(pageOf(new URL('http://x/list?after=zzz&afterN=51'), 'after', 'text')).toEqual({ after: null, from: 1 })
  })

  it('a cursor whose key is not of the list’s kind (another list’s, or tampered) is the first page, never a query PostgreSQL refuses', () => {
    const at = (key: unknown, id: unknown = 7) => new URL(`http://x/list?after=${Buffer.from(JSON.stringify([key, id])).toString('base64url')}&afterN=51`)
    const first = { after: null, from: 1 }
    // a word against a number column, a number beyond bigint, null, a fraction for an id
    for (const key of ['x', '2026-99-99', 1e308, null, 1.5]) expect(pageOf(at(key), 'after', 'int')).toEqual(first)
    for (const key of ['x', 1e308 * 10, null]) expect(pageOf(at(key), 'after', 'float')).toEqual(first)
    for (const key of [1, null]) expect(pageOf(at(key), 'after', 'text')).toEqual(first)
    // an id beyond bigint, whatever the key
    expect(pageOf(at(5, 1e308), 'after', 'int')).toEqual(first)
    expect(pageOf(at(5), 'after', 'int')).toEqual({ after: { key: 5, id: 7 }, from: 51 })
    expect(pageOf(at(1764547200.25), 'after', 'float')).toEqual({ after: { key: 1764547200.25, id: 7 }, from: 51 })
    expect(pageOf(at('Иванова'), 'after', 'text')).toEqual({ after: { key: 'Иванова', id: 7 }, from: 51 })
  })

  it('cuts limit + 1 rows into a page with the next cursor and its position, and links keep the filters', () => {
    const rows = [1, 2, 3].map((id) => ({ id, name: `n${id}` }))
    const page = toPage(rows, 2, 51, 120, (r) => r.name)
    expect(page.rows.map((r) => r.id)).toEqual([1, 2])
    expect(decodeCursor(page.next)).toEqual({ key: 'n2', id: 2 })
    const href = nextHref('http://x/commission?q=Ив', page)!
    const u = new URL(href, 'http://x')
    expect(u.searchParams.get('q')).toBe('Ив')
    expect(u.searchParams.get('afterN')).toBe('53')
    expect(pageOf(u, 'after', 'text')).toEqual({ after: { key: 'n2', id: 2 }, from: 53 })
    expect(firstHref(u)).toBe('/commission?q=%D0%98%D0%B2')
    expect(toPage(rows, 5, 1, 3, (r) => r.name).next).toBeNull()
  })
})
