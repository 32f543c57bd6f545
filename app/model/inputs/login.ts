import { z } from 'zod'

// Shared by the sign-in form (client-side hints) and its action (the check).
export const loginSchema = z.object({
  login: z.string().trim().min(1, 'Введите логин (адрес электронной почты)').max(200, 'Слишком длинный логин'),
  password: z.string().min(1, 'Введите пароль').max(200, 'Слишком длинный пароль'),
  redirectTo: z.string().optional(),
})
export type LoginForm = z.infer<typeof loginSchema>
