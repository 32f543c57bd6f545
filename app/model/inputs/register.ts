import { z } from 'zod'

// Shared by the registration form (client-side hints) and its action (the check).

export const PASSWORD_MIN = 10
export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A line break or a tab pasted inside a name would reach file names, letters and spreadsheets. */
// eslint-disable-next-line no-control-regex
export const withoutControlCharacters = (s: string) => !/[\u0000-\u001f\u007f]/.test(s)
export const controlCharactersMessage = 'Уберите из имени переносы строк и другие служебные символы'

const name = (required: string) => z.string().trim().min(1, required).max(100, 'Не более 100 знаков').refine(withoutControlCharacters, controlCharactersMessage)

export const registerSchema = z
  .object({
    login: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, 'Введите адрес электронной почты')
      .max(200, 'Слишком длинный адрес')
      .regex(emailPattern, 'Введите адрес электронной почты, например ivanova@school.ru'),
    lastName: name('Введите фамилию'),
    firstName: name('Введите имя'),
    // Not everyone has one: optional, so the form does not mark it required.
    middleName: z
      .string()
      .trim()
      .max(100, 'Не более 100 знаков')
      .refine(withoutControlCharacters, controlCharactersMessage)
      .optional()
      .transform((v) => v ?? ''),
    regionId: z
      .string()
      .regex(/^\d+$/, 'Выберите регион')
      .transform(Number),
    password: z.string().min(PASSWORD_MIN, `Пароль должен быть не короче ${PASSWORD_MIN} символов`).max(200, 'Слишком длинный пароль'),
    passwordConfirm: z.string(),
    /** Where to go once registered (a public selection's /apply/<id>); checked by safeRedirect. */
    redirectTo: z.string().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'Пароли не совпадают' })
  })
export type RegisterForm = z.infer<typeof registerSchema>
