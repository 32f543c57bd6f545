import { inTransaction, type Db } from '../../db/client.server'
import { conflictCandidatePage, countConflictCandidates } from '../../db/queries/applications.server'
import { appendAudit } from '../../db/queries/audit.server'
import { campaignRubricMax } from '../../db/queries/campaigns.server'
import { commissionById, commissionMemberByUser } from '../../db/queries/commissions.server'
import { isRecused, recusalsOfMember } from '../../db/queries/recusals.server'
import { criteriaOfCampaign, criteriaOfCampaigns, lockReviewForm, type ReviewCriterion } from '../../db/queries/review-criteria.server'
import { replaceReviewScores, scoresOfMember } from '../../db/queries/review-scores.server'
import { assignmentPageOfMember, assignmentProgressOfMember, reviewOf, saveReview } from '../../db/queries/reviews.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { applicationInScope } from './application-scope.server'
import type { ReviewForm } from '~/model/inputs/commission'
import { can, type Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor } from '~/model/paging'
import { checkScores, type ScoreEntry } from '~/model/review-scores'
import { isVoter, notInReview, requireOnCommission } from './commission.server'

/** Candidates a member can still declare a conflict on: not final, visible to the commission. */
const openStates = ['submitted', 'screening', 'needsInformation', 'inReview', 'deferred', 'returned', 'recommended', 'atMinistry']

type ListPage = { after: Cursor | null; from: number }

/**
 * The member's screen: assigned candidates (one keyset page, those still to
 * review first) with their own reviews, the progress over all of them, their
 * conflicts, and one page (searched by name) of the people they can still declare a conflict on.
 */
export async function reviewerView(
  actor: Actor,
  commissionId: number,
  assignmentPage: ListPage = { after: null, from: 1 },
  conflictPage: ListPage & { q: string | null } = { q: null, after: null, from: 1 },
) {
  requireOnCommission(actor, 'application:review', commissionId, 'reviews.read')
  const commission = await commissionById(commissionId)
  if (!commission) throw new NotFound('commission', commissionId)
  const me = await commissionMemberByUser(commissionId, actor.userId)
  if (!me || !me.active) throw new AppError('NOT_A_MEMBER', 403, 'Вы не входите в действующий состав этой комиссии.')
  const conflictFilter = { commissionId, states: openStates, q: conflictPage.q, commissionMemberId: me.id }
  const [assignmentRows, progress, recusals, conflictRows, conflictTotal] = await Promise.all([
    assignmentPageOfMember(me.id, { after: assignmentPage.after, limit: PAGE_SIZE }),
    assignmentProgressOfMember(me.id),
    recusalsOfMember(me.id),
    conflictCandidatePage({ ...conflictFilter, after: conflictPage.after, limit: PAGE_SIZE }),
    countConflictCandidates(conflictFilter),
  ])
  const assignments = toPage(assignmentRows, PAGE_SIZE, assignmentPage.from, progress.total, (a) => a.sortKey)
  const conflicts = toPage(conflictRows, PAGE_SIZE, conflictPage.from, conflictTotal, (c) => c.sortKey)
  const seen = new Set<number>()
  const [criteria, myScores] = await Promise.all([
    criteriaOfCampaigns([...new Set(assignments.rows.map((a) => a.campaignId))]),
    scoresOfMember(me.id, assignments.rows.map((a) => a.applicationId)),
  ])
  // Each candidate with the criteria of their campaign's review form and the member's own scores by them.
  const formOf = (a: { applicationId: number; campaignId: number }) =>
    criteria
      .filter((c) => c.campaignId === a.campaignId)
      .map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        scaleMax: c.scaleMax,
        score: myScores.find((s) => s.applicationId === a.applicationId && s.criterionId === c.id)?.score ?? null,
      }))
  return {
    commission,
    me: { id: me.id, role: me.role, voter: isVoter(me) },
    assignments: { ...assignments, rows: assignments.rows.map(({ id: _id, sortKey: _k, ...a }) => ({ ...a, criteria: formOf(a) })) },
    progress,
    recusals: recusals.filter((r) => !seen.has(r.personId) && seen.add(r.personId)),
    conflictCandidates: { ...conflicts, rows: conflicts.rows.map(({ sortKey: _k, ...c }) => c) },
  }
}

