import { spawn } from 'node:child_process'

// The app server's V8 heap, stated in one place (issue 14, docs/DEPLOYMENT.md
// "Memory"). `npm start` (package.json, checked by node-flags.test.ts) and the
// test and bench launcher (test/support/server.ts) start the server with
// these flags; server/index.ts, started by hand without them
// (`node --import tsx server/index.ts`), restarts itself under them before it
// loads anything else.
//
// Why: without a stated ceiling V8 sizes the heap from the machine's memory
// (≈ 4 GB on 16+ GB) and then lets the old generation grow up to 4× its live
// size before a full collection. The server's live heap is ≈ 70 MB, but what
// a request allocates while it runs (slowly, on a loaded machine) survives
// two scavenges, is promoted and waits there as garbage: the RSS grew
// by 57–170 MB over 200 public searches and by 70–130 MB during 5 parallel
// exports, made of nothing but that garbage (heapUsed fell back to ≈ 70 MB
// after each full collection). Under a ceiling of 512 MB, V8 grows
// the old generation by at most ≈ 1.4× its live size between collections.

/**
 * The old generation's ceiling. Room for the largest legitimate work of one
 * request on top of the live heap: a 20 MB workbook import (exceljs keeps its
 * shared strings and a row object per row): the import bench's 100,000-row
 * workbook peaked at 216 MB RSS under these flags (≈ 325 MB without).
 * The public cache (PUBLIC_CACHE_MB) and streamed files are buffers outside
 * this heap and come on top of it.
 */
export const HEAP_CEILING_MB = 512

/**
 * Each of the young generation's two semi-spaces, stated rather than left
 * to V8 (whose default on 64 bits is also 16): the young generation is
 * 2 × 16 MB, committed from the first minutes on, so it is part of the
 * server's resting RSS, not of its growth. Measured with 8: the same growth
 * over 200 public searches (27 against 28 MB on PostgreSQL), 16 MB less
 * resting RSS, twice as many scavenges.
 */
export const SEMI_SPACE_MB = 16

export const serverNodeFlags: readonly string[] = [`--max-old-space-size=${HEAP_CEILING_MB}`, `--max-semi-space-size=${SEMI_SPACE_MB}`]

/** The operator chose a heap size themselves (on the command line or in NODE_OPTIONS): theirs wins. */
function heapChosen(): boolean {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  return given.some((a) => /^--max[-_](old|semi)[-_]space[-_]size/.test(a))
}

/**
 * Started without the flags: runs this same server as a child under them
 * (this process then only passes signals on and exits with the child) and
 * returns false. True when the server is to run in this process: the flags
 * are in effect, the operator chose their own, or in development.
 */
export function runsHere(dev: boolean): boolean {
  if (dev || heapChosen()) return true
  // detached: false (the default) keeps the child in this process group, so a supervisor that stops the group stops both.
  const child = spawn(process.execPath, [...serverNodeFlags, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' })
  const passed = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const
  const pass = (signal: NodeJS.Signals) => child.kill(signal)
  for (const signal of passed) process.on(signal, pass)
  child.on('error', (error) => {
    console.error('Не удалось запустить сервер:', error.message)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    if (code !== null) process.exit(code)
    // Killed by a signal (the OOM killer's SIGKILL, say): die of the same one, so the supervisor sees an abnormal end and restarts it.
    for (const s of passed) process.off(s, pass)
    process.kill(process.pid, signal ?? 'SIGTERM')
  })
  return false
}
