import { db, type Db } from '../client.server'
import { afterCursor } from './keyset'
import type { Cursor } from '~/model/paging'

export type PendingReview = { applicationId: number; fullName: string; state: string; assignedAt: Date }

/** The oldest `limit` assignments still waiting for this member's review, and how many wait in all. */
export async function pendingReviewsOf(userId: number, commissionId: number, limit: number, tx: Db = db()): Promise<{ items: PendingReview[]; total: number }> {
  const waiting = tx`
    from reviews r join commission_members cm on cm.id = r.commission_member_id
    join applications a on a.id = r.application_id join people p on p.id = a.person_id
    where cm.user_id = ${userId} and cm.commission_id = ${commissionId} and r.submitted_at is null and a.state = 'inReview'`
  const [items, [{ n }]] = await Promise.all([
    tx<PendingReview[]>`
      select a.id::int as "applicationId", trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName",
             a.state, r.assigned_at as "assignedAt"
      ${waiting}
      order by r.assigned_at, a.id limit ${limit}`,
    tx<{ n: number }[]>`select count(*)::int as n ${waiting}`,
  ])
  return { items, total: n }
}

export type Recommendation = 'recommend' | 'reject' | 'defer'

export type ReviewRow = {
  applicationId: number
  commissionMemberId: number
  memberName: string
  assignedAt: Date
  recommendation: Recommendation | null
  comment: string | null
  score: number | null
  submittedAt: Date | null
}

const reviewCols = (tx: Db) => tx`
  r.application_id::int as "applicationId", r.commission_member_id::int as "commissionMemberId", u.display_name as "memberName",
  r.assigned_at as "assignedAt", r.recommendation, r.comment, r.score::float8 as score, r.submitted_at as "submittedAt"`

export async function reviewsOfApplications(applicationIds: number[], tx: Db = db()): Promise<ReviewRow[]> {
  if (applicationIds.length === 0) return []
  return tx<ReviewRow[]>`
    select ${reviewCols(tx)}
    from reviews r join commission_members cm on cm.id = r.commission_member_id join users u on u.id = cm.user_id
    where r.application_id = any(${applicationIds})
    order by r.application_id, u.display_name, r.id`
}

/** Open assignments per member of the commission: not yet reviewed, candidate still in review. */
export async function openAssignmentCounts(commissionId: number, tx: Db = db()): Promise<Map<number, number>> {
  const rows = await tx<{ memberId: number; n: number }[]>`
    select r.commission_member_id::int as "memberId", count(*)::int as n
    from reviews r join commission_members cm on cm.id = r.commission_member_id
    join applications a on a.id = r.application_id
    where cm.commission_id = ${commissionId} and r.submitted_at is null and a.state = 'inReview'
    group by r.commission_member_id`
  return new Map(rows.map((r) => [r.memberId, r.n]))
}

export async function insertReviewAssignment(
  a: { applicationId: number; commissionMemberId: number; assignedBy: number },
  tx: Db = db(),
): Promise<boolean> {
  const rows = await tx`
    insert into reviews (application_id, commission_member_id, assigned_by)
    values (${a.applicationId}, ${a.commissionMemberId}, ${a.assignedBy})
    on conflict (application_id, commission_member_id) do nothing
    returning id`
  return rows.length === 1
}

/** Removes an assignment (whatever its state); returns the removed row's submitted time, or undefined if none. */
export async function deleteReviewAssignment(
  applicationId: number,
  commissionMemberId: number,
  tx: Db = db(),
): Promise<{ submittedAt: Date | null } | undefined> {
  const [row] = await tx<{ submittedAt: Date | null }[]>`
    delete from reviews where application_id = ${applicationId} and commission_member_id = ${commissionMemberId}
    returning submitted_at as "submittedAt"`
  return row
}

