import type { Db } from '../client.server'
import type { Cursor } from '~/model/paging'

/**
 * The keyset condition of a list ordered by (key, id), for the rows after
 * `after`: `true` on the first page. `key` is the SQL of the sort column,
 * never null (coalesce it in the query and in the cursor alike); the id
 * breaks ties so no row is skipped or repeated.
 */
export function afterCursor(tx: Db, key: ReturnType<Db['unsafe']> | ReturnType<Db>, id: ReturnType<Db['unsafe']> | ReturnType<Db>, after: Cursor | null, direction: 'asc' | 'desc') {
  if (!after) return tx`true`
  return direction === 'asc' ? tx`(${key}, ${id}) > (${after.key}, ${after.id})` : tx`(${key}, ${id}) < (${after.key}, ${after.id})`
}
