import { initialRow } from '../../workflows/snapshot'
import { inTransaction } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import {
  campaignApplicationCounts,
  campaignById,
  campaignReviewUntil,
  campaignsOfRegionPage,
  expiredOpenCampaignIds,
  insertCampaign,
  type Campaign,
} from '../../db/queries/campaigns.server'
import { commissionById, commissionsOfRegion, type Commission } from '../../db/queries/commissions.server'
import { regionalRosterId } from '../../db/queries/rosters.server'
import { ruleSetById, ruleSetsOfRegion, type RuleSetListRow } from '../../db/queries/rule-sets.server'
import { applicationStates } from '../../workflows/application.machine'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { allowedEvents, sendEvent, SYSTEM, type TransitionResult } from '../../workflows/transition.server'
import { campaignManualEvents, type CampaignCreate } from '~/model/inputs/coordinator'
import { can, type Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'

// The regional coordinator's campaigns (PRODUCT §1, §4): created from a rule
// set of the region, moved through their states by the machine's events, and
// closed by the deadline job when `closes_on` has passed.

export type CampaignsPage = { campaigns: Page<Campaign>; ruleSets: RuleSetListRow[]; commissions: Commission[] }

/** The region's campaigns a page at a time (newest first), with what the creation form offers. */
export async function campaignsPage(actor: Actor, regionId: number, page: { after: Cursor | null; from: number } = { after: null, from: 1 }): Promise<CampaignsPage> {
  if (!can(actor, 'campaign:manage', { regionId })) throw new Forbidden('campaign.list')
  const [found, ruleSets, commissions] = await Promise.all([
    campaignsOfRegionPage(regionId, page.after, PAGE_SIZE),
    ruleSetsOfRegion(regionId),
    commissionsOfRegion(regionId),
  ])
  return { campaigns: toPage(found.rows, PAGE_SIZE, page.from, found.total, (c) => c.id), ruleSets, commissions }
}

export async function createCampaign(actor: Actor, regionId: number, input: CampaignCreate): Promise<number> {
  if (!can(actor, 'campaign:manage', { regionId })) throw new Forbidden('campaign.create')
  return inTransaction(async (t) => {
    const ruleSet = await ruleSetById(input.ruleSetId, t)
    if (!ruleSet || ruleSet.regionId !== regionId) {
      throw new AppError('RULE_SET_NOT_FOUND', 422, 'Набор требований не найден среди наборов региона.', { ruleSetId: input.ruleSetId })
    }
    const commission = await commissionById(input.commissionId, t)
    if (!commission || commission.regionId !== regionId) {
      throw new AppError('COMMISSION_NOT_FOUND', 422, 'Комиссия не найдена среди комиссий региона.', { commissionId: input.commissionId })
    }
    const rosterId = await regionalRosterId(regionId, t)
    if (!rosterId) throw new AppError('NO_ROSTER', 409, 'У региона нет регионального методического актива.')
    const id = await insertCampaign(
      {
        initial: initialRow('campaign'),
        regionId,
        rosterId,
        commissionId: commission.id,
        ruleSetId: ruleSet.id,
        title: input.title,
        opensOn: input.opensOn ?? null,
        closesOn: input.closesOn ?? null,
      },
      t,
    )
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId,
        entity: 'campaign',
        entityId: id,
        action: 'CREATE',
        toState: 'draft',
        data: { ruleSetId: ruleSet.id, commissionId: commission.id },
      },
      t,
    )
    return id
  })
}

export type CampaignView = {
  campaign: Campaign
  reviewUntil: string | null
  ruleSet: { id: number; code: string; version: number; title: string } | null
  commission: string | null
  counts: { state: string; n: number }[]
  events: (typeof campaignManualEvents)[number][]
  canPublish: boolean
  approvedCount: number
}

const lifecycle = (state: string) => {
  const i = (applicationStates as readonly string[]).indexOf(state)
  return i < 0 ? applicationStates.length : i
}

/** The campaign page: open to whoever manages campaigns or publishes the roster in its region. */
export async function campaignView(actor: Actor, id: number): Promise<CampaignView> {
  const campaign = await campaignById(id)
  if (!campaign) throw new NotFound('campaign', id)
  const scope = { regionId: campaign.regionId, commissionId: campaign.commissionId }
  if (!can(actor, 'campaign:manage', scope) && !can(actor, 'roster:publish', scope)) throw new Forbidden('campaign.read')
  const [reviewUntil, ruleSet, commission, counts] = await Promise.all([
    campaignReviewUntil(id),
    ruleSetById(campaign.ruleSetId),
    campaign.commissionId ? commissionById(campaign.commissionId) : Promise.resolve(undefined),
    campaignApplicationCounts(id),
  ])
  counts.sort((a, b) => lifecycle(a.state) - lifecycle(b.state))
  const allowed = allowedEvents('campaign', { ...campaign, ...scope }, actor)
  const approvedCount = counts.find((c) => c.state === 'approved')?.n ?? 0
  return {
    campaign,
    reviewUntil,
    ruleSet: ruleSet ? { id: ruleSet.id, code: ruleSet.document.code, version: ruleSet.document.version, title: ruleSet.document.title } : null,
    commission: commission?.name ?? null,
    counts,
    events: campaignManualEvents.filter((e) => allowed.includes(e)),
    canPublish: can(actor, 'roster:publish', scope) && (allowed.includes('PUBLISH') || approvedCount > 0),
    approvedCount,
  }
}

export async function applyCampaignEvent(
  actor: Actor,
  id: number,
  event: (typeof campaignManualEvents)[number],
  rowVersion?: number,
): Promise<TransitionResult> {
  return sendEvent({ entity: 'campaign', id, actor, event: { type: event }, expectedRowVersion: rowVersion })
}

/**
 * The deadline job (PRODUCT §4: deadlines are data): every open campaign whose
 * last day of applications is over — at midnight of its region's zone
 * (PRODUCT §12) — is closed by the app itself. Each campaign in its own
 * transaction; one closed meanwhile by a person is skipped.
 */
export async function closeExpiredCampaigns(now: Date): Promise<number[]> {
  const closed: number[] = []
  for (const id of await expiredOpenCampaignIds(now)) {
    try {
      await sendEvent({ entity: 'campaign', id, actor: SYSTEM, event: { type: 'CLOSE' }, reason: 'Срок приёма заявлений истёк' })
      closed.push(id)
    } catch (e) {
      if (e instanceof AppError && (e.code === 'TRANSITION_REFUSED' || e.code === 'STALE_ROW')) continue
      throw e
    }
  }
  return closed
}
