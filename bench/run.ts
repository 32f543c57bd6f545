import { spawnSync } from 'node:child_process'
import { serverNodeFlags } from '../server/node-flags'

// `npm run bench`: every benchmark, one JSON object per line on stdout
// (progress goes to stderr). Each runs in its own process so that one's
// memory (an in-process database, the load generator) never counts in
// another's figures, e.g. import_peak_rss_mb. BENCH_ONLY=roster,import,xlsx-import,outbox,seed,scale picks some
// (and BENCH_SCALE the figures of bench/scale.ts).
const only = (process.env.BENCH_ONLY ?? 'roster,import,xlsx-import,outbox,seed,scale').split(',')
let failed = false
for (const name of ['roster', 'import', 'xlsx-import', 'outbox', 'seed', 'scale'].filter((n) => only.includes(n))) {
  // An import runs inside the app server in production, so the importing process gets the server's heap flags.
  const flags = name === 'import' || name === 'xlsx-import' ? serverNodeFlags : []
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`benchmark ${name} failed (exit ${r.status})`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
