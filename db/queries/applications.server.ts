import type { EligibilityResult, Facts } from '~/model/eligibility'
import type { Cursor } from '~/model/paging'
import type { InitialWorkflowRow } from './workflow-row'
import { afterCursor } from './keyset'
import { db, type Db } from '../client.server'

export type ApplicationSource = 'self' | 'municipality' | 'centre' | 'registry'

export type ApplicationInput = {
  initial: InitialWorkflowRow
  campaignId: number
  regionId: number
  municipalityId: number | null
  personId: number
  applicantUserId: number | null
  nominatedBy: number | null
  source: ApplicationSource
  directionId: number | null
  groupId: number | null
  facts: Facts
}

/**
 * States in which an application holds its person's one place in a campaign:
 * every state of the machine that is not final, except «не соответствует» and
 * «отклонено», which only an upheld appeal reopens (the appeal is refused
 * while the person has started another application). The partial unique
 * index applications_one_active_per_person (migration 0013) lists the same
 * states.
 */
export const activeApplicationStates = [
  'draft', 'submitted', 'screening', 'needsInformation', 'inReview', 'deferred', 'recommended', 'atMinistry', 'returned', 'approved',
] as const

/**
 * A new application, or undefined when the person already has an active one
 * in this campaign (the unique index decides, so two parallel inserts cannot
 * both win: the second waits for the first to commit, then does nothing).
 */
export async function insertApplication(a: ApplicationInput, tx: Db = db()): Promise<number | undefined> {
  const init = a.initial
  const [row] = await tx<{ id: number }[]>`
    insert into applications (campaign_id, region_id, municipality_id, person_id, applicant_user_id, nominated_by, source,
                              direction_id, group_id, facts, snapshot, state, machine_version)
    values (${a.campaignId}, ${a.regionId}, ${a.municipalityId}, ${a.personId}, ${a.applicantUserId}, ${a.nominatedBy},
            ${a.source}, ${a.directionId}, ${a.groupId}, ${tx.json(a.facts as never)}, ${tx.json(init.snapshot as never)},
            ${init.state}, ${init.machineVersion})
    on conflict (person_id, campaign_id)
      where state in ('draft', 'submitted', 'screening', 'needsInformation', 'inReview', 'deferred', 'recommended', 'atMinistry', 'returned', 'approved')
      do nothing
    returning id::int`
  return row?.id
}

/**
 * The active application in a campaign of a person, or of an applicant's
 * account (whatever person row it was filed under), if there is one.
 */
export async function activeApplicationIn(
  campaignId: number,
  who: { personId?: number | null; applicantUserId?: number | null },
  tx: Db = db(),
): Promise<number | undefined> {
  const person = who.personId ?? null
  const user = who.applicantUserId ?? null
  if (person === null && user === null) return undefined
  const [row] = await tx<{ id: number }[]>`
    select id::int from applications
    where campaign_id = ${campaignId} and state = any(${activeApplicationStates as unknown as string[]})
      and (person_id = ${person} or applicant_user_id = ${user})
    order by id limit 1`
  return row?.id
}

export type ApplicationRow = {
  id: number
  campaignId: number
  /** Every list of applications names the campaign (one person may apply to several). */
  campaignTitle: string
  regionId: number
  municipalityId: number | null
  commissionId: number | null
  /** The municipality whose own selection the campaign is (issue 10 §6); null for the region's. */
  campaignMunicipalityId: number | null
  ownerUserId: number | null
  nominatedBy: number | null
  personId: number
  fullName: string
  organisationName: string | null
  municipalityName: string | null
  source: ApplicationSource
  facts: Facts
  eligibility: EligibilityResult | null
  ruleSetId: number
  state: string
  rowVersion: number
  updatedAt: Date
}

/** An application in a list: everything but its facts and screening result. */
export type ApplicationListRow = Omit<ApplicationRow, 'facts' | 'eligibility'>

