import type { Cursor } from '~/model/paging'
import type { StageDeadlines } from '~/model/campaign-stages'
import type { InitialWorkflowRow } from './workflow-row'
import { afterCursor } from './keyset'
import { db, type Db } from '../client.server'

export type CampaignInput = {
  initial: InitialWorkflowRow
  regionId: number
  rosterId: number
  commissionId: number | null
  ruleSetId: number
  title: string
  opensOn: string | null
  closesOn: string | null
} & Partial<Omit<StageDeadlines, 'closesOn'>>

export async function insertCampaign(c: CampaignInput, tx: Db = db()): Promise<number> {
  const init = c.initial
  const [row] = await tx<{ id: number }[]>`
    insert into campaigns (region_id, roster_id, commission_id, rule_set_id, title, opens_on, closes_on,
                           screening_until, review_until, meeting_on, decision_until, snapshot, state, machine_version)
    values (${c.regionId}, ${c.rosterId}, ${c.commissionId}, ${c.ruleSetId}, ${c.title}, ${c.opensOn}, ${c.closesOn},
            ${c.screeningUntil ?? null}, ${c.reviewUntil ?? null}, ${c.meetingOn ?? null}, ${c.decisionUntil ?? null},
            ${tx.json(init.snapshot as never)}, ${init.state}, ${init.machineVersion})
    returning id::int`
  return row.id
}

/** `timeZone`: the region's, in which `opensOn`/`closesOn` and the stages' days begin and end (PRODUCT §12). */
export type Campaign = Omit<CampaignInput, 'initial' | keyof StageDeadlines> &
  StageDeadlines & {
    id: number
    state: string
    rowVersion: number
    regionCode: string
    timeZone: string
    appealDays: number
    /** A municipal selection's municipality (its roster's, issue 10 §6); null for the region's. */
    municipalityId: number | null
  }

const cols = (tx: Db) => tx`
  c.id::int, c.region_id::int as "regionId", r.code as "regionCode", r.time_zone as "timeZone", c.roster_id::int as "rosterId",
  c.commission_id::int as "commissionId", c.rule_set_id::int as "ruleSetId", c.title,
  (select ro.municipality_id::int from rosters ro where ro.id = c.roster_id) as "municipalityId",
  to_char(c.opens_on, 'YYYY-MM-DD') as "opensOn", to_char(c.closes_on, 'YYYY-MM-DD') as "closesOn",
  to_char(c.screening_until, 'YYYY-MM-DD') as "screeningUntil", to_char(c.review_until, 'YYYY-MM-DD') as "reviewUntil",
  to_char(c.meeting_on, 'YYYY-MM-DD') as "meetingOn", to_char(c.decision_until, 'YYYY-MM-DD') as "decisionUntil",
  c.state, c.row_version as "rowVersion", c.appeal_days as "appealDays"`

export async function campaignById(id: number, tx: Db = db()): Promise<Campaign | undefined> {
  const [row] = await tx<Campaign[]>`select ${cols(tx)} from campaigns c join regions r on r.id = c.region_id where c.id = ${id}`
  return row
}

export async function campaignsOfRegion(regionId: number, tx: Db = db()): Promise<Campaign[]> {
  return tx<Campaign[]>`
    select ${cols(tx)} from campaigns c join regions r on r.id = c.region_id
    where c.region_id = ${regionId} order by c.id desc`
}

export async function openCampaigns(tx: Db = db()): Promise<Campaign[]> {
  return tx<Campaign[]>`
    select ${cols(tx)} from campaigns c join regions r on r.id = c.region_id where c.state = 'open' order by c.id`
}

/** Applications of a campaign per state (the coordinator's campaign page). */
export async function campaignApplicationCounts(campaignId: number, tx: Db = db()): Promise<{ state: string; n: number }[]> {
  return tx<{ state: string; n: number }[]>`
    select state, count(*)::int as n from applications where campaign_id = ${campaignId} group by state order by state`
}

/**
 * Open campaigns whose last day of applications (`closes_on`) is over at
 * `now`: the day ends at midnight in the campaign's region (PRODUCT §12), so at
 * one instant a Khabarovsk campaign may be closed while a Yugra one with the
 * same last day is still open.
 */
export async function expiredOpenCampaignIds(now: Date, tx: Db = db()): Promise<number[]> {
  const rows = await tx<{ id: number }[]>`
    select c.id::int from campaigns c join regions r on r.id = c.region_id
    where c.state = 'open' and c.closes_on is not null
      and c.closes_on < (${now}::timestamptz at time zone r.time_zone)::date
    order by c.id`
  return rows.map((r) => r.id)
}

