import { z } from 'zod'
import type { Catalogue } from '~/model/fact-catalogue'
import { blank } from '~/model/inputs/orders'

// The structured rule-set editor (issue 11 §3): one schema for the page and
// the action, built for the region's fact catalogue, so a rule can only test
// a fact the region knows and only with the comparison that fits its kind.
// Values arrive as the browser sends them (strings; one checked box is a
// string, none is absent), hence the preprocessing.

export const ruleSetFormIntents = ['save', 'preview'] as const

const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])
const text = (message: string, max = 500) =>
  z.preprocess(blank, z.string({ error: message }).trim().min(1, message).max(max, `Не длиннее ${max} символов`))
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max, `Не длиннее ${max} символов`).optional())
const code = z.preprocess(blank, z.string().regex(/^[a-zA-Z0-9_-]+$/, 'Неверный внутренний код').optional())
const decimal = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
    z.number({ error: message }).refine(Number.isFinite, message),
  )

/** A rule's place in the regulation: the document and, optionally, its item. */
const source = {
  document: text('Укажите документ, из которого взято требование'),
  item: optionalText(200),
}

export function ruleSetFormSchema(catalogue: Catalogue) {
  const rule = z
    .object({
      id: code,
      label: text('Укажите формулировку требования'),
      fact: z.preprocess(blank, z.string({ error: 'Выберите, какие сведения проверять' })),
      values: z.preprocess(list, z.array(z.string())),
      min: z.preprocess(blank, decimal('Укажите число').optional()),
      ...source,
    })
    .superRefine((r, ctx) => {
      const fact = catalogue[r.fact]
      if (!fact) return ctx.addIssue({ code: 'custom', path: ['fact'], message: 'Выберите сведения из списка' })
      if (fact.kind === 'enum') {
        const known = fact.values.map((v) => v.value)
        if (r.values.length === 0) ctx.addIssue({ code: 'custom', path: ['values'], message: 'Отметьте хотя бы одно подходящее значение' })
        else if (!r.values.every((v) => known.includes(v))) ctx.addIssue({ code: 'custom', path: ['values'], message: 'Отметьте значения из списка' })
      }
      if (fact.kind === 'number') {
        if (r.min === undefined) ctx.addIssue({ code: 'custom', path: ['min'], message: 'Укажите наименьшее допустимое число' })
        else if (r.min < 0) ctx.addIssue({ code: 'custom', path: ['min'], message: 'Число не может быть отрицательным' })
      }
    })
  const group = z.object({
    id: code,
    label: text('Укажите название группы требований'),
    ...source,
    atLeast: z.preprocess(
      blank,
      z.coerce.number({ error: 'Укажите, сколько требований группы должно выполняться' }).int('Укажите целое число').positive('Не меньше 1'),
    ),
    rules: z.preprocess(list, z.array(rule).min(1, 'Добавьте в группу хотя бы одно требование')),
  })
  return z
    .object({
      intent: z.preprocess(blank, z.enum(ruleSetFormIntents, 'Неизвестное действие').default('save')),
      title: text('Укажите название набора требований', 300),
      required: z.preprocess(list, z.array(rule)),
      groups: z.preprocess(list, z.array(group)),
    })
    .superRefine((f, ctx) => {
      f.groups.forEach((g, i) => {
        if (g.atLeast > g.rules.length) {
          ctx.addIssue({ code: 'custom', path: ['groups', i, 'atLeast'], message: `Не больше числа требований в группе (${g.rules.length})` })
        }
      })
      if (f.required.length + f.groups.length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'Добавьте хотя бы одно требование' })
    })
}

export type RuleSetFormSchema = ReturnType<typeof ruleSetFormSchema>
export type RuleSetFormValue = z.output<RuleSetFormSchema>
export type RuleFormValue = RuleSetFormValue['required'][number]