const listCols = (tx: Db) => tx`
  a.id::int, a.campaign_id::int as "campaignId", a.region_id::int as "regionId", a.municipality_id::int as "municipalityId",
  c.commission_id::int as "commissionId", a.applicant_user_id::int as "ownerUserId", a.nominated_by::int as "nominatedBy",
  (select ro.municipality_id::int from rosters ro where ro.id = c.roster_id) as "campaignMunicipalityId",
  a.person_id::int as "personId",
  trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName", o.name as "organisationName",
  m.name as "municipalityName", a.source, c.rule_set_id::int as "ruleSetId", a.state,
  a.row_version as "rowVersion", a.updated_at as "updatedAt", c.title as "campaignTitle"`

const cols = (tx: Db) => tx`${listCols(tx)}, a.facts, a.eligibility`

const from = (tx: Db) => tx`
  applications a join campaigns c on c.id = a.campaign_id join people p on p.id = a.person_id
  left join organisations o on o.id = p.organisation_id left join municipalities m on m.id = a.municipality_id`

export async function applicationById(id: number, tx: Db = db()): Promise<ApplicationRow | undefined> {
  const [row] = await tx<ApplicationRow[]>`select ${cols(tx)} from ${from(tx)} where a.id = ${id}`
  return row
}

export type ApplicationFilter =
  | { applicantUserId: number }
  | { municipalityId: number }
  | { commissionId: number; states: string[] }
  | { regionId: number; states: string[]; selection?: Selection }

/**
 * Whose selection a region's list covers: undefined — every campaign of the
 * region; null — the region's own; a municipality id — that municipality's own.
 */
export type Selection = number | null | undefined

const ofSelection = (tx: Db, selection: Selection) =>
  selection === undefined
    ? tx`true`
    : tx`(select ro.municipality_id from rosters ro where ro.id = c.roster_id) is not distinct from ${selection}::bigint`

/**
 * A municipality's candidates: a teacher's own draft is theirs alone until it
 * is submitted (canReadApplication), so only the municipality's nominations
 * are listed while still drafts.
 */
const ofMunicipality = (tx: Db, municipalityId: number) =>
  tx`a.municipality_id = ${municipalityId} and (a.state <> 'draft' or a.source <> 'self')`

/** The lists each role's dashboard shows; every filter is a scope, never "all". */
export async function listApplications(f: ApplicationFilter, limit = 50, tx: Db = db()): Promise<ApplicationListRow[]> {
  const where =
    'applicantUserId' in f
      ? tx`a.applicant_user_id = ${f.applicantUserId}`
      : 'municipalityId' in f
        ? ofMunicipality(tx, f.municipalityId)
        : 'commissionId' in f
          ? tx`c.commission_id = ${f.commissionId} and a.state = any(${f.states})`
          : tx`a.region_id = ${f.regionId} and a.state = any(${f.states}) and ${ofSelection(tx, f.selection)}`
  return tx<ApplicationListRow[]>`select ${listCols(tx)} from ${from(tx)} where ${where} order by a.updated_at desc, a.id desc limit ${limit}`
}

/** `notOnMeeting`: leaves out the candidates already on that meeting's agenda. */
export type CommissionListFilter = { commissionId: number; states: string[]; q?: string | null; notOnMeeting?: number }

