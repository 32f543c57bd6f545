import { describe, expect, it } from 'vitest'
import { db } from '../client.server'
import { toPage, decodeCursor } from '~/model/paging'
import { afterCursor } from './keyset'

describe('afterCursor', () => {
  it('walks a list with ties in its sort key page by page, each row exactly once, both directions', async () => {
    await db().begin(async (tx) => {
      await tx`create temporary table k (id int primary key, name text not null) on commit drop`
      await tx`insert into k select g, 'n' || (g % 4) from generate_series(1, 23) g`
      for (const direction of ['asc', 'desc'] as const) {
        const seen: number[] = []
        let after = null
        for (let guard = 0; guard < 10; guard++) {
          const order = direction === 'asc' ? tx`order by name asc, id asc` : tx`order by name desc, id desc`
          const rows: { id: number; name: string }[] = await tx`select id, name from k where ${afterCursor(tx, tx`name`, tx`id`, after, direction)} ${order} limit 6`
          const page = toPage(rows, 5, seen.length + 1, null, (r) => r.name)
          seen.push(...page.rows.map((r) => r.id))
          if (!page.next) break
          after = decodeCursor(page.next)
        }
        expect(seen.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1))
      }
    })
  })
})
