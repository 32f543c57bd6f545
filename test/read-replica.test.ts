import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { freePort, startServer, tempDataDir, type RunningServer } from './support/server'
import { scratchDatabase } from './setup/scratch-db'

// The public pages' read replica (DATABASE_READ_URL, issue 14,
// docs/DEPLOYMENT.md), from the outside: the real server on a PostgreSQL
// primary, with a second real database playing a replica whose contents the
// test controls — a copy of the seeded primary that is read-only by default
// like a hot standby, and that applies nothing unless the test copies it
// over. A marker only the replica holds (names changed there alone) shows
// which database a page was read from. Needs a PostgreSQL server
// (DATABASE_URL, as `npm run test:db` in CI has).

const onPostgres = inject('dbEngine') === 'postgres'
const PASSWORD = 'demo-rma-2026'
const EXPERT = 'Никитина'
/** The expert's last name and the city's name, on the replica only. */
const REPLICA_NAME = 'Репликова'
const REPLICA_CITY = 'Репликоград'
const CITY = 'Город Томск'
const BEHIND = 'Реплика для чтения отстаёт'
const DOWN = 'Реплика для чтения не отвечает'
const BACK = 'Реплика для чтения снова используется'

let primary: Awaited<ReturnType<typeof scratchDatabase>>
let replica: Awaited<ReturnType<typeof scratchDatabase>>
let replicaDropped = false
let server: RunningServer
let expertId: number

async function post(path: string, form: Record<string, string | string[]>, cookie = '') {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x)
  return fetch(`${server.url}${path}`, { method: 'POST', body, redirect: 'manual', headers: { Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) } })
}

async function signIn(login: string) {
  const res = await post('/login', { login, password: PASSWORD })
  expect(res.status).toBe(302)
  return res.headers.get('set-cookie')!.split(';')[0]
}

async function page(path: string, cookie = '') {
  const res = await fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
  return { status: res.status, text: await res.text() }
}

async function healthz(url = server.url) {
  const res = await fetch(`${url}/healthz`)
  return { status: res.status, body: (await res.json()) as { status: string; database: string; replica?: string } }
}

const primaryVersion = async () => Number((await primary.sql`select version from roster_state`)[0].version)

/** The replica claims to have applied exactly the primary's current version. */
async function replicaAtPrimaryVersion() {
  const version = await primaryVersion()
  await replica.sql.begin('read write', (tx) => tx`update roster_state set version = ${version}`)
}

/**
 * What a standby does when it replays the primary's WAL, for one person's
 * consents and members: their rows on the replica become the primary's
 * (the test's stand-in for replication; every column, whatever its type).
 */
async function replayPerson(personId: number) {
  await replica.sql.begin('read write', async (tx) => {
    for (const table of ['consents', 'members']) {
      const rows = await primary.sql.unsafe<{ id: number; row: Record<string, unknown> }[]>(
        `select id::int, to_jsonb(t) as row from ${table} t where person_id = $1`,
        [personId],
      )
      for (const { id, row } of rows) {
        const columns = Object.keys(row).filter((c) => c !== 'id')
        const list = columns.map((c) => `"${c}"`).join(', ')
        const [updated] = await tx.unsafe(
          `update ${table} set (${list}) = (select ${list} from jsonb_populate_record(null::${table}, $1::jsonb)) where id = $2 returning id`,
          [row as never, id],
        )
        if (!updated) await tx.unsafe(`insert into ${table} overriding system value select * from jsonb_populate_record(null::${table}, $1::jsonb)`, [row as never])
      }
    }
  })
}

const count = (text: string, line: string) => text.split(line).length - 1

