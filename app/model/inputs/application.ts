import { z } from 'zod'
import { publicFields } from '~/model/consent'
import { educationLevels, factCatalog, qualificationCategories, type FactKey } from '~/model/eligibility'
import { controlCharactersMessage, emailPattern, withoutControlCharacters } from '~/model/inputs/register'
import { blank } from '~/model/inputs/orders'

// The application form's one schema, shared by the component (client-side
// hints with JavaScript) and the three actions that save it (self-nomination,
// a municipal nomination, editing a draft). The lists it checks against
// (municipalities, organisations, subjects, groups, claimable criteria) are
// the region's and the campaign's data, so the schema is built from them.

export type ApplicationFormLists = {
  municipalityIds: number[]
  organisations: { id: number; municipalityId: number | null }[]
  subjects: string[]
  groupIds: number[]
  /** Boolean facts of the campaign's rule set that the candidate may claim (a region's own facts among them). */
  claimable: string[]
}

/** Facts the personal fields state; their documents have file inputs of their own. */
export const fieldFacts = ['qualificationCategory', 'educationLevel', 'experienceYears'] as const satisfies readonly FactKey[]

/** What the form shows before anything is typed: the person's own data, as strings and lists (conform's defaultValue). */
export type ApplicationFormValues = {
  lastName: string
  firstName: string
  middleName: string
  phone: string
  birthDate: string
  workEmail: string
  municipalityId: string
  organisationId: string
  newOrganisation: string
  position: string
  educationLevel: string
  educationPedagogical: string
  qualificationCategory: string
  experienceYears: string
  groupId: string
  processingConsent: string
  subjects: string[]
  claims: string[]
  dissemination: string[]
}

/** A checkbox group: nothing ticked arrives as no field at all, one ticked as a single string. */
export const checkedList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

const id = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,15}$/, message)
    .transform(Number)
const name = (required: string) =>
  z.string({ error: required }).trim().min(1, required).max(100, 'Не более 100 знаков').refine(withoutControlCharacters, controlCharactersMessage)
/** An optional text input: '' (or spaces) means "not given". */
const optional = (s: z.ZodString) => z.preprocess(blank, s.optional())

function isPastDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '1920-01-01' && d.getTime() < Date.now()
}

export function applicationSchema(lists: ApplicationFormLists) {
  return z
    .object({
      lastName: name('Введите фамилию'),
      firstName: name('Введите имя'),
      middleName: optional(z.string().trim().max(100, 'Не более 100 знаков').refine(withoutControlCharacters, controlCharactersMessage)).transform((v) => v ?? ''),
      phone: optional(
        z
          .string()
          .trim()
          .regex(/^\+?[\d\s()-]{5,20}$/, 'Телефон: цифры, пробелы, скобки, дефис, в начале можно +'),
      ).transform((v) => v ?? null),
      birthDate: optional(
        z
          .string()
          .trim()
          .refine((v) => isPastDate(v), 'Укажите дату рождения в формате ГГГГ-ММ-ДД'),
      ).transform((v) => v ?? null),
      workEmail: z
        .string({ error: 'Введите рабочий адрес электронной почты' })
        .trim()
        .normalize('NFKC')
        .toLowerCase()
        .min(1, 'Введите рабочий адрес электронной почты')
        .max(200, 'Слишком длинный адрес')
        .regex(emailPattern, 'Введите адрес электронной почты, например ivanova@school.ru'),
      municipalityId: id('Выберите муниципалитет').refine((v) => lists.municipalityIds.includes(v), 'Выберите муниципалитет из списка'),
      organisationId: optional(z.string().trim().regex(/^\d{1,15}$/, 'Выберите организацию из списка')).transform((v) => (v ? Number(v) : null)),
      newOrganisation: optional(z.string().trim().max(300, 'Не более 300 знаков')).transform((v) => (v ? v.replace(/\s+/g, ' ') : null)),
      position: z.string({ error: 'Укажите должность' }).trim().min(2, 'Укажите должность').max(200, 'Не более 200 знаков'),
      educationLevel: z.enum(educationLevels, { message: 'Выберите уровень образования' }),
      educationPedagogical: z
        .string()
        .optional()
        .transform((v) => v === 'on'),
      qualificationCategory: z.enum(qualificationCategories, { message: 'Выберите квалификационную категорию' }),
      experienceYears: z
        .string({ error: 'Укажите стаж числом лет, например 12 или 7,5' })
        .trim()
        .regex(/^\d{1,2}([.,]\d{1,2})?$/, 'Укажите стаж числом лет, например 12 или 7,5')
        .transform((v) => Number(v.replace(',', '.')))
        .refine((v) => v <= 60, 'Стаж не может превышать 60 лет'),
      subjects: z.preprocess(
        checkedList,
        z
          .array(z.string())
          .refine((v) => v.every((s) => lists.subjects.includes(s)), 'Выберите предметные области из списка')
          .transform((v) => [...new Set(v)]),
      ),
      groupId: optional(z.string().trim())
        .transform((v) => (v ? Number(v) : null))
        .refine((v) => (lists.groupIds.length === 0 ? v === null : v !== null && lists.groupIds.includes(v)), 'Выберите направление и группу актива'),
      claims: z.preprocess(
        checkedList,
        z
          .array(z.string())
          .refine((v) => v.every((c) => lists.claimable.includes(c)), 'Отмечен неизвестный критерий')
          .transform((v) => [...new Set(v)]),
      ),
      processingConsent: z.literal('on', { message: 'Без согласия на обработку персональных данных заявление не может быть рассмотрено' }),
      dissemination: z.preprocess(
        checkedList,
        z.array(z.enum(publicFields, { message: 'Неизвестное поле согласия' })).transform((v) => [...new Set(v)]),
      ),
      /** The draft's row version the page was rendered with (editing only). */
      rowVersion: optional(z.string().regex(/^\d{1,9}$/, 'Обновите страницу и повторите')).transform((v) => (v === undefined ? undefined : Number(v))),
    })
    .superRefine((v, ctx) => {
      if (v.organisationId === null && v.newOrganisation === null) {
        ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'Выберите место работы из списка или впишите название организации' })
      } else if (v.organisationId !== null && v.newOrganisation !== null) {
        ctx.addIssue({ code: 'custom', path: ['newOrganisation'], message: 'Выберите организацию из списка или впишите новую — что-то одно' })
      } else if (v.organisationId !== null) {
        const org = lists.organisations.find((o) => o.id === v.organisationId)
        if (!org || org.municipalityId !== v.municipalityId) {
          ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'Эта организация не относится к выбранному муниципалитету' })
        }
      }
    })
}
export type ApplicationForm = z.infer<ReturnType<typeof applicationSchema>>

