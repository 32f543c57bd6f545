import { inTransaction, type Db, type Tx } from '../../db/client.server'
import {
  commissionApplicationPage,
  countCommissionApplications,
  listApplications,
  type ApplicationRow,
} from '../../db/queries/applications.server'
import { appendAudit } from '../../db/queries/audit.server'
import { enqueue, resolveRecipients } from '../../db/queries/outbox.server'
import { campaignById, campaignsOfCommission } from '../../db/queries/campaigns.server'
import {
  commissionById,
  commissionMemberById,
  commissionMemberByUser,
  commissionMembersOf,
  lockCommission,
  type CommissionMember,
} from '../../db/queries/commissions.server'
import { deleteOpenVotes } from '../../db/queries/meetings.server'
import { insertAutomaticRecusals, insertDeclaredRecusal, isRecused, recusalsOfApplications, type NewRecusal } from '../../db/queries/recusals.server'
import { deleteReviewAssignment, insertReviewAssignment, openAssignmentCounts, reviewsOfApplications } from '../../db/queries/reviews.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { applicationInScope } from './application-scope.server'
import { sendEvent } from '../../workflows/transition.server'
import type { ConflictForm } from '~/model/inputs/commission'
import { can, type Actor, type Permission } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor } from '~/model/paging'
import type { ScoreSummary } from '~/model/review-scores'
import { scoreSummaries } from './review-scores.server'

/** Members who review and vote: the chair and the members (the secretary records, but does not vote). */
export const isVoter = (m: Pick<CommissionMember, 'active' | 'role'>) => m.active && (m.role === 'chair' || m.role === 'member')

/** The commissions (from the actor's commission-scoped grants) where they hold `permission`. */
export function commissionsWhere(actor: Actor, permission: Permission): number[] {
  const ids = [...new Set(actor.grants.map((g) => g.commissionId).filter((x): x is number => x != null))]
  return ids.filter((id) => can(actor, permission, { commissionId: id }))
}

export function requireOnCommission(actor: Actor, permission: Permission, commissionId: number | null, what: string): asserts commissionId is number {
  if (commissionId == null || !can(actor, permission, { commissionId })) throw new Forbidden(what)
}

export const notInReview = () => new AppError('NOT_IN_REVIEW', 409, 'Кандидат не находится на рассмотрении комиссии.')

export const screeningStates = ['submitted', 'screening', 'needsInformation', 'returned', 'deferred']

export type BoardItem = Pick<ApplicationRow, 'id' | 'fullName' | 'organisationName' | 'municipalityName' | 'campaignId'> & {
  reviewers: { memberId: number; name: string; submitted: boolean; recommendation: string | null; score: number | null }[]
  recused: { memberId: number; name: string; kind: string; reason: string }[]
  addable: { memberId: number; name: string }[]
  submitted: number
  /** The review form's figures, when the candidate's campaign has one. */
  scores: ScoreSummary | null
}

type ListPage = { after: Cursor | null; from: number }

/**
 * The secretary's workspace: the screening queue (one keyset page, searched
 * by name, with its total), the review board (one keyset page by id, with its total), the members' load and the campaigns.
 */
