import { inTransaction, type Db, type Tx } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { campaignById, campaignRubricMax, type Campaign } from '../../db/queries/campaigns.server'
import {
  campaignHasSubmittedReviews,
  criteriaOfCampaign,
  deleteCriterion,
  insertCriterion,
  lockReviewForm,
  renumberCriteria,
  updateCriterion,
  type ReviewCriterion,
} from '../../db/queries/review-criteria.server'
import { AppError, Forbidden } from '../../workflows/errors'
import { MAX_CRITERIA, type CriterionInput } from '~/model/inputs/review-form'
import { can, type Actor } from '~/model/permissions'
import { recordInScope } from './application-scope.server'
import { mayReadCampaign } from './campaign-admin.server'

// A campaign's review form (issue 11 §4.2), edited by the region's
// coordinator. Once a review of the campaign is submitted, the form's shape
// (criteria, their order, titles and scales) is fixed, so the scores given
// keep their meaning; descriptions can still be made clearer.

export const lockedMessage =
  'Форму отзыва нельзя менять: по этому отбору уже представлены отзывы, и их оценки должны сохранить смысл. Можно только уточнить описания критериев.'

const locked = () => new AppError('REVIEW_FORM_LOCKED', 409, lockedMessage)

function requireManager(actor: Actor, campaign: Campaign, what: string) {
  if (!can(actor, 'campaign:manage', { regionId: campaign.regionId, commissionId: campaign.commissionId, campaignMunicipalityId: campaign.municipalityId })) throw new Forbidden(what)
}

/** The campaign, if the actor may read it (else 404, as if it did not exist). */
async function campaignOf(actor: Actor, campaignId: number, tx?: Db): Promise<Campaign> {
  return recordInScope('campaign', campaignId, await campaignById(campaignId, tx), (c) => mayReadCampaign(actor, c))
}

/** The editor's page: the campaign, its criteria and whether their shape is already fixed. */
export async function reviewFormView(actor: Actor, campaignId: number) {
  const campaign = await campaignOf(actor, campaignId)
  requireManager(actor, campaign, 'reviewForm.read')
  const [criteria, isLocked, rubricMax] = await Promise.all([
    criteriaOfCampaign(campaignId),
    campaignHasSubmittedReviews(campaignId),
    campaignRubricMax(campaignId),
  ])
  return { campaign: { id: campaign.id, title: campaign.title, regionId: campaign.regionId, state: campaign.state }, criteria, locked: isLocked, rubricMax }
}

/** Runs one change of the form: the manager's check, the lock against reviews being written, the audit. */
async function change<T>(
  actor: Actor,
  campaignId: number,
  work: (t: Tx, criteria: ReviewCriterion[], isLocked: boolean) => Promise<{ action: string; data: Record<string, unknown>; result: T }>,
  tx?: Db,
): Promise<T> {
  return inTransaction(async (t) => {
    const campaign = await campaignOf(actor, campaignId, t)
    requireManager(actor, campaign, 'reviewForm.edit')
    await lockReviewForm(campaignId, 'update', t)
    const criteria = await criteriaOfCampaign(campaignId, t)
    const { action, data, result } = await work(t, criteria, await campaignHasSubmittedReviews(campaignId, t))
    await appendAudit({ actorUserId: actor.userId, regionId: campaign.regionId, entity: 'campaign', entityId: campaignId, action, data }, t)
    return result
  }, tx)
}

function criterionIn(criteria: ReviewCriterion[], criterionId: number): ReviewCriterion {
  const c = criteria.find((x) => x.id === criterionId)
  if (!c) throw new AppError('CRITERION_NOT_FOUND', 404, 'Такого критерия нет в форме отзыва этого отбора.')
  return c
}

/** A title as a reader compares two: case, «ё» and runs of spaces do not matter. */
const titleKey = (title: string) => title.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ')

