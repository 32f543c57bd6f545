import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../db/seed/demo.server'
import { startServer, tempDataDir, type RunningServer } from './support/server'

// Sign-in throttling from the outside (decision 0007): the real server, its
// client address from Express (TRUST_PROXY=loopback: this test is the
// loopback proxy, so X-Forwarded-For names the client), parallel requests.

let server: RunningServer

beforeAll(async () => {
  server = await startServer({ dataDir: tempDataDir('rma-throttle-'), env: { TRUST_PROXY: 'loopback' } })
})
afterAll(async () => {
  await server?.stop()
})

function signIn(password: string, client: string, to = server) {
  return fetch(`${to.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: to.url, 'X-Forwarded-For': client },
    body: new URLSearchParams({ login: 'teacher@demo.rma', password, redirectTo: '/dashboard' }),
  })
}

describe('sign-in throttling over HTTP', () => {
  it('parallel wrong passwords from one client: 5 × 401, the rest 429 with Retry-After; the owner elsewhere still signs in', async () => {
    const attacker = '203.0.113.9'
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(`wrong-${i}`, attacker)))
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(15)
    const refused = answers.find((r) => r.status === 429)!
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(await refused.text()).toContain('Слишком много попыток входа. Повторите через 15 мин.')
    await Promise.all(answers.filter((r) => !r.bodyUsed).map((r) => r.arrayBuffer()))

    expect((await signIn(DEMO_PASSWORD, attacker)).status).toBe(429)
    const owner = await signIn(DEMO_PASSWORD, '198.51.100.7')
    expect(owner.status).toBe(302)
    expect(owner.headers.get('Set-Cookie')).toMatch(/__rma_session=/)
  })

  it('a client that reaches the server directly cannot name another address: without TRUST_PROXY X-Forwarded-For is not believed', async () => {
    const direct = await startServer({ dataDir: tempDataDir('rma-throttle-direct-') })
    try {
      for (let i = 0; i < 5; i++) expect((await signIn(`wrong-${i}`, `203.0.113.${i}`, direct)).status).toBe(401)
      // Still the same client (the loopback address), whatever the header says.
      expect((await signIn(DEMO_PASSWORD, '198.51.100.7', direct)).status).toBe(429)
    } finally {
      await direct.stop()
    }
    // a server of its own: a fresh embedded database with the demo data, slow to start on a busy machine
  }, 180_000)
})
