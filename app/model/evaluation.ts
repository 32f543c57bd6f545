import { z } from 'zod'
import { activityKindLabels, activityKinds, activityLevels, type ActivityLevel } from '~/model/activity'
import { addDays, type Day } from '~/utils/dates'

// The evaluation of members' activity (issue 10 §2). A region's catalogue is a
// versioned document: the kinds of work a member records, the points of each
// kind at each level, and the threshold of a school year. Below the threshold
// a member is flagged; nothing happens to them automatically. Pure.

const points = z.number({ error: 'Укажите баллы числом' }).int('Баллы — целое число').min(0, 'Баллы не могут быть отрицательными').max(100, 'Не более 100 баллов')
const thresholdValue = z.number({ error: 'Укажите порог числом' }).int('Порог — целое число').min(0, 'Порог не может быть отрицательным').max(10_000, 'Слишком большой порог')

export const kindCode = z.string().regex(/^[a-z][A-Za-z0-9]{1,39}$/, 'Код вида работы: латинские буквы и цифры')

const kindSchema = z.object({
  code: kindCode,
  label: z.string().trim().min(1, 'Укажите название вида работы').max(200),
  points: z.object({ school: points, municipal: points, regional: points, federal: points }),
})

/** Where the catalogue comes from: a document and its item, or a template the region replaces. */
const sourceSchema = z.union([
  z.object({ document: z.string().min(1), item: z.string().min(1), note: z.string().min(1).optional() }),
  z.object({ template: z.literal(true), note: z.string().min(1) }),
])

export const catalogueDocumentSchema = z
  .object({
    kinds: z.array(kindSchema).min(1, 'В перечне нужен хотя бы один вид работы'),
    threshold: z.object({
      /** The threshold of every school year without its own. */
      default: thresholdValue,
      /** A school year by the calendar year it starts in. */
      years: z.array(z.object({ year: z.number().int().min(2000).max(2100), value: thresholdValue })).default([]),
    }),
    source: sourceSchema,
  })
  .superRefine((doc, ctx) => {
    const codes = doc.kinds.map((k) => k.code)
    const dup = codes.find((c, i) => codes.indexOf(c) !== i)
    if (dup) ctx.addIssue({ code: 'custom', path: ['kinds'], message: `Вид работы «${dup}» повторяется` })
    const years = doc.threshold.years.map((y) => y.year)
    const twice = years.find((y, i) => years.indexOf(y) !== i)
    if (twice) ctx.addIssue({ code: 'custom', path: ['threshold', 'years'], message: `Порог ${schoolYearLabel(twice)} указан дважды` })
  })
export type CatalogueDocument = z.infer<typeof catalogueDocumentSchema>
export type EvaluationSource = CatalogueDocument['source']

const TEMPLATE_NOTE = 'Типовые баллы и порог реестра: в документах региона их нет, регион задаёт свои на странице «Оценка эффективности».'

/** Points of a kind of work by level: the kind's weight times the level's. */
const weights: Record<(typeof activityKinds)[number], number> = { openLesson: 2, seminar: 3, consultation: 1, expertWork: 3, publication: 3, mentoring: 2, course: 4, jury: 2, other: 1 }
const levelWeights: Record<ActivityLevel, number> = { school: 1, municipal: 2, regional: 3, federal: 4 }

/** The registry's typical catalogue: the global kinds, typical points, threshold 10; marked as a template. */
export function typicalCatalogue(source: EvaluationSource = { template: true, note: TEMPLATE_NOTE }): CatalogueDocument {
  return catalogueDocumentSchema.parse({
    kinds: activityKinds.map((code) => ({
      code,
      label: activityKindLabels[code],
      points: Object.fromEntries(activityLevels.map((l) => [l, weights[code] * levelWeights[l]])),
    })),
    threshold: { default: 10, years: [] },
    source,
  })
}

export const isTemplate = (doc: CatalogueDocument) => 'template' in doc.source

export function pointsOf(doc: CatalogueDocument, kind: string, level: ActivityLevel): number {
  return doc.kinds.find((k) => k.code === kind)?.points[level] ?? 0
}

export function thresholdOf(doc: CatalogueDocument, year: number): number {
  return doc.threshold.years.find((y) => y.year === year)?.value ?? doc.threshold.default
}

/** The label of a kind: the catalogue's, the global list's, or «другая работа». */
export function kindLabelOf(kinds: readonly { code: string; label: string }[], code: string): string {
  return kinds.find((k) => k.code === code)?.label ?? (activityKindLabels as Record<string, string>)[code] ?? 'Другая работа'
}

// --- the school year ----------------------------------------------------------

/** The day a region's school year starts, every year (the database keeps day ≤ 28). */
export type YearStart = { month: number; day: number }
export const DEFAULT_YEAR_START: YearStart = { month: 9, day: 1 }

const pad = (n: number) => String(n).padStart(2, '0')

/** The school year a day belongs to, named by the calendar year it starts in. */
export function schoolYearOf(day: Day, start: YearStart): number {
  const [y, m, d] = day.split('-').map(Number)
  return m > start.month || (m === start.month && d >= start.day) ? y : y - 1
}

/** The year's first day and the next year's first day (exclusive): records with from ≤ day < until count. */
export function schoolYearBounds(year: number, start: YearStart): { from: Day; until: Day; last: Day } {
  const from = `${year}-${pad(start.month)}-${pad(start.day)}`
  const until = `${year + 1}-${pad(start.month)}-${pad(start.day)}`
  return { from, until, last: addDays(until, -1) }
}

/** «2025/2026 учебный год». */
export const schoolYearLabel = (year: number) => `${year}/${year + 1} учебный год`

const monthsGenitive = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря']
export const monthNames = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь']

/** «1 сентября». */
export const yearStartLabel = (s: YearStart) => `${s.day} ${monthsGenitive[s.month - 1]}`

/** A member's score in a school year and whether it is below the threshold (the flag has no consequence by itself). */
export type Score = { year: number; confirmed: number; points: number; threshold: number; low: boolean }