export async function campaignReviewUntil(id: number, tx: Db = db()): Promise<string | null> {
  const [row] = await tx<{ reviewUntil: string | null }[]>`
    select to_char(review_until, 'YYYY-MM-DD') as "reviewUntil" from campaigns where id = ${id}`
  return row?.reviewUntil ?? null
}

export type OpenCampaign = { id: number; regionId: number; regionName: string; title: string; opensOn: string | null; closesOn: string | null; timeZone: string }

/** Open campaigns of every region, soonest deadline first (the applicant's list). */
export async function openCampaignList(tx: Db = db()): Promise<OpenCampaign[]> {
  return tx<OpenCampaign[]>`
    select c.id::int, c.region_id::int as "regionId", r.name as "regionName", c.title,
           to_char(c.opens_on, 'YYYY-MM-DD') as "opensOn", to_char(c.closes_on, 'YYYY-MM-DD') as "closesOn", r.time_zone as "timeZone"
    from campaigns c join regions r on r.id = c.region_id
    where c.state = 'open' order by c.closes_on nulls last, r.name, c.id`
}

export type CommissionCampaign = {
  id: number
  title: string
  state: string
  rubricMax: number | null
  inReview: number
  recommended: number
  /** a municipal selection's municipality (issue 10 §6); null for the region's */
  municipalityId: number | null
}

/** The campaigns a commission works on, with how many candidates are in review and recommended. */
export async function campaignsOfCommission(commissionId: number, tx: Db = db()): Promise<CommissionCampaign[]> {
  return tx<CommissionCampaign[]>`
    select c.id::int, c.title, c.state, c.rubric_max as "rubricMax",
           (select ro.municipality_id::int from rosters ro where ro.id = c.roster_id) as "municipalityId",
           -- two index ranges of applications_campaign_state, not every application of the campaign
           (select count(*) from applications a where a.campaign_id = c.id and a.state = 'inReview')::int as "inReview",
           (select count(*) from applications a where a.campaign_id = c.id and a.state = 'recommended')::int as recommended
    from campaigns c
    where c.commission_id = ${commissionId}
    order by c.id desc`
}

/** The campaign's rubric: reviews score 0 … rubricMax, or no score when null. */
export async function campaignRubricMax(id: number, tx: Db = db()): Promise<number | null> {
  const [row] = await tx<{ rubricMax: number | null }[]>`select rubric_max as "rubricMax" from campaigns where id = ${id}`
  return row?.rubricMax ?? null
}

export type PublicOpenCampaign = OpenCampaign & {
  /** The later stages an applicant waits through (issue 11, §4.1): the screening's, the meeting's and the decision's days. */
  screeningUntil: string | null
  meetingOn: string | null
  decisionUntil: string | null
  regionCode: string
  timeZone: string
  siteUrl: string
  ministryName: string
  ruleSetId: number
  /** The municipality whose own selection this is (issue 10 §6); null for the region's. Public: municipalities' names are. */
  municipalityName: string | null
}

/**
 * Open campaigns as a visitor sees them (the public selections page): nothing
 * but the campaign, its region's public particulars and its rule set's id.
 * `regionCode` narrows to one region; `id` to one campaign.
 */
export async function publicOpenCampaigns(f: { regionCode?: string; id?: number } = {}, tx: Db = db()): Promise<PublicOpenCampaign[]> {
  return tx<PublicOpenCampaign[]>`
    select c.id::int, c.region_id::int as "regionId", r.name as "regionName", r.code as "regionCode", r.time_zone as "timeZone",
           r.site_url as "siteUrl", r.ministry_name as "ministryName", c.rule_set_id::int as "ruleSetId", c.title,
           to_char(c.opens_on, 'YYYY-MM-DD') as "opensOn", to_char(c.closes_on, 'YYYY-MM-DD') as "closesOn",
           to_char(c.screening_until, 'YYYY-MM-DD') as "screeningUntil", to_char(c.meeting_on, 'YYYY-MM-DD') as "meetingOn",
           to_char(c.decision_until, 'YYYY-MM-DD') as "decisionUntil",
           (select mu.name from rosters ro join municipalities mu on mu.id = ro.municipality_id where ro.id = c.roster_id) as "municipalityName"
    from campaigns c join regions r on r.id = c.region_id
    where c.state = 'open'
      ${f.regionCode ? tx`and r.code = ${f.regionCode}` : tx``}
      ${f.id !== undefined ? tx`and c.id = ${f.id}` : tx``}
    order by c.closes_on nulls last, r.name, c.id`
}

