import { inTransaction, type Db, type Tx } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { consentHistory, currentConsent, currentConsentForUpdate, ensureConsentTexts, insertConsent, setMembersPublic, supersedeConsent, withdrawConsent } from '../../db/queries/consents.server'
import { enqueue, type Addressee } from '../../db/queries/outbox.server'
import { personById } from '../../db/queries/people.server'
import { regionById, type Region } from '../../db/queries/regions.server'
import { userById } from '../../db/queries/users.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import type { SessionActor } from './sessions.server'
import { can } from '~/model/permissions'
import { formatDay } from '~/utils/dates'
import type { DisseminationForm } from '~/model/inputs/consent'
import { CONSENT_TEXT_VERSIONS, disseminationConsentText, processingConsentText, publicFieldLabels, readableConsentText, type PublicField } from '~/model/consent'
import { recordInScope } from './application-scope.server'

// Consents (PRODUCT §6, 152-FZ art. 9 and 10.1): the one place where their
// texts are rendered and where they are stored, for the application form and
// for /my/consent alike. Dissemination is given field by field, narrowed or
// withdrawn by the subject at any time. Each change is a new row (the old one
// superseded), so the history shows exactly what was allowed when; the roster
// version changes in the same transaction (triggers), so the next public
// request already reflects it; the subject is told by e-mail through the
// outbox in the same transaction.


// --- the texts ---------------------------------------------------------------

/** What the dissemination text says about the choice: the fields, the conditions and the term. */
export type ConsentTerms = { fields: string; conditions: string; term: string }

function fill(template: string, values: Record<string, string>) {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m)
}

/**
 * Both consent texts as the subject reads them before agreeing, with the
 * region's operator and every address the roster is published at
 * (everything RKN order №18 asks for).
 */
export function consentDocuments(
  region: Pick<Region, 'code' | 'name' | 'operator'>,
  subject: { name: string; contact: string },
  publicBase: string,
  terms: ConsentTerms,
) {
  const op = region.operator as Record<string, string | undefined>
  const addresses = [`${publicBase}/roster`, `${publicBase}/roster.csv`, `${publicBase}/roster.json`, `${publicBase}/regions/${region.code}`]
  return {
    addresses,
    processing: readableConsentText(fill(processingConsentText, { operator: op.name ?? region.name })),
    dissemination: readableConsentText(fill(disseminationConsentText, {
      subject: subject.name,
      // RKN order №18 asks for the subject's contact (phone, e-mail or postal address).
      contact: subject.contact || 'адрес электронной почты, указанный в заявлении',
      operator: op.name ?? '',
      address: op.address ?? '',
      inn: op.inn ?? '',
      ogrn: op.ogrn ?? '',
      addresses: addresses.join(', '),
      ...terms,
    })),
  }
}

/** The dissemination document of a person, for the choice made (or about to be made) on /my/consent. */
export async function disseminationDocument(personId: number, publicBase: string, choice?: { fields: readonly string[]; conditions: string; validUntil: string | null }) {
  const person = await personById(personId)
  if (!person) throw new NotFound('person', personId)
  const region = await regionById(person.regionId)
  if (!region) throw new NotFound('region', person.regionId)
  const name = `${person.lastName} ${person.firstName} ${person.middleName}`.trim()
  const docs = consentDocuments(region, { name, contact: person.workEmail ?? '' }, publicBase, {
    fields: choice?.fields.length ? choice.fields.map((f) => publicFieldLabels[f as PublicField] ?? f).join(', ') : '(поля не выбраны)',
    conditions: choice?.conditions || 'не установлены',
    term: choice?.validUntil ? `до ${formatDay(choice.validUntil)} включительно (до полуночи по местному времени региона)` : 'до отзыва',
  })
  return { version: CONSENT_TEXT_VERSIONS.dissemination, body: docs.dissemination, addresses: docs.addresses }
}

// --- storing ------------------------------------------------------------------

/** Whose consent changes, who changes it (the subject or a coordinator on their behalf), and who is told. */
export type ConsentChange = {
  actorUserId: number
  personId: number
  regionId: number | null
  /** The subject's address for the notice; null: nobody to tell. */
  notify: Addressee | null
  /** Extra audit context, e.g. the application the consent came with. */
  context?: Record<string, unknown>
}

/** The fields allowed; conditions and term left out keep the current consent's. */
export type DisseminationChoice = { fields: readonly PublicField[]; conditions?: string; validUntil?: string | null }

export type DisseminationResult =
  | { kind: 'given' | 'changed' | 'unchanged'; id: number }
  | { kind: 'withdrawn'; id: number; at: Date }
  | { kind: 'none' }

/** The processing consent in force, unless the person already gave it. */
export async function giveProcessingConsent(t: Tx, c: ConsentChange): Promise<void> {
  await ensureConsentTexts(t)
  const current = await currentConsentForUpdate(c.personId, 'processing', t)
  if (current && current.textVersion === CONSENT_TEXT_VERSIONS.processing) return
  if (current) await supersedeConsent(current.id, t)
  const id = await insertConsent({ personId: c.personId, purpose: 'processing', textVersion: CONSENT_TEXT_VERSIONS.processing, fields: [], conditions: '', validUntil: null }, t)
  await appendAudit(
    { actorUserId: c.actorUserId, regionId: c.regionId, entity: 'consent', entityId: id, action: 'CONSENT_GIVEN', data: { personId: c.personId, purpose: 'processing', ...c.context } },
    t,
  )
}

/**
 * The one way a dissemination consent changes: a new row superseding the
 * current one (or, for an empty choice, the current one withdrawn), the
 * members' visibility, the audit row and the subject's e-mail, all in the
 * caller's transaction. A choice equal to the current consent writes nothing.
 */
