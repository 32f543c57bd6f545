import { coverage } from '../../db/queries/members.server'
import { regionPublicInfo } from '../../db/queries/public-roster.server'
import { listRegions, regionByCode, regionById, regionTimeZone, regionTimeZones, type Region } from '../../db/queries/regions.server'
import { freshRosterState } from '../../db/queries/roster-state.server'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'

// Region reads that the public pages and the staff region picker need. Routes
// call these rather than the query modules (layers run one way).

export type { Region }

export { listRegions, regionById, regionByCode, regionPublicInfo, freshRosterState, regionTimeZones }

/** A region and its coverage rows (teachers per member, per municipality), or undefined. */
export async function regionCoverage(code: string) {
  const region = await regionByCode(code)
  if (!region) return undefined
  return { region, rows: await coverage(region.id) }
}

/** The IANA zone of a region, Moscow's when the region is unknown. */
export async function timeZoneOfRegion(regionId: number): Promise<string> {
  return (await regionTimeZone(regionId)) ?? FALLBACK_TIME_ZONE
}
