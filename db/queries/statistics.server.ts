import { db, readDb, type Db } from '../client.server'

// The region's statistics (PRODUCT §1.6): counts only, each one GROUP BY in
// the database, so a region of 20,000 members costs a handful of aggregate
// scans and no row reaches the application. Members are the active ones, as
// in the coverage figures (members.server.ts `coverage`).

/** One group of a breakdown: its label (null when the member has none) and how many. */
export type CountRow = { label: string | null; n: number }
/** A group with the direction it belongs to. */
export type GroupCountRow = CountRow & { direction: string | null }

export type MemberDimension = 'subject' | 'direction' | 'qualification' | 'level' | 'termYear'

const byCountThenLabel = (tx: Db) => tx`order by n desc, label nulls last`

/** Active members of the region counted by one dimension. A member with several subjects counts once under each. */
export async function membersBy(regionId: number, dimension: MemberDimension, tx: Db = readDb()): Promise<CountRow[]> {
  const active = tx`m.region_id = ${regionId} and m.state = 'active'`
  switch (dimension) {
    case 'subject':
      return tx<CountRow[]>`
        select s.subject as label, count(*)::int as n
        from members m left join lateral unnest(m.subjects) as s(subject) on true
        where ${active} group by s.subject ${byCountThenLabel(tx)}`
    case 'direction':
      return tx<CountRow[]>`
        select d.name as label, count(*)::int as n
        from members m left join directions d on d.id = m.direction_id
        where ${active} group by d.name, d.position order by d.position nulls last, n desc`
    case 'qualification':
      // The category the member claimed in the application that admitted them; members
      // imported or entered without an application have none on record.
      return tx<CountRow[]>`
        select a.facts -> 'qualificationCategory' ->> 'value' as label, count(*)::int as n
        from members m left join applications a on a.id = m.application_id
        where ${active} group by 1
        order by array_position(array['highest', 'first', 'none']::text[], a.facts -> 'qualificationCategory' ->> 'value') nulls last`
    case 'level':
      return tx<CountRow[]>`
        select r.level as label, count(*)::int as n
        from members m join rosters r on r.id = m.roster_id
        where ${active} group by r.level order by r.level desc`
    case 'termYear':
      return tx<CountRow[]>`
        select extract(year from m.term_ends_on)::int::text as label, count(*)::int as n
        from members m where ${active} group by 1 order by 1 nulls last`
  }
}

/** A municipality's active members with how many of them are on the region's roster and how many on a municipal one (issue 10 §6). */
export type MunicipalityCountRow = CountRow & { regional: number; municipal: number }

/** Active members of the region by the municipality they work in, split by the level of the roster they are on. */
export async function membersByMunicipality(regionId: number, tx: Db = readDb()): Promise<MunicipalityCountRow[]> {
  return tx<MunicipalityCountRow[]>`
    select mu.name as label, count(*)::int as n,
           (count(*) filter (where r.level = 'regional'))::int as regional,
           (count(*) filter (where r.level = 'municipal'))::int as municipal
    from members m join rosters r on r.id = m.roster_id join people p on p.id = m.person_id
    left join municipalities mu on mu.id = p.municipality_id
    where m.region_id = ${regionId} and m.state = 'active' group by mu.name ${byCountThenLabel(tx)}`
}

/** Active members by group, with each group's direction, in the region's order of directions and groups. */
export async function membersByGroup(regionId: number, tx: Db = readDb()): Promise<GroupCountRow[]> {
  return tx<GroupCountRow[]>`
    select d.name as direction, g.name as label, count(*)::int as n
    from members m left join roster_groups g on g.id = m.group_id left join directions d on d.id = g.direction_id
    where m.region_id = ${regionId} and m.state = 'active'
    group by d.name, d.position, g.name, g.position
    order by d.position nulls last, g.position, n desc`
}

/**
 * How far the campaign's applications got: each count is of the applications
 * whose state is in the given set (a later stage implies the earlier ones).
 */
export async function campaignStageCounts(
  campaignId: number,
  stages: { eligible: readonly string[]; recommended: readonly string[]; approved: readonly string[] },
  tx: Db = db(),
): Promise<{ submitted: number; eligible: number; recommended: number; approved: number; ineligible: number }> {
  const [row] = await tx<{ submitted: number; eligible: number; recommended: number; approved: number; ineligible: number }[]>`
    select count(*) filter (where submitted_at is not null)::int as submitted,
           count(*) filter (where state = any(${stages.eligible as string[]}))::int as eligible,
           count(*) filter (where state = any(${stages.recommended as string[]}))::int as recommended,
           count(*) filter (where state = any(${stages.approved as string[]}))::int as approved,
           count(*) filter (where state = 'ineligible')::int as ineligible
    from applications where campaign_id = ${campaignId}`
  return row
}

export type RefusalRow = { label: string; clause: string; n: number }

/**
 * The reasons of the campaign's ineligible applications: every rule and every
 * group that failed in the stored eligibility result, by its label and clause.
 */
export async function refusalsByRule(campaignId: number, tx: Db = db()): Promise<RefusalRow[]> {
  return tx<RefusalRow[]>`
    with refused as (
      select eligibility as e from applications
      where campaign_id = ${campaignId} and state = 'ineligible' and jsonb_typeof(eligibility) = 'object'
    ), failed as (
      select r ->> 'label' as label, r ->> 'clause' as clause
      from refused, jsonb_array_elements(coalesce(e -> 'required', '[]'::jsonb)) as r where r ->> 'outcome' = 'fail'
      union all
      select g ->> 'label', g ->> 'clause'
      from refused, jsonb_array_elements(coalesce(e -> 'groups', '[]'::jsonb)) as g where g ->> 'outcome' = 'fail'
    )
    select label, coalesce(clause, '') as clause, count(*)::int as n from failed
    group by label, clause order by n desc, label collate "C"`
}

/** Ineligible applications of the campaign without any failed rule on record (a decision on other grounds). */
export async function refusalsWithoutRule(campaignId: number, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from applications a
    where a.campaign_id = ${campaignId} and a.state = 'ineligible'
      and not exists (
        select 1 from jsonb_array_elements(case when jsonb_typeof(a.eligibility -> 'required') = 'array' then a.eligibility -> 'required' else '[]'::jsonb end) r
        where r ->> 'outcome' = 'fail')
      and not exists (
        select 1 from jsonb_array_elements(case when jsonb_typeof(a.eligibility -> 'groups') = 'array' then a.eligibility -> 'groups' else '[]'::jsonb end) g
        where g ->> 'outcome' = 'fail')`
  return row.n
}

/** Submitted applications of the campaign per week (Monday, 'YYYY-MM-DD') of submission in the region's zone. */
export async function submissionsByWeek(campaignId: number, timeZone: string, tx: Db = db()): Promise<{ week: string; n: number }[]> {
  return tx<{ week: string; n: number }[]>`
    select to_char(date_trunc('week', submitted_at at time zone ${timeZone}), 'YYYY-MM-DD') as week, count(*)::int as n
    from applications where campaign_id = ${campaignId} and submitted_at is not null
    group by 1 order by 1`
}
