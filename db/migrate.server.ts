import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Sql } from './client.server'

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

export type Migration = { version: number; name: string; sql: string; checksum: string }

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort()
  const out: Migration[] = []
  for (const file of files) {
    const text = await readFile(`${dir}/${file}`, 'utf8')
    const version = Number(file.slice(0, 4))
    if (out.some((m) => m.version === version)) throw new Error(`Two migrations share number ${version}`)
    out.push({ version, name: file, sql: text, checksum: createHash('sha256').update(text).digest('hex') })
  }
  return out
}

/**
 * Applies the migrations that are not yet applied, each in its own
 * transaction, under an advisory lock so several app servers starting at once
 * do not race. A landed migration whose text changed is an error: migrations
 * are forward-only.
 */
export async function migrate(sql: Sql, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations())
  await sql`
    create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`
  const applied: string[] = []
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(727001)`
    const done = await tx<{ version: number; name: string; checksum: string }[]>`
      select version, name, checksum from schema_migrations order by version`
    const byVersion = new Map(done.map((r) => [r.version, r]))
    for (const m of all) {
      const row = byVersion.get(m.version)
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead`)
        }
        continue
      }
      await tx.savepoint(async (sp) => {
        await sp.unsafe(m.sql)
        await sp`insert into schema_migrations (version, name, checksum) values (${m.version}, ${m.name}, ${m.checksum})`
      })
      applied.push(m.name)
    }
  })
  return applied
}