const nameLike = (q: string | null | undefined) =>
  q ? `%${q.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null

// The name filter is the only condition on people: without it the lists and
// counts never join people (50,000 rows in a large region) to find their rows.
const commissionWhere = (tx: Db, f: CommissionListFilter) =>
  tx`c.commission_id = ${f.commissionId} and a.state = any(${f.states}) ${f.q ? tx`and p.sort_key like ${nameLike(f.q)}` : tx``}
     ${f.notOnMeeting ? tx`and not exists (select 1 from meeting_items i where i.meeting_id = ${f.notOnMeeting} and i.application_id = a.id)` : tx``}`

/** The tables `commissionWhere` reads: people only for a name search (or a name order). */
const commissionFrom = (tx: Db, withPeople: boolean) =>
  withPeople
    ? tx`applications a join campaigns c on c.id = a.campaign_id join people p on p.id = a.person_id`
    : tx`applications a join campaigns c on c.id = a.campaign_id`

// The sort key of the commission's lists: the last change, newest first, as
// epoch seconds (a number survives the cursor exactly; a timestamp string would not compare as one).
const changedKey = (tx: Db) => tx`extract(epoch from a.updated_at)::float8`
const sortKey = (tx: Db) => tx`coalesce(p.sort_key, '') collate "C"`

/**
 * One keyset page of a commission's applications in these states, `limit + 1`
 * rows: by the last change, newest first (the queue); by id, oldest first
 * (the board, where a row must not move while reviewers are being added); or
 * in Russian name order (a choice of candidates).
 */
export async function commissionApplicationPage(
  f: CommissionListFilter & { after: Cursor | null; limit: number; order?: 'changed' | 'id' | 'name' },
  tx: Db = db(),
): Promise<(ApplicationListRow & { changedKey: number; sortKey: string })[]> {
  const order = f.order ?? 'changed'
  const key = order === 'id' ? tx`a.id` : order === 'name' ? sortKey(tx) : changedKey(tx)
  const direction = order === 'changed' ? 'desc' : 'asc'
  const orderBy = order === 'id' ? tx`a.id asc` : direction === 'desc' ? tx`${key} desc, a.id desc` : tx`${key} asc, a.id asc`
  // The page's ids first, from applications alone (people only to search or
  // order by name), then the names and labels of those rows only: joining
  // every candidate's person before the limit made the secretary's queue
  // hash all of the region's people on every page (issue 14).
  // Without the screening result (≈ 4 KB of JSON an application): a page of
  // them cost the secretary's queue more than its render (issue 14).
  return tx<(ApplicationListRow & { changedKey: number; sortKey: string })[]>`
    select ${listCols(tx)}, ${changedKey(tx)} as "changedKey", ${sortKey(tx)} as "sortKey" from ${from(tx)}
    where a.id in (
      select a.id from ${commissionFrom(tx, Boolean(f.q) || order === 'name')}
      where ${commissionWhere(tx, f)} and ${afterCursor(tx, key, tx`a.id`, f.after, direction)}
      order by ${orderBy}
      limit ${f.limit + 1})
    order by ${orderBy}`
}

export type ConflictCandidate = { id: number; fullName: string; organisationName: string | null; sortKey: string }

/**
 * A conflict of interest is with a person, not with one of their
 * applications: each person before the commission once (by their first
 * application the member is not yet recused from). The SQL of both the page
 * and its count.
 */
const conflictPeople = (tx: Db, f: CommissionListFilter & { commissionMemberId: number }) => tx`
  select distinct on (a.person_id) a.id::int as id, trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName",
         o.name as "organisationName", coalesce(p.sort_key, '') as "sortKey"
  from applications a join campaigns c on c.id = a.campaign_id join people p on p.id = a.person_id
  left join organisations o on o.id = p.organisation_id
  where ${commissionWhere(tx, f)}
    and not exists (select 1 from recusals x where x.commission_member_id = ${f.commissionMemberId} and x.application_id = a.id)
  order by a.person_id, a.id`

/** One keyset page, in Russian name order, of the people a member can declare a conflict of interest on; `limit + 1` rows. */
export async function conflictCandidatePage(
  f: CommissionListFilter & { commissionMemberId: number; after: Cursor | null; limit: number },
  tx: Db = db(),
): Promise<ConflictCandidate[]> {
  return tx<ConflictCandidate[]>`
    select * from (${conflictPeople(tx, f)}) t
    where ${afterCursor(tx, tx`t."sortKey" collate "C"`, tx`t.id`, f.after, 'asc')}
    order by t."sortKey" collate "C", t.id
    limit ${f.limit + 1}`
}

export async function countConflictCandidates(f: CommissionListFilter & { commissionMemberId: number }, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ n: number }[]>`select count(*)::int as n from (${conflictPeople(tx, f)}) t`
  return row.n
}

export async function countCommissionApplications(f: CommissionListFilter, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from ${commissionFrom(tx, Boolean(f.q))} where ${commissionWhere(tx, f)}`
  return row.n
}

