import { criteriaOfCampaigns } from '../../db/queries/review-criteria.server'
import { scoresOfApplications } from '../../db/queries/review-scores.server'
import { reviewsOfApplications, type ReviewRow } from '../../db/queries/reviews.server'
import { summariseScores, type ScoreSummary } from '~/model/review-scores'

// The secretary's figures of candidates reviewed on a review form (see
// ~/model/review-scores): none for a campaign without criteria, whose
// reviews keep their single overall score.

/** Per candidate whose campaign has a review form: the summary of their reviews (`reviews` as already read, or read here). */
export async function scoreSummaries(apps: { id: number; campaignId: number }[], reviews?: ReviewRow[]): Promise<Map<number, ScoreSummary>> {
  const out = new Map<number, ScoreSummary>()
  if (apps.length === 0) return out
  const ids = apps.map((a) => a.id)
  const criteria = await criteriaOfCampaigns([...new Set(apps.map((a) => a.campaignId))])
  if (criteria.length === 0) return out
  const [rows, scores] = await Promise.all([reviews ? Promise.resolve(reviews) : reviewsOfApplications(ids), scoresOfApplications(ids)])
  for (const a of apps) {
    const form = criteria.filter((c) => c.campaignId === a.campaignId)
    if (form.length === 0) continue
    const scored = rows
      .filter((r) => r.applicationId === a.id)
      .map((r) => ({
        memberName: r.memberName,
        submitted: r.submittedAt !== null,
        scores: Object.fromEntries(
          scores.filter((s) => s.applicationId === a.id && s.commissionMemberId === r.commissionMemberId).map((s) => [s.criterionId, s.score]),
        ),
      }))
    out.set(a.id, summariseScores(form, scored))
  }
  return out
}
