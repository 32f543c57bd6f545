import { z } from 'zod'
import { confirmed } from '~/model/inputs/confirm'
import { blank } from '~/model/inputs/orders'
import { timeZoneSchema } from '~/model/inputs/region'
import { innValid, ogrnValid } from '~/utils/requisites'

// The region settings screens (issue 11 §2): municipalities, directions and
// groups, the general rules, the personal-data operator, a new region. Each
// form of a screen has its `intent`; every form also carries the hidden
// `region` (its code), read by the action before the schema.

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message)
const name = (what: string) => z.string({ error: `Укажите ${what}` }).trim().min(2, `Укажите ${what}`).max(300, 'Не более 300 знаков')

// --- municipalities -------------------------------------------------------------

const municipalityFields = {
  name: name('название муниципалитета'),
  teachersCount: z
    .string({ error: 'Укажите число педагогов' })
    .trim()
    .regex(/^\d{1,7}$/, 'Укажите число педагогов целым числом, например 1250')
    .transform(Number),
  teachersYear: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^(199\d|20\d\d|2100)$/, 'Укажите год четырьмя цифрами, например 2025')
      .transform(Number)
      .optional(),
  ),
  teachersSource: z.preprocess(blank, z.string().trim().max(500, 'Не более 500 знаков').optional()),
  // an unticked checkbox sends nothing
  teachersEstimated: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
}
const municipalityId = id('Неверный муниципалитет')

export const addMunicipalitySchema = z.object({ intent: z.literal('add'), ...municipalityFields })
export const editMunicipalitySchema = z.object({ intent: z.literal('edit'), municipalityId, ...municipalityFields })
export const removeMunicipalitySchema = z.object({ intent: z.literal('remove'), municipalityId, confirmed })
export const municipalityActionSchema = z.discriminatedUnion('intent', [addMunicipalitySchema, editMunicipalitySchema, removeMunicipalitySchema])
export type MunicipalityAction = z.infer<typeof municipalityActionSchema>
export type MunicipalityInput = z.infer<typeof addMunicipalitySchema>

// --- directions and groups of methodists -------------------------------------------

const directionId = id('Неверное направление')
const groupId = id('Неверная группа')
const move = z.enum(['up', 'down'], 'Неизвестное действие')
const directionName = name('название направления')
const groupName = name('название группы')

export const addDirectionSchema = z.object({ intent: z.literal('addDirection'), name: directionName })
export const renameDirectionSchema = z.object({ intent: z.literal('renameDirection'), directionId, name: directionName })
export const moveDirectionSchema = z.object({ intent: z.literal('moveDirection'), directionId, move })
export const removeDirectionSchema = z.object({ intent: z.literal('removeDirection'), directionId, confirmed })
export const addGroupSchema = z.object({ intent: z.literal('addGroup'), directionId, name: groupName })
export const renameGroupSchema = z.object({ intent: z.literal('renameGroup'), groupId, name: groupName })
export const moveGroupSchema = z.object({ intent: z.literal('moveGroup'), groupId, move })
export const removeGroupSchema = z.object({ intent: z.literal('removeGroup'), groupId, confirmed })
export const directionActionSchema = z.discriminatedUnion('intent', [
  addDirectionSchema,
  renameDirectionSchema,
  moveDirectionSchema,
  removeDirectionSchema,
  addGroupSchema,
  renameGroupSchema,
  moveGroupSchema,
  removeGroupSchema,
])
export type DirectionAction = z.infer<typeof directionActionSchema>

// --- general ------------------------------------------------------------------------

/** 'majority' (more than half, the default of DESIGN §1.3) or a share written as «2/3» or «0,6». */
export function parseQuorum(v: string): number | null | undefined {
  const s = v.trim().replace(',', '.')
  if (s === 'majority') return null
  const frac = /^(\d{1,3})\/(\d{1,3})$/.exec(s)
  const n = frac ? Number(frac[1]) / Number(frac[2]) : /^(0(\.\d{1,4})?|1(\.0+)?)$/.test(s) ? Number(s) : NaN
  return Number.isFinite(n) && n > 0 && n <= 1 ? n : undefined
}