/** One page of a region's campaigns, newest first (keyset on the id), with the total (a region has few). */
/** `municipalityId`: undefined — every campaign of the region; a municipality — only its own selection's. */
export async function campaignsOfRegionPage(
  regionId: number,
  after: Cursor | null,
  limit: number,
  tx: Db = db(),
  municipalityId?: number,
): Promise<{ rows: Campaign[]; total: number }> {
  const mine = municipalityId === undefined ? tx`true` : tx`c.roster_id in (select id from rosters where municipality_id = ${municipalityId})`
  const [rows, [count]] = await Promise.all([
    tx<Campaign[]>`
      select ${cols(tx)} from campaigns c join regions r on r.id = c.region_id
      where c.region_id = ${regionId} and ${mine} and ${afterCursor(tx, tx`c.id`, tx`c.id`, after, 'desc')}
      order by c.id desc limit ${limit + 1}`,
    tx<{ n: number }[]>`select count(*)::int as n from campaigns c where c.region_id = ${regionId} and ${mine}`,
  ])
  return { rows, total: count.n }
}

/** Sets the days of a campaign's stages (the coordinator's form; the caller audits). */
export async function updateCampaignDeadlines(id: number, d: { opensOn: string | null } & StageDeadlines, tx: Db = db()): Promise<void> {
  await tx`
    update campaigns set opens_on = ${d.opensOn}, closes_on = ${d.closesOn}, screening_until = ${d.screeningUntil},
                         review_until = ${d.reviewUntil}, meeting_on = ${d.meetingOn}, decision_until = ${d.decisionUntil}
    where id = ${id}`
}

/** A campaign under way with what its stages still wait for. */
export type CampaignUnderWay = Campaign & {
  /** Applications the secretary has yet to screen (submitted, in screening, waiting for information). */
  awaitingScreening: number
}

/**
 * Campaigns taking applications or on their way to the ministry's decision,
 * of one region, one commission or (the reminder job) all of them.
 */
export async function campaignsUnderWay(f: { regionId?: number; commissionId?: number } = {}, tx: Db = db()): Promise<CampaignUnderWay[]> {
  return tx<CampaignUnderWay[]>`
    select ${cols(tx)},
           (select count(*)::int from applications a
            where a.campaign_id = c.id and a.state in ('submitted', 'screening', 'needsInformation')) as "awaitingScreening"
    from campaigns c join regions r on r.id = c.region_id
    where c.state in ('open', 'closed', 'inReview', 'atMinistry')
      ${f.regionId !== undefined ? tx`and c.region_id = ${f.regionId}` : tx``}
      ${f.commissionId !== undefined ? tx`and c.commission_id = ${f.commissionId}` : tx``}
    order by c.id`
}

/**
 * Reviews not yet submitted per reviewer and campaign (candidate still in
 * review; an active member of the campaign's commission): who still owes the
 * commission a review. `userId` narrows to one person.
 */
export async function unsubmittedReviews(
  f: { campaignIds: number[]; userId?: number },
  tx: Db = db(),
): Promise<{ campaignId: number; userId: number; email: string | null; n: number }[]> {
  if (f.campaignIds.length === 0) return []
  return tx<{ campaignId: number; userId: number; email: string | null; n: number }[]>`
    select a.campaign_id::int as "campaignId", u.id::int as "userId", u.login as email, count(*)::int as n
    from reviews rv join commission_members cm on cm.id = rv.commission_member_id
    join users u on u.id = cm.user_id join applications a on a.id = rv.application_id
    where a.campaign_id = any(${f.campaignIds}::bigint[]) and rv.submitted_at is null and a.state = 'inReview'
      and cm.active and u.active
      ${f.userId !== undefined ? tx`and u.id = ${f.userId}` : tx``}
    group by a.campaign_id, u.id order by a.campaign_id, u.id`
}

/**
 * The region's selections not archived whose rule set has this code and
 * belongs to this level (`municipalityId`: a municipality's copy, or null
 * for the region's own sets, which municipal selections may use too).
 * Selections of the rule set's own level first, then open ones, then the
 * newest. The rule-set editor previews a new version on their applications.
 */
export async function currentCampaignsOfRuleSet(regionId: number, code: string, municipalityId: number | null, tx: Db = db()): Promise<Campaign[]> {
  return tx<Campaign[]>`
    select ${cols(tx)} from campaigns c join regions r on r.id = c.region_id join rule_sets rs on rs.id = c.rule_set_id
    where c.region_id = ${regionId} and rs.code = ${code} and rs.municipality_id is not distinct from ${municipalityId}
      and c.state <> 'archived'
    order by ((select ro.municipality_id from rosters ro where ro.id = c.roster_id) is not distinct from ${municipalityId}) desc,
      (c.state = 'open') desc, c.created_at desc, c.id desc`
}

/** The campaign's appeal period in working days (issue 10 §5). */
export async function updateCampaignAppealDays(id: number, days: number, tx: Db = db()): Promise<void> {
  await tx`update campaigns set appeal_days = ${days} where id = ${id}`
}