export async function recordDisseminationConsent(t: Tx, c: ConsentChange, choice: DisseminationChoice): Promise<DisseminationResult> {
  const audit = (consentId: number, action: string, data: Record<string, unknown>) =>
    appendAudit({ actorUserId: c.actorUserId, regionId: c.regionId, entity: 'consent', entityId: consentId, action, data: { personId: c.personId, purpose: 'dissemination', ...c.context, ...data } }, t)
  const notify = (template: string, entityId: number, payload: Record<string, unknown>) =>
    c.notify ? enqueue([{ regionId: c.regionId, template, to: c.notify, entity: 'consent', entityId, payload }], t) : Promise.resolve()

  const current = await currentConsentForUpdate(c.personId, 'dissemination', t)
  if (choice.fields.length === 0) {
    if (!current) return { kind: 'none' }
    const at = await withdrawConsent(current.id, t)
    const hidden = await setMembersPublic(c.personId, false, t)
    await audit(current.id, 'CONSENT_WITHDRAWN', { withdrawnAt: at.toISOString(), membersHidden: hidden })
    await notify('consentWithdrawn', current.id, { withdrawnAt: at.toISOString() })
    return { kind: 'withdrawn', id: current.id, at }
  }
  const fields = [...choice.fields]
  const conditions = choice.conditions ?? current?.conditions ?? ''
  const validUntil = choice.validUntil === undefined ? (current?.validUntil ?? null) : choice.validUntil
  const same =
    current &&
    current.fields.length === fields.length &&
    fields.every((f) => current.fields.includes(f)) &&
    current.conditions === conditions &&
    current.validUntil === validUntil
  if (same) return { kind: 'unchanged', id: current.id }
  if (current) await supersedeConsent(current.id, t)
  await ensureConsentTexts(t)
  const id = await insertConsent({ personId: c.personId, purpose: 'dissemination', textVersion: CONSENT_TEXT_VERSIONS.dissemination, fields, conditions, validUntil }, t)
  await setMembersPublic(c.personId, fields.includes('fullName'), t)
  await audit(id, current ? 'CONSENT_CHANGED' : 'CONSENT_GIVEN', { fields, previous: current?.fields ?? [] })
  await notify(current ? 'consentChanged' : 'consentGiven', id, conditions ? { fields, conditions } : { fields })
  return { kind: current ? 'changed' : 'given', id }
}

// --- the subject's own page (/my/consent) ---------------------------------------

/** The person whose consents the actor keeps; 403 for a role that keeps none (checked before a form is read). */
export async function ownPerson(actor: SessionActor): Promise<number> {
  // A role that may not keep consents is told so (403) whether or not its account has a person.
  if (!can(actor, 'consent:manageOwn', { ownerUserId: actor.userId })) throw new Forbidden('consent')
  const user = await userById(actor.userId)
  if (!user?.personId) throw new AppError('NO_PERSON', 409, 'С вашей учётной записью не связаны персональные данные.')
  return user.personId
}

export async function myConsents(actor: SessionActor) {
  const personId = await ownPerson(actor)
  return { personId, current: await currentConsent(personId, 'dissemination'), history: await consentHistory(personId) }
}

const noConsent = () => new AppError('NO_CONSENT', 409, 'Согласие на распространение не было дано или уже отозвано.')

async function ownChange(actor: SessionActor, personId: number, t: Tx): Promise<ConsentChange> {
  const person = await personById(personId, t)
  return { actorUserId: actor.userId, personId, regionId: person?.regionId ?? null, notify: { userId: actor.userId, email: actor.user.login, role: 'member' } }
}

/** Gives, narrows or widens the consent; an empty choice is a withdrawal. */
export async function setDisseminationConsent(actor: SessionActor, form: DisseminationForm, tx?: Db) {
  const personId = await ownPerson(actor)
  return inTransaction(async (t) => {
    const result = await recordDisseminationConsent(t, await ownChange(actor, personId, t), form)
    // Nothing ticked and nothing given before: there is nothing to withdraw, the person has not chosen yet.
    if (result.kind === 'none') throw new AppError('NOTHING_CHOSEN', 400, 'Ничего не отмечено: отметьте сведения, которые разрешаете публиковать.', { fields: { fields: 'Отметьте хотя бы одно из сведений' } })
    return result.kind === 'withdrawn' ? { id: result.id, withdrawn: true as const, at: result.at } : { id: result.id, withdrawn: false as const }
  }, tx)
}

export async function withdrawDisseminationConsent(actor: SessionActor, tx?: Db) {
  const personId = await ownPerson(actor)
  return inTransaction(async (t) => {
    const result = await recordDisseminationConsent(t, await ownChange(actor, personId, t), { fields: [] })
    if (result.kind !== 'withdrawn') throw noConsent()
    return { id: result.id, withdrawn: true as const, at: result.at }
  }, tx)
}

/** Staff view of a person's consent history; every such read is audited (PRODUCT §6). */
export async function consentHistoryForStaff(actor: SessionActor, personId: number) {
  return inTransaction(async (t) => {
    // secretaries hold privateData:read per commission; a region-wide view is the coordinator's
    const person = recordInScope('person', personId, await personById(personId, t), (p) => can(actor, 'privateData:read', { regionId: p.regionId, commissionId: null }))
    await appendAudit(
      { actorUserId: actor.userId, regionId: person.regionId, entity: 'person', entityId: personId, action: 'READ_CONSENTS' },
      t,
    )
    return { person, history: await consentHistory(personId, t) }
  })
}