export const quorumChoices = [
  { value: 'majority', label: 'более половины членов комиссии' },
  { value: '1/2', label: 'не менее половины членов' },
  { value: '2/3', label: 'не менее двух третей членов' },
  { value: '3/4', label: 'не менее трёх четвертей членов' },
] as const

/** The choice that shows a stored fraction (null: more than half). */
export function quorumValue(fraction: number | null): string {
  if (fraction === null) return 'majority'
  for (const c of quorumChoices) if (c.value !== 'majority' && Math.abs(parseQuorum(c.value)! - fraction) < 1e-6) return c.value
  return String(Math.round(fraction * 10000) / 10000)
}

export function quorumLabel(fraction: number | null): string {
  const v = quorumValue(fraction)
  return quorumChoices.find((c) => c.value === v)?.label ?? `не менее ${Math.round(fraction! * 100)} % членов`
}

export const generalSettingsSchema = z.object({
  timeZone: timeZoneSchema,
  termYears: z
    .string({ error: 'Укажите срок полномочий в годах' })
    .trim()
    .regex(/^([1-9]|10)$/, 'Срок полномочий — целое число лет от 1 до 10')
    .transform(Number),
  quorum: z
    .string({ error: 'Выберите правило кворума' })
    .refine((v) => parseQuorum(v) !== undefined, 'Кворум — доля членов комиссии больше 0 и не больше 1, например 2/3')
    .transform((v) => parseQuorum(v) as number | null),
  ministryName: name('название министерства (органа управления образованием)'),
  siteUrl: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(300, 'Не более 300 знаков')
      .regex(/^https?:\/\/[^\s/$.?#].[^\s]*$/i, 'Укажите адрес сайта полностью, например https://edu.example.ru')
      .optional(),
  ),
})
export type GeneralSettings = z.infer<typeof generalSettingsSchema>

// --- the personal-data operator ----------------------------------------------------

export const operatorSchema = z.object({
  name: name('полное наименование оператора'),
  inn: z
    .string({ error: 'Укажите ИНН оператора' })
    .trim()
    .regex(/^(\d{10}|\d{12})$/, 'ИНН — 10 цифр для организации или 12 для индивидуального предпринимателя')
    .refine(innValid, 'ИНН с ошибкой: не сходится контрольная цифра'),
  ogrn: z
    .string({ error: 'Укажите ОГРН оператора' })
    .trim()
    .regex(/^(\d{13}|\d{15})$/, 'ОГРН — 13 цифр (ОГРНИП — 15)')
    .refine(ogrnValid, 'ОГРН с ошибкой: не сходится контрольная цифра'),
  address: z.string({ error: 'Укажите адрес оператора' }).trim().min(5, 'Укажите адрес оператора').max(500, 'Не более 500 знаков'),
})
export type OperatorInput = z.infer<typeof operatorSchema>

// --- a new region ---------------------------------------------------------------------

export const EMPTY_REGION = 'empty'

export const newRegionSchema = z
  .object({
    preset: z.string({ error: 'Выберите, с чего начать' }).trim().min(1, 'Выберите, с чего начать'),
    code: z
      .string({ error: 'Укажите код региона' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9-]{2,40}$/, 'Код — от 2 до 40 латинских строчных букв, цифр и дефисов, например tomsk или tver-2026'),
    name: z.preprocess(blank, z.string().trim().min(2, 'Укажите название региона').max(200, 'Не более 200 знаков').optional()),
    timeZone: z.preprocess(blank, timeZoneSchema.optional()),
  })
  .superRefine((r, ctx) => {
    if (r.preset !== EMPTY_REGION) return
    if (!r.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Укажите название региона' })
    if (!r.timeZone) ctx.addIssue({ code: 'custom', path: ['timeZone'], message: 'Выберите часовой пояс региона' })
  })
export type NewRegion = z.infer<typeof newRegionSchema>
