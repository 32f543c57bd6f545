import { inTransaction, type Db } from '../../db/client.server'
import { applicationById, conflictCandidatePage, countConflictCandidates } from '../../db/queries/applications.server'
import { appendAudit } from '../../db/queries/audit.server'
import { campaignRubricMax } from '../../db/queries/campaigns.server'
import { commissionById, commissionMemberByUser } from '../../db/queries/commissions.server'
import { isRecused, recusalsOfMember } from '../../db/queries/recusals.server'
import { assignmentPageOfMember, assignmentProgressOfMember, reviewOf, saveReview } from '../../db/queries/reviews.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import type { ReviewForm } from '~/model/inputs/commission'
import { can, type Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor } from '~/model/paging'
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
  return {
    commission,
    me: { id: me.id, role: me.role, voter: isVoter(me) },
    assignments: { ...assignments, rows: assignments.rows.map(({ id: _id, sortKey: _k, ...a }) => a) },
    progress,
    recusals: recusals.filter((r) => !seen.has(r.personId) && seen.add(r.personId)),
    conflictCandidates: { ...conflicts, rows: conflicts.rows.map(({ sortKey: _k, ...c }) => c) },
  }
}

/** A member's review of an assigned candidate in review; given again, it replaces the earlier one. */
export async function submitReview(actor: Actor, form: Omit<ReviewForm, 'intent'>, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const app = await applicationById(form.applicationId, t)
    if (!app) throw new NotFound('application', form.applicationId)
    if (!can(actor, 'application:review', app) || app.commissionId == null) throw new Forbidden('application.review')
    const me = await commissionMemberByUser(app.commissionId, actor.userId, t)
    if (!me || !isVoter(me)) throw new AppError('NOT_A_MEMBER', 403, 'Вы не входите в действующий состав этой комиссии.')
    if (await isRecused(me.id, app.id, t)) {
      throw new AppError('RECUSED', 403, 'Вы отведены от рассмотрения этого кандидата (конфликт интересов).')
    }
    if (!(await reviewOf(app.id, me.id, t))) throw new AppError('NOT_ASSIGNED', 403, 'Вы не назначены рецензентом этого кандидата.')
    if (app.state !== 'inReview') throw notInReview()
    const rubricMax = await campaignRubricMax(app.campaignId, t)
    if (form.score != null && rubricMax == null) throw new AppError('NO_RUBRIC', 400, 'В этом отборе оценка в баллах не предусмотрена.')
    if (form.score != null && rubricMax != null && (form.score < 0 || form.score > rubricMax)) {
      throw new AppError('INVALID_SCORE', 400, `Оценка — число от 0 до ${rubricMax}.`)
    }
    await saveReview(
      { applicationId: app.id, commissionMemberId: me.id, recommendation: form.recommendation, comment: form.comment, score: form.score },
      t,
    )
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId: app.regionId,
        entity: 'application',
        entityId: app.id,
        action: 'REVIEW',
        data: { commissionMemberId: me.id, recommendation: form.recommendation, score: form.score },
      },
      t,
    )
  }, tx)
}
