import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

// seed_50k_s (issue 14): `rma seed --members 50000` on a fresh embedded
// database, the whole CLI process timed from start to exit (migrations,
// presets, demo accounts, members, the final analyze). BENCH_SEED_MEMBERS
// changes the number; BENCH_VERBOSE=1 passes the CLI's output to stderr.

export async function benchSeed(members = Number(process.env.BENCH_SEED_MEMBERS ?? 50_000)): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'rma-bench-seed-'))
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data') }
    delete env.DATABASE_URL
    const started = performance.now()
    const cli = spawn(process.execPath, ['--import', 'tsx', 'cli/rma.ts', 'seed', '--members', String(members)], {
      env,
      stdio: ['ignore', process.env.BENCH_VERBOSE ? process.stderr : 'ignore', 'inherit'],
    })
    const [code] = (await once(cli, 'exit')) as [number | null]
    const seconds = (performance.now() - started) / 1000
    if (code !== 0) throw new Error(`rma seed exited with ${code}`)
    return seconds
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const members = Number(process.env.BENCH_SEED_MEMBERS ?? 50_000)
  benchSeed(members)
    .then((s) => {
      const name = members === 50_000 ? 'seed_50k_s' : `seed_${members}_s`
      console.log(JSON.stringify({ name, value: Math.round(s * 10) / 10, unit: 's', engine: 'pglite' }))
    })
    .catch((e) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e)
      process.exit(1)
    })
}
