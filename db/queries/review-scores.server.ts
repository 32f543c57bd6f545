import { db, type Db } from '../client.server'

// Per-criterion scores of reviews (0019).

export type CriterionScore = { applicationId: number; commissionMemberId: number; criterionId: number; score: number }

/** Replaces the scores of one member's review of one candidate. */
export async function replaceReviewScores(
  applicationId: number,
  commissionMemberId: number,
  scores: { criterionId: number; score: number }[],
  tx: Db = db(),
): Promise<void> {
  const [review] = await tx<{ id: number }[]>`
    select id::int from reviews where application_id = ${applicationId} and commission_member_id = ${commissionMemberId}`
  if (!review) return
  await tx`delete from review_scores where review_id = ${review.id}`
  if (scores.length === 0) return
  await tx`
    insert into review_scores (review_id, criterion_id, score)
    select ${review.id}, s.criterion_id, s.score
    from unnest(${scores.map((s) => s.criterionId)}::bigint[], ${scores.map((s) => s.score)}::int[]) as s(criterion_id, score)`
}

/** Every score given to these candidates, by any member (the secretary's summary, a member's own form). */
export async function scoresOfApplications(applicationIds: number[], tx: Db = db()): Promise<CriterionScore[]> {
  if (applicationIds.length === 0) return []
  return tx<CriterionScore[]>`
    select r.application_id::int as "applicationId", r.commission_member_id::int as "commissionMemberId",
           s.criterion_id::int as "criterionId", s.score
    from review_scores s join reviews r on r.id = s.review_id
    where r.application_id = any(${applicationIds})
    order by r.application_id, r.commission_member_id, s.criterion_id`
}

/** One member's scores of these candidates. */
export async function scoresOfMember(commissionMemberId: number, applicationIds: number[], tx: Db = db()): Promise<CriterionScore[]> {
  if (applicationIds.length === 0) return []
  return tx<CriterionScore[]>`
    select r.application_id::int as "applicationId", r.commission_member_id::int as "commissionMemberId",
           s.criterion_id::int as "criterionId", s.score
    from review_scores s join reviews r on r.id = s.review_id
    where r.commission_member_id = ${commissionMemberId} and r.application_id = any(${applicationIds})`
}
