import { z } from 'zod'
import { confirmed } from '~/model/inputs/confirm'
import { blank, isoDate, orderDate, orderNumber, orderTitle } from '~/model/inputs/orders'
import { stageOrderIssues } from '~/model/campaign-stages'
import { controlCharactersMessage, withoutControlCharacters } from '~/model/inputs/register'

// The regional coordinator's forms: campaigns, rule sets, the commission's
// composition, changes of the roster. Shared by each form and its action.

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message)
const optionalDate = z.preprocess(blank, isoDate('Укажите дату').optional())

// The days of a campaign's stages (app/model/campaign-stages.ts), each
// optional; a later stage may not come before an earlier one.
const deadlineFields = {
  opensOn: optionalDate,
  closesOn: optionalDate,
  screeningUntil: optionalDate,
  reviewUntil: optionalDate,
  meetingOn: optionalDate,
  decisionUntil: optionalDate,
}
const stagesInOrder = (d: Parameters<typeof stageOrderIssues>[0], ctx: z.RefinementCtx) => {
  for (const issue of stageOrderIssues(d)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message })
}

export const campaignCreateSchema = z
  .object({
    title: z.string().trim().min(3, 'Укажите название отбора').max(300, 'Слишком длинное название'),
    ruleSetId: id('Выберите набор требований'),
    commissionId: id('Выберите комиссию'),
    // empty: the regional active; a municipality: its own municipal active (issue 10 §6)
    municipalityId: z.preprocess(blank, id('Выберите методический актив').optional()),
    ...deadlineFields,
  })
  .superRefine(stagesInOrder)
export type CampaignCreate = z.infer<typeof campaignCreateSchema>

/** A municipal selection's setup (issue 10 §6): its commission, or a copy of the region's rule set. */
export const municipalSetupSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('commission'), name: z.string().trim().min(3, 'Укажите название комиссии').max(300, 'Слишком длинное название') }),
  z.object({ intent: z.literal('copyRuleSet'), ruleSetId: id('Выберите набор правил') }),
])

/** The campaign page's form of the stages' deadlines (its own `intent`). */
export const campaignDeadlinesSchema = z.object({ intent: z.literal('deadlines', { error: 'Неизвестное действие' }), ...deadlineFields }).superRefine(stagesInOrder)
export type CampaignDeadlines = Omit<z.infer<typeof campaignDeadlinesSchema>, 'intent'>

export const campaignManualEvents = ['OPEN', 'CLOSE', 'START_REVIEW', 'ARCHIVE'] as const

/** Events with no way back (no campaign reopens or leaves the archive): only the confirmation step sends them. */
export const campaignConfirmedEvents: readonly string[] = ['CLOSE', 'ARCHIVE']

export const campaignActionSchema = z.discriminatedUnion('intent', [
  z
    .object({
      intent: z.literal('event'),
      event: z.enum(campaignManualEvents, 'Неизвестное действие'),
      rowVersion: z.coerce.number().int().optional(),
      confirmed: confirmed.optional(),
    })
    .superRefine((v, ctx) => {
      if (campaignConfirmedEvents.includes(v.event) && v.confirmed !== 'yes') {
        ctx.addIssue({ code: 'custom', path: ['confirmed'], message: 'Подтвердите действие: оно необратимо.' })
      }
    }),
  // Publication makes people members of the roster: only the confirmation step sends it.
  z.object({ intent: z.literal('publish'), confirmed }),
])
export type CampaignAction = z.infer<typeof campaignActionSchema>

export const ruleSetCloneSchema = z.object({ intent: z.literal('clone', { error: 'Неизвестное действие' }) })

export const commissionRoles = ['chair', 'secretary', 'member'] as const
const role = z.enum(commissionRoles, 'Выберите роль в комиссии')
const memberId = id('Неверный член комиссии')
const organisationId = z.preprocess(blank, id('Выберите организацию').optional())

// Each form of the composition screen names its commission (hidden field).
const commissionId = id('Не выбрана комиссия')

