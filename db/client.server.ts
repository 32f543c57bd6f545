import { AsyncLocalStorage } from 'node:async_hooks'
import { Socket } from 'node:net'
import postgres from 'postgres'

export type Sql = postgres.Sql
export type Tx = postgres.TransactionSql
/** Query functions accept either the client or an open transaction. */
export type Db = Sql | Tx

export type DbTarget =
  | { kind: 'url'; url: string; max: number }
  // PGlite behind pglite-socket: one connection, or concurrent transactions
  // break ("portal does not exist").
  | { kind: 'socket'; path: string }

// why: the Remix server bundle and the server/CLI entry load their own copies
// of this module; the clients and the read scope live on globalThis so there
// is only ever one of each.
const g = globalThis as unknown as { __rmaSql?: Sql; __rmaReadScope?: AsyncLocalStorage<Sql> }
const readScope = (g.__rmaReadScope ??= new AsyncLocalStorage<Sql>())

const common = {
  onnotice: () => {},
  transform: { undefined: null },
  connection: { application_name: 'rma' },
} as const

/**
 * postgres.js's TCP socket, with Nagle's algorithm off, as PostgreSQL's own
 * end has it. postgres.js leaves it on, and a COPY ends with a small
 * CopyDone written right after its data: held until the server acknowledges
 * that data, which it delays (≈ 40 ms on Linux), once per COPY. An import
 * writes a few COPYs per chunk of the file; staged in chunks of 7 rows,
 * 3,000 rows took 67 s instead of 2. The socket is handed over connecting
 * (postgres.js writes its startup message once it is open); a Unix socket
 * has no Nagle to turn off. Only for a URL with one host: with several,
 * postgres.js chooses among them itself (and keeps Nagle on).
 */
function tcpNoDelay(): (o: { host: string[]; port: number[]; path?: string | false }) => Socket {
  return (o) => {
    const socket = new Socket()
    if (o.path) return socket.connect(o.path)
    const host = o.host[0]
    const port = o.port[0]
    // secure() (TLS) reads the host for the server name, as from postgres.js's own socket.
    Object.assign(socket, { host, port })
    socket.setNoDelay(true)
    return socket.connect(port, host)
  }
}

/** `postgres://a,b/db` names several hosts (a primary and its standbys) for postgres.js to try in turn. */
const oneHost = (url: string) => !/^[^/]*\/\/(?:[^@/]*@)?[^/]*,/.test(url)

export function connect(target: DbTarget): Sql {
  if (g.__rmaSql) return g.__rmaSql
  g.__rmaSql =
    target.kind === 'url'
      ? // why the cast: postgres.js takes `socket` but its types do not name it.
        postgres(target.url, { ...common, max: target.max, ...(oneHost(target.url) ? { socket: tcpNoDelay() } : {}) } as postgres.Options<Record<string, never>>)
      : postgres({ ...common, path: target.path, max: 1, username: 'postgres', database: 'postgres' })
  return g.__rmaSql
}

export function db(): Sql {
  if (!g.__rmaSql) throw new Error('Database is not connected: call startDatabase() first')
  return g.__rmaSql
}

/**
 * A client of a read replica (DATABASE_READ_URL): its own pool, used only
 * through `readingFrom()` by the public cache (db/replica.server.ts). It
 * connects on first use, so a replica that is down never stops a start-up,
 * and gives up connecting after `connectTimeoutS`: the caller then reads the
 * primary.
 */
export function connectReplica(opts: { url: string; max: number; connectTimeoutS?: number }): Sql {
  return postgres(opts.url, {
    ...common,
    // A render from a stalled replica (a replay conflict, a lost standby) ends within the load balancer's time; the page then comes from the primary.
    connection: { application_name: 'rma-read', statement_timeout: 20_000 },
    max: opts.max,
    connect_timeout: opts.connectTimeoutS ?? 2,
  })
}

