import { initialRow } from '../../workflows/snapshot'
import { can, type Actor } from '~/model/permissions'
import { inTransaction, type Db, type Tx } from '../../db/client.server'
import { activeApplicationIn, applicationById, insertApplication, markSubmitted, storeEligibility, type ApplicationSource } from '../../db/queries/applications.server'
import { appendAudit } from '../../db/queries/audit.server'
import { campaignById } from '../../db/queries/campaigns.server'
import { insertPerson, type PersonInput, type PrivateInput } from '../../db/queries/people.server'
import { ruleSetById } from '../../db/queries/rule-sets.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { applicationInScope } from './application-scope.server'
import { sendEvent, SYSTEM, type TransitionResult } from '../../workflows/transition.server'
import { evaluate, factsSchema, type Facts } from '~/model/eligibility'
import { intakeRefusal } from '~/model/campaign-intake'
import { requireConfirmedEmail } from './account-links.server'
import { withComputedFacts } from './computed-facts.server'

export type NewApplication = {
  campaignId: number
  source: ApplicationSource
  person: Omit<PersonInput, 'regionId'>
  private?: PrivateInput
  facts: Facts
  directionId?: number | null
  groupId?: number | null
  /** A self-applicant's own person row (already up to date) instead of a new one. */
  existingPersonId?: number
}

/**
 * A person holds one active application per campaign (migration 0013): the
 * refusal names the one that exists, so the page can link to it.
 */
export class DuplicateApplication extends AppError {
  constructor(existingId: number, self: boolean) {
    super(
      'DUPLICATE_APPLICATION',
      409,
      `${self ? 'У вас' : 'У кандидата'} уже есть заявление на этот отбор: № ${existingId}.`,
      { existingId, link: { href: `/applications/${existingId}`, label: `Открыть заявление № ${existingId}` } },
    )
  }
}

/** A draft application (PRODUCT §4); a closed campaign refuses new ones, a second active one of the same person too. */
export async function createApplication(input: NewApplication, actor: Actor, tx?: Db, now = new Date()): Promise<number> {
  return inTransaction(async (t) => {
    const campaign = await campaignById(input.campaignId, t)
    if (!campaign) throw new NotFound('campaign', input.campaignId)
    const refusal = intakeRefusal(campaign, now)
    if (refusal) throw new AppError(refusal.code, 409, refusal.message, { state: campaign.state })
    const self = input.source === 'self'
    const allowed = self
      ? can(actor, 'application:create', { ownerUserId: actor.userId })
      : can(actor, 'application:nominate', { municipalityId: input.person.municipalityId, regionId: campaign.regionId })
    if (!allowed) throw new Forbidden('application.create')
    // a municipal active is the municipality's own teachers' (issue 10 §6)
    if (campaign.municipalityId !== null && input.person.municipalityId !== campaign.municipalityId) {
      throw new AppError('OTHER_MUNICIPALITY', 422, 'Это отбор в муниципальный методический актив другого муниципалитета: в нём участвуют педагоги этого муниципалитета.', {
        fields: { municipalityId: 'Выберите муниципалитет отбора' },
      })
    }
    const facts = factsSchema.parse(input.facts)
    const personId =
      self && input.existingPersonId !== undefined
        ? input.existingPersonId
        : await insertPerson({ ...input.person, regionId: campaign.regionId }, input.private, t)
    const duplicate = async () => {
      const existing = await activeApplicationIn(campaign.id, { personId, applicantUserId: self ? actor.userId : null }, t)
      return new DuplicateApplication(existing ?? 0, self)
    }
    if (self && (await activeApplicationIn(campaign.id, { personId, applicantUserId: actor.userId }, t)) !== undefined) throw await duplicate()
    const id = await insertApplication(
      {
        initial: initialRow('application'),
        campaignId: campaign.id,
        regionId: campaign.regionId,
        municipalityId: input.person.municipalityId,
        personId,
        applicantUserId: self ? actor.userId : null,
        nominatedBy: self ? null : actor.userId,
        source: input.source,
        directionId: input.directionId ?? null,
        groupId: input.groupId ?? null,
        facts,
      },
      t,
    )
    // a parallel submission of the same person won the unique index meanwhile
    if (id === undefined) throw await duplicate()
    await appendAudit(
      { actorUserId: actor.userId, regionId: campaign.regionId, entity: 'application', entityId: id, action: 'CREATE', toState: 'draft' },
      t,
    )
    return id
  }, tx)
}

async function runEligibility(t: Tx, id: number, facts?: Facts) {
  const app = await applicationById(id, t)
  if (!app) throw new NotFound('application', id)
  const stored = await ruleSetById(app.ruleSetId, t)
  if (!stored) throw new NotFound('ruleSet', app.ruleSetId)
  // the registry's own facts (the evaluation) are read now, never taken from the claim
  const useFacts = await withComputedFacts(stored.document, app, facts ?? app.facts, t)
  const result = evaluate(useFacts, stored.document)
  await storeEligibility(id, useFacts, result, stored.id, t)
  return { eligibility: result.outcome, failedRules: result.failed }
}

/** Submit, then the automatic eligibility run moves it to screening. */
export async function submitApplication(id: number, actor: Actor, expectedRowVersion?: number, tx?: Db, now = new Date()): Promise<TransitionResult> {
  return inTransaction(async (t) => {
    // A draft is submitted only while its campaign takes applications.
    // another's application is answered as missing before its campaign's dates are told
    const app = await applicationInScope(actor, id, t)
    // one's own application needs a confirmed address; a nomination is submitted by staff
    if (app.ownerUserId === actor.userId) await requireConfirmedEmail(actor.userId, t)
    const campaign = app.state === 'draft' ? await campaignById(app.campaignId, t) : undefined
    const refusal = campaign ? intakeRefusal(campaign, now) : null
    if (refusal) throw new AppError(refusal.code, 409, refusal.message, { state: campaign?.state })
    await sendEvent({ entity: 'application', id, event: { type: 'SUBMIT' }, actor, expectedRowVersion }, t)
    await markSubmitted(id, t)
    const outcome = await runEligibility(t, id)
    return sendEvent({ entity: 'application', id, event: { type: 'START_SCREENING', ...outcome }, actor: SYSTEM }, t)
  }, tx)
}

/**
 * Staff confirm a claimed fact against its evidence; eligibility is
 * evaluated again and the machine learns the new outcome.
 */
export async function verifyFact(id: number, fact: string, actor: Actor, tx?: Db): Promise<TransitionResult> {
  return inTransaction(async (t) => {
    const app = await applicationById(id, t)
    if (!app) throw new NotFound('application', id)
    if (!can(actor, 'application:screen', app)) throw new Forbidden('application.verify')
    const claimed = app.facts[fact]
    if (!claimed) throw new AppError('FACT_NOT_CLAIMED', 422, 'Этот критерий кандидатом не заявлен.', { fact })
    const facts: Facts = { ...app.facts, [fact]: { ...claimed, verified: true, source: claimed.source === 'registry' ? 'registry' : 'evidence' } }
    const outcome = await runEligibility(t, id, facts)
    await appendAudit(
      { actorUserId: actor.userId, regionId: app.regionId, entity: 'application', entityId: id, action: 'VERIFY_FACT', data: { fact } },
      t,
    )
    return sendEvent({ entity: 'application', id, event: { type: 'EVALUATED', ...outcome }, actor: SYSTEM }, t)
  }, tx)
}
