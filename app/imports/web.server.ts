import { createHash } from 'node:crypto'
import { campaignById, campaignsOfRegion, type Campaign } from '../../db/queries/campaigns.server'
import { deleteUpload, importLogPage, storeUpload, uploadOf, type ImportLogRow } from '../../db/queries/imports.server'
import { municipalitiesOf, regionById } from '../../db/queries/regions.server'
import { AppError, NotFound } from '../../workflows/errors'
import type { Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { MAX_UPLOAD_BYTES } from '~/model/inputs/imports'
import type { ImportKind } from './columns'
import { campaignImportable, importScopesOf, kindsFor, runImport, scopeOver, type ImportReport, type ImportScope } from './import.server'
import { EMPTY_FILE_MESSAGE } from './labels'

// The upload page's use cases: preview (store the file, dry run), confirm
// (the same bytes, a real run) and cancel. The file waits in the database
// between preview and confirmation (import_uploads), so any app server can
// take the confirmation and none keeps state (PRODUCT §9).

// The edge server caps request bodies with the same limit as the page.
export { MAX_UPLOAD_BYTES }

async function* chunks(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

export type UploadScope = ImportScope & {
  regionName: string
  regionCode: string
  municipalityName: string | null
  kinds: ImportKind[]
  campaigns: Campaign[]
  /** A region-wide scope's municipalities, to name the one a municipality's file is for. */
  municipalities: { id: number; name: string }[]
}

/** Where the actor may import, with the campaigns of each region (the form's choices). */
export async function uploadScopes(actor: Actor): Promise<UploadScope[]> {
  const out: UploadScope[] = []
  for (const s of importScopesOf(actor)) {
    const [region, municipalities, campaigns] = await Promise.all([regionById(s.regionId), municipalitiesOf(s.regionId), campaignsOfRegion(s.regionId)])
    out.push({
      ...s,
      regionName: region?.name ?? '',
      regionCode: region?.code ?? '',
      municipalityName: s.municipalityId == null ? null : (municipalities.find((m) => m.id === s.municipalityId)?.name ?? null),
      kinds: kindsFor(s),
      campaigns: campaigns.filter((c) => campaignImportable(s, c)),
      municipalities: s.municipalityId == null ? municipalities.map((m) => ({ id: m.id, name: m.name })) : [],
    })
  }
  return out
}

/** A page of the import log of every scope the actor has (a municipal coordinator sees their municipality's only). */
export async function importLog(actor: Actor, page: { after: Cursor | null; from: number }): Promise<Page<ImportLogRow>> {
  const { rows, total } = await importLogPage(importScopesOf(actor), page.after, PAGE_SIZE)
  return toPage(rows, PAGE_SIZE, page.from, total, (r) => r.id)
}

export type Preview = { uploadId: number | null; sha256: string; report: ImportReport }

/**
 * Checks the file without changing anything; a file that can be imported
 * (no errors, something to change) is kept for the confirmation, any other
 * is not kept at all.
 */
export async function previewUpload(
  actor: Actor,
  input: { kind: ImportKind; campaignId?: number; regionId?: number; fileName: string; content: Buffer; municipalityId?: number },
): Promise<Preview> {
  // an activity file goes into a region, every other kind into a campaign
  const campaign = input.kind === 'activity' ? null : await campaignById(input.campaignId ?? 0)
  if (input.kind !== 'activity' && !campaign) throw new NotFound('campaign', input.campaignId ?? 0)
  const regionId = campaign?.regionId ?? input.regionId ?? 0
  if (!campaign && !(await regionById(regionId))) throw new NotFound('region', regionId)
  scopeOver(actor, regionId, input.kind) // refuses before the file is read
  if (input.content.length === 0) throw new AppError('EMPTY_FILE', 422, `${EMPTY_FILE_MESSAGE}.`)
  if (input.content.length > MAX_UPLOAD_BYTES) throw new AppError('FILE_TOO_LARGE', 422, 'Файл больше 20 МБ: разделите его на части.')
  const municipalityId = input.municipalityId ?? null
  const report = await runImport({ kind: input.kind, campaignId: campaign?.id ?? null, regionId, fileName: input.fileName, source: chunks(input.content), actor, dryRun: true, municipalityId })
  const sha256 = report.sha256 ?? createHash('sha256').update(input.content).digest('hex')
  const importable = report.errors.length === 0 && report.counts.created + report.counts.updated > 0
  const uploadId = importable
    ? await storeUpload({ regionId, campaignId: campaign?.id ?? null, kind: input.kind, uploadedBy: actor.userId, fileName: input.fileName, sha256, content: input.content, municipalityId })
    : null
  return { uploadId, sha256, report }
}

/**
 * Imports the previewed file: only its uploader, only while it is fresh,
 * only if it is byte for byte the file previewed. If rows became invalid
 * meanwhile (another import, a closed campaign) nothing is written and the
 * new report comes back, the upload kept for another try.
 */
export async function confirmUpload(actor: Actor, input: { uploadId: number; sha256: string }): Promise<ImportReport> {
  const upload = await uploadOf(input.uploadId, actor.userId)
  if (!upload || upload.sha256 !== input.sha256) {
    throw new AppError('UPLOAD_GONE', 409, 'Файл для загрузки не найден или устарел: выберите его и проверьте ещё раз.')
  }
  const report = await runImport({
    kind: upload.kind,
    campaignId: upload.campaignId,
    regionId: upload.regionId,
    fileName: upload.fileName,
    source: chunks(upload.content),
    actor,
    dryRun: false,
    municipalityId: upload.municipalityId,
    expectedSha256: input.sha256,
  })
  if (report.committed) await deleteUpload(upload.id)
  return report
}

export async function cancelUpload(actor: Actor, uploadId: number): Promise<void> {
  const upload = await uploadOf(uploadId, actor.userId)
  if (upload) await deleteUpload(upload.id)
}

