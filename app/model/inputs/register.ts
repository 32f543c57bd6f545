import { z } from 'zod'

// Shared by the registration form (client-side hints) and its action (the check).

export const PASSWORD_MIN = 10
/**
 * An address as people type it. No invisible, format or combining characters
 * (U+200B, U+202E, a lone accent…): with them a second account could be
 * registered under a login that reads exactly like another's. Schemas apply
 * NFKC first, so a full-width «ｔ» is the «t» it looks like.
 */
export const emailPattern = /^[^\s@\p{C}\p{M}\p{Z}]+@[^\s@\p{C}\p{M}\p{Z}]+\.[^\s@\p{C}\p{M}\p{Z}]+$/u

/**
 * A line break or a tab pasted inside a name would reach file names, letters
 * and spreadsheets; an invisible format character (U+200B, a bidi override
 * U+202E) makes a name read as another's; a noncharacter (U+FFFE) or a lone
 * surrogate is not allowed in the XML of a .docx or .xlsx.
 */
export const withoutControlCharacters = (s: string) => !/[\p{Cc}\p{Cf}\p{Cs}\uFDD0-\uFDEF\uFFFE\uFFFF]/u.test(s)
export const controlCharactersMessage = 'Уберите из имени переносы строк и другие служебные символы'

const name = (required: string) => z.string().trim().min(1, required).max(100, 'Не более 100 знаков').refine(withoutControlCharacters, controlCharactersMessage)

export const registerSchema = z
  .object({
    login: z
      .string()
      .trim()
      .normalize('NFKC')
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