export async function commissionWorkspace(
  actor: Actor,
  commissionId: number,
  queuePage: ListPage & { q: string | null } = { q: null, after: null, from: 1 },
  boardPage: ListPage = { after: null, from: 1 },
) {
  requireOnCommission(actor, 'application:readCommission', commissionId, 'commission.read')
  requireOnCommission(actor, 'meeting:manage', commissionId, 'commission.manage')
  const commission = await commissionById(commissionId)
  if (!commission) throw new NotFound('commission', commissionId)
  const queueFilter = { commissionId, states: screeningStates, q: queuePage.q }
  const [queueRows, queueTotal, boardRows, boardTotal, members, loads, campaigns] = await Promise.all([
    commissionApplicationPage({ ...queueFilter, after: queuePage.after, limit: PAGE_SIZE }),
    countCommissionApplications(queueFilter),
    commissionApplicationPage({ commissionId, states: ['inReview'], after: boardPage.after, limit: PAGE_SIZE, order: 'id' }),
    countCommissionApplications({ commissionId, states: ['inReview'] }),
    commissionMembersOf(commissionId, { activeOnly: true }),
    openAssignmentCounts(commissionId),
    campaignsOfCommission(commissionId),
  ])
  const boardSlice = toPage(boardRows, PAGE_SIZE, boardPage.from, boardTotal, (a) => a.id)
  const inReview = boardSlice.rows
  const ids = inReview.map((a) => a.id)
  const [reviews, recusals] = await Promise.all([reviewsOfApplications(ids), recusalsOfApplications(ids)])
  const summaries = await scoreSummaries(inReview, reviews)
  const voters = members.filter(isVoter)
  const board: BoardItem[] = inReview
    .sort((a, b) => a.id - b.id)
    .map((a) => {
      const mine = reviews.filter((r) => r.applicationId === a.id)
      const barred = recusals.filter((r) => r.applicationId === a.id)
      const taken = new Set([...mine.map((r) => r.commissionMemberId), ...barred.map((r) => r.commissionMemberId)])
      return {
        id: a.id,
        fullName: a.fullName,
        organisationName: a.organisationName,
        municipalityName: a.municipalityName,
        campaignId: a.campaignId,
        reviewers: mine.map((r) => ({
          memberId: r.commissionMemberId,
          name: r.memberName,
          submitted: r.submittedAt !== null,
          recommendation: r.recommendation,
          score: r.score,
        })),
        submitted: mine.filter((r) => r.submittedAt !== null).length,
        recused: barred.map((r) => ({ memberId: r.commissionMemberId, name: r.memberName, kind: r.kind, reason: r.reason })),
        addable: voters.filter((v) => !taken.has(v.id)).map((v) => ({ memberId: v.id, name: v.fullName })),
        scores: summaries.get(a.id) ?? null,
      }
    })
  return {
    commission,
    queue: toPage(queueRows, PAGE_SIZE, queuePage.from, queueTotal, (a) => a.changedKey),
    board: { ...boardSlice, rows: board },
    members: members.map((m) => ({ id: m.id, name: m.fullName, role: m.role, organisationName: m.organisationName, voter: isVoter(m), open: loads.get(m.id) ?? 0 })),
    campaigns,
  }
}

/**
 * Records the automatic recusals (same organisation) for these candidates and
 * undoes what a recused member must not have: their assignment and their
 * votes in meetings not yet closed. Each recusal is audited on the application.
 */
export async function recuseAutomatically(actor: Actor | null, commissionId: number, applicationIds: number[], t: Tx): Promise<NewRecusal[]> {
  const added = await insertAutomaticRecusals(commissionId, applicationIds, t)
  for (const r of added) {
    await deleteReviewAssignment(r.applicationId, r.commissionMemberId, t)
    await deleteOpenVotes(r.commissionMemberId, r.applicationId, t)
    await appendAudit(
      {
        actorUserId: actor?.userId ?? null,
        regionId: r.regionId,
        entity: 'application',
        entityId: r.applicationId,
        action: 'RECUSAL',
        data: { kind: 'automatic', commissionMemberId: r.commissionMemberId, reason: r.reason },
      },
      t,
    )
  }
  return added
}

/**
 * Gives every candidate in review `perApplication` reviewers among the
 * commission's active chair and members: fewest open assignments first, ties
 * by the member's id, never a recused member. Existing assignments count
 * towards the number. One transaction, serialised per commission.
 */
