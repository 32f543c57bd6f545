import { z } from 'zod'

// The upload page's two forms: check a file (multipart), then confirm or
// cancel the checked upload. Shared by the page and its action.

export const importKinds = ['nominations', 'registry', 'qualification', 'activity'] as const
export type ImportKind = (typeof importKinds)[number]
/** The kinds that go into a campaign; `activity` goes into a region (its events and their participants). */
export const campaignKinds = ['nominations', 'registry', 'qualification'] as const satisfies readonly ImportKind[]
export const isCampaignKind = (k: ImportKind): k is (typeof campaignKinds)[number] => k !== 'activity'

/** The CLI's and the upload page's words for a 0-byte file: a chosen empty file is not "no file". */
export const EMPTY_FILE_MESSAGE = 'Файл пустой: нет ни строки заголовка, ни данных'

/** A Russian regional file of nominations is a few MB; 20 MB leaves room for 100,000 rows. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

/**
 * What the upload's file picker offers. A book with macros (.xlsm, what
 * Excel saves a template with a macro as) is read as any .xlsx; left out of
 * the list, macOS greys it out in the picker and it cannot be chosen at all.
 */
export const UPLOAD_ACCEPT = [
  '.xlsx',
  '.xlsm',
  '.csv',
  '.txt',
  'text/csv',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel.sheet.macroEnabled.12',
].join(',')

const chooseCampaign = 'Выберите отбор'
const chooseRegion = 'Выберите регион'
const optionalId = (message: string) =>
  z.preprocess((v) => (v === '' || v == null ? undefined : v), z.coerce.number({ error: message }).int({ error: message }).positive({ error: message }).optional())
const chooseMunicipality = 'Выберите муниципалитет из списка'

// A browser sends an unnamed empty part when no file was chosen; a chosen file of 0 bytes keeps its name.
// why z.unknown(), not z.custom(): a custom type's refusal stops the form's
// own check, which names a missing campaign or region in the same reply.
const isFile = (v: unknown): v is File => typeof File !== 'undefined' && v instanceof File
const file = z
  .unknown()
  .superRefine((f, ctx) => {
    if (!isFile(f) || (f.size === 0 && !f.name)) ctx.addIssue({ code: 'custom', message: 'Выберите файл' })
    else if (f.size === 0) ctx.addIssue({ code: 'custom', message: EMPTY_FILE_MESSAGE.replace('Файл пустой', `Файл «${f.name}» пустой`) })
    else if (f.size > MAX_UPLOAD_BYTES) ctx.addIssue({ code: 'custom', message: 'Файл больше 20 МБ: разделите его на части.' })
  })
  .transform((f) => f as File)

export const previewFormSchema = z
  .object({
    kind: z.enum(importKinds, { error: 'Выберите, что загружается' }),
    /** The campaign of nominations, registry and attestation files. */
    campaignId: optionalId(chooseCampaign),
    /** The region of an activity file (its own form on the page). */
    regionId: optionalId(chooseRegion),
    /** A municipality's own file (regional coordinators; empty: the file names each row's municipality). */
    municipalityId: optionalId(chooseMunicipality),
    file,
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'activity' && v.campaignId === undefined) ctx.addIssue({ code: 'custom', path: ['campaignId'], message: chooseCampaign })
    if (v.kind === 'activity' && v.regionId === undefined) ctx.addIssue({ code: 'custom', path: ['regionId'], message: chooseRegion })
    if (v.municipalityId !== undefined && v.kind !== 'nominations') {
      ctx.addIssue({ code: 'custom', path: ['municipalityId'], message: 'Муниципалитет выбирается только для представлений кандидатов' })
    }
    // why: also when the file is missing, so every missing choice is named at once
  }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null })

const staleUpload = 'Файл для загрузки не найден или устарел: выберите его и проверьте ещё раз.'

export const confirmFormSchema = z.object({
  intent: z.enum(['confirm', 'cancel'], { error: 'Неизвестное действие' }),
  uploadId: z.coerce.number({ error: staleUpload }).int(staleUpload).positive(staleUpload),
  sha256: z.string({ error: staleUpload }).regex(/^[0-9a-f]{64}$/, staleUpload),
})