// --- evidence files ---------------------------------------------------------

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'

export const evidenceTypes = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
} as const
export type EvidenceMime = keyof typeof evidenceTypes

export const evidenceMessages = {
  tooLarge: 'Файл больше 5 МБ. Уменьшите его или разделите на части.',
  empty: 'Файл пуст.',
  badType: 'Можно загрузить только PDF, JPEG или PNG.',
  mismatch: 'Содержимое файла не соответствует его расширению: можно загрузить только настоящие PDF, JPEG или PNG.',
}

/** The input name of the evidence file for a fact. */
export const evidenceField = (fact: string) => `evidence_${fact}`

/** The fact a file input backs: a built-in fact or a region's own (whether it was claimed is checkFiles' question). */
export function factFromEvidenceField(field: string): string | null {
  if (!field.startsWith('evidence_')) return null
  const fact = field.slice('evidence_'.length)
  return Object.hasOwn(factCatalog, fact) || /^x[a-z0-9]{6,20}$/.test(fact) ? fact : null
}

/** The type by its first bytes (magic numbers), whatever the name says. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceMime | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf' // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  return null
}

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)
  return m ? m[1].toLowerCase() : ''
}

/** What the browser can check before uploading: the size and the extension. */
export function precheckEvidence(fileName: string, size: number): string | null {
  if (size > EVIDENCE_MAX_BYTES) return evidenceMessages.tooLarge
  if (size === 0) return evidenceMessages.empty
  const ext = extensionOf(fileName)
  if (!Object.values(evidenceTypes).some((exts) => (exts as readonly string[]).includes(ext))) return evidenceMessages.badType
  return null
}

/** The server's check: size, extension and the bytes themselves must agree. */
export function checkEvidence(fileName: string, bytes: Uint8Array): { ok: true; mimeType: EvidenceMime } | { ok: false; message: string } {
  const pre = precheckEvidence(fileName, bytes.byteLength)
  if (pre) return { ok: false, message: pre }
  const mimeType = sniffEvidenceType(bytes)
  if (!mimeType) return { ok: false, message: evidenceMessages.mismatch }
  if (!(evidenceTypes[mimeType] as readonly string[]).includes(extensionOf(fileName))) return { ok: false, message: evidenceMessages.mismatch }
  return { ok: true, mimeType }
}

/** A file name safe to store and to send back: no path, no control characters, bounded length. */
export function safeFileName(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (fileName.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim()
  const ext = extensionOf(base)
  const stem = base.slice(0, base.length - (ext ? ext.length + 1 : 0)).slice(0, 150) || 'document'
  return ext ? `${stem}.${ext}` : stem
}

/** The later-document form (a draft, or an answer to a request for information): which fact the file backs. */
export function evidenceUploadSchema(allowedFacts: readonly string[]) {
  return z.object({
    fact: z.string().refine((f) => allowedFacts.includes(f), 'Выберите, что подтверждает документ'),
  })
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_') || 'document'
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`
}