export async function reviewOf(applicationId: number, commissionMemberId: number, tx: Db = db()): Promise<ReviewRow | undefined> {
  const [row] = await tx<ReviewRow[]>`
    select ${reviewCols(tx)}
    from reviews r join commission_members cm on cm.id = r.commission_member_id join users u on u.id = cm.user_id
    where r.application_id = ${applicationId} and r.commission_member_id = ${commissionMemberId}`
  return row
}

export async function saveReview(
  r: { applicationId: number; commissionMemberId: number; recommendation: Recommendation; comment: string | null; score: number | null },
  tx: Db = db(),
): Promise<void> {
  await tx`
    update reviews set recommendation = ${r.recommendation}, comment = ${r.comment}, score = ${r.score}, submitted_at = now()
    where application_id = ${r.applicationId} and commission_member_id = ${r.commissionMemberId}`
}

export type AssignedCandidate = {
  applicationId: number
  fullName: string
  organisationName: string | null
  position: string
  subjects: string[]
  municipalityName: string | null
  campaignId: number
  campaignTitle: string
  rubricMax: number | null
  state: string
  assignedAt: Date
  recommendation: Recommendation | null
  comment: string | null
  score: number | null
  submittedAt: Date | null
}

const assignedCols = (tx: Db) => tx`
  a.id::int as "applicationId", trim(p.last_name || ' ' || p.first_name || ' ' || p.middle_name) as "fullName",
  o.name as "organisationName", p.position, p.subjects, mu.name as "municipalityName", c.id::int as "campaignId", c.title as "campaignTitle",
  c.rubric_max as "rubricMax", a.state, r.assigned_at as "assignedAt", r.recommendation, r.comment,
  r.score::float8 as score, r.submitted_at as "submittedAt"`

const assignedFrom = (tx: Db, commissionMemberId: number) => tx`
  reviews r join applications a on a.id = r.application_id join campaigns c on c.id = a.campaign_id
  join people p on p.id = a.person_id left join organisations o on o.id = p.organisation_id
  left join municipalities mu on mu.id = a.municipality_id
  join commission_members cm on cm.id = r.commission_member_id
  where r.commission_member_id = ${commissionMemberId} and a.state = 'inReview'
    and not exists (select 1 from recusals x where x.commission_member_id = r.commission_member_id and x.application_id = a.id)
    and (cm.organisation_id is null or p.organisation_id is distinct from cm.organisation_id)`

// Reviews still to write first, then the written ones, each by the time of
// assignment: one text key (pending flag, microseconds since the epoch), so one keyset cursor.
const assignedKey = (tx: Db) =>
  tx`((case when r.submitted_at is null then '0' else '1' end) || lpad((extract(epoch from r.assigned_at) * 1000000)::bigint::text, 20, '0')) collate "C"`

/** One keyset page of the member's assignments for candidates still in review, minus any they are recused from; `limit + 1` rows. */
export async function assignmentPageOfMember(
  commissionMemberId: number,
  page: { after: Cursor | null; limit: number },
  tx: Db = db(),
): Promise<(AssignedCandidate & { id: number; sortKey: string })[]> {
  return tx<(AssignedCandidate & { id: number; sortKey: string })[]>`
    select ${assignedCols(tx)}, a.id::int as id, ${assignedKey(tx)} as "sortKey" from ${assignedFrom(tx, commissionMemberId)}
      and ${afterCursor(tx, assignedKey(tx), tx`a.id`, page.after, 'asc')}
    order by ${assignedKey(tx)}, a.id
    limit ${page.limit + 1}`
}

/** How many of the member's assignments there are, and how many are written: the progress bar over all pages. */
export async function assignmentProgressOfMember(commissionMemberId: number, tx: Db = db()): Promise<{ done: number; total: number }> {
  const [row] = await tx<{ done: number; total: number }[]>`
    select count(*) filter (where r.submitted_at is not null)::int as done, count(*)::int as total from ${assignedFrom(tx, commissionMemberId)}`
  return row
}