/** Two criteria of one title cannot be told apart by a reviewer; a form sent twice (no JavaScript, a reload) would add the second. */
function requireUniqueTitle(criteria: ReviewCriterion[], title: string, exceptId?: number) {
  const same = criteria.find((c) => c.id !== exceptId && titleKey(c.title) === titleKey(title))
  if (same) {
    throw new AppError('CRITERION_EXISTS', 409, 'Критерий с таким названием уже есть в форме отзыва.', {
      fields: { title: `Критерий «${same.title}» уже есть в форме отзыва: назовите этот иначе или измените существующий` },
    })
  }
}

export async function addCriterion(actor: Actor, campaignId: number, input: CriterionInput, tx?: Db): Promise<number> {
  return change(
    actor,
    campaignId,
    async (t, criteria, isLocked) => {
      if (isLocked) throw locked()
      if (criteria.length >= MAX_CRITERIA) throw new AppError('TOO_MANY_CRITERIA', 409, `В форме отзыва не больше ${MAX_CRITERIA} критериев.`)
      requireUniqueTitle(criteria, input.title)
      const id = await insertCriterion({ campaignId, ...input }, t)
      return { action: 'ADD_CRITERION', data: { criterionId: id, title: input.title, scaleMax: input.scaleMax }, result: id }
    },
    tx,
  )
}

/** Edits a criterion; once the form is fixed, only its description may change. */
export async function editCriterion(actor: Actor, campaignId: number, criterionId: number, input: CriterionInput, tx?: Db): Promise<void> {
  await change(
    actor,
    campaignId,
    async (t, criteria, isLocked) => {
      const c = criterionIn(criteria, criterionId)
      if (isLocked && (c.title !== input.title || c.scaleMax !== input.scaleMax)) {
        const fields: Record<string, string> = {}
        if (c.title !== input.title) fields.title = 'Название критерия уже нельзя изменить: по отбору представлены отзывы.'
        if (c.scaleMax !== input.scaleMax) fields.scaleMax = 'Шкалу критерия уже нельзя изменить: по отбору представлены отзывы.'
        throw new AppError('REVIEW_FORM_LOCKED', 409, lockedMessage, { fields })
      }
      requireUniqueTitle(criteria, input.title, criterionId)
      await updateCriterion(criterionId, input, t)
      return {
        action: 'UPDATE_CRITERION',
        data: { criterionId, before: { title: c.title, description: c.description, scaleMax: c.scaleMax }, after: input },
        result: undefined,
      }
    },
    tx,
  )
}

export async function removeCriterion(actor: Actor, campaignId: number, criterionId: number, tx?: Db): Promise<void> {
  await change(
    actor,
    campaignId,
    async (t, criteria, isLocked) => {
      const c = criterionIn(criteria, criterionId)
      if (isLocked) throw locked()
      await deleteCriterion(criterionId, t)
      await renumberCriteria(campaignId, criteria.filter((x) => x.id !== criterionId).map((x) => x.id), t)
      return { action: 'REMOVE_CRITERION', data: { criterionId, title: c.title, scaleMax: c.scaleMax }, result: undefined }
    },
    tx,
  )
}

/** Moves a criterion one place up or down the form (at the edge, nothing moves and nothing is refused). */
export async function moveCriterion(actor: Actor, campaignId: number, criterionId: number, direction: 'up' | 'down', tx?: Db): Promise<void> {
  await change(
    actor,
    campaignId,
    async (t, criteria, isLocked) => {
      criterionIn(criteria, criterionId)
      if (isLocked) throw locked()
      const order = criteria.map((x) => x.id)
      const i = order.indexOf(criterionId)
      const j = direction === 'up' ? i - 1 : i + 1
      if (j >= 0 && j < order.length) [order[i], order[j]] = [order[j], order[i]]
      await renumberCriteria(campaignId, order, t)
      return { action: 'MOVE_CRITERION', data: { criterionId, direction, order }, result: undefined }
    },
    tx,
  )
}
