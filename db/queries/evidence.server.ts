import { db, type Db } from '../client.server'

export type EvidenceMeta = { id: number; fact: string; fileName: string; mimeType: string; sizeBytes: number; uploadedAt: Date; verifiedAt: Date | null }

export async function evidenceOf(applicationId: number, tx: Db = db()): Promise<EvidenceMeta[]> {
  return tx<EvidenceMeta[]>`
    select id::int, fact, file_name as "fileName", mime_type as "mimeType", size_bytes as "sizeBytes",
           uploaded_at as "uploadedAt", verified_at as "verifiedAt"
    from evidence where application_id = ${applicationId} order by id`
}
