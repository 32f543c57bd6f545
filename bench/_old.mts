import { startEmbedded } from '../db/start.server'
import { connect, disconnect } from '../db/client.server'
const emb = await startEmbedded('/tmp/rma-scale-bench-data')
const sql = connect({ kind: 'socket', path: emb.socketPath })
const from = `members m join regions mr on mr.id = m.region_id join people p on p.id = m.person_id
    join consents c on c.person_id = p.id and c.purpose = 'dissemination' and c.withdrawn_at is null and c.superseded_at is null
      and (c.valid_until is null or c.valid_until >= (now() at time zone mr.time_zone)::date)`
const where = `m.public and m.state = 'active' and 'fullName' = any(c.fields)`
const cols = `m.id::int, p.last_name, p.first_name, p.middle_name, m.region_id::int, m.roster_id::int, p.organisation_id::int, p.position,
  array_to_string(m.subjects, ',') as subjects, p.work_email, p.municipality_id::int, m.group_id::int, m.admitted_order_id::int, array_to_string(c.fields, ',') as fields`
for (const round of [1, 2]) {
  let t = performance.now()
  const all = await sql.unsafe(`select ${cols} from ${from} where ${where} order by p.sort_key collate "C", m.id`)
  const one = performance.now() - t
  t = performance.now()
  let after: [string, number] | null = null
  let n = 0
  for (;;) {
    const rows = await sql.unsafe(`select ${cols}, m.sort_key as sk from ${from} where ${where} ${after ? `and (m.sort_key collate "C", m.id) > ($1, $2)` : ''} order by m.sort_key collate "C", m.id limit 1000`, after ?? [])
    n += rows.length
    if (rows.length < 1000) break
    after = [rows[rows.length - 1].sk, rows[rows.length - 1].id]
  }
  console.log(JSON.stringify({ round, one_statement_ms: Math.round(one), rows: all.length, batches_ms: Math.round(performance.now() - t), batched_rows: n }))
}
await disconnect()
await emb.stop()
