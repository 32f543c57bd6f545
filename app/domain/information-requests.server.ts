import { inTransaction, type Db } from '../../db/client.server'
import { applicationById, machineInfoRequest } from '../../db/queries/applications.server'
import { auditTrail } from '../../db/queries/audit.server'
import { insertInformationRequest, lockOpenInformationRequest, recordReply } from '../../db/queries/information-requests.server'
import { regionTimeZone } from '../../db/queries/regions.server'
import { NotFound } from '../../workflows/errors'
import { allowedEvents, sendEvent, type TransitionResult } from '../../workflows/transition.server'
import type { FactKey } from '~/model/eligibility'
import { FormInvalid } from '~/model/inputs/form-invalid'
import type { Actor } from '~/model/permissions'
import { FALLBACK_TIME_ZONE, formatDay, regionDay } from '~/utils/dates'
import { checkFiles, evidenceFacts, storeFiles, type CheckedFile, type UploadedFile } from './evidence.server'
import { evidenceField } from '~/model/inputs/application'
import { REPLY_MAX_FILES } from '~/model/inputs/application-page'

// Requests for information (PRODUCT §2): the secretary asks, with a reply
// deadline if she sets one; the applicant answers with text and documents.
// Each side is one transaction with its transition, so the request, its
// letter and the state change, or the reply, its documents and the return
// to screening, happen together or not at all.

export type InformationRequestInput = { message: string; replyBy: string | null }

export async function requestInformation(
  actor: Actor,
  applicationId: number,
  input: InformationRequestInput,
  rowVersion?: number,
  tx?: Db,
  now = new Date(),
): Promise<TransitionResult> {
  return inTransaction(async (t) => {
    const app = await applicationById(applicationId, t)
    if (!app) throw new NotFound('application', applicationId)
    const timeZone = (await regionTimeZone(app.regionId, t)) ?? FALLBACK_TIME_ZONE
    const today = regionDay(now, timeZone)
    if (input.replyBy !== null && input.replyBy < today) {
      throw new FormInvalid({ replyBy: `Срок ответа не может быть раньше сегодняшнего дня (${formatDay(today)}).` })
    }
    const result = await sendEvent(
      { entity: 'application', id: applicationId, event: { type: 'REQUEST_INFO', message: input.message, replyBy: input.replyBy }, actor, expectedRowVersion: rowVersion },
      t,
    )
    await insertInformationRequest({ applicationId, regionId: app.regionId, message: input.message, replyBy: input.replyBy, requestedBy: actor.userId }, t)
    return result
  }, tx)
}

export type ReplyInput = { reply: string; fact: string | null }

/**
 * The applicant's answer: text and documents. It moves the application back
 * to screening (the «Сведения представлены» transition) and tells the
 * secretary by e-mail.
 */
export async function answerInformationRequest(
  actor: Actor,
  applicationId: number,
  input: ReplyInput,
  files: UploadedFile[],
  rowVersion?: number,
  tx?: Db,
): Promise<TransitionResult> {
  return inTransaction(async (t) => {
    const app = await applicationById(applicationId, t)
    if (!app) throw new NotFound('application', applicationId)
    const provide = () =>
      sendEvent({ entity: 'application', id: applicationId, event: { type: 'PROVIDE_INFO' }, actor, expectedRowVersion: rowVersion }, t)
    // Someone who may not answer now hears why (the role table, the stage) before any check of the form.
    const refused = allowedEvents('application', app, actor).includes('PROVIDE_INFO') ? null : await provide()
    const open = await lockOpenInformationRequest(applicationId, t)
    // why: read before the transition, which clears the machine's copy of the request.
    const legacyText = open ? null : await machineInfoRequest(applicationId, t)

    const sent = files.filter((f) => !(f.bytes.byteLength === 0 && f.fileName === ''))
    if (input.reply === '' && sent.length === 0) throw new FormInvalid({ reply: 'Напишите ответ или приложите документ.' })
    if (sent.length > REPLY_MAX_FILES) throw new FormInvalid({ files: `В одном ответе — не более ${REPLY_MAX_FILES} документов.` })
    let checked: CheckedFile[] = []
    if (sent.length > 0) {
      const allowed: string[] = evidenceFacts(app.facts).map((f) => f.fact)
      if (input.fact === null || !allowed.includes(input.fact)) throw new FormInvalid({ fact: 'Выберите, что подтверждают документы' })
      const fact = input.fact as FactKey
      const field = evidenceField(fact)
      const result = checkFiles(sent.map((f) => ({ ...f, field })), new Set([fact]))
      if (result.errors[field]) throw new FormInvalid({ files: result.errors[field] })
      checked = result.ok
    }

    const requestId = open?.id ?? (await requestFromMachine(app, legacyText, t))
    await storeFiles(t, actor, { id: app.id, regionId: app.regionId }, checked, requestId)
    await recordReply(requestId, input.reply, actor.userId, t)
    // The transition comes last, so the history reads: documents, then «Сведения представлены».
    return refused ?? (await provide())
  }, tx)
}

/**
 * A request made before requests had a table of their own (or by the demo
 * data, which drives the machine directly): the machine kept its text.
 */
async function requestFromMachine(app: { id: number; regionId: number; updatedAt: Date }, message: string | null, t: Db): Promise<number> {
  const asked = (await auditTrail('application', app.id, t)).filter((e) => e.action === 'REQUEST_INFO').at(-1)
  return insertInformationRequest(
    {
      applicationId: app.id,
      regionId: app.regionId,
      message: message ?? asked?.reason ?? 'Запрошены дополнительные сведения.',
      replyBy: null,
      requestedBy: asked?.actorUserId ?? null,
      requestedAt: asked?.at ?? app.updatedAt,
    },
    t,
  )
}
