import { rmSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

// The embedded database in a process of its own (started by startEmbedded):
// PGlite runs queries in WebAssembly on the thread that owns it, so in the
// HTTP process a heavy query would stall every other request. Here it only
// stalls this process; the app talks to it over the Unix socket as to any
// PostgreSQL. It stops when asked, and when its parent goes away.

const [location, socketPath] = process.argv.slice(2)

async function main() {
  rmSync(socketPath, { force: true })
  const pg = await PGlite.create(location)
  const server = new PGLiteSocketServer({ db: pg, path: socketPath })
  await server.start()
  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      await server.stop().catch(() => {})
      await pg.close().catch(() => {})
      rmSync(socketPath, { force: true })
      process.exit(0)
    })())
  process.on('message', (m) => {
    if (m === 'stop') void stop()
  })
  process.on('disconnect', () => void stop())
  process.on('SIGTERM', () => void stop())
  process.on('SIGINT', () => {}) // the parent decides when to stop, after its own requests finish
  process.send?.('ready')
}

main().catch((e) => {
  process.send?.({ error: e instanceof Error ? e.message : String(e) })
  process.exit(1)
})
