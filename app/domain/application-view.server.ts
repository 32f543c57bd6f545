import { z } from 'zod'
import { applicationById } from '../../db/queries/applications.server'
import { appendAudit, auditTrail } from '../../db/queries/audit.server'
import { evidenceOf } from '../../db/queries/evidence.server'
import { personById } from '../../db/queries/people.server'
import { privateDataOf } from '../../db/queries/person-private.server'
import { regionTimeZone } from '../../db/queries/regions.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { eventsOnApplicationPage } from '../../workflows/application.machine'
import { allowedEvents, sendEvent, type TransitionResult } from '../../workflows/transition.server'
import { can, type Actor } from '~/model/permissions'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'
import { submitApplication } from './applications.server'

const commissionOnly = new Set(['ASSIGN_REVIEWER', 'UNASSIGN_REVIEWER', 'RECUSAL', 'REVIEW', 'READ_EVIDENCE', 'VERIFY_FACT'])

/** Who may open an application: its applicant, its municipality, its commission, its region's staff. */
export function canReadApplication(actor: Actor, a: { ownerUserId: number | null; municipalityId: number | null; commissionId: number | null; regionId: number }) {
  return (
    (a.ownerUserId !== null && a.ownerUserId === actor.userId) ||
    can(actor, 'application:readMunicipality', a) ||
    can(actor, 'application:readCommission', a)
  )
}

/** Everything the application page shows to this actor, with the events they may send now. */
export async function applicationView(actor: Actor, id: number) {
  const app = await applicationById(id)
  if (!app) throw new NotFound('application', id)
  if (!canReadApplication(actor, app)) throw new Forbidden('application.read')
  const own = app.ownerUserId === actor.userId
  const staffPrivate = !own && can(actor, 'privateData:read', app)
  const [person, evidence, timeline, privateData, timeZone] = await Promise.all([
    personById(app.personId),
    evidenceOf(id),
    auditTrail('application', id),
    own || staffPrivate ? privateDataOf(app.personId) : Promise.resolve(undefined),
    regionTimeZone(app.regionId),
  ])
  if (staffPrivate) {
    await appendAudit({ actorUserId: actor.userId, regionId: app.regionId, entity: 'application', entityId: id, action: 'READ_PRIVATE' })
  }
  const events = allowedEvents('application', app, actor).filter((e) => eventsOnApplicationPage.has(e))
  const nominatedByMe = app.nominatedBy === actor.userId
  // The commission's inner work (who reviews, who is recused, who read what)
  // is for the commission and the region's staff; others see the decisions
  // and the names of no one but themselves.
  const commissionView = can(actor, 'application:readCommission', app)
  const visible = timeline
    .filter((t) => t.action !== 'READ_PRIVATE' && (commissionView || !commissionOnly.has(t.action)))
    .map((t) => (commissionView || t.actorUserId === actor.userId ? t : { ...t, actorName: null }))
  return {
    application: app,
    person,
    evidence,
    timeline: visible,
    privateData: privateData ?? null,
    events,
    own,
    nominatedByMe,
    timeZone: timeZone ?? FALLBACK_TIME_ZONE,
  }
}

// One schema per event that carries input; shared by the form and the action.
export const applicationEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('SUBMIT') }),
  z.object({ event: z.literal('PROVIDE_INFO') }),
  z.object({ event: z.literal('ADMIT') }),
  z.object({ event: z.literal('REVIEW_AGAIN') }),
  z.object({ event: z.literal('SEND_TO_MINISTRY') }),
  z.object({ event: z.literal('APPROVE') }),
  z.object({ event: z.literal('WITHDRAW') }),
  z.object({ event: z.literal('REQUEST_INFO'), message: z.string().trim().min(3, 'Опишите, какие сведения нужны').max(2000) }),
  z.object({ event: z.literal('RETURN'), reason: z.string().trim().min(3, 'Укажите причину возврата').max(2000) }),
  z.object({
    event: z.literal('MARK_INELIGIBLE'),
    reasons: z
      .string()
      .trim()
      .min(3, 'Перечислите невыполненные требования')
      .max(4000)
      .transform((s) => s.split('\n').map((x) => x.trim()).filter(Boolean)),
  }),
])
export type ApplicationEventForm = z.infer<typeof applicationEventSchema>

/** The page's buttons all land here: one transition, checked by the machine and the role table. */
export async function applyApplicationEvent(actor: Actor, id: number, form: ApplicationEventForm, rowVersion?: number): Promise<TransitionResult> {
  if (!eventsOnApplicationPage.has(form.event)) throw new AppError('NOT_ON_PAGE', 409, 'Это действие выполняется не здесь.')
  const base = { entity: 'application' as const, id, actor, expectedRowVersion: rowVersion }
  switch (form.event) {
    case 'SUBMIT':
      return submitApplication(id, actor, rowVersion)
    case 'REQUEST_INFO':
      return sendEvent({ ...base, event: { type: 'REQUEST_INFO', message: form.message } })
    case 'RETURN':
      return sendEvent({ ...base, event: { type: 'RETURN', reason: form.reason } })
    case 'MARK_INELIGIBLE':
      return sendEvent({ ...base, event: { type: 'MARK_INELIGIBLE', reasons: form.reasons } })
    default:
      return sendEvent({ ...base, event: { type: form.event } })
  }
}
