import { spawn } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { seedDemo } from '../db/seed/demo.server'
import { startDatabase } from '../db/start.server'
import { ensureBuild, freePort, startServer, tempDataDir } from '../test/support/server'
import { report } from './report'

// The public roster under load, beside a bare node:http server that serves
// the very same HTML from memory; one load generator (autocannon, 50
// connections, loopback) measures both in the same run.

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000)
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const PAGE = '/roster?region=tomsk&subject=%D0%9C%D0%B0%D1%82%D0%B5%D0%BC%D0%B0%D1%82%D0%B8%D0%BA%D0%B0'

function load(url: string, seconds: number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections: 50, duration: seconds, pipelining: 1 }, (err, res) => (err ? reject(err) : resolve(res)))
  })
}

async function staticServer(html: string) {
  const port = await freePort()
  // A separate process, like the app server, so neither shares the load generator's core.
  const code = `const body = Buffer.from(process.env.BODY, 'base64');
    require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }); s.end(body) })
      .listen(${port}, '127.0.0.1', () => process.send('ready'))`
  const child = spawn(process.execPath, ['-e', code], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, BODY: Buffer.from(html).toString('base64') },
  })
  await new Promise((r) => child.once('message', r))
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() }
}

export async function benchRoster() {
  ensureBuild()
  // BENCH_DATA_DIR reuses an already seeded database (kept afterwards).
  const reuse = process.env.BENCH_DATA_DIR
  const dataDir = reuse ?? tempDataDir('rma-bench-roster-')
  if (!reuse) {
    const t0 = performance.now()
    const db = await startDatabase({ dataDir })
    await seedDemo(db.sql, { members: MEMBERS })
    await db.stop()
    console.error(`roster bench: seeded ${MEMBERS} members in ${Math.round(performance.now() - t0)} ms`)
  }
  const server = await startServer({ dataDir, env: { SEED_DEMO: 'no' }, keepData: Boolean(reuse) })
  try {
    // Full export, never from the cache (a distinct URL each time): one
    // warm-up so the JIT has compiled the path, then the median of three.
    await (await fetch(`${server.url}/roster.json?warmup=1`)).arrayBuffer()
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      const res = await fetch(`${server.url}/roster.json?run=${i}`)
      const bytes = await res.arrayBuffer()
      times.push(performance.now() - t)
      const body = JSON.parse(Buffer.from(bytes).toString('utf8')) as { total: number }
      if (body.total < MEMBERS * 0.8) throw new Error(`export has ${body.total} members`)
    }
    report('roster_json_ms', times.sort((a, b) => a - b)[1], 'ms', { members: MEMBERS })

    const html = await (await fetch(server.url + PAGE)).text()
    if (!html.includes('Найдено')) throw new Error('roster page did not render')
    // First visit: HTML + CSS + JS, compressed as served.
    const gz = await fetch(server.url + PAGE, { headers: { 'accept-encoding': 'gzip' } })
    const htmlBytes = Number(gz.headers.get('content-length'))
    const css = [...html.matchAll(/<link[^>]+href="([^"]+\.css)"/g)].map((m) => m[1])
    const js = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1])
    let assetBytes = 0
    for (const href of [...css, ...js]) assetBytes += gzipSync(Buffer.from(await (await fetch(server.url + href)).arrayBuffer())).length
    report('roster_page_kb_gzip', (htmlBytes + assetBytes) / 1024, 'KB', { html: htmlBytes, assets: assetBytes, scripts: js.length })

    const bare = await staticServer(html)
    try {
      await load(server.url + PAGE, 2)
      await load(bare.url + PAGE, 2)
      const app = await load(server.url + PAGE, DURATION)
      const still = await load(bare.url + PAGE, DURATION)
      if (app.non2xx || app.errors) throw new Error(`app answered ${app.non2xx} non-2xx and ${app.errors} errors`)
      report('roster_rps', app.requests.average, 'req/s', { connections: 50, seconds: DURATION })
      report('roster_vs_static_ratio', app.requests.average / still.requests.average, 'ratio', { static_rps: Math.round(still.requests.average) })
      report('roster_p99_ms', app.latency.p99, 'ms')
    } finally {
      bare.stop()
    }
  } finally {
    await server.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchRoster()
}
