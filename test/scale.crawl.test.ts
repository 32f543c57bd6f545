import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../db/seed/demo.server'
import { startDatabase } from '../db/start.server'
import { HEAP_CEILING_MB } from '../server/node-flags'
import { startServer, tempDataDir, type RunningServer } from './support/server'

// Memory and bytes on the wire from the outside (issue 14): the public cache
// has a stated ceiling whatever query strings a visitor invents, and every
// text answer is compressed for a client that accepts it; a file that a
// client abandons stops being read.

const CACHE_MB = 8
const MEMBERS = 2000
const BATCH = 5
let server: RunningServer
/** Batches of the ministry officer's members export (the Tomsk region). */
let exportBatches = 0

beforeAll(async () => {
  // The demo with more members than the default, so a members export is many batches.
  const dataDir = tempDataDir('rma-scale-')
  const database = await startDatabase({ dataDir })
  await seedDemo(database.sql, { members: MEMBERS })
  const [{ n }] = await database.sql<{ n: number }[]>`select count(*)::int as n from members m join regions r on r.id = m.region_id where r.code = 'tomsk'`
  exportBatches = Math.ceil(n / BATCH)
  await database.stop()
  server = await startServer({
    dataDir,
    env: { OUTBOX_WORKER: 'off', SEED_DEMO: 'no', PUBLIC_CACHE_MB: String(CACHE_MB), STREAM_BATCH_ROWS: String(BATCH), TRACE_STREAMS: 'on' },
  })
})

afterAll(async () => {
  await server?.stop()
})

/** Raw bytes and headers, without fetch's transparent decompression. */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(server.url + path, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const rssMb = () => {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

async function signIn(login: string) {
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: server.url },
    body: new URLSearchParams({ login, password: 'demo-rma-2026', redirectTo: '' }),
  })
  expect(res.status).toBe(302)
  return res.headers.get('set-cookie')!.split(';')[0]
}

describe('scale from the outside', () => {
  it('compresses staff pages and exports when the client accepts gzip, and not otherwise', async () => {
    const cookie = await signIn('secretary@demo.rma')
    for (const path of ['/commission', '/exports/applications.csv']) {
      const zipped = await raw(path, { Cookie: cookie, 'Accept-Encoding': 'gzip' })
      expect(zipped.status, path).toBe(200)
      expect(zipped.headers['content-encoding'], path).toBe('gzip')
      const plain = await raw(path, { Cookie: cookie })
      expect(plain.headers['content-encoding'], path).toBeUndefined()
      expect(gunzipSync(zipped.body).length).toBeGreaterThan(zipped.body.length)
    }
    const page = await raw('/roster', { 'Accept-Encoding': 'gzip' })
    expect(page.headers['content-encoding']).toBe('gzip')
  })

  it('200 distinct public URLs keep the server within the cache ceiling', async () => {
    // The server measured runs under the stated heap ceiling (server/node-flags.ts, docs/DEPLOYMENT.md "Memory").
    const args = readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8').split('\0')
    expect(args).toContain(`--max-old-space-size=${HEAP_CEILING_MB}`)
    const warm = ['/roster', '/roster.json', '/roster.csv', '/regions/tomsk']
    for (const p of warm) await raw(p, { 'Accept-Encoding': 'gzip' })
    const before = rssMb()
    let peak = before
    for (let i = 0; i < 200; i++) {
      // each address its own (a page past the last of a search would be a redirect, not a page to cache)
      const path = i % 2 ? `/roster.json?q=${encodeURIComponent(`поиск ${i}`)}` : `/roster?region=tomsk&q=${i}`
      const res = await raw(path, { 'Accept-Encoding': 'gzip' })
      expect(res.status, path).toBe(200)
      if (i % 20 === 0) peak = Math.max(peak, rssMb())
    }
    peak = Math.max(peak, rssMb())
    // The cache's ceiling, plus room for the garbage collector's slack (bounded by the heap flags).
    expect(peak - before).toBeLessThan(CACHE_MB + 64)
  })

  it('stops reading an export when the client goes away after the first bytes', async () => {
    const cookie = await signIn('ministry@demo.rma')
    const lines = () => server.output().split('\n').filter((l) => l.startsWith('stream exports/members.csv '))
    const before = lines().length
    await new Promise<void>((resolve, reject) => {
      const req = request(server.url + '/exports/members.csv', { headers: { Cookie: cookie } }, (res) => {
        expect(res.statusCode).toBe(200)
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)))
      req.end()
    })
    const ended = async () => {
      for (let i = 0; i < 100; i++) {
        const end = lines().find((l, j) => j >= before && / (aborted|done) after /.test(l))
        if (end) return end
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error(`the export never ended:\n${lines().slice(before).join('\n')}`)
    }
    const end = await ended()
    // The server noticed the client leaving and stopped well before the end of the list.
    expect(end).toMatch(/ aborted after \d+ batches$/)
    const read = Number(/after (\d+) batches/.exec(end)![1])
    expect(exportBatches).toBeGreaterThan(50)
    expect(read).toBeLessThan(exportBatches / 2)
    // and reads no batch after it
    await new Promise((r) => setTimeout(r, 300))
    expect(lines().slice(before).filter((l) => / batch \d+$/.test(l))).toHaveLength(read)
  })
})
