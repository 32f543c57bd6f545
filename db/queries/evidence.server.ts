import { db, type Db } from '../client.server'

export type EvidenceMeta = {
  id: number
  fact: string
  fileName: string
  mimeType: string
  sizeBytes: number
  uploadedAt: Date
  verifiedAt: Date | null
  /** The request for information this document answered, if any. */
  informationRequestId: number | null
  /** The appeal this document came with, if any (issue 10 §5). */
  appealId: number | null
}

export async function evidenceOf(applicationId: number, tx: Db = db()): Promise<EvidenceMeta[]> {
  return tx<EvidenceMeta[]>`
    select id::int, fact, file_name as "fileName", mime_type as "mimeType", size_bytes as "sizeBytes",
           uploaded_at as "uploadedAt", verified_at as "verifiedAt", information_request_id::int as "informationRequestId",
           appeal_id::int as "appealId"
    from evidence where application_id = ${applicationId} order by id`
}

export type EvidenceInput = {
  applicationId: number
  fact: string
  fileName: string
  mimeType: string
  content: Uint8Array
  sha256: string
  informationRequestId?: number | null
  appealId?: number | null
}

export async function insertEvidence(e: EvidenceInput, tx: Db = db()): Promise<number> {
  const [row] = await tx<{ id: number }[]>`
    insert into evidence (application_id, fact, file_name, mime_type, size_bytes, sha256, content, information_request_id, appeal_id)
    values (${e.applicationId}, ${e.fact}, ${e.fileName}, ${e.mimeType}, ${e.content.byteLength}, ${e.sha256}, ${Buffer.from(e.content)},
            ${e.informationRequestId ?? null}, ${e.appealId ?? null})
    returning id::int`
  return row.id
}

export type EvidenceFile = { id: number; applicationId: number; fact: string; fileName: string; mimeType: string; appealId: number | null; content: Buffer }

/** One file with its bytes, only if it belongs to that application. */
export async function evidenceFile(applicationId: number, evidenceId: number, tx: Db = db()): Promise<EvidenceFile | undefined> {
  const [row] = await tx<EvidenceFile[]>`
    select id::int, application_id::int as "applicationId", fact, file_name as "fileName", mime_type as "mimeType",
           appeal_id::int as "appealId", content
    from evidence where id = ${evidenceId} and application_id = ${applicationId}`
  return row
}
