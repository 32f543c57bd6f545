import { z } from 'zod'
import { kindCode } from '~/model/evaluation'
import { blank } from '~/model/inputs/orders'

// The coordinator's evaluation settings (issue 10 §2.1–2.2): the day the
// school year starts, the points table (a row per kind, a column per level),
// the default threshold and per-year thresholds. Plain strings in, numbers
// out, so the page works without JavaScript; a blank row is left out.

const whole = (what: string, max: number) =>
  z
    .string({ error: `Укажите ${what}` })
    .trim()
    .regex(/^\d{1,6}$/, `Укажите ${what} целым числом`)
    .transform(Number)
    .refine((n) => n <= max, `Не более ${max}`)
const optionalWhole = (what: string, max: number) => z.preprocess(blank, whole(what, max).optional())

const levels = ['school', 'municipal', 'regional', 'federal'] as const

const kindRow = z.object({
  // empty for a new kind: the server gives it a code
  code: z.preprocess(blank, kindCode.optional()),
  label: z.preprocess(blank, z.string().trim().max(200, 'Не более 200 знаков').optional()),
  school: optionalWhole('баллы', 100),
  municipal: optionalWhole('баллы', 100),
  regional: optionalWhole('баллы', 100),
  federal: optionalWhole('баллы', 100),
})

const yearRow = z.object({
  year: z.preprocess(blank, z.string().trim().regex(/^20\d\d$/, 'Год начала учебного года, например 2025').transform(Number).optional()),
  value: optionalWhole('порог', 10_000),
})

type KindRow = z.infer<typeof kindRow>
type YearRow = z.infer<typeof yearRow>
const blankKind = (k: KindRow) => k.code === undefined && k.label === undefined && levels.every((l) => k[l] === undefined)
const blankYear = (y: YearRow) => y.year === undefined && y.value === undefined

export const evaluationSettingsSchema = z
  .object({
    month: whole('месяц', 12).refine((n) => n >= 1, 'Выберите месяц'),
    day: whole('число', 28).refine((n) => n >= 1, 'Число от 1 до 28'),
    threshold: whole('порог', 10_000),
    kinds: z.array(kindRow).default([]),
    years: z.array(yearRow).default([]),
  })
  .superRefine((s, ctx) => {
    s.kinds.forEach((k, i) => {
      if (blankKind(k)) return
      if (!k.label) ctx.addIssue({ code: 'custom', path: ['kinds', i, 'label'], message: 'Укажите название вида работы' })
      for (const l of levels) if (k[l] === undefined) ctx.addIssue({ code: 'custom', path: ['kinds', i, l], message: 'Укажите баллы' })
    })
    if (s.kinds.every(blankKind)) ctx.addIssue({ code: 'custom', path: ['kinds'], message: 'В перечне нужен хотя бы один вид работы' })
    const seen = new Set<number>()
    s.years.forEach((y, i) => {
      if (blankYear(y)) return
      if (y.year === undefined) ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: 'Укажите год начала учебного года' })
      else if (seen.has(y.year)) ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: 'Этот год уже указан' })
      else seen.add(y.year)
      if (y.value === undefined) ctx.addIssue({ code: 'custom', path: ['years', i, 'value'], message: 'Укажите порог' })
    })
  })

export type EvaluationSettingsForm = z.output<typeof evaluationSettingsSchema>

/**
 * The rows that were filled in (the schema checked them whole), as numbers.
 * Not a transform of the schema: conform reads the schema's constraints for
 * the page, and a transform at its root is not readable.
 */
export function filledSettings(s: EvaluationSettingsForm) {
  return {
    month: s.month,
    day: s.day,
    threshold: s.threshold,
    kinds: s.kinds
      .filter((k) => !blankKind(k))
      .map((k) => ({ code: k.code, label: k.label ?? '', school: k.school ?? 0, municipal: k.municipal ?? 0, regional: k.regional ?? 0, federal: k.federal ?? 0 })),
    years: s.years.filter((y) => !blankYear(y)).map((y) => ({ year: y.year ?? 0, value: y.value ?? 0 })),
  }
}
export type EvaluationSettings = ReturnType<typeof filledSettings>
