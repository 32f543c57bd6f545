import { startDatabase } from '../db/start.server'
import { publicMembersJsonList } from '../db/queries/public-roster.server'
const db = await startDatabase({ dataDir: '/tmp/bench-emb' })
for (const partRows of [1e9, 10000, 1e9, 10000]) {
  const t = performance.now()
  const r = await publicMembersJsonList({}, undefined, new Date(), { partRows })
  console.log(partRows, r.total, r.list.length, Math.round(performance.now() - t))
}
const t = performance.now()
await db.sql`with r as (select m.sort_key as k, m.id, row_number() over (order by m.sort_key collate "C", m.id) - 1 as i, count(*) over () as n from members m where m.public and m.state = 'active') select count(*) from r`
console.log('window', Math.round(performance.now() - t))
console.log(await db.sql.unsafe(`explain analyze select count(*) from members m where m.public and m.state='active' and (m.sort_key collate "C", m.id) >= ('м', 1) and (m.sort_key collate "C", m.id) < ('н', 1)`))
await db.stop()
