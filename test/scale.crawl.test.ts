import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, tempDataDir, type RunningServer } from './support/server'

// Memory and bytes on the wire from the outside (issue 14): the public cache
// has a stated ceiling whatever query strings a visitor invents, and every
// text answer is compressed for a client that accepts it.

const CACHE_MB = 8
let server: RunningServer

beforeAll(async () => {
  server = await startServer({ dataDir: tempDataDir('rma-scale-'), env: { OUTBOX_WORKER: 'off', PUBLIC_CACHE_MB: String(CACHE_MB) } })
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
    const warm = ['/roster', '/roster.json', '/roster.csv', '/regions/tomsk']
    for (const p of warm) await raw(p, { 'Accept-Encoding': 'gzip' })
    const before = rssMb()
    let peak = before
    for (let i = 0; i < 200; i++) {
      const path = i % 2 ? `/roster.json?q=${encodeURIComponent(`поиск ${i}`)}` : `/roster?region=tomsk&q=${i}&page=${(i % 5) + 1}`
      const res = await raw(path, { 'Accept-Encoding': 'gzip' })
      expect(res.status, path).toBe(200)
      if (i % 20 === 0) peak = Math.max(peak, rssMb())
    }
    peak = Math.max(peak, rssMb())
    // The ceiling, plus room for the garbage collector's own slack.
    expect(peak - before).toBeLessThan(CACHE_MB + 64)
  })
})
