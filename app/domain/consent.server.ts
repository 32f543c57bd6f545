import { z } from 'zod'
import { inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { consentHistory, currentConsent, currentConsentForUpdate, ensureConsentTexts, insertConsent, setMembersPublic, supersedeConsent, withdrawConsent } from '../../db/queries/consents.server'
import { enqueue } from '../../db/queries/outbox.server'
import { personById } from '../../db/queries/people.server'
import { regionById } from '../../db/queries/regions.server'
import { userById } from '../../db/queries/users.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import type { SessionActor } from './sessions.server'
import { can } from '~/model/permissions'
import { formatDay, isDay } from '~/utils/dates'
import { CONSENT_TEXT_VERSIONS, disseminationConsentText, publicFieldLabels, publicFields, type PublicField } from '~/model/consent'

// Dissemination consent (PRODUCT §6, 152-FZ art. 10.1): given field by field,
// narrowed or withdrawn by the subject at any time. Each change is a new row
// (the old one superseded), so the history shows exactly what was allowed
// when; the roster version changes in the same transaction (triggers), so the
// next public request already reflects it.

export const disseminationFormSchema = z.object({
  fields: z.array(z.enum(publicFields)).default([]),
  conditions: z.string().trim().max(1000, 'Не более 1000 знаков').default(''),
  validUntil: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Дата в формате ГГГГ-ММ-ДД')
    .refine((v) => v === '' || isDay(v), 'Такой даты нет в календаре')
    .default('')
    .transform((v) => v || null),
})
export type DisseminationForm = z.infer<typeof disseminationFormSchema>

/** The document the subject reads before agreeing: everything RKN order №18 asks for. */
export async function disseminationDocument(personId: number, publicBase: string, choice?: { fields: readonly string[]; conditions: string; validUntil: string | null }) {
  const person = await personById(personId)
  if (!person) throw new NotFound('person', personId)
  const region = await regionById(person.regionId)
  const op = (region?.operator ?? {}) as Record<string, string>
  const addresses = [`${publicBase}/roster`, `${publicBase}/roster.csv`, `${publicBase}/roster.json`, `${publicBase}/regions/${region?.code ?? ''}`]
  const fields = choice?.fields.length ? choice.fields.map((f) => publicFieldLabels[f as PublicField] ?? f).join(', ') : '(поля не выбраны)'
  const body = disseminationConsentText
    .replace('{subject}', `${person.lastName} ${person.firstName} ${person.middleName}`.trim())
    .replace('{operator}', op.name ?? '')
    .replace('{address}', op.address ?? '')
    .replace('{inn}', op.inn ?? '')
    .replace('{ogrn}', op.ogrn ?? '')
    .replace('{addresses}', addresses.join(', '))
    .replace('{fields}', fields)
    .replace('{conditions}', choice?.conditions || 'не установлены')
    .replace('{term}', choice?.validUntil ? `до ${formatDay(choice.validUntil)} включительно (до полуночи по местному времени региона)` : 'до отзыва')
  return { version: CONSENT_TEXT_VERSIONS.dissemination, body, addresses }
}

async function ownPerson(actor: SessionActor): Promise<number> {
  const user = await userById(actor.userId)
  if (!user?.personId) throw new AppError('NO_PERSON', 409, 'С вашей учётной записью не связаны персональные данные.')
  if (!can(actor, 'consent:manageOwn', { ownerUserId: actor.userId })) throw new Forbidden('consent')
  return user.personId
}

export async function myConsents(actor: SessionActor) {
  const personId = await ownPerson(actor)
  return { personId, current: await currentConsent(personId, 'dissemination'), history: await consentHistory(personId) }
}

/** Gives, narrows or widens the consent; an empty choice is a withdrawal. */
export async function setDisseminationConsent(actor: SessionActor, form: DisseminationForm, tx?: Db) {
  const personId = await ownPerson(actor)
  if (form.fields.length === 0) return withdrawDisseminationConsent(actor, tx)
  return inTransaction(async (t) => {
    const person = await personById(personId, t)
    const current = await currentConsentForUpdate(personId, 'dissemination', t)
    if (current) await supersedeConsent(current.id, t)
    await ensureConsentTexts(t)
    const id = await insertConsent(
      { personId, purpose: 'dissemination', textVersion: CONSENT_TEXT_VERSIONS.dissemination, fields: form.fields, conditions: form.conditions, validUntil: form.validUntil },
      t,
    )
    await setMembersPublic(personId, form.fields.includes('fullName'), t)
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId: person?.regionId ?? null,
        entity: 'consent',
        entityId: id,
        action: current ? 'CONSENT_CHANGED' : 'CONSENT_GIVEN',
        data: { personId, fields: form.fields, previous: current?.fields ?? [] },
      },
      t,
    )
    await enqueue(
      [
        {
          regionId: person?.regionId ?? null,
          template: 'consentChanged',
          to: { userId: actor.userId, email: actor.user.login, role: 'member' },
          entity: 'consent',
          entityId: id,
          payload: { fields: form.fields },
        },
      ],
      t,
    )
    return { id, withdrawn: false as const }
  }, tx)
}

export async function withdrawDisseminationConsent(actor: SessionActor, tx?: Db) {
  const personId = await ownPerson(actor)
  return inTransaction(async (t) => {
    const person = await personById(personId, t)
    const current = await currentConsentForUpdate(personId, 'dissemination', t)
    if (!current) throw new AppError('NO_CONSENT', 409, 'Согласие на распространение не было дано или уже отозвано.')
    const at = await withdrawConsent(current.id, t)
    const hidden = await setMembersPublic(personId, false, t)
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId: person?.regionId ?? null,
        entity: 'consent',
        entityId: current.id,
        action: 'CONSENT_WITHDRAWN',
        data: { personId, withdrawnAt: at.toISOString(), membersHidden: hidden },
      },
      t,
    )
    await enqueue(
      [
        {
          regionId: person?.regionId ?? null,
          template: 'consentWithdrawn',
          to: { userId: actor.userId, email: actor.user.login, role: 'member' },
          entity: 'consent',
          entityId: current.id,
          payload: { withdrawnAt: at.toISOString() },
        },
      ],
      t,
    )
    return { id: current.id, withdrawn: true as const, at }
  }, tx)
}

/** Staff view of a person's consent history; every such read is audited (PRODUCT §6). */
export async function consentHistoryForStaff(actor: SessionActor, personId: number) {
  return inTransaction(async (t) => {
    const person = await personById(personId, t)
    if (!person) throw new NotFound('person', personId)
    if (!can(actor, 'privateData:read', { regionId: person.regionId, commissionId: null })) {
      // secretaries hold privateData:read per commission; a region-wide view is the coordinator's
      throw new Forbidden('consent.history')
    }
    await appendAudit(
      { actorUserId: actor.userId, regionId: person.regionId, entity: 'person', entityId: personId, action: 'READ_CONSENTS' },
      t,
    )
    return { person, history: await consentHistory(personId, t) }
  })
}
