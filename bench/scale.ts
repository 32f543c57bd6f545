import { existsSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { pathToFileURL } from 'node:url'
import type { Sql } from '../db/client.server'
import { seedDemo } from '../db/seed/demo.server'
import { startDatabase } from '../db/start.server'
import { rosterJsonStream } from '../app/domain/open-data.server'
import { parseRosterFilter } from '../app/model/roster-filter'
import { ensureBuild, startServer, tempDataDir, type RunningServer } from '../test/support/server'
import { report } from './report'

// Scale benchmarks (issue 14), against the real server on the embedded
// database, seeded at a large region's scale: 46,000 published members in 4
// regions (about 20,000 in Tomsk) and a campaign of 4,000 applications in
// the demo's states.
//   roster_json_build_ms                 the build of the full /roster.json in the database, no file kept
//   roster_json_all_ms                   the full /roster.json, cold (first request after start; no file
//                                        kept either: the server builds it before it listens)
//   roster_json_after_change_ms          the full /roster.json 10 s after a member changed her consent
//   staff_queue_ms                       /commission for the secretary, median of 5
//   healthz_p99_under_staff_load_ratio   p99 of a one-connection /healthz prober while 10
//                                        connections load /commission and exports/members.csv,
//                                        ÷ its p99 without load, same run
//   public_cache_peak_mb                 the server's RSS growth over 200 distinct /roster.json?q=…
//   export_members_peak_mb               the server's RSS growth during 5 parallel private members exports
// BENCH_SCALE=roster,queue,healthz,cache,export picks some; BENCH_SCALE_MEMBERS and
// BENCH_SCALE_APPLICATIONS change the sizes; BENCH_DATA_DIR reuses a seeded directory (kept).
// BENCH_DATABASE_URL runs them on that PostgreSQL instead (a database of its own, e.g.
// `createdb bench_scale`: seeded on the first run, reused while it holds the members).

const MEMBERS = Number(process.env.BENCH_SCALE_MEMBERS ?? 46_000)
const APPLICATIONS = Number(process.env.BENCH_SCALE_APPLICATIONS ?? 4_000)
/** How long after a change of the roster its next visitor comes. */
const AFTER_CHANGE_S = 10
const only = (process.env.BENCH_SCALE ?? 'roster,queue,healthz,cache,export').split(',')

/** 4,000 applications in the demo campaign, cycling through the states the demo's own applications are in. */
async function addApplications(sql: Sql, n: number) {
  const [c] = await sql<{ id: number; regionId: number }[]>`
    select c.id::int, c.region_id::int as "regionId" from campaigns c join regions r on r.id = c.region_id
    where r.code = 'tomsk' and c.state = 'open' order by c.id limit 1`
  await sql`
    with kinds as (
      select row_number() over (order by state) - 1 as k, count(*) over () as kinds, state, snapshot, machine_version, facts, eligibility,
             eligibility_rule_set_id, municipality_id, source
      from (select distinct on (state) * from applications where campaign_id = ${c.id} order by state, id) a
    ), src as materialized (
      select i, nextval(pg_get_serial_sequence('people', 'id')) as person_id from generate_series(1, ${n}) i
    ), people_in as (
      insert into people (id, region_id, municipality_id, last_name, first_name, middle_name, position, work_email, subjects)
      overriding system value
      select s.person_id, ${c.regionId}, (select municipality_id from kinds limit 1),
             (array['Иванова','Смирнова','Кузнецова','Попова','Васильева','Петрова','Соколова'])[1 + s.i % 7] || '-' || s.i,
             (array['Анна','Мария','Елена','Ольга'])[1 + s.i % 4], 'Ивановна', 'учитель', 'q' || s.i || '@bench.rma', array['Математика']
      from src s
      returning id
    )
    insert into applications (campaign_id, region_id, municipality_id, person_id, source, facts, eligibility, eligibility_rule_set_id,
                              eligibility_evaluated_at, submitted_at, snapshot, state, machine_version)
    select ${c.id}, ${c.regionId}, k.municipality_id, s.person_id, k.source, k.facts, k.eligibility, k.eligibility_rule_set_id,
           now(), case when k.state = 'draft' then null else now() end, k.snapshot, k.state, k.machine_version
    from src s join kinds k on k.k = s.i % k.kinds`
  await sql`analyze`
}

const url = process.env.BENCH_DATABASE_URL
const engine = url ? 'postgresql' : 'pglite'

/**
 * The whole /roster.json as the server builds it (the same domain function), its bytes counted and
 * dropped; and no file kept from an earlier run, so the server that starts next builds its own.
 */
async function buildRosterJson(sql: Sql) {
  if (!only.includes('roster')) return
  await sql`delete from public_files`
  const started = performance.now()
  const reader = rosterJsonStream(parseRosterFilter(new URLSearchParams()), 0).getReader()
  let bytes = 0
  for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length
  report('roster_json_build_ms', performance.now() - started, 'ms', { members: MEMBERS, mb: Math.round(bytes / 1e5) / 10, engine })
}

async function prepare(): Promise<{ dataDir: string; keep: boolean }> {
  if (url) {
    const dataDir = tempDataDir('rma-bench-scale-')
    const db = await startDatabase({ url, dataDir })
    const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int as n from members`
    if (n < MEMBERS) {
      const t0 = performance.now()
      await seedDemo(db.sql, { members: MEMBERS })
      await addApplications(db.sql, APPLICATIONS)
      console.error(`scale bench: seeded ${MEMBERS} members and ${APPLICATIONS} applications in ${Math.round(performance.now() - t0)} ms`)
    }
    await buildRosterJson(db.sql)
    await db.stop()
    return { dataDir, keep: false }
  }
  // BENCH_DATA_DIR: seeded there on the first run, reused (and kept) on the next ones.
  const reuse = process.env.BENCH_DATA_DIR
  const reused = Boolean(reuse && existsSync(reuse))
  const dataDir = reuse ?? tempDataDir('rma-bench-scale-')
  const db = await startDatabase({ dataDir })
  if (!reused) {
    const t0 = performance.now()
    await seedDemo(db.sql, { members: MEMBERS })
    await addApplications(db.sql, APPLICATIONS)
    console.error(`scale bench: seeded ${MEMBERS} members and ${APPLICATIONS} applications in ${Math.round(performance.now() - t0)} ms`)
  }
  await buildRosterJson(db.sql)
  await db.stop()
  return { dataDir, keep: Boolean(reuse) }
}

const rssMb = (server: RunningServer) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))![1]) / 1024

/** The time to the last byte, the body read and dropped (never kept: the load generator's memory is not the point). */
function get(server: RunningServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; ms: number; bytes: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(server.url + path, { headers }, (res) => {
      let bytes = 0
      res.on('data', (c: Buffer) => (bytes += c.length))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function signIn(server: RunningServer, login: string): Promise<string> {
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: server.url },
    body: new URLSearchParams({ login, password: 'demo-rma-2026', redirectTo: '' }),
  })
  if (res.status !== 302) throw new Error(`sign-in of ${login}: ${res.status}`)
  return res.headers.get('set-cookie')!.split(';')[0]
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]

/** /healthz, one request at a time, for `ms`. */
async function probe(server: RunningServer, ms: number): Promise<number[]> {
  const times: number[] = []
  const until = performance.now() + ms
  while (performance.now() < until) {
    times.push((await get(server, '/healthz')).ms)
    await new Promise((r) => setTimeout(r, 20))
  }
  return times
}

export async function benchScale() {
  ensureBuild()
  const { dataDir, keep } = await prepare()
  const server = await startServer({ dataDir, env: { SEED_DEMO: 'no', OUTBOX_WORKER: 'off', ...(url ? { DATABASE_URL: url } : {}) }, keepData: keep })
  try {
    if (only.includes('roster')) {
      const cold = await get(server, '/roster.json')
      if (cold.status !== 200) throw new Error(`/roster.json: ${cold.status}`)
      report('roster_json_all_ms', cold.ms, 'ms', { members: MEMBERS, mb: Math.round(cold.bytes / 1e5) / 10, engine })
      // A change through the app (a member narrows her consent), and a visitor AFTER_CHANGE_S later:
      // the file the jobs' leader built ahead once the change settled, or the build if it has not.
      const etag = async () => (await fetch(`${server.url}/roster.json`, { method: 'HEAD' })).headers.get('etag')
      const before = await etag()
      const expert = await signIn(server, 'expert@demo.rma')
      // One of the two scopes differs from the one she has (a run leaves either).
      for (const fields of [['fullName', 'workplace', 'subjects'], ['fullName', 'workplace', 'position', 'subjects']]) {
        const body = new URLSearchParams([...fields.map((f) => ['fields', f]), ['conditions', ''], ['validUntil', '']])
        const changed = await fetch(`${server.url}/my/consent`, { method: 'POST', body, redirect: 'manual', headers: { Origin: server.url, Cookie: expert } })
        if (changed.status !== 302) throw new Error(`/my/consent: ${changed.status}`)
        if ((await etag()) !== before) break
      }
      if ((await etag()) === before) throw new Error('the consent change did not change the roster')
      await new Promise((r) => setTimeout(r, AFTER_CHANGE_S * 1000))
      const after = await get(server, '/roster.json')
      if (after.status !== 200) throw new Error(`/roster.json: ${after.status}`)
      report('roster_json_after_change_ms', after.ms, 'ms', { members: MEMBERS, after_s: AFTER_CHANGE_S, engine })
    }
    const secretary = await signIn(server, 'secretary@demo.rma')
    if (only.includes('queue')) {
      const times: number[] = []
      for (let i = 0; i < 6; i++) {
        const r = await get(server, '/commission', { Cookie: secretary })
        if (r.status !== 200) throw new Error(`/commission: ${r.status}`)
        if (i > 0) times.push(r.ms)
      }
      report('staff_queue_ms', median(times), 'ms', { applications: APPLICATIONS, engine })
    }
    const ministry = await signIn(server, 'ministry@demo.rma')
    if (only.includes('healthz')) {
      const quiet = await probe(server, 5_000)
      let loading = true
      const worker = async (i: number) => {
        while (loading) {
          await (i % 2 ? get(server, '/commission', { Cookie: secretary }) : get(server, '/exports/members.csv', { Cookie: ministry }))
        }
      }
      const workers = Array.from({ length: 10 }, (_, i) => worker(i))
      await new Promise((r) => setTimeout(r, 1_000))
      const loaded = await probe(server, 10_000)
      loading = false
      await Promise.all(workers)
      report('healthz_p99_under_staff_load_ratio', p99(loaded) / p99(quiet), 'ratio', {
        quiet_p99_ms: Math.round(p99(quiet) * 10) / 10,
        loaded_p99_ms: Math.round(p99(loaded)),
        engine,
      })
    }
    if (only.includes('cache')) {
      for (const p of ['/roster', '/roster.json?region=tomsk']) await get(server, p)
      const before = rssMb(server)
      let peak = before
      // 200 distinct searches, each matching some hundreds of members or fewer: a stem and a letter.
      const stems = ['ова', 'ева', 'ина', 'ков', 'ан', 'ер', 'ко']
      const letters = 'абвгдежзиклмнопрстуфхцчшщэюя'
      for (let i = 0; i < 200; i++) {
        await get(server, `/roster.json?q=${encodeURIComponent(`${stems[i % stems.length]} ${letters[Math.floor(i / stems.length) % letters.length]}`)}`)
        peak = Math.max(peak, rssMb(server))
      }
      report('public_cache_peak_mb', peak - before, 'MB', { urls: 200, engine })
    }
    if (only.includes('export')) {
      // The regional coordinator: members with private columns (privateData:read).
      const coordinator = await signIn(server, 'coordinator@demo.rma')
      await get(server, '/exports/members.csv?private=1', { Cookie: coordinator })
      const before = rssMb(server)
      let peak = before
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server))), 20)
      const runs = await Promise.all(Array.from({ length: 5 }, () => get(server, '/exports/members.csv?private=1', { Cookie: coordinator })))
      clearInterval(sampler)
      if (runs.some((r) => r.status !== 200)) throw new Error(`export: ${runs.map((r) => r.status).join(', ')}`)
      report('export_members_peak_mb', peak - before, 'MB', { parallel: 5, mb_each: Math.round(runs[0].bytes / 1e5) / 10, engine })
    }
  } finally {
    await server.stop()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchScale().catch((e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e)
    process.exit(1)
  })
}
