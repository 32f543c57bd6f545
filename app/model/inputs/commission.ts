import { z } from 'zod'
import { confirmed } from '~/model/inputs/confirm'
import { blank } from '~/model/inputs/orders'

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

export const addReviewerSchema = z.object({
  intent: z.literal('addReviewer'),
  applicationId: id('Не выбран кандидат'),
  memberId: id('Выберите члена комиссии'),
})

export const removeReviewerSchema = z.object({
  intent: z.literal('removeReviewer'),
  applicationId: id('Не выбран кандидат'),
  memberId: id('Не выбран член комиссии'),
})

/** Sending the recommended candidates to the ministry cannot be taken back by the commission: confirmed. */
export const sendToMinistrySchema = z.object({
  intent: z.literal('sendToMinistry'),
  campaignId: id('Не выбран отбор'),
  confirmed,
})

export const commissionActionSchema = z.discriminatedUnion('intent', [autoAssignSchema, addReviewerSchema, removeReviewerSchema, sendToMinistrySchema])
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
  // The campaign's review form, one row per criterion: `scores[i].criterionId`
  // (hidden) and `scores[i].score`. The domain checks each against its scale
  // and that none is missing; here only that it is a whole number.
  scores: z
    .array(
      z.object({
        criterionId: id('Неизвестный критерий'),
        score: z
          .string()
          .trim()
          .optional()
          .transform((s, ctx) => {
            if (!s) return null
            if (!/^\d{1,3}$/.test(s)) {
              ctx.addIssue({ code: 'custom', message: 'Оценка — целое число баллов' })
              return z.NEVER
            }
            return Number(s)
          }),
      }),
    )
    .optional()
    .transform((rows) => rows ?? []),
})
export type ReviewForm = z.infer<typeof reviewSchema>

/** A declared conflict cannot be withdrawn (the member stays recused): confirmed. */
export const conflictSchema = z.object({
  intent: z.literal('conflict'),
  confirmed,
  applicationId: id('Выберите кандидата'),
  reason: z.string({ error: 'Опишите конфликт интересов' }).trim().min(5, 'Опишите конфликт интересов (не короче 5 знаков)').max(2000, 'Не длиннее 2000 знаков'),
})
export type ConflictForm = z.infer<typeof conflictSchema>

export const reviewsActionSchema = z.discriminatedUnion('intent', [reviewSchema, conflictSchema])

export const meetingSchema = z.object({
  heldAt: z.string({ error: 'Укажите дату и время заседания' }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Укажите дату и время заседания'),
  place: z.string({ error: 'Укажите место проведения' }).trim().min(3, 'Укажите место проведения').max(500, 'Не длиннее 500 знаков'),
  agenda: z.string().trim().max(4000, 'Повестка не длиннее 4000 знаков').default(''),
})
export type MeetingForm = z.infer<typeof meetingSchema>

/** The secretary corrects the date, time and place of a meeting not yet closed. */
export const rescheduleSchema = meetingSchema.pick({ heldAt: true, place: true }).extend({ intent: z.literal('reschedule') })
export type MeetingScheduleForm = Omit<z.infer<typeof rescheduleSchema>, 'intent'>

export const attendanceStatuses = ['present', 'remote', 'absent'] as const
export type AttendanceStatus = (typeof attendanceStatuses)[number]
export const attendanceLabels: Record<AttendanceStatus, string> = { present: 'присутствует', remote: 'дистанционно', absent: 'отсутствует' }

export const voteChoices = ['for', 'against', 'abstain'] as const
export type VoteChoiceForm = (typeof voteChoices)[number]
export const voteLabels: Record<VoteChoiceForm, string> = { for: 'за', against: 'против', abstain: 'воздержался' }

const applicationId = id('Не выбран кандидат')
const voteChoice = z.enum(voteChoices, { error: 'Выберите: за, против или воздержался' })

// Attendance and the secretary's record of votes come as one row per member:
// `entries[i].memberId` (hidden) with `entries[i].status` or `entries[i].choice`.
export const attendanceSchema = z.object({
  intent: z.literal('attendance'),
  entries: z
    .array(z.object({ memberId: id('Неизвестный член комиссии'), status: z.enum(attendanceStatuses, { error: 'Отметьте присутствие' }) }), {
      error: 'Отметьте присутствие',
    })
    .min(1, 'Отметьте присутствие'),
})

export const addItemSchema = z.object({ intent: z.literal('addItem'), applicationId: id('Выберите кандидата') })
export const removeItemSchema = z.object({ intent: z.literal('removeItem'), applicationId })

/** The secretary records the votes of present members on one candidate; a row left «не отмечен» is no vote. */
export const votesSchema = z.object({
  intent: z.literal('votes'),
  applicationId,
  entries: z
    .array(z.object({ memberId: id('Неизвестный член комиссии'), choice: z.preprocess(blank, voteChoice.optional()) }), { error: 'Отметьте хотя бы один голос' })
    .transform((rows) => rows.flatMap((r) => (r.choice ? [{ memberId: r.memberId, choice: r.choice }] : [])))
    .refine((rows) => rows.length > 0, 'Отметьте хотя бы один голос'),
})

/** A member casts their own vote. */
export const voteSchema = z.object({ intent: z.literal('vote'), applicationId, choice: voteChoice })

// Motions (appeals, the indicator report): the same vote forms, keyed by the motion.
export const motionKinds = ['appeal', 'indicatorReport'] as const
const motionId = id('Не выбран вопрос повестки')
export const addMotionSchema = z.object({
  intent: z.literal('addMotion'),
  // «kind:subjectId» from one picker of every kind's waiting questions
  subject: z
    .string({ error: 'Выберите вопрос' })
    .regex(/^(appeal|indicatorReport):[1-9]\d{0,15}$/, 'Выберите вопрос')
    .transform((v) => {
      const [kind, subjectId] = v.split(':')
      return { kind: kind as (typeof motionKinds)[number], subjectId: Number(subjectId) }
    }),
})
export const removeMotionSchema = z.object({ intent: z.literal('removeMotion'), motionId })
export const motionVotesSchema = votesSchema.omit({ intent: true, applicationId: true }).extend({ intent: z.literal('motionVotes'), motionId })
export const motionVoteSchema = z.object({ intent: z.literal('motionVote'), motionId, choice: voteChoice })

/**
 * Closing issues the protocol and decides every candidate: confirmed. A
 * meeting with nothing to decide closes only with `withoutCandidates`, said
 * in so many words (the domain refuses it otherwise).
 */
export const closeSchema = z.object({
  intent: z.literal('close'),
  confirmed,
  withoutCandidates: z.preprocess(blank, z.literal('yes', { error: 'Неверное значение' }).optional()).transform((v) => v === 'yes'),
})

/** Deleting a meeting created by mistake (nothing of it recorded yet): confirmed. */
export const deleteMeetingSchema = z.object({ intent: z.literal('deleteMeeting'), confirmed })

export const meetingActionSchema = z.discriminatedUnion('intent', [
  rescheduleSchema,
  deleteMeetingSchema,
  attendanceSchema,
  addItemSchema,
  removeItemSchema,
  votesSchema,
  voteSchema,
  addMotionSchema,
  removeMotionSchema,
  motionVotesSchema,
  motionVoteSchema,
  closeSchema,
])
export type MeetingAction = z.infer<typeof meetingActionSchema>
