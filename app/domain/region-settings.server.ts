import { inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { updateRegionTimeZone } from '../../db/queries/regions.server'
import { AppError, Forbidden } from '../../workflows/errors'
import { timeZoneSchema } from '~/model/inputs/region'
import { can, type Actor } from '~/model/permissions'

// A region's own settings that are not data of its roster. For now its time
// zone (PRODUCT §12): it moves every deadline, consent expiry and shown time of
// the region, so only an administrator changes it, and the change is audited.

export async function changeRegionTimeZone(actor: Actor, regionId: number, timeZone: string, tx?: Db): Promise<void> {
  if (!can(actor, 'region:manage', { regionId })) throw new Forbidden('region.timeZone')
  const parsed = timeZoneSchema.safeParse(timeZone)
  if (!parsed.success) throw new AppError('INVALID_TIME_ZONE', 422, parsed.error.issues[0].message, { timeZone })
  await inTransaction(async (t) => {
    const previous = await updateRegionTimeZone(regionId, parsed.data, t)
    if (previous === undefined) throw new AppError('REGION_NOT_FOUND', 404, 'Регион не найден.', { regionId })
    await appendAudit(
      { actorUserId: actor.userId, regionId, entity: 'region', entityId: regionId, action: 'TIME_ZONE', data: { from: previous, to: parsed.data } },
      t,
    )
  }, tx)
}
