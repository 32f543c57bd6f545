import { z } from 'zod'
import { comparisons } from '~/model/indicators'
import { blank } from '~/model/inputs/orders'

// The forms of the yearly indicator report (issue 10 §2.5): a new report, a
// value entered with its confirmation, a step of the report, an indicator's
// settings. One schema for each form and its action.

/** A number as people type it: «10,5», «10.5», «1 980». */
const decimal = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.replace(/\s/g, '').replace(',', '.')) : v),
    z.coerce.number({ error: message }).refine((n) => Number.isFinite(n), message),
  )

const link = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .max(1000, 'Слишком длинная ссылка')
    .regex(/^https?:\/\/[^\s]+$/, 'Ссылка должна начинаться с http:// или https://')
    .optional(),
)

export const newReportSchema = z.object({
  intent: z.literal('create', { error: 'Неизвестное действие' }),
  year: z.coerce.number({ error: 'Укажите год цифрами' }).int('Укажите год цифрами').min(2000, 'Год не раньше 2000').max(2100, 'Год не позже 2100'),
  region: z.preprocess(blank, z.string().optional()),
})
export type NewReport = z.infer<typeof newReportSchema>

export const valueSchema = z.object({
  intent: z.literal('value', { error: 'Неизвестное действие' }),
  indicatorId: z.coerce.number({ error: 'Не выбран показатель' }).int().positive('Не выбран показатель'),
  municipalityId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  actual: decimal('Укажите фактическое значение числом').pipe(z.number().min(-1e12, 'Слишком малое значение').max(1e12, 'Слишком большое значение')),
  confirmation: z.string({ error: 'Опишите подтверждение' }).trim().min(3, 'Опишите, чем подтверждается значение').max(4000, 'Подтверждение длиннее 4000 знаков'),
  evidenceUrl: link,
})
export type ValueInput = z.infer<typeof valueSchema>

export const reportEventSchema = z.object({
  intent: z.literal('event', { error: 'Неизвестное действие' }),
  event: z.enum(['SUBMIT', 'WITHDRAW', 'REWORK', 'RECOMPUTE'], 'Неизвестное действие'),
  rowVersion: z.coerce.number().int().optional(),
})
export type ReportEventInput = z.infer<typeof reportEventSchema>

export const indicatorEditSchema = z.object({
  intent: z.literal('indicator', { error: 'Неизвестное действие' }),
  indicatorId: z.coerce.number().int().positive(),
  title: z.string({ error: 'Укажите наименование показателя' }).trim().min(3, 'Укажите наименование показателя').max(1000, 'Наименование длиннее 1000 знаков'),
  unit: z.preprocess((v) => v ?? '', z.string().trim().max(100, 'Единица длиннее 100 знаков')),
  comparison: z.enum(comparisons, 'Выберите, как сравнивать с минимумом'),
  minimum: decimal('Укажите минимальное значение числом'),
  minimumText: z.preprocess((v) => v ?? '', z.string().trim().max(300, 'Формулировка длиннее 300 знаков')),
  municipalTarget: z.preprocess(blank, decimal('Укажите значение для муниципалитета числом').optional()),
  source: z.preprocess((v) => v ?? '', z.string().trim().max(1000, 'Источник длиннее 1000 знаков')),
})
export type IndicatorEdit = z.infer<typeof indicatorEditSchema>
