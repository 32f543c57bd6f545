import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { db } from '../db/client.server'
import { storePublicFile, storedPublicFile } from '../db/queries/public-files.server'
import { rosterState } from '../db/queries/roster-state.server'

// The open-data files kept in the database (migration 0033): never served
// for another version, never kept past a change of what the public sees.

const file = (text: string) => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, gzip: gzipSync(text) })

describe('public_files', () => {
  it('gives back the bytes kept for exactly that version', async () => {
    const { version } = await rosterState()
    const kept = file('{"members":[{"fullName":"Иванова Анна"}]}')
    expect(await storePublicFile('n/roster.json', `${version}-day`, version, kept)).toBe(true)
    const read = await storedPublicFile('n/roster.json', `${version}-day`)
    expect(read?.gzip.equals(kept.gzip)).toBe(true)
    expect(read?.headers).toEqual(kept.headers)
    expect(await storedPublicFile('n/roster.json', `${version}-next-day`)).toBeUndefined()
  })

  it('a change of consents drops every kept file in its own transaction', async () => {
    const { version } = await rosterState()
    await storePublicFile('n/roster.csv', `${version}-day`, version, file('ФИО\r\n'))
    // A statement trigger: even a statement that changes no row counts as a change.
    await db()`update consents set withdrawn_at = withdrawn_at where false`
    const [{ n }] = await db()<{ n: number }[]>`select count(*)::int as n from public_files`
    expect(n).toBe(0)
  })

  it('keeps nothing built for a version that a change has already replaced', async () => {
    const { version } = await rosterState()
    await db()`update members set updated_at = updated_at where false`
    expect(await storePublicFile('n/roster.json', `${version}-day`, version, file('{}'))).toBe(false)
    expect(await storedPublicFile('n/roster.json', `${version}-day`)).toBeUndefined()
  })

  it('a file kept for a new version (a new regional day, a new release) drops those of every other version', async () => {
    const { version } = await rosterState()
    await storePublicFile('n/roster.csv', `${version}-yesterday`, version, file('ФИО\r\nВчерашняя\r\n'))
    expect(await storePublicFile('n/roster.json', `${version}-today`, version, file('{}'))).toBe(true)
    const rows = await db()<{ key: string; version: string }[]>`select key, version from public_files order by key`
    expect(rows).toEqual([{ key: 'n/roster.json', version: `${version}-today` }])
  })

  // why skipped without DATABASE_URL: the embedded database has one connection, so a second transaction cannot even start beside the held one.
  it.skipIf(!process.env.DATABASE_URL)('never waits for a change being committed: it keeps nothing then', async () => {
    const { version } = await rosterState()
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    let locked = () => {}
    const isLocked = new Promise<void>((r) => (locked = r))
    const change = db().begin(async (t) => {
      await t`select version from roster_state for update`
      locked()
      await held
    })
    await isLocked
    try {
      expect(await storePublicFile('n/roster.json', `${version}-day`, version, file('{}'))).toBe(false)
    } finally {
      release()
      await change
    }
    expect(await storedPublicFile('n/roster.json', `${version}-day`)).toBeUndefined()
  })
})
