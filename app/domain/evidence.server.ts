import { createHash } from 'node:crypto'
import { inTransaction, type Db, type Tx } from '../../db/client.server'
import { appealById } from '../../db/queries/appeals.server'
import { applicationById, applicationForEdit, type ApplicationRow } from '../../db/queries/applications.server'
import { appendAudit } from '../../db/queries/audit.server'
import { commissionMemberByUser } from '../../db/queries/commissions.server'
import { evidenceFile, evidenceOf, insertEvidence } from '../../db/queries/evidence.server'
import { isRecused } from '../../db/queries/recusals.server'
import { reviewOf } from '../../db/queries/reviews.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { appealFilingScope } from '~/model/appeals'
import type { Facts } from '~/model/eligibility'
import { baseCatalogue, type Catalogue } from '~/model/fact-catalogue'
import { catalogueOf } from './region-facts.server'
import { checkEvidence, evidenceField, evidenceUploadSchema, factFromEvidenceField, fieldFacts, safeFileName } from '~/model/inputs/application'
import { FormInvalid, fieldErrors } from '~/model/inputs/form-invalid'
import { can, type Actor } from '~/model/permissions'
import { canReadApplication } from './application-view.server'

// Evidence documents (PRODUCT §6: private): checked by their bytes, stored in
// the database with an audit row, added later by the applicant, and read only
// by those who may read the application's private data.

/** An uploaded file as the edge read it; checked here. */
export type UploadedFile = { field: string; fileName: string; bytes: Uint8Array }

export type CheckedFile = { fact: string; fileName: string; mimeType: string; bytes: Uint8Array }

const EDITABLE_FOR_EVIDENCE = ['draft', 'needsInformation']

/** Every file is checked by its bytes; a document needs its criterion ticked. */
export function checkFiles(files: UploadedFile[], claimed: Set<string>): { ok: CheckedFile[]; errors: Record<string, string> } {
  const ok: CheckedFile[] = []
  const errors: Record<string, string> = {}
  for (const f of files) {
    if (f.bytes.byteLength === 0 && f.fileName === '') continue // an empty file input
    const fact = factFromEvidenceField(f.field)
    if (!fact || !claimed.has(fact)) {
      errors[f.field] = 'Отметьте критерий, к которому прикладываете документ'
      continue
    }
    const checked = checkEvidence(f.fileName, f.bytes)
    if (!checked.ok) {
      errors[f.field] = checked.message
      continue
    }
    ok.push({ fact, fileName: safeFileName(f.fileName), mimeType: checked.mimeType, bytes: f.bytes })
  }
  return { ok, errors }
}

export async function storeFiles(t: Tx, actor: Actor, app: { id: number; regionId: number }, files: CheckedFile[], informationRequestId: number | null = null) {
  for (const f of files) {
    const evidenceId = await insertEvidence(
      {
        applicationId: app.id,
        fact: f.fact,
        fileName: f.fileName,
        mimeType: f.mimeType,
        content: f.bytes,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
        informationRequestId,
      },
      t,
    )
    await appendAudit(
      { actorUserId: actor.userId, regionId: app.regionId, entity: 'application', entityId: app.id, action: 'UPLOAD_EVIDENCE', data: { evidenceId, fact: f.fact, sizeBytes: f.bytes.byteLength } },
      t,
    )
  }
}

async function ownEvidenceTarget(actor: Actor, applicationId: number, t?: Db) {
  const app = await applicationForEdit(applicationId, t)
  if (!app) throw new NotFound('application', applicationId)
  if (app.ownerUserId === null || app.ownerUserId !== actor.userId || !can(actor, 'application:answer', { ownerUserId: app.ownerUserId })) {
    throw new Forbidden('evidence.upload')
  }
  if (!EDITABLE_FOR_EVIDENCE.includes(app.state)) {
    throw new AppError('EVIDENCE_CLOSED', 409, 'Документы можно добавить к черновику или в ответ на запрос сведений.', { state: app.state })
  }
  return app
}

/** The facts a later document may back: the personal ones and the criteria claimed. */
export function evidenceFacts(facts: Facts, catalogue: Catalogue = baseCatalogue): { fact: string; label: string }[] {
  const keys: string[] = [...fieldFacts, ...Object.keys(facts).filter((k) => facts[k]?.value === true && k !== 'educationPedagogical')]
  return [...new Set(keys)].map((fact) => ({ fact, label: catalogue[fact]?.label ?? fact }))
}