type ReviewInput = Omit<ReviewForm, 'intent' | 'scores'> & { scores?: ScoreEntry[] }

/** A campaign with a review form: every criterion scored within its scale; the review's score is their total. */
function scoresByForm(criteria: ReviewCriterion[], form: ReviewInput) {
  if (form.score != null) throw new AppError('SCORE_BY_CRITERIA', 400, 'В этом отборе оценки ставятся по критериям формы отзыва.')
  const checked = checkScores(criteria, form.scores ?? [])
  if (checked.unknown.length > 0) {
    throw new AppError('UNKNOWN_CRITERION', 409, 'Форма отзыва изменилась: обновите страницу и поставьте оценки заново.')
  }
  if (Object.keys(checked.fields).length > 0) {
    throw new AppError('INVALID_SCORE', 400, 'Проверьте оценки по критериям формы отзыва.', { fields: checked.fields })
  }
  return { total: checked.total, byCriterion: checked.valid }
}

/** A campaign without a review form: the single overall score of 0 … rubric_max, or none (as before 0019). */
async function overallScore(campaignId: number, form: ReviewInput, t: Db) {
  if (form.scores?.some((s) => s.score != null)) throw new AppError('NO_RUBRIC', 400, 'В этом отборе оценка по критериям не предусмотрена.')
  const rubricMax = await campaignRubricMax(campaignId, t)
  if (form.score != null && rubricMax == null) throw new AppError('NO_RUBRIC', 400, 'В этом отборе оценка в баллах не предусмотрена.')
  if (form.score != null && rubricMax != null && (form.score < 0 || form.score > rubricMax)) {
    throw new AppError('INVALID_SCORE', 400, `Оценка — число от 0 до ${rubricMax}.`)
  }
  return { total: form.score, byCriterion: [] }
}

/** A member's review of an assigned candidate in review; given again, it replaces the earlier one. */
export async function submitReview(actor: Actor, form: ReviewInput, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const app = await applicationInScope(actor, form.applicationId, t)
    if (!can(actor, 'application:review', app) || app.commissionId == null) throw new Forbidden('application.review')
    const me = await commissionMemberByUser(app.commissionId, actor.userId, t)
    if (!me || !isVoter(me)) throw new AppError('NOT_A_MEMBER', 403, 'Вы не входите в действующий состав этой комиссии.')
    if (await isRecused(me.id, app.id, t)) {
      throw new AppError('RECUSED', 403, 'Вы отведены от рассмотрения этого кандидата (конфликт интересов).')
    }
    if (!(await reviewOf(app.id, me.id, t))) throw new AppError('NOT_ASSIGNED', 403, 'Вы не назначены рецензентом этого кандидата.')
    if (app.state !== 'inReview') throw notInReview()
    await lockReviewForm(app.campaignId, 'share', t)
    const criteria = await criteriaOfCampaign(app.campaignId, t)
    const scores = criteria.length > 0 ? scoresByForm(criteria, form) : await overallScore(app.campaignId, form, t)
    await saveReview(
      { applicationId: app.id, commissionMemberId: me.id, recommendation: form.recommendation, comment: form.comment, score: scores.total },
      t,
    )
    if (criteria.length > 0) await replaceReviewScores(app.id, me.id, scores.byCriterion, t)
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId: app.regionId,
        entity: 'application',
        entityId: app.id,
        action: 'REVIEW',
        data: { commissionMemberId: me.id, recommendation: form.recommendation, score: scores.total, ...(criteria.length > 0 ? { scores: scores.byCriterion } : {}) },
      },
      t,
    )
  }, tx)
}
