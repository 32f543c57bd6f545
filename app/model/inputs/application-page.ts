import { z } from 'zod'
import { factKeys } from '~/model/eligibility'
import { confirmed } from '~/model/inputs/confirm'
import { blank } from '~/model/inputs/orders'
import { isDay } from '~/utils/dates'

// The forms of the application page (decision 0010), one schema each, shared
// by the page and its action. Every form sends its `intent` and the row
// version the page was drawn from, so a change made meanwhile by someone else
// is refused instead of overwritten.

// why: optional for scripts that act without reading the page first; the page always sends it.
const rowVersion = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{1,9}$/, 'Обновите страницу и повторите действие.')
    .transform(Number)
    .optional(),
)

/** Transitions that need nothing but a press of the button. */
export const plainEventIntents = {
  submit: 'SUBMIT',
  admit: 'ADMIT',
  reviewAgain: 'REVIEW_AGAIN',
  sendToMinistry: 'SEND_TO_MINISTRY',
} as const
export type PlainEventIntent = keyof typeof plainEventIntents

export const plainEventSchema = z.object({
  intent: z.enum(Object.keys(plainEventIntents) as [PlainEventIntent, ...PlainEventIntent[]]),
  rowVersion,
})

/** Withdrawal cannot be undone: it is asked for again (app/ui/confirm.tsx). */
export const withdrawSchema = z.object({ intent: z.literal('withdraw'), rowVersion, confirmed })

export const verifySchema = z.object({
  intent: z.literal('verify'),
  // a built-in fact or a region's own (region_facts.key); whether it was claimed is the domain's question
  fact: z.string({ error: 'Неизвестный критерий' }).refine((f) => (factKeys as string[]).includes(f) || /^x[a-z0-9]{6,20}$/.test(f), 'Неизвестный критерий'),
})

export const requestInfoSchema = z.object({
  intent: z.literal('requestInfo'),
  rowVersion,
  message: z.string().trim().min(3, 'Опишите, какие сведения или документы нужны').max(2000, 'Не более 2000 знаков'),
  replyBy: z.preprocess(
    blank,
    z
      .string()
      .refine(isDay, 'Укажите дату в формате ДД.ММ.ГГГГ')
      .optional()
      .transform((v) => v ?? null),
  ),
})

export const ineligibleSchema = z.object({
  intent: z.literal('ineligible'),
  rowVersion,
  reasons: z
    .string()
    .trim()
    .min(3, 'Перечислите невыполненные требования, каждое с новой строки')
    .max(4000, 'Не более 4000 знаков')
    .transform((s) =>
      s
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
})

/** Documents one reply may carry (each at most 5 MB); the server's body limit for the page follows from it. */
export const REPLY_MAX_FILES = 5

/** The applicant's answer to a request for information; the files travel beside it (multipart). */
export const replySchema = z.object({
  intent: z.literal('reply'),
  rowVersion,
  reply: z.preprocess(blank, z.string().trim().max(4000, 'Не более 4000 знаков').optional().transform((v) => v ?? '')),
  fact: z.preprocess(blank, z.string().optional().transform((v) => v ?? null)),
})

export const applicationPageSchemas = {
  submit: plainEventSchema,
  admit: plainEventSchema,
  reviewAgain: plainEventSchema,
  sendToMinistry: plainEventSchema,
  withdraw: withdrawSchema,
  verify: verifySchema,
  requestInfo: requestInfoSchema,
  ineligible: ineligibleSchema,
  reply: replySchema,
} as const
export type ApplicationPageIntent = keyof typeof applicationPageSchemas

export const isApplicationPageIntent = (v: unknown): v is ApplicationPageIntent => typeof v === 'string' && v in applicationPageSchemas

/** /applications/:id/evidence/new: which fact the document backs (the domain checks it against the claims); the file travels beside it. */
export const evidenceFormSchema = z.object({
  fact: z.string({ error: 'Выберите, что подтверждает документ' }).min(1, 'Выберите, что подтверждает документ'),
})
