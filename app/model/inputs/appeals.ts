import { z } from 'zod'
import { DEFAULT_APPEAL_DAYS, MAX_APPEAL_DAYS } from '~/model/appeals'
import { confirmed } from '~/model/inputs/confirm'

// Appeals (issue 10 §5): the applicant's filing on the application page, its
// withdrawal, and the campaign's appeal period on the campaign page.

export const APPEAL_MAX_LENGTH = 5000

export const appealFileSchema = z.object({
  intent: z.literal('appeal', { error: 'Неизвестное действие' }),
  body: z
    .string({ error: 'Изложите доводы апелляции' })
    .trim()
    .min(1, 'Изложите доводы апелляции')
    .max(APPEAL_MAX_LENGTH, `Текст апелляции длиннее ${APPEAL_MAX_LENGTH} знаков`),
})
export type AppealFiling = Omit<z.infer<typeof appealFileSchema>, 'intent'>

export const appealWithdrawSchema = z.object({
  intent: z.literal('withdrawAppeal', { error: 'Неизвестное действие' }),
  appealId: z.coerce.number({ error: 'Неизвестная апелляция' }).int().positive('Неизвестная апелляция'),
  confirmed,
})

export const appealDaysSchema = z.object({
  intent: z.literal('appealDays', { error: 'Неизвестное действие' }),
  appealDays: z.coerce
    .number({ error: 'Укажите число рабочих дней цифрами' })
    .int('Укажите целое число рабочих дней')
    .min(1, 'Срок — не меньше одного рабочего дня')
    .max(MAX_APPEAL_DAYS, `Срок — не больше ${MAX_APPEAL_DAYS} рабочих дней`),
})
export const appealDaysDefault = { appealDays: String(DEFAULT_APPEAL_DAYS) }