describe.skipIf(!onPostgres)('a read replica for the public pages', () => {
  beforeAll(async () => {
    const tag = `${process.pid}_${randomUUID().slice(0, 6)}`
    primary = await scratchDatabase(`rma_replica_p_${tag}`)
    // The primary migrated and seeded by the app itself, then copied: the
    // replica starts as an exact copy, at the same roster version.
    const seeding = await startServer({ dataDir: tempDataDir('rma-replica-seed-'), env: { DATABASE_URL: primary.url, SEED_DEMO: 'yes', OUTBOX_WORKER: 'off' } })
    await seeding.stop()
    replica = await scratchDatabase(`rma_replica_r_${tag}`, { template: `rma_replica_p_${tag}` })
    // Like a hot standby: nothing the app sends there may write.
    await replica.sql.unsafe(`alter database rma_replica_r_${tag} set default_transaction_read_only = on`)
    ;[{ id: expertId }] = await primary.sql<{ id: number }[]>`
      select p.id::int from people p join users u on u.person_id = p.id where u.login = 'expert@demo.rma'`
    server = await startServer({
      dataDir: tempDataDir('rma-replica-'),
      env: { DATABASE_URL: primary.url, DATABASE_READ_URL: replica.url, DATABASE_POOL_MAX: '4', DATABASE_READ_POOL_MAX: '3', SEED_DEMO: 'no', SESSION_SECRET: `replica-${randomUUID()}` },
    })
  }, 240_000)

  afterAll(async () => {
    await server?.stop()
    if (!replicaDropped) await replica?.drop()
    await primary?.drop()
  })

  it('the public pages are read from the replica when it has applied the primary’s version', async () => {
    // A version the server has built nothing for yet (it builds the whole files before it listens, from the
    // replica then at the same version, before the marker below existed).
    await primary.sql`update roster_state set version = version + 1`
    await replica.sql.begin('read write', async (tx) => {
      await tx`update people set last_name = ${REPLICA_NAME} where id = ${expertId}`
      await tx`update municipalities set name = ${REPLICA_CITY} where code = 'tomsk-city'`
    })
    await replicaAtPrimaryVersion()

    const roster = await page('/roster?region=tomsk')
    expect(roster.status).toBe(200)
    expect(roster.text).toContain(REPLICA_NAME)
    expect(roster.text).not.toContain(EXPERT)
    expect(roster.text).toContain(REPLICA_CITY)
    // the whole files (kept by the cache) and a narrowed one (streamed in batches)
    expect((await page('/roster.json?region=tomsk')).text).toContain(REPLICA_NAME)
    expect((await page('/roster.csv')).text).toContain(REPLICA_NAME)
    const narrowed = await page('/roster.json?region=tomsk&q=Светлана')
    expect(narrowed.text).toContain(REPLICA_NAME)
    expect(narrowed.text).not.toContain(EXPERT)
    expect((await page('/regions/tomsk/statistics')).text).toContain(REPLICA_CITY)
    expect((await page('/regions/tomsk/coverage')).text).toContain(REPLICA_CITY)
    expect((await page('/regions/tomsk')).status).toBe(200)
    const health = await healthz()
    expect(health.status).toBe(200)
    expect(health.body.replica).toBe('ok')
    expect(server.output()).not.toContain(BEHIND)
  })

  it('signed-in pages never read the replica', async () => {
    const cookie = await signIn('coordinator@demo.rma')
    const members = await page('/members?q=' + encodeURIComponent('Светлана'), cookie)
    expect(members.status).toBe(200)
    expect(members.text).toContain(EXPERT)
    expect(members.text).not.toContain(REPLICA_NAME)
    // the staff statistics read the same per-region counts as the public ones
    const statistics = await page('/statistics', cookie)
    expect(statistics.status).toBe(200)
    expect(statistics.text).toContain(CITY)
    expect(statistics.text).not.toContain(REPLICA_CITY)
    // the same public page for a signed-in visitor is the public page (from the replica)
    expect((await page('/roster?region=tomsk&for=signed-in', cookie)).text).toContain(REPLICA_NAME)
  })

  it('a replica behind the primary is not read: a withdrawn person never appears', async () => {
    const cookie = await signIn('expert@demo.rma')
    expect((await post('/my/consent', { intent: 'withdraw', confirmed: 'yes' }, cookie)).status).toBe(302)
    // the replica still lists her, under the version before the withdrawal
    const [{ n }] = await replica.sql<{ n: number }[]>`
      select count(*)::int as n from consents where person_id = ${expertId} and purpose = 'dissemination' and withdrawn_at is null`
    expect(n).toBe(1)

    for (const path of ['/roster?region=tomsk', '/roster.json?region=tomsk', '/roster.csv?region=tomsk', '/roster.json?region=tomsk&q=Светлана', '/roster?region=tomsk&q=Светлана']) {
      const res = await page(path)
      expect(res.status).toBe(200)
      expect(res.text).not.toContain(REPLICA_NAME)
      expect(res.text).not.toContain(EXPERT)
      expect(res.text).not.toContain(REPLICA_CITY)
    }
    expect((await page('/regions/tomsk/statistics')).text).toContain(CITY)
    const health = await healthz()
    expect(health.status).toBe(200)
    expect(health.body.replica).toBe('behind')
    // logged once, however many requests fell back
    expect(count(server.output(), BEHIND)).toBe(1)
  })

  it('a replica that has caught up is read again', async () => {
    await replayPerson(expertId)
    await replicaAtPrimaryVersion()
    const roster = await page('/roster?region=tomsk&after=catch-up')
    expect(roster.text).toContain(REPLICA_CITY)
    expect(roster.text).not.toContain(REPLICA_NAME)
    expect(roster.text).not.toContain(EXPERT)
    expect(count(server.output(), BACK)).toBe(1)
    expect((await healthz()).body.replica).toBe('ok')
  })

  it('a replica that is down: the pages are read from the primary, /healthz stays 200', async () => {
    await replica.drop()
    replicaDropped = true
    const roster = await page('/roster?region=tomsk&after=down')
    expect(roster.status).toBe(200)
    expect(roster.text).toContain(CITY)
    expect(roster.text).not.toContain(REPLICA_CITY)
    expect((await page('/regions/tomsk/coverage?after=down')).text).toContain(CITY)
    const health = await healthz()
    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({ status: 'ok', replica: 'down' })
    expect(count(server.output(), DOWN)).toBe(1)
  })

  it('a replica that never answers: the server starts and serves the public pages from the primary', async () => {
    // accepts connections and says nothing, like a host that hangs
    const sockets = new Set<Socket>()
    const silent: Server = createServer((socket) => sockets.add(socket))
    const port = await freePort()
    await new Promise<void>((r) => silent.listen(port, '127.0.0.1', r))
    const other = await startServer({
      dataDir: tempDataDir('rma-replica-silent-'),
      env: { DATABASE_URL: primary.url, DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${port}/replica`, SEED_DEMO: 'no', OUTBOX_WORKER: 'off' },
    })
    try {
      const started = Date.now()
      const res = await fetch(`${other.url}/roster?region=tomsk`)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain(CITY)
      expect(Date.now() - started).toBeLessThan(10_000)
      const health = await healthz(other.url)
      expect(health.status).toBe(200)
      expect(health.body).toMatchObject({ status: 'ok', replica: 'down' })
      expect(other.output()).toContain(DOWN)
    } finally {
      await other.stop()
      // its sockets are never read, so they never see the other side leave
      for (const socket of sockets) socket.destroy()
      await new Promise((r) => silent.close(r))
    }
  }, 60_000)

  it('is refused with the embedded database', async () => {
    const dataDir = tempDataDir('rma-replica-embedded-')
    try {
      const start = startServer({ dataDir, env: { DATABASE_READ_URL: 'postgres://postgres@127.0.0.1:5432/replica' } })
      await expect(start).rejects.toThrow(/DATABASE_READ_URL: реплика для чтения бывает только у PostgreSQL/)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
