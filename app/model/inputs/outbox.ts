import { z } from 'zod'

// «Отправить снова» on a failed message. Where the outcome is unknown the
// form carries a required checkbox; the domain checks it too (decision 0003).
export const outboxResendSchema = z.object({
  id: z.coerce.number({ error: 'Неверный номер письма.' }).int('Неверный номер письма.').positive('Неверный номер письма.'),
  acceptDuplicate: z
    .literal('on', { error: 'Отметьте, что понимаете: адресат может получить письмо дважды.' })
    .optional()
    .transform((v) => v === 'on'),
})
