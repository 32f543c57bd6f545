import { initialRow } from '../../workflows/snapshot'
import { inTransaction, type Db, type Tx } from '../../db/client.server'
import { municipalitiesOf, type Municipality } from '../../db/queries/regions.server'
import { appendAudit } from '../../db/queries/audit.server'
import {
  campaignApplicationCounts,
  campaignById,
  campaignsOfRegionPage,
  expiredOpenCampaignIds,
  insertCampaign,
  updateCampaignDeadlines,
  type Campaign,
} from '../../db/queries/campaigns.server'
import { commissionById, commissionsOfRegion, type Commission } from '../../db/queries/commissions.server'
import { ensureMunicipalRoster, regionalRosterId } from '../../db/queries/rosters.server'
import { municipalRosterName } from '~/model/municipal-selection'
import { ruleSetById, ruleSetsOfRegion, type RuleSetListRow } from '../../db/queries/rule-sets.server'
import { applicationStates } from '../../workflows/application.machine'
import { AppError, Forbidden } from '../../workflows/errors'
import { allowedEvents, sendEvent, SYSTEM, type TransitionResult } from '../../workflows/transition.server'
import { campaignManualEvents, type CampaignCreate, type CampaignDeadlines } from '~/model/inputs/coordinator'
import { stageOrderIssues } from '~/model/campaign-stages'
import { can, type Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { recordInScope } from './application-scope.server'

// The regional coordinator's campaigns (PRODUCT §1, §4): created from a rule
// set of the region, moved through their states by the machine's events, and
// closed by the deadline job when `closes_on` has passed.

const text = {
  needRegionalCommission: 'Это комиссия муниципального отбора: для регионального методического актива выберите комиссию региона.',
  needMunicipalCommission: 'Для муниципального методического актива выберите комиссию этого муниципалитета.',
}

export type CampaignsPage = { campaigns: Page<Campaign>; ruleSets: RuleSetListRow[]; commissions: Commission[]; municipalities: Municipality[] }

/**
 * The campaigns a page at a time (newest first), with what the creation form
 * offers: the region's (`municipalityId` null: every campaign, every roster)
 * or one municipality's own selection (issue 10 §6: its campaigns, its
 * commissions, the region's rule sets and its own copies).
 */
export async function campaignsPage(
  actor: Actor,
  regionId: number,
  page: { after: Cursor | null; from: number } = { after: null, from: 1 },
  municipalityId: number | null = null,
): Promise<CampaignsPage> {
  if (!can(actor, 'campaign:manage', { regionId, campaignMunicipalityId: municipalityId })) throw new Forbidden('campaign.list')
  const [found, ruleSets, commissions, municipalities] = await Promise.all([
    campaignsOfRegionPage(regionId, page.after, PAGE_SIZE, undefined, municipalityId ?? undefined),
    ruleSetsOfRegion(regionId),
    commissionsOfRegion(regionId),
    municipalitiesOf(regionId),
  ])
  const ours = <T extends { municipalityId: number | null }>(rows: T[]) =>
    municipalityId === null ? rows : rows.filter((r) => r.municipalityId === null || r.municipalityId === municipalityId)
  return {
    campaigns: toPage(found.rows, PAGE_SIZE, page.from, found.total, (c) => c.id),
    ruleSets: ours(ruleSets),
    // a municipal selection is judged by its own commission only
    commissions: municipalityId === null ? commissions : commissions.filter((c) => c.municipalityId === municipalityId),
    municipalities: municipalityId === null ? municipalities : municipalities.filter((m) => m.id === municipalityId),
  }
}

/** The roster a campaign fills: the region's, or the municipality's own (created with its first campaign). */
async function rosterFor(regionId: number, municipalityId: number | null, t: Tx): Promise<number> {
  if (municipalityId === null) {
    const rosterId = await regionalRosterId(regionId, t)
    if (!rosterId) throw new AppError('NO_ROSTER', 409, 'У региона нет регионального методического актива.')
    return rosterId
  }
  const m = (await municipalitiesOf(regionId, t)).find((x) => x.id === municipalityId)
  if (!m) throw new AppError('MUNICIPALITY_NOT_FOUND', 422, 'Муниципалитет не найден в регионе.', { municipalityId })
  return ensureMunicipalRoster(regionId, m.id, municipalRosterName(m.name), t)
}

export async function createCampaign(actor: Actor, regionId: number, input: CampaignCreate, tx?: Db): Promise<number> {
  const municipalityId = input.municipalityId ?? null
  if (!can(actor, 'campaign:manage', { regionId, campaignMunicipalityId: municipalityId })) throw new Forbidden('campaign.create')
  return inTransaction(async (t) => {
    const ruleSet = await ruleSetById(input.ruleSetId, t)
    // the region's rule sets serve every selection of the region; a municipality's copy serves only its own
    if (!ruleSet || ruleSet.regionId !== regionId || (ruleSet.municipalityId !== null && ruleSet.municipalityId !== municipalityId)) {
      throw new AppError('RULE_SET_NOT_FOUND', 422, 'Набор требований не найден среди наборов региона.', { ruleSetId: input.ruleSetId })
    }
    const commission = await commissionById(input.commissionId, t)
    if (!commission || commission.regionId !== regionId) {
      throw new AppError('COMMISSION_NOT_FOUND', 422, 'Комиссия не найдена среди комиссий региона.', { commissionId: input.commissionId, fields: { commissionId: 'Выберите комиссию из списка' } })
    }
    if (commission.municipalityId !== municipalityId) {
      // The list offers the region's and the municipalities' commissions side by side: say which one this selection needs.
      const need = municipalityId === null ? text.needRegionalCommission : text.needMunicipalCommission
      throw new AppError('COMMISSION_NOT_FOUND', 422, need, { commissionId: input.commissionId, fields: { commissionId: need } })
    }
    const rosterId = await rosterFor(regionId, municipalityId, t)
    const id = await insertCampaign(
      {
        initial: initialRow('campaign'),
        regionId,
        rosterId,
        commissionId: commission.id,
        ruleSetId: ruleSet.id,
        title: input.title,
        ...deadlinesOf(input),
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
        data: { ruleSetId: ruleSet.id, commissionId: commission.id, municipalityId, deadlines: deadlinesOf(input) },
      },
      t,
    )
    return id
  }, tx)
}

const deadlinesOf = (d: { [K in keyof CampaignDeadlines]?: string | null }) => ({
  opensOn: d.opensOn ?? null,
  closesOn: d.closesOn ?? null,
  screeningUntil: d.screeningUntil ?? null,
  reviewUntil: d.reviewUntil ?? null,
  meetingOn: d.meetingOn ?? null,
  decisionUntil: d.decisionUntil ?? null,
})

/**
 * The coordinator changes the days of a campaign's stages (issue 11, §4.1).
 * Audited with the days before and after; a published or archived campaign
 * is over and keeps the days it ran by. The order is checked here too: the
 * schema is the form's, the domain may have other callers.
 */
export async function changeCampaignDeadlines(actor: Actor, id: number, input: CampaignDeadlines): Promise<void> {
  await inTransaction(async (t) => {
    const campaign = recordInScope('campaign', id, await campaignById(id, t), (c) => mayReadCampaign(actor, c))
    if (!can(actor, 'campaign:manage', { regionId: campaign.regionId, campaignMunicipalityId: campaign.municipalityId })) throw new Forbidden('campaign.deadlines')
    if (campaign.state === 'published' || campaign.state === 'archived') {
      throw new AppError('CAMPAIGN_FINISHED', 409, 'Отбор завершён: его сроки больше не меняются.')
    }
    const next = deadlinesOf(input)
    const issues = stageOrderIssues(next)
    if (issues.length > 0) {
      throw new AppError('STAGE_ORDER', 422, issues[0].message, { fields: Object.fromEntries(issues.map((i) => [i.path, i.message])) })
    }
    const before = deadlinesOf(campaign)
    await updateCampaignDeadlines(id, next, t)
    await appendAudit(
      { actorUserId: actor.userId, regionId: campaign.regionId, entity: 'campaign', entityId: id, action: 'DEADLINES', data: { from: before, to: next } },
      t,
    )
  })
}

export type CampaignView = {
  campaign: Campaign
  reviewUntil: string | null
  ruleSet: { id: number; code: string; version: number; title: string; municipalityId: number | null } | null
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

/** Whoever manages campaigns or publishes the roster in the campaign's region reads it; to anyone else it does not exist. */
export function mayReadCampaign(actor: Actor, campaign: Pick<Campaign, 'regionId' | 'commissionId' | 'municipalityId'>): boolean {
  const scope = { regionId: campaign.regionId, commissionId: campaign.commissionId, campaignMunicipalityId: campaign.municipalityId }
  return can(actor, 'campaign:manage', scope) || can(actor, 'roster:publish', scope)
}

/** The campaign page: open to whoever manages campaigns or publishes the roster in its region. */
export async function campaignView(actor: Actor, id: number): Promise<CampaignView> {
  const campaign = recordInScope('campaign', id, await campaignById(id), (c) => mayReadCampaign(actor, c))
  const scope = { regionId: campaign.regionId, commissionId: campaign.commissionId, campaignMunicipalityId: campaign.municipalityId }
  const [ruleSet, commission, counts] = await Promise.all([
    ruleSetById(campaign.ruleSetId),
    campaign.commissionId ? commissionById(campaign.commissionId) : Promise.resolve(undefined),
    campaignApplicationCounts(id),
  ])
  counts.sort((a, b) => lifecycle(a.state) - lifecycle(b.state))
  const allowed = allowedEvents('campaign', { ...campaign, ...scope }, actor)
  const approvedCount = counts.find((c) => c.state === 'approved')?.n ?? 0
  return {
    campaign,
    reviewUntil: campaign.reviewUntil,
    ruleSet: ruleSet
      ? { id: ruleSet.id, code: ruleSet.document.code, version: ruleSet.document.version, title: ruleSet.document.title, municipalityId: ruleSet.municipalityId }
      : null,
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
