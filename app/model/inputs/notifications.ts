import { z } from 'zod'

// /my/notifications: mark one notice read, or all of them.
export const markReadSchema = z.object({
  intent: z.literal('one'),
  id: z.string().regex(/^\d{1,15}$/, 'Уведомление не найдено.').transform(Number),
})
export const markAllReadSchema = z.object({ intent: z.literal('all') })
