import { z } from 'zod'

// The commission's forms: each schema is shared by the screen (field names,
// limits) and its action (the check). Messages in Russian.

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message)

export const autoAssignSchema = z.object({
  intent: z.literal('autoAssign'),
  perApplication: z.coerce
    .number({ error: 'Укажите число рецензентов' })
    .int('Укажите целое число рецензентов')
    .min(1, 'Нужен хотя бы один рецензент')
    .max(10, 'Не больше 10 рецензентов на кандидата'),
})

export const reviewerSchema = z.object({
  intent: z.enum(['addReviewer', 'removeReviewer']),
  applicationId: id('Не выбран кандидат'),
  memberId: id('Выберите члена комиссии'),
})

export const sendToMinistrySchema = z.object({
  intent: z.literal('sendToMinistry'),
  campaignId: id('Не выбран отбор'),
})

export const commissionActionSchema = z.discriminatedUnion('intent', [autoAssignSchema, reviewerSchema, sendToMinistrySchema])
export type CommissionAction = z.infer<typeof commissionActionSchema>

export const recommendations = ['recommend', 'reject', 'defer'] as const
export const recommendationLabels: Record<(typeof recommendations)[number], string> = {
  recommend: 'Рекомендовать',
  reject: 'Отклонить',
  defer: 'Отложить',
}

export const reviewSchema = z.object({
  intent: z.literal('review'),
  applicationId: id('Не выбран кандидат'),
  recommendation: z.enum(recommendations, { error: 'Выберите рекомендацию' }),
  comment: z
    .string()
    .trim()
    .max(4000, 'Комментарий не длиннее 4000 знаков')
    .optional()
    .transform((s) => (s ? s : null)),
  // Checked against the campaign's rubric (0 … rubric_max) by the domain.
  score: z
    .string()
    .trim()
    .optional()
    .transform((s, ctx) => {
      if (!s) return null
      const n = Number(s.replace(',', '.'))
      if (!Number.isFinite(n) || n < 0 || n > 100) {
        ctx.addIssue({ code: 'custom', message: 'Оценка — число от 0 до максимального балла' })
        return z.NEVER
      }
      return n
    }),
})
export type ReviewForm = z.infer<typeof reviewSchema>

export const conflictSchema = z.object({
  intent: z.literal('conflict'),
  applicationId: id('Выберите кандидата'),
  reason: z.string({ error: 'Опишите конфликт интересов' }).trim().min(5, 'Опишите конфликт интересов (не короче 5 знаков)').max(2000, 'Не длиннее 2000 знаков'),
})
export type ConflictForm = z.infer<typeof conflictSchema>

export const reviewsActionSchema = z.discriminatedUnion('intent', [reviewSchema, conflictSchema])

export const meetingSchema = z.object({
  heldAt: z.string({ error: 'Укажите дату и время' }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Укажите дату и время заседания'),
  place: z.string({ error: 'Укажите место' }).trim().min(3, 'Укажите место проведения').max(500, 'Не длиннее 500 знаков'),
  agenda: z.string().trim().max(4000, 'Повестка не длиннее 4000 знаков').default(''),
})
export type MeetingForm = z.infer<typeof meetingSchema>

export const attendanceStatuses = ['present', 'remote', 'absent'] as const
export type AttendanceStatus = (typeof attendanceStatuses)[number]
export const attendanceLabels: Record<AttendanceStatus, string> = { present: 'присутствует', remote: 'дистанционно', absent: 'отсутствует' }

export const voteChoices = ['for', 'against', 'abstain'] as const
export type VoteChoiceForm = (typeof voteChoices)[number]
export const voteLabels: Record<VoteChoiceForm, string> = { for: 'за', against: 'против', abstain: 'воздержался' }

export const meetingActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('attendance'),
    // one entry per member: the field `att-<memberId>` of the form
    entries: z
      .array(z.object({ memberId: id('Неизвестный член комиссии'), status: z.enum(attendanceStatuses, { error: 'Отметьте присутствие' }) }))
      .min(1, 'Отметьте присутствие'),
  }),
  z.object({ intent: z.literal('addItem'), applicationId: id('Выберите кандидата') }),
  z.object({ intent: z.literal('removeItem'), applicationId: id('Не выбран кандидат') }),
  // the secretary records the votes of present members on one candidate (`vote-<memberId>` fields)
  z.object({
    intent: z.literal('votes'),
    applicationId: id('Не выбран кандидат'),
    entries: z
      .array(z.object({ memberId: id('Неизвестный член комиссии'), choice: z.enum(voteChoices, { error: 'Выберите: за, против или воздержался' }) }))
      .min(1, 'Отметьте хотя бы один голос'),
  }),
  // a member casts their own vote
  z.object({
    intent: z.literal('vote'),
    applicationId: id('Не выбран кандидат'),
    choice: z.enum(voteChoices, { error: 'Выберите: за, против или воздержался' }),
  }),
  z.object({ intent: z.literal('close') }),
])
export type MeetingAction = z.infer<typeof meetingActionSchema>

/** Form data → the shape meetingActionSchema reads (attendance comes as one field per member). */
export function meetingActionInput(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const attendance: { memberId: string; status: string }[] = []
  const votes: { memberId: string; choice: string }[] = []
  for (const [k, v] of form.entries()) {
    if (typeof v !== 'string') continue
    if (k.startsWith('att-')) attendance.push({ memberId: k.slice(4), status: v })
    else if (k.startsWith('vote-')) {
      if (v !== '') votes.push({ memberId: k.slice(5), choice: v })
    } else out[k] = v
  }
  if (out.intent === 'attendance') out.entries = attendance
  if (out.intent === 'votes') out.entries = votes
  return out
}
