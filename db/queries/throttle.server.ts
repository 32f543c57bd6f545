import type { Counter } from '~/model/throttle'
import { db, type Db } from '../client.server'

// Throttle counters and the addresses each login signed in from
// (docs/decisions/0007-sign-in-throttling.md). Callers lock a counter, decide
// with app/throttle.ts `step()`, and write it back in the same transaction.

/** The counter's row, created empty if missing, locked until the transaction ends; and the database's time once the lock is held. */
export async function lockCounter(key: string, tx: Db): Promise<{ counter: Counter; now: Date }> {
  // why: a no-op update on conflict takes the row lock and returns the row
  // as it is, in one statement; a fresh row comes back with count 0.
  const [row] = await tx<{ count: number; windowStart: Date; nextAllowedAt: Date | null; now: Date }[]>`
    insert into throttle_counters as c (key) values (${key})
    on conflict (key) do update set count = c.count
    returning c.count, c.window_start as "windowStart", c.next_allowed_at as "nextAllowedAt", clock_timestamp() as now`
  return { counter: { count: row.count, windowStart: row.windowStart, nextAllowedAt: row.nextAllowedAt }, now: row.now }
}

export async function writeCounter(key: string, c: Counter, tx: Db): Promise<void> {
  await tx`
    update throttle_counters set count = ${c.count}, window_start = ${c.windowStart}, next_allowed_at = ${c.nextAllowedAt}
    where key = ${key}`
}

/** Gives back an attempt that turned out not to be a failure (a successful sign-in), if its window still runs. */
export async function uncount(key: string, windowStart: Date, tx: Db): Promise<void> {
  await tx`update throttle_counters set count = greatest(count - 1, 0) where key = ${key} and window_start = ${windowStart}`
}

export async function clearCounter(key: string, tx: Db): Promise<void> {
  await tx`delete from throttle_counters where key = ${key}`
}

export async function isKnownAddress(login: string, address: string, withinDays: number, tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    select 1 from sign_in_known_addresses
    where login = ${login} and address = ${address} and last_success_at > now() - make_interval(days => ${withinDays})`
  return rows.length > 0
}

export async function rememberAddress(login: string, address: string, tx: Db): Promise<void> {
  await tx`
    insert into sign_in_known_addresses (login, address) values (${login}, ${address})
    on conflict (login, address) do update set last_success_at = now()`
}

/**
 * Drops counters whose window ended long ago and addresses not used for
 * `knownDays`, a bounded batch at a time (called after successful sign-ins,
 * so the tables stay small without a scheduled job).
 */
export async function purgeThrottle(opts: { olderThanMs: number; knownDays: number; batch?: number }, tx: Db = db()): Promise<void> {
  const batch = opts.batch ?? 500
  await tx`
    delete from throttle_counters where key in (
      select key from throttle_counters
      where window_start < now() - ${opts.olderThanMs}::float8 * interval '1 millisecond' limit ${batch})`
  await tx`
    delete from sign_in_known_addresses where (login, address) in (
      select login, address from sign_in_known_addresses
      where last_success_at < now() - make_interval(days => ${opts.knownDays}) limit ${batch})`
}
