import { applicationById, machineInfoRequest, type ApplicationRow } from '../../db/queries/applications.server'
import { approvingOrderOf } from '../../db/queries/approvals.server'
import { inTransaction } from '../../db/client.server'
import { campaignById } from '../../db/queries/campaigns.server'
import { informationRequestsOf } from '../../db/queries/information-requests.server'
import { ruleSetById } from '../../db/queries/rule-sets.server'
import { appendAudit, auditTrailCount, auditTrailPage, lastAuditEvent } from '../../db/queries/audit.server'
import { evidenceOf } from '../../db/queries/evidence.server'
import { personById } from '../../db/queries/people.server'
import { privateDataOf } from '../../db/queries/person-private.server'
import { regionTimeZone } from '../../db/queries/regions.server'
import { AppError } from '../../workflows/errors'
import { eventsOnApplicationPage } from '../../workflows/application.machine'
import { allowedEvents, sendEvent, type TransitionResult } from '../../workflows/transition.server'
import { PAGE_SIZE, toPage, type Cursor } from '~/model/paging'
import { can, type Actor } from '~/model/permissions'
import { FALLBACK_TIME_ZONE, isPastDeadline } from '~/utils/dates'
import { intakeRefusal } from '~/model/campaign-intake'
import { admitBlocker } from '~/model/refusals'
import { submitApplication } from './applications.server'
import { evidenceFacts, mayReadDocuments } from './evidence.server'
import { scoreSummaries } from './review-scores.server'
import { catalogueOf } from './region-facts.server'
import { applicationInScope } from './application-scope.server'
import { canReadApplication } from '~/model/application-access'

const commissionOnly = new Set(['ASSIGN_REVIEWER', 'UNASSIGN_REVIEWER', 'RECUSAL', 'REVIEW', 'READ_EVIDENCE', 'VERIFY_FACT'])

export { canReadApplication }

/**
 * The first check of an action on an application: someone who may not even
 * read it is told 404, as if it did not exist (applicationInScope), before
 * their form is looked at, not a form error.
 */
export async function requireReadableApplication(actor: Actor, id: number): Promise<void> {
  await applicationInScope(actor, id)
}

/** A request for information and its reply, as both sides read them. */
export type ThreadEntry = {
  id: number
  message: string
  replyBy: string | null
  requestedAt: Date
  /** Null when the reader may not see staff names (the applicant sees «секретарь комиссии»). */
  requestedByName: string | null
  reply: string | null
  repliedAt: Date | null
  repliedByName: string | null
  documents: { id: number; fact: string; fileName: string; sizeBytes: number }[]
}

/** Everything the application page shows to this actor, with the events they may send now. */
export async function applicationView(actor: Actor, id: number, now = new Date(), timelinePage: { after: Cursor | null; from: number } = { after: null, from: 1 }) {
  const app = await applicationInScope(actor, id)
  const own = app.ownerUserId === actor.userId
  const staffPrivate = !own && can(actor, 'privateData:read', app)
  // The commission's inner work (who reviews, who is recused, who read what)
  // is for the commission and the region's staff; others see the decisions
  // and the names of no one but themselves.
  const commissionView = can(actor, 'application:readCommission', app)
  // The timeline pages: an application's trail only grows (a reading of private data is a row each time).
  const hidden = ['READ_PRIVATE', ...(commissionView ? [] : [...commissionOnly])]
  const [person, evidence, timelineRows, timelineTotal, privateData, timeZone, requests, campaign] = await Promise.all([
    personById(app.personId),
    evidenceOf(id),
    auditTrailPage('application', id, { except: hidden, afterId: timelinePage.after?.id ?? 0, limit: PAGE_SIZE }),
    auditTrailCount('application', id, hidden),
    own || staffPrivate ? privateDataOf(app.personId) : Promise.resolve(undefined),
    regionTimeZone(app.regionId),
    informationRequestsOf(id),
    campaignById(app.campaignId),
  ])
  if (staffPrivate) {
    await appendAudit({ actorUserId: actor.userId, regionId: app.regionId, entity: 'application', entityId: id, action: 'READ_PRIVATE' })
  }
  const events = allowedEvents('application', app, actor).filter((e) => eventsOnApplicationPage.has(e))
  const nominatedByMe = app.nominatedBy === actor.userId
  const nameOf = (userId: number | null, name: string | null) => (commissionView || userId === actor.userId ? name : null)
  const timeline = toPage(timelineRows, PAGE_SIZE, timelinePage.from, timelineTotal, (t) => t.id)
  const visible = timeline.rows.map((t) => ({ ...t, actorName: nameOf(t.actorUserId, t.actorName) }))
  const thread: ThreadEntry[] = requests.map((r) => ({
    id: r.id,
    message: r.message,
    replyBy: r.replyBy,
    requestedAt: r.requestedAt,
    requestedByName: nameOf(r.requestedBy, r.requestedByName),
    reply: r.reply,
    repliedAt: r.repliedAt,
    repliedByName: nameOf(r.repliedBy, r.repliedByName),
    documents: evidence.filter((e) => e.informationRequestId === r.id).map((e) => ({ id: e.id, fact: e.fact, fileName: e.fileName, sizeBytes: e.sizeBytes })),
  }))
  // Demo data and requests older than the table drive the machine directly: the machine keeps their text.
  if (app.state === 'needsInformation' && !thread.some((r) => r.repliedAt === null)) {
    const message = await machineInfoRequest(id)
    const asked = await lastAuditEvent('application', id, 'REQUEST_INFO')
    if (message) {
      thread.push({
        id: 0,
        message,
        replyBy: null,
        requestedAt: asked?.at ?? app.updatedAt,
        requestedByName: asked ? nameOf(asked.actorUserId, asked.actorName) : null,
        reply: null,
        repliedAt: null,
        repliedByName: null,
        documents: [],
      })
    }
  }
  const zone = timeZone ?? FALLBACK_TIME_ZONE
  // The review form's figures are for those who weigh the reviews (the
  // secretary, the region's coordinator, the ministry), not for reviewers still writing theirs.
  const seesScores = can(actor, 'meeting:manage', app) || can(actor, 'campaign:manage', app) || can(actor, 'approval:decide', app)
  const reviewScores = seesScores ? ((await scoreSummaries([app])).get(app.id) ?? null) : null
  const catalogue = await catalogueOf(app.regionId)
  return {
    application: app,
    campaignTitle: campaign?.title ?? null,
    person,
    evidence,
    /** Whether the document names are links: a member not assigned to the candidate sees them, but may not open them. */
    documentsReadable: await mayReadDocuments(actor, app),
    timeline: visible,
    timelinePage: { next: timeline.next, from: timeline.from, total: timeline.total },
    thread,
    openRequest: openOf(thread, app.state, zone, now),
    /** Why a button the machine offers cannot succeed now: shown disabled with this reason. */
    blocked: await blockers(app, events, campaign, now),
    replyFacts: events.includes('PROVIDE_INFO') ? evidenceFacts(app.facts, catalogue) : [],
    /** The names of the facts (a region's own among them), by key. */
    factLabels: Object.fromEntries(Object.keys(app.facts).map((k) => [k, catalogue[k]?.label ?? k])),
    privateData: privateData ?? null,
    reviewScores,
    events,
    own,
    nominatedByMe,
    /** The campaign an applicant who withdrew may apply to again: its intake is still open (the apply page refuses a second active one). */
    reapplyCampaignId: own && app.state === 'withdrawn' && campaign && !intakeRefusal(campaign, now) ? campaign.id : null,
    timeZone: zone,
  }
}

