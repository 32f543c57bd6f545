import { campaignsUnderWay, unsubmittedReviews, type CampaignUnderWay } from '../../db/queries/campaigns.server'
import { daysUntil, stageFields, stages, stageUnderWay, type Stage } from '~/model/campaign-stages'
import type { Grant } from '~/model/permissions'
import { regionDay, type Day } from '~/utils/dates'

// What is due and what is overdue for one grant of a signed-in staff person
// (issue 11, §4.1): the stages they answer for, of the campaigns under way in
// their scope, each with its deadline and the region's today (PRODUCT §12).

export type DeadlineItem = {
  campaignId: number
  campaignTitle: string
  stage: Stage
  deadline: Day
  /** The region's date at `now`: the deadline's wording is relative to it. */
  today: Day
  /** Positive ahead, 0 on the day, negative once overdue. */
  daysLeft: number
  /** What waits in the stage for this person (applications to screen, reviews to write), when it is counted. */
  count: number | null
  href: string
  /** A municipality's own selection (issue 10 §6): its decision is the municipal authority's, not the ministry's. */
  municipal: boolean
}

const item = (c: CampaignUnderWay, stage: Stage, now: Date, href: string, count: number | null = null): DeadlineItem[] => {
  const deadline = c[stageFields[stage]]
  if (!deadline || !stageUnderWay(stage, c.state)) return []
  const today = regionDay(now, c.timeZone)
  return [{ campaignId: c.id, campaignTitle: c.title, stage, deadline, today, daysLeft: daysUntil(today, deadline), count, href, municipal: c.municipalityId !== null }]
}

/** The deadlines of the grant's stages, soonest (most overdue) first; empty for a role without stages. */
export async function deadlinesFor(userId: number, g: Grant, now: Date): Promise<DeadlineItem[]> {
  const items: DeadlineItem[] = []
  switch (g.role) {
    case 'secretary':
      for (const c of await campaignsUnderWay({ commissionId: g.commissionId! })) {
        if (c.state === 'open' || c.awaitingScreening > 0) items.push(...item(c, 'screening', now, '/commission', c.awaitingScreening))
        items.push(...item(c, 'meeting', now, '/meetings'))
      }
      break
    case 'commissionMember':
    case 'chair': {
      const campaigns = await campaignsUnderWay({ commissionId: g.commissionId! })
      const owed = await unsubmittedReviews({ campaignIds: campaigns.map((c) => c.id), userId })
      for (const c of campaigns) {
        const n = owed.find((r) => r.campaignId === c.id)?.n ?? 0
        if (n > 0) items.push(...item(c, 'review', now, '/reviews', n))
      }
      break
    }
    // A municipal selection's decision is its municipal authority's, not the ministry's (issue 10 §6).
    case 'ministryOfficer':
      for (const c of await campaignsUnderWay({ regionId: g.regionId! })) if (c.municipalityId === null) items.push(...item(c, 'decision', now, '/ministry'))
      break
    case 'municipalApprover':
      for (const c of await campaignsUnderWay({ regionId: g.regionId! })) if (c.municipalityId === g.municipalityId) items.push(...item(c, 'decision', now, '/ministry'))
      break
    case 'regionalCoordinator':
      for (const c of await campaignsUnderWay({ regionId: g.regionId! })) {
        for (const stage of stages) {
          items.push(...item(c, stage, now, `/campaigns/manage/${c.id}`, stage === 'screening' ? c.awaitingScreening : null))
        }
      }
      break
    default:
      return []
  }
  return items.sort((a, b) => a.daysLeft - b.daysLeft || a.campaignId - b.campaignId)
}
