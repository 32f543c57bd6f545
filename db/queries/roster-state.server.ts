import { db, type Db } from '../client.server'

/** `timeZones`: the distinct zones of the served regions, whose midnights end consents «valid until» a day. */
export type RosterState = { version: number; changedAt: Date; timeZones: string[] }

export async function rosterState(tx: Db = db()): Promise<RosterState> {
  // why: read with the version, not cached apart: a region's zone change bumps the version (trigger on regions).
  const [row] = await tx<{ version: string; changedAt: Date; timeZones: string[] }[]>`
    select version, changed_at as "changedAt", array(select distinct time_zone from regions order by 1) as "timeZones" from roster_state`
  return { version: Number(row.version), changedAt: row.changedAt, timeZones: row.timeZones }
}

let inFlight: Promise<RosterState> | null = null
let queued: Promise<RosterState> | null = null

/**
 * The roster version as of a read that STARTED AFTER this call: a request
 * that arrives after a withdrawal committed never gets the old version. Calls
 * that arrive while a read is running share the next read, so under load the
 * database sees about one tiny query per round trip, not one per request.
 * Always the primary's: the public cache keys its pages by it.
 */
export function freshRosterState(): Promise<RosterState> {
  if (!inFlight) return (inFlight = start())
  queued ??= inFlight
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => {
      queued = null
      return (inFlight = start())
    })
  return queued
}

function start(): Promise<RosterState> {
  const p = rosterState(db())
  p.finally(() => {
    if (inFlight === p) inFlight = null
  }).catch(() => {})
  return p
}
