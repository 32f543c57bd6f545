import { createHash } from 'node:crypto'
import { inTransaction, type Db } from '../../db/client.server'
import {
  appealById,
  appealQueue,
  appealsOfApplication,
  currentDecision,
  insertAppeal,
  lockApplication,
  otherActiveApplication,
  type AppealRow,
} from '../../db/queries/appeals.server'
import { applicationById, type ApplicationRow } from '../../db/queries/applications.server'
import { appendAudit } from '../../db/queries/audit.server'
import { campaignById, updateCampaignAppealDays } from '../../db/queries/campaigns.server'
import { commissionById } from '../../db/queries/commissions.server'
import { evidenceOf, insertEvidence } from '../../db/queries/evidence.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { initialRow } from '../../workflows/snapshot'
import { allowedEvents, sendEvent } from '../../workflows/transition.server'
import { appealClosesAt, appealFilingScope, appealLastDay, DEFAULT_APPEAL_DAYS, isAppealable } from '~/model/appeals'
import type { AppealFiling } from '~/model/inputs/appeals'
import { checkEvidence, safeFileName } from '~/model/inputs/application'
import { FormInvalid } from '~/model/inputs/form-invalid'
import { PAGE_SIZE, toPage, type Cursor } from '~/model/paging'
import { can, type Actor } from '~/model/permissions'
import { formatDay } from '~/utils/dates'
import { canReadApplication } from './application-view.server'
import { mayReadDocuments, type UploadedFile } from './evidence.server'
import { motionsOfSubject } from './motions.server'
import { zoneOfRegion } from './time-zone.server'
import { recordInScope } from './application-scope.server'

// Appeals (issue 10 §5): the applicant (or the coordinator who nominated a
// candidate without an account) files one per decision within the campaign's
// period; the commission decides it at a meeting (appeal-motions.server.ts).

/** The fact name appeal documents carry in the evidence table. */
export const APPEAL_DOCUMENT = 'appeal'

/** The decision the application is in now and its appeal period, or null when its state cannot be appealed. */
async function periodOf(app: ApplicationRow, tx?: Db) {
  if (!isAppealable(app.state)) return null
  const [decision, campaign, timeZone] = await Promise.all([currentDecision(app.id, app.state, tx), campaignById(app.campaignId, tx), zoneOfRegion(app.regionId, tx)])
  const days = campaign?.appealDays ?? DEFAULT_APPEAL_DAYS
  return { decision, days, lastDay: appealLastDay(decision.at, days, timeZone), closesAt: appealClosesAt(decision.at, days, timeZone), timeZone }
}

/** What the application page shows about appeals: each appeal with its documents, and whether this actor may file one now. */
export async function appealPanel(actor: Actor, applicationId: number, now = new Date()) {
  const app = await applicationById(applicationId)
  if (!app || !canReadApplication(actor, app)) throw new NotFound('application', applicationId)
  const [appeals, evidence, period] = await Promise.all([appealsOfApplication(app.id), evidenceOf(app.id), periodOf(app)])
  const mayFile = can(actor, 'appeal:file', appealFilingScope(app))
  const pending = period !== null && appeals.some((a) => a.decisionRef === period.decision.ref)
  const [meetings, readable] = await Promise.all([
    Promise.all(appeals.map((a) => motionsOfSubject('appeal', a.id))),
    Promise.all(appeals.map((a) => mayReadDocuments(actor, app, a))),
  ])
  return {
    appeals: appeals.map((a, i) => ({
      ...a,
      /** The meeting that has it on its agenda or decided it, with the protocol's number once issued. */
      meeting: meetings[i][0] ? { heldAt: meetings[i][0].heldAt, protocolNumber: meetings[i][0].protocolNumber } : null,
      documents: evidence.filter((e) => e.appealId === a.id).map((e) => ({ id: e.id, fileName: e.fileName, sizeBytes: e.sizeBytes })),
      /** Whether this reader may open the documents (the page then names them without a link). */
      documentsReadable: readable[i],
      canWithdraw: allowedEvents('appeal', a, actor).includes('WITHDRAW'),
    })),
    /** The period of the present decision, if it may be appealed and is not yet. */
    period: period && !pending && mayFile ? { lastDay: period.lastDay, days: period.days, open: now.getTime() < period.closesAt.getTime() } : null,
  }
}

