import { z } from 'zod'

// The upload page's two forms: check a file (multipart), then confirm or
// cancel the checked upload. Shared by the page and its action.

export const importKinds = ['nominations', 'registry', 'qualification'] as const
export type ImportKind = (typeof importKinds)[number]

/** The CLI's and the upload page's words for a 0-byte file: a chosen empty file is not "no file". */
export const EMPTY_FILE_MESSAGE = 'Файл пустой: нет ни строки заголовка, ни данных'

/** A Russian regional file of nominations is a few MB; 20 MB leaves room for 100,000 rows. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

const chooseCampaign = 'Выберите отбор'
const chooseMunicipality = 'Выберите муниципалитет из списка'

// A browser sends an unnamed empty part when no file was chosen; a chosen file of 0 bytes keeps its name.
const file = z
  .custom<File>((v) => typeof File !== 'undefined' && v instanceof File && !(v.size === 0 && !v.name), 'Выберите файл')
  .superRefine((f, ctx) => {
    if (f.size === 0) ctx.addIssue({ code: 'custom', message: EMPTY_FILE_MESSAGE.replace('Файл пустой', `Файл «${f.name}» пустой`) })
    else if (f.size > MAX_UPLOAD_BYTES) ctx.addIssue({ code: 'custom', message: 'Файл больше 20 МБ: разделите его на части.' })
  })

export const previewFormSchema = z
  .object({
    kind: z.enum(importKinds, { error: 'Выберите, что загружается' }),
    campaignId: z.coerce.number({ error: chooseCampaign }).int({ error: chooseCampaign }).positive({ error: chooseCampaign }),
    /** A municipality's own file (regional coordinators; empty: the file names each row's municipality). */
    municipalityId: z.preprocess(
      (v) => (v === '' || v == null ? undefined : v),
      z.coerce.number({ error: chooseMunicipality }).int({ error: chooseMunicipality }).positive({ error: chooseMunicipality }).optional(),
    ),
    file,
  })
  .refine((v) => v.municipalityId === undefined || v.kind === 'nominations', {
    path: ['municipalityId'],
    message: 'Муниципалитет выбирается только для представлений кандидатов',
  })

const staleUpload = 'Файл для загрузки не найден или устарел: выберите его и проверьте ещё раз.'

export const confirmFormSchema = z.object({
  intent: z.enum(['confirm', 'cancel'], { error: 'Неизвестное действие' }),
  uploadId: z.coerce.number({ error: staleUpload }).int(staleUpload).positive(staleUpload),
  sha256: z.string({ error: staleUpload }).regex(/^[0-9a-f]{64}$/, staleUpload),
})