export async function assignReviewersAutomatically(actor: Actor, commissionId: number, perApplication: number, tx?: Db) {
  requireOnCommission(actor, 'meeting:manage', commissionId, 'reviews.assign')
  if (!Number.isInteger(perApplication) || perApplication < 1 || perApplication > 10) {
    throw new AppError('INVALID_FORM', 400, 'Число рецензентов на кандидата — от 1 до 10.')
  }
  return inTransaction(async (t) => {
    await lockCommission(commissionId, t)
    const apps = (await listApplications({ commissionId, states: ['inReview'] }, 100_000, t)).sort((a, b) => a.id - b.id)
    const ids = apps.map((a) => a.id)
    const recused = await recuseAutomatically(actor, commissionId, ids, t)
    const voters = (await commissionMembersOf(commissionId, { activeOnly: true }, t)).filter(isVoter)
    const loads = await openAssignmentCounts(commissionId, t)
    const reviews = await reviewsOfApplications(ids, t)
    const recusals = await recusalsOfApplications(ids, t)
    let assigned = 0
    let short = 0
    for (const app of apps) {
      const current = new Set(reviews.filter((r) => r.applicationId === app.id).map((r) => r.commissionMemberId))
      const barred = new Set(recusals.filter((r) => r.applicationId === app.id).map((r) => r.commissionMemberId))
      const need = perApplication - voters.filter((v) => current.has(v.id)).length
      if (need <= 0) continue
      const picks = voters
        .filter((v) => !current.has(v.id) && !barred.has(v.id))
        .sort((a, b) => (loads.get(a.id) ?? 0) - (loads.get(b.id) ?? 0) || a.id - b.id)
        .slice(0, need)
      if (picks.length < need) short++
      for (const m of picks) {
        await insertReviewAssignment({ applicationId: app.id, commissionMemberId: m.id, assignedBy: actor.userId }, t)
        loads.set(m.id, (loads.get(m.id) ?? 0) + 1)
        assigned++
        await appendAudit(
          {
            actorUserId: actor.userId,
            regionId: app.regionId,
            entity: 'application',
            entityId: app.id,
            action: 'ASSIGN_REVIEWER',
            data: { commissionMemberId: m.id, automatic: true },
          },
          t,
        )
      }
    }
    return { applications: apps.length, assigned, recused: recused.length, short }
  }, tx)
}

/** The secretary adds one reviewer by hand (never a recused member). */
export async function addReviewer(actor: Actor, applicationId: number, memberId: number, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const app = await applicationInScope(actor, applicationId, t)
    requireOnCommission(actor, 'meeting:manage', app.commissionId, 'reviews.assign')
    if (app.state !== 'inReview') throw notInReview()
    await lockCommission(app.commissionId, t)
    const m = await commissionMemberById(memberId, t)
    if (!m || m.commissionId !== app.commissionId || !isVoter(m)) {
      throw new AppError('NOT_A_REVIEWER', 409, 'Рецензентом может быть только действующий член или председатель этой комиссии.')
    }
    await recuseAutomatically(actor, app.commissionId, [app.id], t)
    if (await isRecused(m.id, app.id, t)) {
      throw new AppError('RECUSED', 409, 'Этот член комиссии отведён от рассмотрения кандидата (конфликт интересов) и не может быть рецензентом.')
    }
    if (await insertReviewAssignment({ applicationId: app.id, commissionMemberId: m.id, assignedBy: actor.userId }, t)) {
      await appendAudit(
        { actorUserId: actor.userId, regionId: app.regionId, entity: 'application', entityId: app.id, action: 'ASSIGN_REVIEWER', data: { commissionMemberId: m.id, automatic: false } },
        t,
      )
    }
  }, tx)
}

/** The secretary removes a reviewer who has not yet given a review. */
export async function removeReviewer(actor: Actor, applicationId: number, memberId: number, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const app = await applicationInScope(actor, applicationId, t)
    requireOnCommission(actor, 'meeting:manage', app.commissionId, 'reviews.assign')
    if (app.state !== 'inReview') throw notInReview()
    const removed = await deleteReviewAssignment(app.id, memberId, t)
    if (!removed) throw new AppError('NOT_ASSIGNED', 404, 'Этот член комиссии не назначен рецензентом кандидата.')
    if (removed.submittedAt) throw new AppError('REVIEW_SUBMITTED', 409, 'Рецензент уже представил отзыв: снять его нельзя.')
    await appendAudit(
      { actorUserId: actor.userId, regionId: app.regionId, entity: 'application', entityId: app.id, action: 'UNASSIGN_REVIEWER', data: { commissionMemberId: memberId } },
      t,
    )
  }, tx)
}

/** Applications a member can still be recused from: not final. */
const recusableStates = ['submitted', 'screening', 'needsInformation', 'inReview', 'deferred', 'returned', 'recommended', 'atMinistry']

