import { z } from 'zod'
import { publicFields } from '~/model/consent'
import { checkedList } from '~/model/inputs/application'
import { confirmed } from '~/model/inputs/confirm'
import { blank } from '~/model/inputs/orders'
import { isDay } from '~/utils/dates'

// The subject's own dissemination consent (/my/consent): shared by the page
// (client-side hints) and its action. Two forms on the page, told apart by
// their `intent`: saving a choice, and withdrawing the consent altogether
// (irreversible for what was published: it needs the confirmation step).

export const disseminationFormSchema = z.object({
  intent: z.literal('save').optional(),
  fields: z.preprocess(checkedList, z.array(z.enum(publicFields, { message: 'Неизвестное поле согласия' })).transform((v) => [...new Set(v)])),
  conditions: z.preprocess(blank, z.string().trim().max(1000, 'Не более 1000 знаков').optional()).transform((v) => v ?? ''),
  validUntil: z
    .preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в формате ГГГГ-ММ-ДД')
        .refine((v) => isDay(v), 'Такой даты нет в календаре')
        .optional(),
    )
    .transform((v) => v ?? null),
})
export type DisseminationForm = z.infer<typeof disseminationFormSchema>

export const withdrawConsentSchema = z.object({ intent: z.literal('withdraw'), confirmed })
