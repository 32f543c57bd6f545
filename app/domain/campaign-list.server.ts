import type { Db } from '../../db/client.server'
import { activeApplicationIn } from '../../db/queries/applications.server'
import { openCampaignList } from '../../db/queries/campaigns.server'
import { personById } from '../../db/queries/people.server'
import { municipalitiesOf } from '../../db/queries/regions.server'
import { userById } from '../../db/queries/users.server'
import { intakeRefusal } from '~/model/campaign-intake'
import { can, type Actor } from '~/model/permissions'

// The open campaigns as an applicant or a municipal coordinator sees them:
// which ones this actor may apply to or nominate a candidate for, and the
// applicant's own active application in each (one per campaign: the list
// links to it instead of offering a second one).

export async function campaignList(actor: Actor, now: Date = new Date()) {
  const [all, own] = await Promise.all([openCampaignList(), ownPerson(actor)])
  // A last day over at its region's midnight takes no applications, though
  // the deadline job may not have closed the campaign yet (as /selections).
  const campaigns = all.filter((c) => intakeRefusal({ state: 'open', closesOn: c.closesOn, timeZone: c.timeZone }, now) === null)
  const mayCreate = can(actor, 'application:create', { ownerUserId: actor.userId })
  const nominateIn = new Map<number, boolean>()
  for (const regionId of new Set(campaigns.map((c) => c.regionId))) {
    nominateIn.set(regionId, (await nominatableMunicipalities(actor, regionId)).length > 0)
  }
  const mine = new Map<number, number | null>()
  if (mayCreate) {
    for (const c of campaigns) mine.set(c.id, (await activeApplicationIn(c.id, { personId: own.personId, applicantUserId: actor.userId })) ?? null)
  }
  return campaigns.map((c) => ({
    ...c,
    canApply: mayCreate && (own.regionId === null || own.regionId === c.regionId) && !mine.get(c.id),
    myApplicationId: mine.get(c.id) ?? null,
    canNominate: nominateIn.get(c.regionId) ?? false,
  }))
}

async function ownPerson(actor: Actor, tx?: Db): Promise<{ personId: number | null; regionId: number | null }> {
  const user = await userById(actor.userId, tx)
  if (!user?.personId) return { personId: null, regionId: null }
  return { personId: user.personId, regionId: (await personById(user.personId, tx))?.regionId ?? null }
}

async function nominatableMunicipalities(actor: Actor, regionId: number, tx?: Db) {
  return (await municipalitiesOf(regionId, tx)).filter((m) => can(actor, 'application:nominate', { municipalityId: m.id, regionId }))
}
