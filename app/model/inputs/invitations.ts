import { z } from 'zod'
import { confirmed } from '~/model/inputs/confirm'
import { blank } from '~/model/inputs/orders'
import { controlCharactersMessage, emailPattern, PASSWORD_MIN, withoutControlCharacters } from '~/model/inputs/register'
import { roleTable, type Grant, type Role } from '~/model/permissions'

// Staff invitations (issue 11 §1.3): the invitation form and the rows' buttons
// on /people/invitations, and the acceptance form at /invitations/<token>.

/** The roles an invitation can carry (admin is the operator's, applicant comes with registration). */
export const invitableRoles = ['regionalCoordinator', 'ministryOfficer', 'secretary', 'chair', 'commissionMember', 'municipalCoordinator', 'municipalApprover'] as const satisfies readonly Role[]

const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message)

export const email = z
  .string({ error: 'Введите адрес электронной почты' })
  .trim()
  .normalize('NFKC')
  .toLowerCase()
  .min(1, 'Введите адрес электронной почты')
  .max(200, 'Слишком длинный адрес')
  .regex(emailPattern, 'Введите адрес электронной почты, например ivanova@school.ru')

export const displayName = z
  .string({ error: 'Введите фамилию, имя и отчество' })
  .trim()
  .min(3, 'Введите фамилию, имя и отчество')
  .max(200, 'Не более 200 знаков')
  .refine(withoutControlCharacters, controlCharactersMessage)

/**
 * Both scope selects are on the page (it works without JavaScript); the one
 * the chosen role needs must be filled, the other is ignored.
 */
export const inviteSchema = z
  .object({
    intent: z.literal('invite'),
    email,
    displayName,
    role: z.enum(invitableRoles, 'Выберите роль'),
    municipalityId: z.preprocess(blank, id('Выберите муниципалитет').optional()),
    commissionId: z.preprocess(blank, id('Выберите комиссию').optional()),
  })
  .superRefine((v, ctx) => {
    const scope = roleTable[v.role].scope
    if (scope === 'municipality' && !v.municipalityId) ctx.addIssue({ code: 'custom', path: ['municipalityId'], message: 'Выберите муниципалитет: роль действует в одном муниципалитете' })
    if (scope === 'commission' && !v.commissionId) ctx.addIssue({ code: 'custom', path: ['commissionId'], message: 'Выберите комиссию: роль действует в одной комиссии' })
  })
export type InviteForm = z.infer<typeof inviteSchema>

const invitationId = id('Приглашение не найдено')
export const revokeInvitationSchema = z.object({ intent: z.literal('revoke'), id: invitationId, confirmed })
export const resendInvitationSchema = z.object({ intent: z.literal('resend'), id: invitationId })

export const invitationActionSchema = z.discriminatedUnion('intent', [inviteSchema, revokeInvitationSchema, resendInvitationSchema])

export const invitationStates = ['pending', 'accepted', 'revoked', 'expired'] as const

/** Accepting without an account: the name (prefilled from the invitation) and a password, as at registration. */
export const acceptNewAccountSchema = z
  .object({
    intent: z.literal('create'),
    displayName,
    password: z.string({ error: 'Введите пароль' }).min(PASSWORD_MIN, `Пароль должен быть не короче ${PASSWORD_MIN} символов`).max(200, 'Слишком длинный пароль'),
    passwordConfirm: z.string({ error: 'Введите пароль ещё раз' }),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'Пароли не совпадают' })
  })
/** Accepting with the account one is signed in as: only the button. */
export const acceptAsSignedInSchema = z.object({ intent: z.literal('join') })

export const acceptInvitationSchema = z.discriminatedUnion('intent', [acceptNewAccountSchema, acceptAsSignedInSchema])
export type AcceptInvitationForm = z.infer<typeof acceptInvitationSchema>

/** The grant an invitation carries: only the scope column its role uses is kept. */
export function invitationGrant(v: { role: Role; regionId: number; municipalityId?: number | null; commissionId?: number | null }): Grant {
  const scope = roleTable[v.role].scope
  return {
    role: v.role,
    regionId: v.regionId,
    municipalityId: scope === 'municipality' ? (v.municipalityId ?? null) : null,
    commissionId: scope === 'commission' ? (v.commissionId ?? null) : null,
  }
}
