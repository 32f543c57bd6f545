import type { Db } from '../../db/client.server'
import { openCampaignList } from '../../db/queries/campaigns.server'
import { personById } from '../../db/queries/people.server'
import { municipalitiesOf } from '../../db/queries/regions.server'
import { userById } from '../../db/queries/users.server'
import { can, type Actor } from '~/model/permissions'

// The open campaigns as an applicant or a municipal coordinator sees them:
// which ones this actor may apply to or nominate a candidate for.

export async function campaignList(actor: Actor) {
  const [campaigns, ownRegion] = await Promise.all([openCampaignList(), ownRegionId(actor)])
  const mayCreate = can(actor, 'application:create', { ownerUserId: actor.userId })
  const nominateIn = new Map<number, boolean>()
  for (const regionId of new Set(campaigns.map((c) => c.regionId))) {
    nominateIn.set(regionId, (await nominatableMunicipalities(actor, regionId)).length > 0)
  }
  return campaigns.map((c) => ({
    ...c,
    canApply: mayCreate && (ownRegion === null || ownRegion === c.regionId),
    canNominate: nominateIn.get(c.regionId) ?? false,
  }))
}

async function ownRegionId(actor: Actor, tx?: Db): Promise<number | null> {
  const user = await userById(actor.userId, tx)
  if (!user?.personId) return null
  return (await personById(user.personId, tx))?.regionId ?? null
}

async function nominatableMunicipalities(actor: Actor, regionId: number, tx?: Db) {
  return (await municipalitiesOf(regionId, tx)).filter((m) => can(actor, 'application:nominate', { municipalityId: m.id, regionId }))
}
