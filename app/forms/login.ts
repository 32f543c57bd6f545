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

/** Only same-site paths: an open redirect would let a link sign someone in elsewhere. */
export function safeRedirect(to: string | undefined | null, fallback = '/dashboard'): string {
  // Control characters and backslashes are dropped or rewritten by browsers
  // ("/\t/evil.example" becomes "//evil.example"): refuse them outright.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (!to || !to.startsWith('/') || /[\x00-\x1f\\]/.test(to)) return fallback
  const base = 'http://same.origin'
  const url = new URL(to, base)
  if (url.origin !== base) return fallback
  return url.pathname + url.search + url.hash
}
