import { z } from 'zod'
import { emailPattern, PASSWORD_MIN } from './register'

// Self-service account forms (issue 11): shared by each page and its action.

export const forgotSchema = z.object({
  login: z
    .string()
    .trim()
    .normalize('NFKC')
    .toLowerCase()
    .min(1, 'Введите адрес электронной почты, с которым вы регистрировались')
    .max(200, 'Слишком длинный адрес')
    .regex(emailPattern, 'Введите адрес электронной почты, например ivanova@school.ru'),
})
export type ForgotForm = z.infer<typeof forgotSchema>

/** A new password typed twice; the same rules as at registration. */
export const newPasswordSchema = z
  .object({
    password: z.string().min(PASSWORD_MIN, `Пароль должен быть не короче ${PASSWORD_MIN} символов`).max(200, 'Слишком длинный пароль'),
    passwordConfirm: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'Пароли не совпадают' })
  })
export type NewPasswordForm = z.infer<typeof newPasswordSchema>

/** The sessions page: end one session, named by its number (not its id, which is the cookie's secret)… */
export const endSessionSchema = z.object({
  intent: z.literal('one'),
  ref: z.string().regex(/^\d{1,15}$/, 'Сеанс не найден.').transform(Number),
})
/** …or «выйти на всех устройствах». */
export const endAllSessionsSchema = z.object({ intent: z.literal('everywhere') })

/** A form that is only a button (confirm the address, send the letter again). */
export const buttonSchema = z.object({})
