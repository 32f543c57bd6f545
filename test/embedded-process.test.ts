import { monitorEventLoopDelay } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { startEmbedded } from '../db/start.server'
import { socketClient } from './setup/scratch-db'

// The embedded database runs in a process of its own (issue 14): a heavy
// query keeps that process busy, never the one serving HTTP.

async function maxLoopDelayDuring(work: () => Promise<unknown>) {
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  await work()
  h.disable()
  return h.max / 1e6
}

describe('embedded database process', () => {
  it("a heavy query does not block this process's event loop, and stop() ends the child and frees the socket", { timeout: 120_000 }, async () => {
    const embedded = await startEmbedded('', { memory: true })
    const sql = socketClient(embedded.socketPath)
    try {
      let rows = 0
      const started = Date.now()
      const delay = await maxLoopDelayDuring(async () => {
        const [r] = await sql`select count(*)::int as n from generate_series(1, 5000000) g where g % 7 = 3`
        rows = r.n
      })
      const took = Date.now() - started
      expect(rows).toBe(714286)
      // the query itself takes a long while; the loop here stays free meanwhile
      expect(took).toBeGreaterThan(300)
      expect(delay).toBeLessThan(took / 3)
    } finally {
      await sql.end()
      await embedded.stop()
    }
    const { existsSync } = await import('node:fs')
    expect(existsSync(embedded.socketPath)).toBe(false)
  })
})