/** The request waiting for a reply, and whether its last day is over in the region. */
function openOf(thread: ThreadEntry[], state: string, timeZone: string, now: Date) {
  const open = state === 'needsInformation' ? thread.find((r) => r.repliedAt === null) : undefined
  return open ? { ...open, overdue: open.replyBy !== null && isPastDeadline(open.replyBy, now, timeZone) } : null
}

/** Why the candidate cannot be admitted yet, from the stored eligibility result and its rule set. */
async function admitBlockerOf(app: ApplicationRow): Promise<string | null> {
  return admitBlocker(app.eligibility, (await ruleSetById(app.ruleSetId))?.document ?? null, app.facts)
}

async function blockers(
  app: ApplicationRow,
  events: string[],
  campaign: { state: string; closesOn: string | null; timeZone: string } | undefined,
  now: Date,
): Promise<Partial<Record<string, string>>> {
  const out: Partial<Record<string, string>> = {}
  if (events.includes('ADMIT')) {
    const blocker = await admitBlockerOf(app)
    if (blocker) out.ADMIT = blocker
  }
  if (events.includes('SUBMIT') && campaign) {
    const refusal = intakeRefusal(campaign, now)
    if (refusal) out.SUBMIT = refusal.message
  }
  return out
}

/** The events the page's buttons send without a form of their own (see information-requests.server.ts for the request and the reply). */
export type PageEvent =
  | { event: 'SUBMIT' | 'ADMIT' | 'REVIEW_AGAIN' | 'SEND_TO_MINISTRY' | 'WITHDRAW' }
  | { event: 'MARK_INELIGIBLE'; reasons: string[] }

/** The page's buttons all land here: one transition, checked by the machine and the role table. */
export async function applyApplicationEvent(actor: Actor, id: number, form: PageEvent, rowVersion?: number): Promise<TransitionResult> {
  if (!eventsOnApplicationPage.has(form.event)) throw new AppError('NOT_ON_PAGE', 409, 'Это действие выполняется не здесь.')
  const base = { entity: 'application' as const, id, actor, expectedRowVersion: rowVersion }
  switch (form.event) {
    case 'SUBMIT':
      return submitApplication(id, actor, rowVersion)
    case 'MARK_INELIGIBLE':
      return sendEvent({ ...base, event: { type: 'MARK_INELIGIBLE', reasons: form.reasons } })
    case 'ADMIT': {
      // The machine only knows «not eligible»; the secretary is told which claims still wait for documents.
      const app = await applicationById(id)
      if (app?.state === 'screening' && can(actor, 'application:screen', app)) {
        const blocker = await admitBlockerOf(app)
        if (blocker) throw new AppError('NOT_ELIGIBLE_YET', 409, blocker)
      }
      return sendEvent({ ...base, event: { type: 'ADMIT' } })
    }
    case 'WITHDRAW':
      // after the approval the letters name the order the candidate is in (it has to be changed)
      return inTransaction(async (t) => {
        const app = await applicationById(id, t)
        const order = app?.state === 'approved' ? await approvingOrderOf(id, t) : undefined
        return sendEvent({ ...base, event: { type: 'WITHDRAW' }, letter: order ? { orderNumber: order.number, orderDate: order.date } : undefined }, t)
      })
    default:
      return sendEvent({ ...base, event: { type: form.event } })
  }
}
