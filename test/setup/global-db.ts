import type { TestProject } from 'vitest/node'
import postgres from 'postgres'
import { migrate } from '../../db/migrate.server'
import { startEmbedded } from '../../db/start.server'

// One database per test worker, created and migrated once: PGlite takes
// seconds to start, so workers share it and tests isolate by their own data
// (each test creates its own region). With DATABASE_URL, one fresh database
// per worker on that server.
export const WORKERS = 2

declare module 'vitest' {
  export interface ProvidedContext {
    dbTargets: ({ kind: 'url'; url: string } | { kind: 'socket'; path: string })[]
    dbEngine: 'pglite' | 'postgres'
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    const targets = []
    for (let i = 1; i <= WORKERS; i++) {
      const name = `rma_test_${process.pid}_${i}`
      await admin.unsafe(`drop database if exists ${name}`)
      await admin.unsafe(`create database ${name}`)
      const u = new URL(url)
      u.pathname = `/${name}`
      const sql = postgres(u.toString(), { max: 1, onnotice: () => {} })
      await migrate(sql)
      await sql.end()
      targets.push({ kind: 'url' as const, url: u.toString() })
    }
    project.provide('dbTargets', targets)
    project.provide('dbEngine', 'postgres')
    return async () => {
      for (let i = 1; i <= WORKERS; i++) await admin.unsafe(`drop database if exists rma_test_${process.pid}_${i} with (force)`)
      await admin.end()
    }
  }
  const embedded = await Promise.all(Array.from({ length: WORKERS }, () => startEmbedded('', { memory: true })))
  for (const e of embedded) {
    const sql = postgres({ path: e.socketPath, max: 1, username: 'postgres', database: 'postgres', onnotice: () => {} })
    await migrate(sql)
    await sql.end()
  }
  project.provide('dbTargets', embedded.map((e) => ({ kind: 'socket' as const, path: e.socketPath })))
  project.provide('dbEngine', 'pglite')
  return async () => {
    for (const e of embedded) await e.stop()
  }
}