/** Files the appeal with its documents (PDF, JPEG, PNG checked by their bytes); one per decision. */
export async function fileAppeal(actor: Actor, applicationId: number, input: AppealFiling, files: UploadedFile[], now = new Date(), tx?: Db): Promise<number> {
  return inTransaction(async (t) => {
    // why: the lock orders the filings of one application, so the state and
    // decision read below are the ones the appeal is filed against
    await lockApplication(applicationId, t)
    const app = await applicationById(applicationId, t)
    if (!app) throw new NotFound('application', applicationId)
    if (!can(actor, 'appeal:file', appealFilingScope(app))) throw new Forbidden('appeal.file')
    const period = await periodOf(app, t)
    if (!period) {
      throw new AppError('NOT_APPEALABLE', 409, 'Апелляцию можно подать только на решение «не соответствует требованиям» или «отклонено».', { state: app.state })
    }
    if (now.getTime() >= period.closesAt.getTime()) {
      throw new AppError('APPEAL_PERIOD_OVER', 409, `Срок подачи апелляции истёк ${formatDay(period.lastDay)}.`, { lastDay: period.lastDay })
    }
    if (app.commissionId === null) throw new AppError('NO_COMMISSION', 409, 'У отбора нет комиссии, которая могла бы рассмотреть апелляцию.')
    if (await otherActiveApplication(app.id, t)) {
      throw new AppError('OTHER_APPLICATION', 409, 'У кандидата есть другое заявление в этом отборе: апелляция по прежнему заявлению не подаётся.')
    }
    const checked = checkedFiles(files)
    const id = await insertAppeal(
      {
        regionId: app.regionId,
        applicationId: app.id,
        commissionId: app.commissionId,
        municipalityId: appealFilingScope(app).municipalityId,
        ownerUserId: app.ownerUserId,
        decisionState: app.state,
        decisionRef: period.decision.ref,
        decidedAt: period.decision.at,
        body: input.body,
        filedBy: actor.userId,
      },
      initialRow('appeal'),
      t,
    )
    if (id === null) throw new AppError('APPEAL_EXISTS', 409, 'На это решение апелляция уже подана: на одно решение — одна апелляция.')
    for (const f of checked) {
      const evidenceId = await insertEvidence({ applicationId: app.id, fact: APPEAL_DOCUMENT, ...f, appealId: id }, t)
      await appendAudit(
        { actorUserId: actor.userId, regionId: app.regionId, entity: 'application', entityId: app.id, action: 'UPLOAD_EVIDENCE', data: { evidenceId, fact: APPEAL_DOCUMENT, sizeBytes: f.content.byteLength } },
        t,
      )
    }
    await sendEvent({ entity: 'appeal', id, event: { type: 'FILE' }, actor }, t)
    return id
  }, tx)
}

function checkedFiles(files: UploadedFile[]) {
  const out = []
  for (const f of files) {
    if (f.bytes.byteLength === 0 && f.fileName === '') continue // an empty file input
    const checked = checkEvidence(f.fileName, f.bytes)
    if (!checked.ok) throw new FormInvalid({ files: `${safeFileName(f.fileName)}: ${checked.message}` })
    out.push({ fileName: safeFileName(f.fileName), mimeType: checked.mimeType, content: f.bytes, sha256: createHash('sha256').update(f.bytes).digest('hex') })
  }
  return out
}

/** The applicant takes back an appeal that is not yet on a meeting's agenda. */
export async function withdrawAppeal(actor: Actor, applicationId: number, appealId: number, tx?: Db): Promise<void> {
  const appeal = await appealById(appealId, tx)
  if (!appeal || appeal.applicationId !== applicationId) throw new NotFound('appeal', appealId)
  await sendEvent({ entity: 'appeal', id: appealId, event: { type: 'WITHDRAW' }, actor }, tx)
}

export type AppealListItem = Pick<AppealRow, 'id' | 'applicationId' | 'fullName' | 'campaignTitle' | 'decisionState' | 'state' | 'meetingAt' | 'createdAt'>

/** The commission's appeals still to be decided (the secretary's list), oldest first. */
export async function commissionAppeals(actor: Actor, commissionId: number, paging: { after: Cursor | null; from: number }) {
  if (!can(actor, 'meeting:manage', { commissionId })) throw new Forbidden('appeal.list')
  const [{ rows, total }, commission] = await Promise.all([appealQueue(commissionId, paging.after, PAGE_SIZE + 1), commissionById(commissionId)])
  if (!commission) throw new NotFound('commission', commissionId)
  const page = toPage(rows, PAGE_SIZE, paging.from, total, (r) => r.id)
  const items: AppealListItem[] = page.rows.map((r) => ({
    id: r.id,
    applicationId: r.applicationId,
    fullName: r.fullName,
    campaignTitle: r.campaignTitle,
    decisionState: r.decisionState,
    state: r.state,
    meetingAt: r.meetingAt,
    createdAt: r.createdAt,
  }))
  return { ...page, rows: items, commissionName: commission.name, timeZone: commission.timeZone }
}

/** The campaign's appeal period in working days; kept for a finished campaign too, since appeals come after its decisions. */
export async function changeAppealDays(actor: Actor, campaignId: number, days: number, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const campaign = await campaignById(campaignId, t)
    if (!campaign) throw new NotFound('campaign', campaignId)
    if (!can(actor, 'campaign:manage', { regionId: campaign.regionId, campaignMunicipalityId: campaign.municipalityId })) throw new Forbidden('campaign.appealDays')
    await updateCampaignAppealDays(campaignId, days, t)
    await appendAudit(
      { actorUserId: actor.userId, regionId: campaign.regionId, entity: 'campaign', entityId: campaignId, action: 'APPEAL_DAYS', data: { from: campaign.appealDays, to: days } },
      t,
    )
  }, tx)
}

/** The page an appeal is shown on (its application's), for whoever may read that application. */
export async function appealPage(actor: Actor, appealId: number): Promise<string> {
  const appeal = await appealById(appealId)
  const app = appeal ? await applicationById(appeal.applicationId) : undefined
  return `/applications/${recordInScope('appeal', appealId, app, (a) => canReadApplication(actor, a)).id}#appeal`
}
