import { z } from 'zod'
import { orderDate, orderNumber, orderTitle } from '~/model/inputs/orders'

// The ministry's decision on the commission's list: approve the ticked
// candidates under one order, or return them to the commission with a reason.

const ids = z
  .array(z.coerce.number().int().positive('Неверный номер заявления'))
  .min(1, 'Отметьте хотя бы одного кандидата')
  .max(1000, 'Слишком много кандидатов за один раз')

export const ministryDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), ids, orderNumber, orderDate, orderTitle }),
  z.object({ intent: z.literal('return'), ids, reason: z.string().trim().min(3, 'Укажите причину возврата').max(2000, 'Слишком длинная причина') }),
])
export type MinistryDecision = z.infer<typeof ministryDecisionSchema>
