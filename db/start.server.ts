import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { connect, disconnect, type Sql } from './client.server'
import { migrate } from './migrate.server'

export type Database = {
  sql: Sql
  embedded: boolean
  /** Migrations applied while starting (empty when the schema was current). */
  applied: string[]
  stop: () => Promise<void>
}

/**
 * With a URL: that PostgreSQL, pooled. Without: an embedded PGlite persisted
 * under `dataDir`, served to the same postgres.js client over a Unix socket.
 * Either way the migrations are applied before anything else runs.
 */
export async function startDatabase(opts: { url?: string; poolMax?: number; dataDir: string }): Promise<Database> {
  if (opts.url) {
    const sql = connect({ kind: 'url', url: opts.url, max: opts.poolMax ?? 10 })
    try {
      return { sql, embedded: false, applied: await migrate(sql), stop: disconnect }
    } catch (e) {
      await disconnect().catch(() => {})
      throw e
    }
  }
  const embedded = await startEmbedded(opts.dataDir)
  const sql = connect({ kind: 'socket', path: embedded.socketPath })
  const stop = async () => {
    await disconnect()
    await embedded.stop()
  }
  try {
    const applied = await migrate(sql)
    // PGlite runs no autovacuum: refresh planner statistics once per start.
    await sql`analyze`
    return { sql, embedded: true, applied, stop }
  } catch (e) {
    await stop().catch(() => {})
    throw e
  }
}

/**
 * PGlite behind pglite-socket on a Unix socket. By default in a child process
 * (db/pglite-host.ts), so its WebAssembly queries never block the HTTP
 * process's event loop; `inProcess` keeps it here for callers that need the
 * PGlite object itself (the benchmark's client-side COPY).
 */
export async function startEmbedded(dataDir: string, opts: { memory?: boolean; inProcess?: boolean } = {}): Promise<Embedded> {
  const dir = resolve(dataDir)
  let lockFile: string | undefined
  if (!opts.memory) {
    mkdirSync(dir, { recursive: true })
    lockFile = join(dir, 'pglite.pid')
    // PGlite is single-process: two processes on one data folder corrupt it.
    if (existsSync(lockFile)) {
      const pid = Number(readFileSync(lockFile, 'utf8'))
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `Встроенная база данных ${dir} уже открыта процессом ${pid} (например, запущенным приложением). ` +
            'Остановите его или задайте DATABASE_URL.',
        )
      }
    }
    writeFileSync(lockFile, String(process.pid))
  }
  const unlock = () => {
    if (lockFile) rmSync(lockFile, { force: true })
  }
  // Unix socket paths are limited to ~100 bytes, so the socket lives in tmp.
  const socketPath = join(tmpdir(), `rma-${createHash('sha1').update(`${dir}:${process.pid}:${Math.random()}`).digest('hex').slice(0, 12)}.sock`)
  const location = opts.memory ? 'memory://' : join(dir, 'pglite')
  try {
    return opts.inProcess ? await inThisProcess(location, socketPath, unlock) : await inChildProcess(location, socketPath, unlock)
  } catch (e) {
    unlock()
    throw e
  }
}

export type Embedded = { socketPath: string; pg?: import('@electric-sql/pglite').PGlite; stop: () => Promise<void> }

async function inThisProcess(location: string, socketPath: string, unlock: () => void): Promise<Embedded> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  rmSync(socketPath, { force: true })
  const pg = await PGlite.create(location)
  const server = new PGLiteSocketServer({ db: pg, path: socketPath })
  await server.start()
  return {
    socketPath,
    pg,
    stop: async () => {
      await server.stop()
      await pg.close()
      rmSync(socketPath, { force: true })
      unlock()
    },
  }
}

async function inChildProcess(location: string, socketPath: string, unlock: () => void): Promise<Embedded> {
  const host = fileURLToPath(new URL('./pglite-host.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', host, location, socketPath], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  await new Promise<void>((ready, fail) => {
    child.once('message', (m: unknown) => {
      if (m === 'ready') ready()
      else fail(new Error(`Встроенная база данных не запустилась: ${(m as { error?: string })?.error ?? m}`))
    })
    child.once('exit', (code) => fail(new Error(`Встроенная база данных не запустилась (код выхода ${code}).`)))
    child.once('error', fail)
  })
  // The child never keeps this process alive: when this process ends, the
  // channel closes and the child closes the database cleanly.
  child.unref()
  child.channel?.unref()
  return {
    socketPath,
    stop: async () => {
      if (child.exitCode === null && child.connected) child.send('stop')
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(killer)
      rmSync(socketPath, { force: true })
      unlock()
    },
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