export async function evidenceUploadContext(actor: Actor, applicationId: number) {
  const app = await ownEvidenceTarget(actor, applicationId)
  const full = await applicationById(applicationId)
  return { id: app.id, state: app.state, fullName: full?.fullName ?? '', facts: evidenceFacts(app.facts, await catalogueOf(app.regionId)), evidence: await evidenceOf(app.id) }
}

/** Documents added by the applicant to a draft or in answer to a request for information. */
export async function addEvidence(actor: Actor, applicationId: number, fact: string, file: UploadedFile | null, tx?: Db): Promise<number> {
  return inTransaction(async (t) => {
    const app = await ownEvidenceTarget(actor, applicationId, t)
    const parsed = evidenceUploadSchema(evidenceFacts(app.facts).map((f) => f.fact)).safeParse({ fact })
    if (!parsed.success) throw new FormInvalid(fieldErrors(parsed.error))
    if (!file || (file.bytes.byteLength === 0 && file.fileName === '')) throw new FormInvalid({ file: 'Выберите файл' })
    const field = evidenceField(fact)
    const checked = checkFiles([{ ...file, field }], new Set([fact]))
    if (checked.errors[field]) throw new FormInvalid({ file: checked.errors[field] })
    await storeFiles(t, actor, { id: app.id, regionId: app.regionId }, checked.ok)
    return app.id
  }, tx)
}

/**
 * A commission member who may open the candidate's documents: one the
 * secretary assigned to review this application — or, for an appeal's
 * documents, any member of the commission that decides the appeal — and
 * never one who recused themselves from it.
 */
async function readingMember(userId: number, applicationId: number, commissionId: number | null, appeal: boolean): Promise<boolean> {
  if (commissionId === null) return false
  const member = await commissionMemberByUser(commissionId, userId)
  if (!member) return false
  const [assigned, recused] = await Promise.all([appeal ? true : reviewOf(applicationId, member.id), isRecused(member.id, applicationId)])
  return assigned !== undefined && !recused
}

/**
 * Whether the actor, who may read the application, may also open its
 * documents — an appeal's when `appeal` is given. Documents are private
 * (PRODUCT §6): staff allowed to read private data (the secretary, the
 * regional coordinator) and the commission members assigned to review the
 * candidate (for an appeal, the commission deciding it; never a recused
 * member) and, on the candidate's
 * side, the applicant and the coordinator who nominated them. An appeal's
 * documents go with the appeal: whoever may act for the candidate in it (the
 * appellant, the applicant, any coordinator of the nominating municipality).
 */
export async function mayReadDocuments(actor: Actor, app: ApplicationRow, appeal?: { filedBy: number }): Promise<boolean> {
  const candidateSide =
    app.ownerUserId === actor.userId ||
    (appeal ? appeal.filedBy === actor.userId || can(actor, 'appeal:file', appealFilingScope(app)) : app.nominatedBy === actor.userId)
  if (candidateSide || can(actor, 'privateData:read', app)) return true
  return can(actor, 'application:review', app) && (await readingMember(actor.userId, app.id, app.commissionId, appeal !== undefined))
}

/** A stored document for someone who may read the application; staff reads are audited. */
export async function evidenceDownload(actor: Actor, applicationId: number, evidenceId: number) {
  const app = await applicationById(applicationId)
  // A draft's documents are its author's alone (canReadApplication); the rest is mayReadDocuments.
  // An application the reader may not open is answered as missing (applicationInScope).
  if (!app || !canReadApplication(actor, app)) throw new NotFound('application', applicationId)
  const file = await evidenceFile(applicationId, evidenceId)
  if (!file) throw new NotFound('evidence', evidenceId)
  const appeal = file.appealId === null ? undefined : await appealById(file.appealId)
  if (!(await mayReadDocuments(actor, app, appeal))) throw new Forbidden('evidence.read')
  if (app.ownerUserId !== actor.userId) {
    await appendAudit({
      actorUserId: actor.userId,
      regionId: app.regionId,
      // on the document, not the application: the applicant's timeline stays about the application
      entity: 'evidence',
      entityId: evidenceId,
      action: 'READ_EVIDENCE',
      data: { applicationId, fact: file.fact },
    })
  }
  return file
}
