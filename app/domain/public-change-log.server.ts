import { publicChangeLog, regionPublicInfo, type RegionPublicInfo } from '../../db/queries/public-roster.server'
import { groundLabel, groundOfEvent } from '~/model/leaving-grounds'
import { memberAuditLabels } from '~/model/labels'
import { regionDay } from '~/utils/dates'
import { leavingGrounds } from './leaving-grounds.server'
import { zoneOfRegion } from './time-zone.server'

// The region page's public change log (issue 10 §4.2): each change of the
// composition with its kind, its ground's Russian label and its order; the
// name only where the member's consent allows it (publicChangeLog).

/** How many of the latest changes the region page lists. */
export const CHANGE_LOG_SIZE = 50

export type PublicChangeEntry = { id: number; day: string; change: string; ground: string | null; fullName: string | null; orderNumber: string | null; orderDate: string | null }

/** The region page: its public facts and the latest changes of its composition, or undefined for an unknown region. */
export async function regionPublicPage(code: string, now: Date = new Date()): Promise<(RegionPublicInfo & { changes: PublicChangeEntry[] }) | undefined> {
  const info = await regionPublicInfo(code, undefined, now)
  if (!info) return undefined
  const [rows, grounds, timeZone] = await Promise.all([publicChangeLog(info.id, CHANGE_LOG_SIZE, undefined, now), leavingGrounds(info.id), zoneOfRegion(info.id)])
  return {
    ...info,
    changes: rows.map((r) => ({
      id: r.id,
      // the day in the region's calendar
      day: regionDay(new Date(r.at), timeZone),
      change: memberAuditLabels[r.action] ?? 'Изменение состава',
      ground: groundLabel(grounds, groundOfEvent(r.action, r.ground)),
      fullName: r.fullName,
      orderNumber: r.orderNumber,
      orderDate: r.orderDate,
    })),
  }
}
