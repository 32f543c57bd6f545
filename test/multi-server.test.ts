import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { enqueue } from '../db/queries/outbox.server'
import { seedDemo } from '../db/seed/demo.server'
import { migrate } from '../db/migrate.server'
import { startSmtpSink, type SmtpSink } from '../app/mail/smtp-sink'
import { startServer, tempDataDir, type RunningServer } from './support/server'
import { scratchDatabase } from './setup/scratch-db'

// Two app processes behind one PostgreSQL (issue 14, docs/DEPLOYMENT.md):
// a session made on one works on the other, the scheduled jobs have one
// leader, the outbox is drained once, and a consent withdrawn through one is
// gone from the other's next public answer. Needs a PostgreSQL server
// (DATABASE_URL, as `npm run test:db` in CI has); the embedded database serves
// one process only.

const onPostgres = inject('dbEngine') === 'postgres'
const PASSWORD = 'demo-rma-2026'
const EXPERT = 'Никитина Светлана Павловна'
const LEADER = 'Плановые задания выполняет этот сервер.'

let scratch: Awaited<ReturnType<typeof scratchDatabase>>
let sink: SmtpSink
let a: RunningServer
let b: RunningServer
/** The whole files kept in the database a moment after the first server listened, before any visitor. */
let keptAtStart: string[]

async function post(server: RunningServer, path: string, form: Record<string, string | string[]>, cookie = '') {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x)
  return fetch(`${server.url}${path}`, { method: 'POST', body, redirect: 'manual', headers: { Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) } })
}

async function signIn(server: RunningServer, login: string) {
  const res = await post(server, '/login', { login, password: PASSWORD })
  expect(res.status).toBe(302)
  return res.headers.get('set-cookie')!.split(';')[0]
}

async function until(check: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 250))
  }
  return true
}

/** The keys of the open-data files kept in the database for the roster's current version. */
async function kept() {
  const [state] = await scratch.sql<{ version: string }[]>`select version::text from roster_state`
  const files = await scratch.sql<{ key: string }[]>`select key from public_files where roster_version = ${state.version} order by key`
  return files.map((f) => f.key)
}

describe.skipIf(!onPostgres)('two app servers, one PostgreSQL', () => {
  beforeAll(async () => {
    scratch = await scratchDatabase(`rma_multi_${process.pid}`)
    // Enough published members for the whole open-data files to be kept in the database (256 KB or more).
    await migrate(scratch.sql)
    await seedDemo(scratch.sql, { members: 1_000 })
    sink = await startSmtpSink()
    const env = { DATABASE_URL: scratch.url, SESSION_SECRET: `multi-server-${randomUUID()}`, SMTP_URL: sink.url, JOBS_INTERVAL_S: '1', DATABASE_POOL_MAX: '4' }
    a = await startServer({ dataDir: tempDataDir('rma-multi-a-'), env: { ...env, SEED_DEMO: 'yes' } })
    // Kept once the first answer would have gone (just after listening); the jobs' first turn, and with it any
    // leader's build, comes seconds later (server/main.ts).
    await until(async () => (await kept()).length === 2, 2_000)
    keptAtStart = await kept()
    b = await startServer({ dataDir: tempDataDir('rma-multi-b-'), env: { ...env, SEED_DEMO: 'no' } })
  }, 240_000)

  afterAll(async () => {
    await a?.stop()
    await b?.stop()
    await sink?.close()
    await scratch?.drop()
  })

  it('a session made on one server works on the other', async () => {
    const cookie = await signIn(a, 'secretary@demo.rma')
    const res = await fetch(`${b.url}/dashboard`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Выйти')
  })

  it('the outbox is drained once across both servers', async () => {
    const [{ id: regionId }] = await scratch.sql<{ id: number }[]>`select id from regions where code = 'tomsk'`
    const tag = randomUUID().slice(0, 8)
    const addresses = Array.from({ length: 24 }, (_, i) => `multi${i}.${tag}@test.rma`)
    await enqueue(
      addresses.map((email, i) => ({ regionId, template: 'applicationReceived', to: { userId: null, email, role: 'applicant' }, entity: 'test', entityId: i, payload: {} })),
      scratch.sql,
    )
    const ours = () => sink.received.filter((m) => m.to.some((t) => t.includes(tag)))
    expect(await until(() => ours().length >= addresses.length, 60_000)).toBe(true)
    // both workers have had several more turns at the queue by now
    await new Promise((r) => setTimeout(r, 11_000))
    const mine = ours()
    expect(mine).toHaveLength(addresses.length)
    expect(new Set(mine.flatMap((m) => m.to)).size).toBe(addresses.length)
    for (const m of mine) expect(sink.seen.get(m.messageId)).toBe(1)
  }, 90_000)

  it("a consent withdrawn through one server is gone from the other's next public answer", async () => {
    const cookie = await signIn(a, 'expert@demo.rma')
    expect((await post(a, '/my/consent', { fields: ['fullName', 'workplace', 'subjects'], conditions: '', validUntil: '' }, cookie)).status).toBe(302)
    const before = await fetch(`${b.url}/roster.json?region=tomsk`)
    expect(await before.text()).toContain(EXPERT)
    expect((await post(a, '/my/consent', { intent: 'withdraw', confirmed: 'yes' }, cookie)).status).toBe(302)
    const after = await fetch(`${b.url}/roster.json?region=tomsk`)
    expect(await after.text()).not.toContain(EXPERT)
  })

  it('a server that starts builds the whole open-data files before it takes visitors, and keeps them', () => {
    expect(keptAtStart).toEqual(['n/roster.csv', 'n/roster.json'])
  })

  it('after a change the leader builds the whole open-data files ahead and keeps them for every server, before anyone asks', async () => {
    // A change: the trigger drops every kept file with it.
    await scratch.sql`update members set updated_at = now() where id = (select min(id) from members where public)`
    expect(await kept()).toEqual([])
    expect(await until(async () => (await kept()).length === 2, 30_000)).toBe(true)
    expect(await kept()).toEqual(['n/roster.csv', 'n/roster.json'])
    const json = (await (await fetch(`${b.url}/roster.json`)).json()) as { members: unknown[] }
    expect(json.members.length).toBeGreaterThan(500)
  }, 40_000)

  it('the scheduled jobs have exactly one leader, and the other server takes over when it stops', async () => {
    expect(await until(() => a.output().includes(LEADER) || b.output().includes(LEADER), 10_000)).toBe(true)
    const leaders = [a, b].filter((s) => s.output().includes(LEADER))
    expect(leaders).toHaveLength(1)
    const [leader] = leaders
    const other = leader === a ? b : a
    await new Promise((r) => setTimeout(r, 3_000))
    expect(other.output()).not.toContain(LEADER)
    await leader.stop()
    expect(await until(() => other.output().includes(LEADER), 15_000)).toBe(true)
  }, 40_000)
})
