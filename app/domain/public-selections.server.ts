import { publicOpenCampaigns, type PublicOpenCampaign } from '../../db/queries/campaigns.server'
import { listRegions } from '../../db/queries/regions.server'
import { ruleSetById } from '../../db/queries/rule-sets.server'
import { can, type Actor } from '~/model/permissions'
import { describeRequirements, type Requirements } from '~/model/requirements'
import { endOfRegionDay, regionDay, type Day } from '~/utils/dates'

// The open selections as a visitor sees them before registering (issue 9,
// item 7): each open campaign with its region, its requirements read from the
// campaign's rule set, its deadline in the region's zone and where the
// regulation is published. Only public particulars: no commission, no
// applications, no people.

/** What «Подать заявление» does for this viewer: sign in (or register) first, open the form, or nothing (staff). */
export type ApplyPath = 'signIn' | 'form' | 'none'

export type PublicSelection = Omit<PublicOpenCampaign, 'regionId' | 'ruleSetId'> & {
  requirements: Requirements
  /** Whole days of applications left, today included (1 on the last day); null without a deadline. */
  daysLeft: number | null
  /** The instant the last day ends (the region's midnight), for the offset shown beside the date. */
  closesAt: Date | null
  apply: ApplyPath
}

function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

function applyPath(actor: Actor | null): ApplyPath {
  if (!actor) return 'signIn'
  return can(actor, 'application:create', { ownerUserId: actor.userId }) ? 'form' : 'none'
}

async function withRequirements(campaigns: PublicOpenCampaign[], actor: Actor | null, now: Date): Promise<PublicSelection[]> {
  const ruleSets = new Map<number, Requirements>()
  for (const id of new Set(campaigns.map((c) => c.ruleSetId))) {
    const rs = await ruleSetById(id)
    if (rs) ruleSets.set(id, describeRequirements(rs.document))
  }
  const apply = applyPath(actor)
  // A last day already over is closed by the deadline job within minutes; it takes no applications now.
  const open = campaigns.filter((c) => !c.closesOn || now < endOfRegionDay(c.closesOn, c.timeZone))
  return open.map(({ regionId: _regionId, ruleSetId, ...c }) => ({
    ...c,
    requirements: ruleSets.get(ruleSetId) ?? { title: '', blocks: [] },
    daysLeft: c.closesOn ? daysBetween(regionDay(now, c.timeZone), c.closesOn) + 1 : null,
    closesAt: c.closesOn ? endOfRegionDay(c.closesOn, c.timeZone) : null,
    apply,
  }))
}

/** The open selections, of one region when `regionCode` names one; regions for the filter. */
export async function publicSelections(opts: { regionCode?: string; actor: Actor | null; now?: Date }) {
  const now = opts.now ?? new Date()
  const regions = (await listRegions()).map((r) => ({ code: r.code, name: r.name }))
  const region = opts.regionCode ? regions.find((r) => r.code === opts.regionCode) : undefined
  const campaigns = await publicOpenCampaigns(region ? { regionCode: region.code } : {})
  return { regions, region, selections: await withRequirements(campaigns, opts.actor, now) }
}

/** One open selection, or undefined when there is no such open campaign. */
export async function publicSelection(id: number, actor: Actor | null, now: Date = new Date()): Promise<PublicSelection | undefined> {
  const [campaign] = await publicOpenCampaigns({ id })
  if (!campaign) return undefined
  return (await withRequirements([campaign], actor, now))[0]
}
