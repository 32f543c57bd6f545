import { personRegionTimeZone, regionTimeZone } from '../../db/queries/regions.server'
import type { Db } from '../../db/client.server'
import type { SessionActor } from './sessions.server'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'

/**
 * The zone of a signed-in person's own region (PRODUCT §12), for screens that
 * are theirs rather than one record's (the dashboard, the list of campaigns):
 * the region of their first regional grant, else of their person record.
 * An administrator of all regions has neither and gets Moscow time, shown
 * with its offset.
 */
export async function actorTimeZone(actor: SessionActor): Promise<string> {
  const regionId = actor.grants.find((g) => g.regionId !== null)?.regionId ?? null
  if (regionId !== null) return (await regionTimeZone(regionId)) ?? FALLBACK_TIME_ZONE
  return actor.user.personId !== null ? personTimeZone(actor.user.personId) : FALLBACK_TIME_ZONE
}

/** The zone of the region a person record belongs to (their consents, their data). */
export async function personTimeZone(personId: number): Promise<string> {
  return (await personRegionTimeZone(personId)) ?? FALLBACK_TIME_ZONE
}

/** The zone of a region a record belongs to; the fallback only for a region that no longer exists. */
export async function zoneOfRegion(regionId: number, tx?: Db): Promise<string> {
  return (await regionTimeZone(regionId, tx)) ?? FALLBACK_TIME_ZONE
}
