import { z } from 'zod'

// Shared by the sign-in form (client-side hints) and its action (the check).
export const loginSchema = z.object({
  login: z.string().trim().min(1, 'Введите логин (адрес электронной почты)').max(200, 'Слишком длинный логин'),
  password: z.string().min(1, 'Введите пароль').max(200, 'Слишком длинный пароль'),
  redirectTo: z.string().optional(),
})
export type LoginForm = z.infer<typeof loginSchema>

export type FieldErrors = Partial<Record<string, string>>

/** First Russian message per field, the shape every form in the app shows. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form')
    out[key] ??= issue.message
  }
  return out
}
