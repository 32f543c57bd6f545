import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { appealPanel, fileAppeal, withdrawAppeal } from '~/domain/appeals.server'
import { applicationView, applyApplicationEvent, requireReadableApplication } from '~/domain/application-view.server'
import { verifyFact } from '~/domain/applications.server'
import { answerInformationRequest, requestInformation } from '~/domain/information-requests.server'
import { readMultipart, textFields } from '~/http/application-post.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm, parseSubmission, refused } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import type { FactKey } from '~/model/eligibility'
import { evidenceMessages } from '~/model/inputs/application'
import {
  ineligibleSchema,
  plainEventIntents,
  plainEventSchema,
  replySchema,
  requestInfoSchema,
  verifySchema,
  withdrawSchema,
  type PlainEventIntent,
} from '~/model/inputs/application-page'
import { appealFileSchema, appealWithdrawSchema } from '~/model/inputs/appeals'
import { applicationStateLabels, sourceLabels } from '~/model/labels'
import { municipalApplicationStateLabels } from '~/model/municipal-selection'
import { AppError } from '../../../workflows/errors'
import { ActionsCard } from './actions'
import { AppealSection } from './appeal'
import { Details } from './details'
import { InformationRequests } from './information'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { ReviewScores } from './scores'
import { text } from './text'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? text.pageTitle(data.fullName) : 'Заявление' }]

const intentOfEvent = Object.fromEntries(Object.entries(plainEventIntents).map(([intent, event]) => [event, intent])) as Record<string, PlainEventIntent>

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const url = new URL(request.url)
  const v = await orErrorPage(applicationView(actor, idParam(params.id), new Date(), pageOf(url, 'historyAfter', 'int')))
  const a = v.application
  const appeal = await orErrorPage(appealPanel(actor, a.id))
  return {
    id: a.id,
    fullName: a.fullName,
    campaignTitle: v.campaignTitle,
    state: a.state,
    /** a municipal selection names its municipal education authority where the region's names the ministry (issue 10 §6) */
    municipalSelection: a.campaignMunicipalityId !== null,
    rowVersion: a.rowVersion,
    source: a.source,
    municipality: a.municipalityName,
    workplace: a.organisationName,
    person: v.person ? { position: v.person.position, subjects: v.person.subjects, workEmail: v.person.workEmail } : null,
    privateData: v.privateData,
    reviewScores: v.reviewScores,
    facts: a.facts,
    factLabels: v.factLabels,
    eligibility: a.eligibility,
    // an appeal's documents are listed with their appeal
    evidence: v.evidence.filter((e) => e.appealId === null).map((e) => ({ id: e.id, fact: e.fact, fileName: e.fileName, sizeBytes: e.sizeBytes })),
    documentsReadable: v.documentsReadable,
    timeline: v.timeline.map((t) => ({ id: t.id, at: t.at, action: t.action, fromState: t.fromState, toState: t.toState, actorName: t.actorName, reason: t.reason })),
    timelinePager: { ...v.timelinePage, next: nextHref(url, { ...v.timelinePage, rows: v.timeline }, 'historyAfter'), first: firstHref(url, 'historyAfter') },
    thread: v.thread,
    openRequest: v.openRequest,
    timeZone: v.timeZone,
    /** Buttons that need nothing but a press, each with why it cannot succeed now (then shown disabled). */
    plainEvents: v.events.filter((e) => e in intentOfEvent).map((e) => ({ intent: intentOfEvent[e], blocked: v.blocked[e] ?? null })),
    canRequestInfo: v.events.includes('REQUEST_INFO'),
    canMarkIneligible: v.events.includes('MARK_INELIGIBLE'),
    canWithdraw: v.events.includes('WITHDRAW'),
    canReply: v.events.includes('PROVIDE_INFO'),
    reapplyCampaignId: v.reapplyCampaignId,
    replyFacts: v.replyFacts,
    canVerify: v.events.includes('ADMIT') || v.events.includes('REQUEST_INFO'),
    canEdit: a.state === 'draft' && (v.own || v.nominatedByMe),
    canAddEvidence: v.own && a.state === 'draft',
    appeal: {
      period: appeal.period,
      appeals: appeal.appeals.map((x) => ({
        id: x.id,
        decisionState: x.decisionState,
        state: x.state,
        body: x.body,
        createdAt: x.createdAt,
        meetingAt: x.meeting?.heldAt ?? x.meetingAt,
        protocolNumber: x.meeting?.protocolNumber ?? null,
        decision: x.decision,
        documents: x.documents,
        documentsReadable: x.documentsReadable,
        canWithdraw: x.canWithdraw,
      })),
    },
  }
}