export async function countByState(f: { regionId?: number; municipalityId?: number; commissionId?: number }, tx: Db = db()) {
  const where = f.municipalityId
    ? tx`a.municipality_id = ${f.municipalityId}`
    : f.commissionId
      ? tx`c.commission_id = ${f.commissionId}`
      : tx`a.region_id = ${f.regionId ?? -1}`
  return tx<{ state: string; n: number }[]>`
    select a.state, count(*)::int as n from applications a join campaigns c on c.id = a.campaign_id
    where ${where} group by a.state order by a.state`
}

export async function storeEligibility(
  id: number,
  facts: Facts,
  result: EligibilityResult,
  ruleSetId: number,
  tx: Db = db(),
): Promise<void> {
  await tx`
    update applications set facts = ${tx.json(facts as never)}, eligibility = ${tx.json(result as never)},
      eligibility_rule_set_id = ${ruleSetId}, eligibility_evaluated_at = now(), updated_at = now()
    where id = ${id}`
}

export async function markSubmitted(id: number, tx: Db = db()): Promise<void> {
  await tx`update applications set submitted_at = coalesce(submitted_at, now()) where id = ${id}`
}

export type PublishableApplication = {
  id: number
  personId: number
  directionId: number | null
  groupId: number | null
  subjects: string[]
}

/** Applications of a campaign in one state, with what a member row copies from them. */
export async function campaignApplicationsInState(campaignId: number, state: string, tx: Db = db()): Promise<PublishableApplication[]> {
  return tx<PublishableApplication[]>`
    select a.id::int, a.person_id::int as "personId", a.direction_id::int as "directionId", a.group_id::int as "groupId", p.subjects
    from applications a join people p on p.id = a.person_id
    where a.campaign_id = ${campaignId} and a.state = ${state}
    order by a.id`
}

export async function countCampaignInState(campaignId: number, state: string, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ n: number }[]>`select count(*)::int as n from applications where campaign_id = ${campaignId} and state = ${state}`
  return row.n
}

export type DraftRow = {
  id: number
  campaignId: number
  regionId: number
  municipalityId: number | null
  personId: number
  ownerUserId: number | null
  nominatedBy: number | null
  source: ApplicationSource
  groupId: number | null
  facts: Facts
  state: string
  rowVersion: number
}

/** The editable part of an application; `forUpdate` locks the row for the rest of the transaction. */
export async function applicationForEdit(id: number, tx: Db = db(), forUpdate = false): Promise<DraftRow | undefined> {
  const [row] = await tx<DraftRow[]>`
    select id::int, campaign_id::int as "campaignId", region_id::int as "regionId", municipality_id::int as "municipalityId",
           person_id::int as "personId", applicant_user_id::int as "ownerUserId", nominated_by::int as "nominatedBy", source,
           group_id::int as "groupId", facts, state, row_version as "rowVersion"
    from applications where id = ${id} ${forUpdate ? tx`for update` : tx``}`
  return row
}

/** Rewrites a draft's data (not its state: that is the machine's); bumps the row version. */
export async function updateDraft(
  id: number,
  d: { municipalityId: number | null; directionId: number | null; groupId: number | null; facts: Facts },
  expectedRowVersion: number,
  tx: Db = db(),
): Promise<number | undefined> {
  const [row] = await tx<{ rowVersion: number }[]>`
    update applications set municipality_id = ${d.municipalityId}, direction_id = ${d.directionId}, group_id = ${d.groupId},
      facts = ${tx.json(d.facts as never)}, row_version = row_version + 1, updated_at = now()
    where id = ${id} and row_version = ${expectedRowVersion} and state = 'draft'
    returning row_version as "rowVersion"`
  return row?.rowVersion
}

