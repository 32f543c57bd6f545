import { z } from 'zod'
import { activityKinds, activityLevels } from '~/model/activity'
import { blank, isoDate } from '~/model/inputs/orders'

// A member's record of methodological work (issue 10 §1.1) and a
// coordinator's decision on it. One schema for each form and its action.

/** The record's form with the kinds of the region's current evaluation catalogue (issue 10 §2.1). */
export const activitySchemaFor = (kinds: readonly string[]) => z.object({
  intent: z.enum(['save', 'submit'], 'Неизвестное действие'),
  kind: z.string({ error: 'Выберите вид работы' }).refine((k) => kinds.includes(k), 'Выберите вид работы'),
  heldOn: isoDate('Укажите дату проведения'),
  level: z.enum(activityLevels, 'Выберите уровень'),
  audience: z.coerce
    .number({ error: 'Укажите число участников цифрами' })
    .int('Укажите целое число участников')
    .min(0, 'Число участников не может быть отрицательным')
    .max(1_000_000, 'Слишком большое число участников'),
  description: z.string().trim().min(3, 'Опишите работу в нескольких словах').max(2000, 'Описание длиннее 2000 знаков'),
  evidenceUrl: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(1000, 'Слишком длинная ссылка')
      .regex(/^https?:\/\/[^\s]+$/, 'Ссылка должна начинаться с http:// или https://')
      .optional(),
  ),
  rowVersion: z.coerce.number().int().optional(),
})
/** The form with the default catalogue's kinds (the global list). */
export const activitySchema = activitySchemaFor(activityKinds)
export type ActivityForm = z.infer<typeof activitySchema>

export const activityDecisionSchema = z
  .object({
    intent: z.literal('decide', { error: 'Неизвестное действие' }),
    decision: z.enum(['confirm', 'return'], 'Выберите решение'),
    reason: z.preprocess(blank, z.string().trim().max(2000, 'Причина длиннее 2000 знаков').optional()),
    rowVersion: z.coerce.number().int().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'return' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Укажите, что нужно исправить' })
  })
export type ActivityDecision = z.infer<typeof activityDecisionSchema>
