import { z } from 'zod'
import { kindCode } from '~/model/evaluation'
import { blank } from '~/model/inputs/orders'

// The coordinator's evaluation settings (issue 10 §2.1–2.2): the day the
// school year starts, the points table (a row per kind, a column per level),
// the default threshold and per-year thresholds. Plain strings in, numbers
// out, so the page works without JavaScript; a blank row is ignored.

const whole = (what: string, max: number) =>
  z
    .string({ error: `Укажите ${what}` })
    .trim()
    .regex(/^\d{1,6}$/, `Укажите ${what} целым числом`)
    .transform(Number)
    .refine((n) => n <= max, `Не более ${max}`)

const points = whole('баллы', 100)

const kindRow = z.object({
  // empty for a new kind: the server gives it a code
  code: z.preprocess(blank, kindCode.optional()),
  label: z.preprocess(blank, z.string().trim().max(200, 'Не более 200 знаков').optional()),
  school: points,
  municipal: points,
  regional: points,
  federal: points,
})

const yearRow = z.object({
  year: z.preprocess(blank, z.string().trim().regex(/^20\d\d$/, 'Год начала учебного года, например 2025').transform(Number).optional()),
  value: z.preprocess(blank, whole('порог', 10_000).optional()),
})

const rowsOf = <T extends z.ZodType>(row: T, isBlank: (v: Record<string, unknown>) => boolean, min = 0) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v.filter((r) => r && typeof r === 'object' && !isBlank(r as Record<string, unknown>)) : []),
    z.array(row).min(min, 'В перечне нужен хотя бы один вид работы'),
  )
const empty = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '')

export const evaluationSettingsSchema = z
  .object({
    month: whole('месяц', 12).refine((n) => n >= 1, 'Выберите месяц'),
    day: whole('число', 28).refine((n) => n >= 1, 'Число от 1 до 28'),
    threshold: whole('порог', 10_000),
    kinds: rowsOf(kindRow, (r) => empty(r.code) && empty(r.label), 1),
    years: rowsOf(yearRow, (r) => empty(r.year) && empty(r.value)),
  })
  .superRefine((s, ctx) => {
    s.kinds.forEach((k, i) => {
      if (!k.label) ctx.addIssue({ code: 'custom', path: ['kinds', i, 'label'], message: 'Укажите название вида работы' })
    })
    s.years.forEach((y, i) => {
      if (y.year === undefined) ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: 'Укажите год начала учебного года' })
      if (y.value === undefined) ctx.addIssue({ code: 'custom', path: ['years', i, 'value'], message: 'Укажите порог' })
    })
    const years = s.years.map((y) => y.year)
    years.forEach((y, i) => {
      if (y !== undefined && years.indexOf(y) !== i) ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: 'Этот год уже указан' })
    })
  })
export type EvaluationSettingsForm = z.infer<typeof evaluationSettingsSchema>