/**
 * A member declares a conflict of interest on a candidate of their
 * commission: they are recused (never review, never vote on them) and lose
 * any assignment and any vote in a meeting not yet closed. The conflict is
 * with the person, so it covers every open application of theirs before
 * this commission.
 */
export async function declareConflict(actor: Actor, form: Pick<ConflictForm, 'applicationId' | 'reason'>, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const app = await applicationInScope(actor, form.applicationId, t)
    if (!can(actor, 'conflict:declare', app) || app.commissionId == null) throw new Forbidden('conflict.declare')
    const me = await commissionMemberByUser(app.commissionId, actor.userId, t)
    if (!me || !me.active) throw new AppError('NOT_A_MEMBER', 403, 'Вы не входите в действующий состав этой комиссии.')
    const reason = form.reason.trim()
    if (reason.length < 5) throw new AppError('INVALID_FORM', 400, 'Опишите конфликт интересов.')
    const samePerson = (await listApplications({ commissionId: app.commissionId, states: recusableStates }, 100_000, t)).filter(
      (a) => a.personId === app.personId && a.id !== app.id,
    )
    let recorded = 0
    let hadReview = false
    for (const target of [app, ...samePerson]) {
      if (!(await insertDeclaredRecusal({ commissionMemberId: me.id, applicationId: target.id, reason, createdBy: actor.userId }, t))) continue
      recorded++
      if (await deleteReviewAssignment(target.id, me.id, t)) hadReview = true
      await deleteOpenVotes(me.id, target.id, t)
      await appendAudit(
        { actorUserId: actor.userId, regionId: target.regionId, entity: 'application', entityId: target.id, action: 'RECUSAL', data: { kind: 'declared', commissionMemberId: me.id, reason } },
        t,
      )
    }
    if (recorded === 0) throw new AppError('ALREADY_RECUSED', 409, 'Вы уже отведены от рассмотрения этого кандидата.')
    // The secretary reassigns the review and counts the recusal at the meeting.
    // A secretary who declares it tells the chair, who presides over the
    // commission and its meeting (and any other secretary of the commission).
    const scope = { regionId: app.regionId, municipalityId: null, commissionId: app.commissionId }
    const told = [
      ...(await resolveRecipients('secretary', scope, t)),
      ...(me.role === 'secretary' ? await resolveRecipients('chair', scope, t) : []),
    ].filter((a) => a.userId !== actor.userId)
    await enqueue(
      told.map((to) => ({
        regionId: app.regionId,
        template: 'conflictDeclared',
        to,
        entity: 'application',
        entityId: app.id,
        payload: { memberName: me.fullName, reason, hadReview, count: recorded, declarer: me.role },
      })),
      t,
    )
  }, tx)
}

/**
 * «Направить рекомендованных на согласование»: SEND_TO_MINISTRY for every
 * recommended candidate of the campaign and, if the campaign is in review,
 * for the campaign itself — all in one transaction.
 */
export async function sendRecommendedToMinistry(actor: Actor, campaignId: number, tx?: Db): Promise<{ sent: number; campaignSent: boolean }> {
  return inTransaction(async (t) => {
    const campaign = await campaignById(campaignId, t)
    if (!campaign) throw new NotFound('campaign', campaignId)
    requireOnCommission(actor, 'meeting:manage', campaign.commissionId, 'campaign.sendToMinistry')
    const recommended = (await listApplications({ commissionId: campaign.commissionId, states: ['recommended'] }, 100_000, t))
      .filter((a) => a.campaignId === campaignId)
      .sort((a, b) => a.id - b.id)
    if (recommended.length === 0) throw new AppError('NOTHING_TO_SEND', 409, 'В этом отборе нет рекомендованных кандидатов для направления на согласование.')
    for (const a of recommended) await sendEvent({ entity: 'application', id: a.id, event: { type: 'SEND_TO_MINISTRY' }, actor }, t)
    const campaignSent = campaign.state === 'inReview'
    if (campaignSent) await sendEvent({ entity: 'campaign', id: campaignId, event: { type: 'SEND_TO_MINISTRY' }, actor }, t)
    return { sent: recommended.length, campaignSent }
  }, tx)
}
