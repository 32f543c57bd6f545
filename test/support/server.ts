import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serverNodeFlags } from '../../server/node-flags'

// Starts the real server (server/index.ts on the production build) as a
// child process on a free loopback port, for tests from the outside.

/** For callers outside vitest; the crawl project builds in its global setup. */
export function ensureBuild(root = process.cwd()) {
  if (!existsSync(join(root, 'build/server/index.js'))) {
    execFileSync('npx', ['remix', 'vite:build'], { cwd: root, stdio: 'ignore' })
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export type RunningServer = { url: string; dataDir: string; child: ChildProcess; output: () => string; stop: () => Promise<void> }

export function tempDataDir(prefix = 'rma-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** `nodeArgs`: flags for the server's node, e.g. `--cpu-prof` (NODE_OPTIONS refuses it). */
export async function startServer(opts: { dataDir: string; env?: Record<string, string>; keepData?: boolean; nodeArgs?: string[] }): Promise<RunningServer> {
  ensureBuild()
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: opts.dataDir, NODE_ENV: 'production', ...opts.env }
  // The embedded database unless the caller names a server.
  if (!opts.env?.DATABASE_URL) delete env.DATABASE_URL
  delete env.VITEST
  // The production heap flags (server/node-flags.ts), given here so that the child is the server itself, not its relauncher.
  const child = spawn(process.execPath, [...serverNodeFlags, ...(opts.nodeArgs ?? []), '--import', 'tsx', 'server/index.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout?.on('data', (d) => (out += d))
  child.stderr?.on('data', (d) => (out += d))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    dataDir: opts.dataDir,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      if (!opts.keepData) rmSync(opts.dataDir, { recursive: true, force: true })
    },
  }
}
