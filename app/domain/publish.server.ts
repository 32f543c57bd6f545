import { inTransaction, type Db } from '../../db/client.server'
import { campaignApplicationsInState } from '../../db/queries/applications.server'
import { approvingOrderOf } from '../../db/queries/approvals.server'
import { appendAudit } from '../../db/queries/audit.server'
import { campaignById } from '../../db/queries/campaigns.server'
import { currentConsent } from '../../db/queries/consents.server'
import { insertMember } from '../../db/queries/members.server'
import { regionTermYears } from '../../db/queries/regions.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { initialRow } from '../../workflows/snapshot'
import { sendEvent } from '../../workflows/transition.server'
import { can, type Actor } from '~/model/permissions'
import { regionDay } from '~/utils/dates'

// Publication (PRODUCT §1.5): every approved application of the campaign
// becomes a member of the roster in one transaction; the member is public
// only if the person's current dissemination consent names their full name.

// The term is the region's (regions.term_years, 3 unless its settings say otherwise).

/** The same day `years` later; 29 February becomes 28 February. */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate()
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

export type PublishResult = { members: { memberId: number; applicationId: number; public: boolean }[]; campaignPublished: boolean }

export async function publishApproved(actor: Actor, campaignId: number, tx?: Db): Promise<PublishResult> {
  return inTransaction(async (t) => {
    const campaign = await campaignById(campaignId, t)
    if (!campaign) throw new NotFound('campaign', campaignId)
    if (!can(actor, 'roster:publish', { regionId: campaign.regionId, campaignMunicipalityId: campaign.municipalityId })) throw new Forbidden('roster.publish')
    const approved = await campaignApplicationsInState(campaignId, 'approved', t)
    if (approved.length === 0 && campaign.state !== 'approved') {
      throw new AppError('NOTHING_TO_PUBLISH', 409, 'В отборе нет согласованных кандидатов, которых можно опубликовать.')
    }
    // A consent «until D» covers all of D in the member's region (PRODUCT §12).
    const today = regionDay(new Date(), campaign.timeZone)
    const termYears = await regionTermYears(campaign.regionId, t)
    const members: PublishResult['members'] = []
    for (const app of approved) {
      await sendEvent({ entity: 'application', id: app.id, actor, event: { type: 'PUBLISH' } }, t)
      const order = await approvingOrderOf(app.id, t)
      const consent = await currentConsent(app.personId, 'dissemination', t)
      const isPublic = !!consent && consent.fields.includes('fullName') && (consent.validUntil === null || consent.validUntil >= today)
      const init = initialRow('member')
      const memberId = await insertMember(
        {
          regionId: campaign.regionId,
          rosterId: campaign.rosterId,
          personId: app.personId,
          applicationId: app.id,
          directionId: app.directionId,
          groupId: app.groupId,
          subjects: app.subjects,
          admittedOrderId: order?.orderId ?? null,
          termEndsOn: order ? addYears(order.date, termYears) : null,
          public: isPublic,
          snapshot: init.snapshot,
          state: init.state,
          machineVersion: init.machineVersion,
        },
        t,
      )
      await appendAudit(
        {
          actorUserId: actor.userId,
          regionId: campaign.regionId,
          entity: 'member',
          entityId: memberId,
          action: 'ADMIT',
          toState: init.state,
          data: { applicationId: app.id, campaignId, orderId: order?.orderId ?? null, public: isPublic },
        },
        t,
      )
      members.push({ memberId, applicationId: app.id, public: isPublic })
    }
    let campaignPublished = false
    if (campaign.state === 'approved') {
      await sendEvent({ entity: 'campaign', id: campaignId, actor, event: { type: 'PUBLISH' } }, t)
      campaignPublished = true
    }
    return { members, campaignPublished }
  }, tx)
}
