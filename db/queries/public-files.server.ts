import { db, inTransaction, type Db } from '../client.server'

// The whole open-data files kept across restarts and servers (migration
// 0033). The rows hold only bytes a public URL served: the public cache's
// rendering of the public whitelist (public-roster.server.ts), never
// anything else.

/** `gzip`: the body, gzipped. */
export type PublicFile = { status: number; headers: Record<string, string>; gzip: Buffer }

/** The file kept under `key` for exactly this public-cache version. */
export async function storedPublicFile(key: string, version: string, tx: Db = db()): Promise<PublicFile | undefined> {
  const [row] = await tx<PublicFile[]>`select status, headers, gzip from public_files where key = ${key} and version = ${version}`
  return row
}

/**
 * Keeps a file built for `rosterVersion` (and the public-cache `version`
 * that includes it) — only while the roster is still at that version, and
 * never while a change of it is being committed (skip locked: a store never
 * waits, and holds no pooled connection meanwhile; the change's trigger
 * drops the kept files anyway). Files of any other version (a previous
 * regional day, a previous release) go in the same transaction, so nothing
 * outlives the version it was built for: a consent that ran until yesterday
 * is not kept in yesterday's bytes.
 */
export async function storePublicFile(key: string, version: string, rosterVersion: number, file: PublicFile, tx?: Db): Promise<boolean> {
  return inTransaction(async (t) => {
    const [state] = await t<{ version: string }[]>`select version::text from roster_state for share skip locked`
    if (!state || Number(state.version) !== rosterVersion) return false
    await t`delete from public_files where version <> ${version}`
    await t`
      insert into public_files (key, version, roster_version, status, headers, gzip)
      values (${key}, ${version}, ${rosterVersion}, ${file.status}, ${t.json(file.headers)}, ${file.gzip})
      on conflict (key) do update set version = excluded.version, roster_version = excluded.roster_version,
        status = excluded.status, headers = excluded.headers, gzip = excluded.gzip, built_at = now()`
    return true
  }, tx)
}
