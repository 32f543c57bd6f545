import { campaignsOfRegion } from '../../db/queries/campaigns.server'
import { coverage } from '../../db/queries/members.server'
import { listRegions, regionByCode, regionById, type Region } from '../../db/queries/regions.server'
import {
  campaignStageCounts,
  membersBy,
  membersByGroup,
  membersByMunicipality,
  refusalsByRule,
  refusalsWithoutRule,
  submissionsByWeek,
} from '../../db/queries/statistics.server'
import { Forbidden, NotFound } from '../../workflows/errors'
import { campaignStateLabels } from '~/model/labels'
import { can, roleTable, type Actor } from '~/model/permissions'
import { parseId } from '~/utils/parse-id'
import { coverageTable, funnelTable, memberTables, refusalTable, weeksTable, funnelStages, type ReportTable } from '~/model/statistics'

// The region's statistics (PRODUCT §1.6): the staff report with the campaign
// funnel, and the public one with members' counts only. Every figure is one
// aggregate query; nothing here walks the members.

/**
 * Who reads a region's statistics: whoever reads its coverage for the whole
 * region (the regional coordinator, the ministry officer) and whoever manages
 * the region (the administrator, for every region). A municipal coordinator
 * reads coverage for one municipality only, so not this.
 */
export function mayReadStatistics(actor: Actor, regionId: number): boolean {
  return can(actor, 'coverage:read', { regionId }) || can(actor, 'region:manage', { regionId })
}

/**
 * The region a statistics screen shows and the regions the actor may switch
 * to: their own regions' (`region` as an id or a code picks one), every
 * region for an administrator. Refused when the actor may read none, or not
 * the one asked for.
 */
export async function statisticsRegion(actor: Actor, requested: string | null): Promise<{ region: Region; choices: Region[] }> {
  const everywhere = actor.grants.some((g) => roleTable[g.role].scope === 'all' && roleTable[g.role].permissions.includes('region:manage'))
  const own = [...new Set(actor.grants.filter((g) => g.regionId != null && mayReadStatistics(actor, g.regionId)).map((g) => g.regionId as number))]
  const choices = everywhere ? await listRegions() : ((await Promise.all(own.map((id) => regionById(id)))).filter(Boolean) as Region[])
  let region: Region | undefined = choices[0]
  if (requested) {
    const id = parseId(requested)
    region = id !== null ? await regionById(id) : await regionByCode(requested)
    if (!region) throw new NotFound('region', id ?? 0)
  }
  if (!region || !mayReadStatistics(actor, region.id)) throw new Forbidden('statistics.read')
  return { region, choices }
}

export type CampaignChoice = { id: number; title: string; state: string }

export type StatisticsReport = {
  region: { id: number; code: string; name: string; timeZone: string }
  campaigns: CampaignChoice[]
  campaign: CampaignChoice | null
  members: ReportTable[]
  coverage: ReportTable
  /** The chosen campaign's funnel, refusal reasons and submissions per week; empty without a campaign. */
  selection: ReportTable[]
  generatedAt: Date
}

async function memberCounts(regionId: number, withQualification: boolean) {
  const [municipality, subject, direction, group, qualification, level, termYear] = await Promise.all([
    membersByMunicipality(regionId),
    membersBy(regionId, 'subject'),
    membersBy(regionId, 'direction'),
    membersByGroup(regionId),
    withQualification ? membersBy(regionId, 'qualification') : Promise.resolve(undefined),
    membersBy(regionId, 'level'),
    membersBy(regionId, 'termYear'),
  ])
  return memberTables({ municipality, subject, direction, group, qualification, level, termYear })
}

const coverageOf = async (region: Region) =>
  coverageTable(await coverage(region.id), region.settings.coverage?.maxTeachersPerMember ?? null)

/**
 * The staff report of a region: members, coverage, and the funnel of the
 * chosen campaign (the latest when none is chosen). A campaign of another
 * region is not found.
 */
export async function regionStatistics(actor: Actor, region: Region, campaignId: number | null = null, now = new Date()): Promise<StatisticsReport> {
  if (!mayReadStatistics(actor, region.id)) throw new Forbidden('statistics.read')
  const campaigns = (await campaignsOfRegion(region.id)).map((c) => ({ id: c.id, title: c.title, state: c.state }))
  const campaign = campaignId === null ? (campaigns[0] ?? null) : campaigns.find((c) => c.id === campaignId)
  if (campaign === undefined) throw new NotFound('campaign', campaignId ?? 0)
  const [members, coverageReport, selection] = await Promise.all([
    memberCounts(region.id, true),
    coverageOf(region),
    campaign ? campaignTables(campaign.id, region.timeZone) : Promise.resolve([]),
  ])
  return {
    region: { id: region.id, code: region.code, name: region.name, timeZone: region.timeZone },
    campaigns,
    campaign,
    members,
    coverage: coverageReport,
    selection,
    generatedAt: now,
  }
}

async function campaignTables(campaignId: number, timeZone: string): Promise<ReportTable[]> {
  const [stages, refusals, withoutRule, weeks] = await Promise.all([
    campaignStageCounts(campaignId, funnelStages),
    refusalsByRule(campaignId),
    refusalsWithoutRule(campaignId),
    submissionsByWeek(campaignId, timeZone),
  ])
  return [funnelTable(stages), refusalTable(refusals, stages.ineligible, withoutRule), weeksTable(weeks)]
}

/** Every table of a report in order: members, coverage, then the campaign's. */
export const reportTables = (r: Pick<StatisticsReport, 'members' | 'coverage' | 'selection'>): ReportTable[] => [...r.members, r.coverage, ...r.selection]

export const campaignLabel = (c: CampaignChoice) => `${c.title} (${(campaignStateLabels[c.state] ?? c.state).toLowerCase()})`

export type PublicStatistics = { code: string; name: string; members: ReportTable[]; coverage: ReportTable }

/**
 * The public figures of a region (no sign-in): members' counts by what the
 * roster itself shows and the coverage, never a person. Only tables the
 * roster version covers (decision 0005), so the public cache stays true.
 */
export async function publicStatistics(code: string): Promise<PublicStatistics | undefined> {
  const region = await regionByCode(code)
  if (!region) return undefined
  const [members, coverageReport] = await Promise.all([memberCounts(region.id, false), coverageOf(region)])
  return { code: region.code, name: region.name, members, coverage: coverageReport }
}
