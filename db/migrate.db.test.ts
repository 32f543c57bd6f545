import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from './client.server'
import { loadMigrations, migrate } from './migrate.server'

// The worker's database was migrated by the global setup; these tests check
// the migrator itself in a scratch schema of the same engine.
async function inScratchSchema<T>(fn: (schema: string) => Promise<T>): Promise<T> {
  const schema = `scratch_${randomUUID().slice(0, 8)}`
  const sql = db()
  await sql.unsafe(`create schema ${schema}`)
  try {
    return await fn(schema)
  } finally {
    await sql.unsafe(`drop schema ${schema} cascade`)
  }
}

describe('migrations', () => {
  it('every numbered migration is applied on this engine and recorded', async () => {
    const all = await loadMigrations()
    const rows = await db()<{ version: number; checksum: string }[]>`select version, checksum from schema_migrations order by version`
    expect(rows.map((r) => r.version)).toEqual(all.map((m) => m.version))
    expect(rows.map((r) => r.checksum)).toEqual(all.map((m) => m.checksum))
  })

  it('a second run applies nothing', async () => {
    expect(await migrate(db())).toEqual([])
  })

  it('applies a new migration once, and refuses an edited landed one', async () => {
    await inScratchSchema(async (schema) => {
      const extra = [{ version: 9001, name: '9001_scratch.sql', sql: `create table ${schema}.t (id int)`, checksum: 'a' }]
      const base = await loadMigrations()
      expect(await migrate(db(), [...base, ...extra])).toEqual(['9001_scratch.sql'])
      expect(await migrate(db(), [...base, ...extra])).toEqual([])
      await expect(migrate(db(), [...base, { ...extra[0], checksum: 'b' }])).rejects.toThrow('was changed after it was applied')
      await db()`delete from schema_migrations where version = 9001`
    })
  })

  it('a failing migration leaves nothing half-applied', async () => {
    await inScratchSchema(async (schema) => {
      const bad = { version: 9002, name: '9002_bad.sql', sql: `create table ${schema}.half (id int); select * from no_such_table;`, checksum: 'c' }
      await expect(migrate(db(), [...(await loadMigrations()), bad])).rejects.toThrow()
      const [{ n }] = await db()`select count(*)::int as n from information_schema.tables where table_schema = ${schema}`
      expect(n).toBe(0)
      const recorded = await db()`select 1 from schema_migrations where version = 9002`
      expect(recorded).toHaveLength(0)
    })
  })
})