/**
 * The text of the open request for information as the machine keeps it: for
 * requests that have no row in information_requests (made before migration
 * 0012, or by the demo data, which drives the machine directly).
 */
export async function machineInfoRequest(id: number, tx: Db = db()): Promise<string | null> {
  const [row] = await tx<{ message: string | null }[]>`
    select snapshot->'context'->>'infoRequest' as message from applications where id = ${id} and state = 'needsInformation'`
  return row?.message ?? null
}

/**
 * One page of a region's applications in some states, by full name then id
 * (keyset: the name is never null, middle_name defaults to ''), with the
 * total, which an index on (region, state) makes cheap.
 */
export async function regionApplicationsByNamePage(
  f: { regionId: number; states: string[]; selection?: Selection },
  after: Cursor | null,
  limit: number,
  tx: Db = db(),
): Promise<{ rows: ApplicationListRow[]; total: number }> {
  const name = tx`trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name)`
  const [rows, [count]] = await Promise.all([
    tx<ApplicationListRow[]>`
      select ${listCols(tx)} from ${from(tx)}
      where a.region_id = ${f.regionId} and a.state = any(${f.states}) and ${ofSelection(tx, f.selection)}
        and ${afterCursor(tx, name, tx`a.id`, after, 'asc')}
      order by ${name} asc, a.id asc limit ${limit + 1}`,
    tx<{ n: number }[]>`
      select count(*)::int as n from applications a join campaigns c on c.id = a.campaign_id
      where a.region_id = ${f.regionId} and a.state = any(${f.states}) and ${ofSelection(tx, f.selection)}`,
  ])
  return { rows, total: count.n }
}

/**
 * One page of a dashboard's list (most recently changed first), with the
 * total. The key is the change time as text to the microsecond, in the "C"
 * collation, so the cursor neither loses precision nor depends on a locale.
 */
export async function applicationsPage(f: ApplicationFilter, after: Cursor | null, limit: number, tx: Db = db()): Promise<{ rows: (ApplicationListRow & { sortKey: string })[]; total: number }> {
  const where = () =>
    'applicantUserId' in f
      ? tx`a.applicant_user_id = ${f.applicantUserId}`
      : 'municipalityId' in f
        ? ofMunicipality(tx, f.municipalityId)
        : 'commissionId' in f
          ? tx`c.commission_id = ${f.commissionId} and a.state = any(${f.states})`
          : tx`a.region_id = ${f.regionId} and a.state = any(${f.states}) and ${ofSelection(tx, f.selection)}`
  const key = () => tx`(to_char(a.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') collate "C")`
  const [rows, [count]] = await Promise.all([
    tx<(ApplicationListRow & { sortKey: string })[]>`
      select ${listCols(tx)}, ${key()} as "sortKey" from ${from(tx)}
      where ${where()} and ${afterCursor(tx, key(), tx`a.id`, after, 'desc')}
      order by ${key()} desc, a.id desc limit ${limit + 1}`,
    tx<{ n: number }[]>`select count(*)::int as n from applications a join campaigns c on c.id = a.campaign_id where ${where()}`,
  ])
  return { rows, total: count.n }
}

export type ApplicationFacts = { id: number; fullName: string; facts: unknown }

/** Every application of a campaign with its stored facts, by applicant name (the rule-set preview). */
export async function campaignApplicationFacts(campaignId: number, tx: Db = db()): Promise<ApplicationFacts[]> {
  return tx<ApplicationFacts[]>`
    select a.id::int, trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName", a.facts
    from applications a join people p on p.id = a.person_id
    where a.campaign_id = ${campaignId}
    order by p.last_name, p.first_name, a.id`
}
