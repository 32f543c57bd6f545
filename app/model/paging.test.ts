import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, firstHref, nextHref, pageOf, toPage } from './paging'

describe('keyset paging', () => {
  it('a cursor round-trips and a tampered one is the first page', () => {
    const c = encodeCursor({ key: '2026-11-30T05:00:00Z', id: 42 })
    expect(decodeCursor(c)).toEqual({ key: '2026-11-30T05:00:00Z', id: 42 })
    for (const bad of ['', 'x', 'W10', Buffer.from('["a",-1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), 'A'.repeat(500)]) {
      expect(decodeCursor(bad)).toBeNull()
    }
    expect(pageOf(new URL('http://x/list?after=zzz&afterN=51'))).toEqual({ after: null, from: 1 })
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
    expect(pageOf(u)).toEqual({ after: { key: 'n2', id: 2 }, from: 53 })
    expect(firstHref(u)).toBe('/commission?q=%D0%98%D0%B2')
    expect(toPage(rows, 5, 1, 3, (r) => r.name).next).toBeNull()
  })
})
