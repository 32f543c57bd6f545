import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
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

export async function startEmbedded(dataDir: string, opts: { memory?: boolean } = {}) {
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
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
  // Unix socket paths are limited to ~100 bytes, so the socket lives in tmp.
  const socketPath = join(tmpdir(), `rma-${createHash('sha1').update(`${dir}:${process.pid}:${Math.random()}`).digest('hex').slice(0, 12)}.sock`)
  rmSync(socketPath, { force: true })
  const pg = await PGlite.create(opts.memory ? 'memory://' : join(dir, 'pglite'))
  const server = new PGLiteSocketServer({ db: pg, path: socketPath })
  await server.start()
  return {
    socketPath,
    pg,
    stop: async () => {
      await server.stop()
      await pg.close()
      rmSync(socketPath, { force: true })
      if (lockFile) rmSync(lockFile, { force: true })
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
