import { z } from 'zod'
import { confirmed } from '~/model/inputs/confirm'
import { orderDate, orderNumber, orderTitle } from '~/model/inputs/orders'

// The ministry's decision on the commission's list: approve the ticked
// candidates under one order, or return them to the commission with a reason.
// Two steps (both irreversible for the candidates): the choice is sent with
// `confirm=approve|return` (a GET: the page then asks), the decision with
// `intent` and `confirmed=yes`.

/** One ticked box arrives as a string, none as nothing: always a list. */
const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])

const ids = z.preprocess(
  asList,
  z
    .array(z.coerce.number().int().positive('Неверный номер заявления'))
    .min(1, 'Отметьте хотя бы одного кандидата')
    .max(1000, 'Слишком много кандидатов за один раз'),
)
const reason = z.string().trim().min(3, 'Укажите причину возврата').max(2000, 'Слишком длинная причина')

const approveFields = { ids, orderNumber, orderDate, orderTitle }
const returnFields = { ids, reason }

/** The first step: what is chosen, checked before the page asks for confirmation. */
export const ministryChoiceSchema = z.discriminatedUnion('confirm', [
  z.object({ confirm: z.literal('approve'), ...approveFields }),
  z.object({ confirm: z.literal('return'), ...returnFields }),
])

export const ministryDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), ...approveFields, confirmed }),
  z.object({ intent: z.literal('return'), ...returnFields, confirmed }),
])
/** The decision the domain takes: the confirmation is the edge's business. */
export type MinistryDecision = z.infer<typeof ministryDecisionSchema> extends infer D ? (D extends unknown ? Omit<D, 'confirmed'> : never) : never