export const addCommissionMemberSchema = z.object({
  intent: z.literal('add'),
  commissionId,
  login: z.string({ error: 'Укажите логин пользователя' }).trim().min(1, 'Укажите логин пользователя').max(200, 'Слишком длинный логин'),
  role,
  organisationId,
  // an address with no account is invited (issue 11 §4.3): the name the invitation greets
  displayName: z.preprocess(blank, z.string().trim().max(200, 'Не более 200 знаков').refine(withoutControlCharacters, controlCharactersMessage).optional()),
})
export const commissionMemberRoleSchema = z.object({ intent: z.literal('role'), commissionId, memberId, role })
export const commissionMemberOrganisationSchema = z.object({ intent: z.literal('organisation'), commissionId, memberId, organisationId })
export const deactivateCommissionMemberSchema = z.object({ intent: z.literal('deactivate'), commissionId, memberId })

export const commissionActionSchema = z.discriminatedUnion('intent', [
  addCommissionMemberSchema,
  commissionMemberRoleSchema,
  commissionMemberOrganisationSchema,
  deactivateCommissionMemberSchema,
])
export type CommissionAction = z.infer<typeof commissionActionSchema>

export const memberEvents = ['SUSPEND', 'RESUME', 'EXCLUDE', 'EXPIRE'] as const
export type MemberEventType = (typeof memberEvents)[number]
/** Events that need a ground from the region's list (issue 10 §4.1); the free-text reason is then an optional comment. */
export const memberEventsWithGround: readonly MemberEventType[] = ['SUSPEND', 'EXCLUDE']
/** Events that cannot be taken back (the machine has no way out of `excluded` or `expired`): they need the confirmation step. */
export const irreversibleMemberEvents: readonly MemberEventType[] = ['EXCLUDE', 'EXPIRE']

/** The form as typed (the page checks with it: conform cannot read a transform at the root). */
export const memberChangeFormSchema = z
  .object({
    event: z.enum(memberEvents, 'Неизвестное действие'),
    rowVersion: z.coerce.number().int().optional(),
    ground: z.preprocess(blank, z.string().trim().max(40, 'Выберите основание из перечня').optional()),
    reason: z.preprocess(blank, z.string().trim().max(2000, 'Слишком длинный комментарий').optional()),
    orderChoice: z.enum(['existing', 'new'], 'Выберите приказ или введите новый'),
    orderId: z.preprocess(blank, id('Выберите приказ').optional()),
    orderNumber: z.preprocess(blank, z.string().optional()),
    orderDate: z.preprocess(blank, z.string().optional()),
    orderTitle: z.preprocess(blank, z.string().optional()),
    confirmed: z.preprocess(blank, z.string().optional()),
  })
  .superRefine((f, ctx) => {
    const confirmation = confirmed.safeParse(f.confirmed)
    if (irreversibleMemberEvents.includes(f.event) && !confirmation.success) {
      ctx.addIssue({ code: 'custom', path: ['confirmed'], message: confirmation.error.issues[0].message })
    }
    if (memberEventsWithGround.includes(f.event) && !f.ground) {
      ctx.addIssue({ code: 'custom', path: ['ground'], message: 'Выберите основание' })
    }
    if (f.orderChoice === 'existing') {
      if (!f.orderId) ctx.addIssue({ code: 'custom', path: ['orderId'], message: 'Выберите приказ' })
      return
    }
    for (const [key, schema] of [
      ['orderNumber', orderNumber],
      ['orderDate', orderDate],
      ['orderTitle', orderTitle],
    ] as const) {
      const r = schema.safeParse(f[key] ?? '')
      if (!r.success) ctx.addIssue({ code: 'custom', path: [key], message: r.error.issues[0].message })
    }
  })

/** What the domain receives: the event and the order, existing or new. */
export const memberChangeSchema = memberChangeFormSchema.transform((f) => ({
  event: f.event,
  rowVersion: f.rowVersion,
  ground: f.ground ?? null,
  reason: f.reason ?? null,
  order:
    f.orderChoice === 'existing'
      ? ({ kind: 'existing', id: f.orderId! } as const)
      : ({ kind: 'new', number: f.orderNumber!.trim(), date: f.orderDate!, title: f.orderTitle!.trim() } as const),
}))
export type MemberChange = z.infer<typeof memberChangeSchema>