/**
 * The client for reads that a read replica may serve: the replica inside
 * `readingFrom(replica, …)`, which only the public cache enters, and only
 * after checking that the replica has applied the primary's roster version
 * (db/replica.server.ts); the primary everywhere else. Only query functions
 * of the public pages default to it; writes and everything else use `db()`.
 */
export function readDb(): Sql {
  return readScope.getStore() ?? db()
}

/** Runs `fn` with `readDb()` answering `client` (the primary when undefined) for everything `fn` starts. */
export function readingFrom<T>(client: Sql | undefined, fn: () => T): T {
  return client ? readScope.run(client, fn) : readScope.exit(fn)
}

export async function disconnect(): Promise<void> {
  const sql = g.__rmaSql
  g.__rmaSql = undefined
  await sql?.end({ timeout: 5 })
}

/** Runs `fn` in `tx` if given, otherwise in a new transaction. */
export function inTransaction<T>(fn: (tx: Tx) => Promise<T>, tx?: Db): Promise<T> {
  if (tx && isTransaction(tx)) return fn(tx)
  return (tx ?? db()).begin(fn) as Promise<T>
}

/** Whether `d` is an open transaction (postgres.js's has savepoints) rather than a pool. */
export function isTransaction(d: Db): d is Tx {
  return typeof (d as Tx).savepoint === 'function'
}

/** For /healthz: true when the database answers a trivial query. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await db()`select 1`
    return true
  } catch {
    return false
  }
}

const health = { probe: null as Promise<boolean> | null, lastAnswer: 0 }

/**
 * For /healthz, which load balancers call every few seconds: `ok` when the
 * database answers a trivial query at once; `busy` when that query waits in
 * line behind other users' work (the embedded database has one connection,
 * measured at ≈ 2.4 s under 10 staff connections, issue 14) but the database
 * answered within `busyMs`; `down` otherwise. A busy server is still a
 * healthy one: a probe that waited its turn would take it out of the
 * balancer exactly when it is needed. One probe query at a time, whatever
 * the number of callers, so probes never lengthen the line themselves.
 */
export async function databaseHealth(opts: { waitMs?: number; busyMs?: number } = {}): Promise<'ok' | 'busy' | 'down'> {
  const { waitMs = 10, busyMs = 30_000 } = opts
  health.probe ??= databaseAnswers()
    .then((ok) => {
      if (ok) health.lastAnswer = Date.now()
      return ok
    })
    .finally(() => (health.probe = null))
  const answered = await within(health.probe, waitMs)
  if (answered !== 'waiting') return answered ? 'ok' : 'down'
  if (Date.now() - health.lastAnswer < busyMs) return 'busy'
  // No recent answer: this probe decides (a first probe, or a database gone quiet).
  return (await within(health.probe, busyMs)) === true ? 'ok' : 'down'
}

/** `p`'s result, or 'waiting' if it has not settled within `ms`. */
export async function within<T>(p: Promise<T>, ms: number): Promise<T | 'waiting'> {
  let timer: NodeJS.Timeout | undefined
  const waited = new Promise<'waiting'>((resolve) => (timer = setTimeout(resolve, ms, 'waiting')))
  try {
    return await Promise.race([p, waited])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Leadership for the scheduled jobs when several app servers share one
 * PostgreSQL: a session-level advisory lock held on a connection reserved for
 * it. The lock goes with the connection, so when the leader dies or loses its
 * connection another server takes over at its next try. Each try on the
 * leader's own connection also proves it still holds the lock. The embedded
 * database serves one process, which always leads.
 */
export function leadership(lockKey: number, opts: { embedded: boolean }) {
  let reserved: postgres.ReservedSql | undefined
  const drop = () => {
    reserved?.release()
    reserved = undefined
  }
  return {
    async isLeader(): Promise<boolean> {
      if (opts.embedded) return true
      try {
        reserved ??= await db().reserve()
        const [row] = await reserved`select pg_try_advisory_lock(${lockKey}::bigint) as ok`
        if (!row.ok) drop()
        return Boolean(row.ok)
      } catch {
        drop()
        return false
      }
    },
    release: drop,
  }
}