export type PageData = ReturnType<typeof useLoaderData<typeof loader>>

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const page = `/applications/${id}`
  await orErrorPage(requireReadableApplication(actor, id))
  const body = await readMultipart(request)
  if (!body.ok) {
    // the part over the limit names its form: the appeal's files or the reply's
    const appeal = body.field === 'appealFiles'
    const reply = new FormData()
    reply.set('intent', appeal ? 'appeal' : 'reply')
    const tooLarge = new AppError('FILE_TOO_LARGE', 413, evidenceMessages.tooLarge, { fields: { files: evidenceMessages.tooLarge } })
    return refused(appeal ? await parseSubmission(reply, appealFileSchema) : await parseSubmission(reply, replySchema), tooLarge)
  }
  const fd = textFields(body.fd)
  // Scripts written against the earlier page name the transition instead of the form.
  const named = fd.get('event')
  if (!fd.has('intent') && typeof named === 'string' && named in intentOfEvent) fd.set('intent', intentOfEvent[named])
  switch (fd.get('intent')) {
    case 'verify':
      return handleForm(fd, verifySchema, (v) => verifyFact(id, v.fact as FactKey, actor).then(() => redirectWithFlash(page, text.done.verify)))
    case 'requestInfo':
      return handleForm(fd, requestInfoSchema, (v) => requestInformation(actor, id, v, v.rowVersion).then(() => redirectWithFlash(page, text.done.requestInfo)))
    case 'reply': {
      const files = body.files.filter((f) => f.field === 'files')
      return handleForm(fd, replySchema, (v) => answerInformationRequest(actor, id, v, files, v.rowVersion).then(() => redirectWithFlash(page, text.done.reply)))
    }
    case 'ineligible':
      return handleForm(fd, ineligibleSchema, (v) =>
        applyApplicationEvent(actor, id, { event: 'MARK_INELIGIBLE', reasons: v.reasons }, v.rowVersion).then(() => redirectWithFlash(page, text.done.ineligible)),
      )
    case 'appeal': {
      const files = body.files.filter((f) => f.field === 'appealFiles')
      return handleForm(fd, appealFileSchema, (v) => fileAppeal(actor, id, { body: v.body }, files).then(() => redirectWithFlash(page, text.done.appeal)))
    }
    case 'withdrawAppeal':
      return handleForm(fd, appealWithdrawSchema, (v) => withdrawAppeal(actor, id, v.appealId).then(() => redirectWithFlash(page, text.done.withdrawAppeal)))
    case 'withdraw':
      return handleForm(fd, withdrawSchema, (v) => applyApplicationEvent(actor, id, { event: 'WITHDRAW' }, v.rowVersion).then(() => redirectWithFlash(page, text.done.withdraw)))
    default:
      return handleForm(fd, plainEventSchema, (v) =>
        applyApplicationEvent(actor, id, { event: plainEventIntents[v.intent] }, v.rowVersion).then(() => redirectWithFlash(page, text.done[v.intent])),
      )
  }
}

export default function ApplicationPage() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <>
      <p>
        <Link to="/dashboard">{text.back}</Link>
      </p>
      <h1>{text.title(d.fullName)}</h1>
      <p>
        {d.campaignTitle ? (
          <>
            {text.campaign}: «{d.campaignTitle}» ·{' '}
          </>
        ) : null}
        {text.state}:{' '}
        <strong className="badge" data-state={d.state}>
          {(d.municipalSelection ? municipalApplicationStateLabels : applicationStateLabels)[d.state]}
        </strong>{' '}
        · {text.source}: {sourceLabels[d.source]}
      </p>
      {d.canEdit || d.canAddEvidence ? (
        <p>
          {d.canEdit ? <Link to={`/applications/${d.id}/edit`}>{text.edit}</Link> : null}
          {d.canEdit && d.canAddEvidence ? ' · ' : null}
          {d.canAddEvidence ? <Link to={`/applications/${d.id}/evidence/new`}>{text.addDocument}</Link> : null}
        </p>
      ) : null}
      {d.thread.length > 0 ? <InformationRequests d={d} lastResult={lastResult} /> : null}
      <AppealSection d={d} lastResult={lastResult} />
      <ActionsCard d={d} lastResult={lastResult} />
      {d.reviewScores ? <ReviewScores s={d.reviewScores} /> : null}
      <Details d={d} lastResult={lastResult} />
    </>
  )
}
