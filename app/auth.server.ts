import { clearLoginFailures, recentLoginFailures, recordLoginFailure } from '../db/queries/sessions.server'
import { userByLogin } from '../db/queries/users.server'
import { DUMMY_HASH, verifyPassword } from './password.server'

export const LOGIN_LIMITS = { perLogin: 5, perAddress: 30, windowSeconds: 15 * 60 }

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; code: 'RATE_LIMITED' | 'BAD_CREDENTIALS'; message: string }

/**
 * Failed attempts are counted in the database per login and per client
 * address, so every app server behind a balancer enforces the same limit.
 */
export async function signIn(login: string, password: string, address: string): Promise<SignInResult> {
  const keys = [`login:${login.trim().toLowerCase()}`, `addr:${address}`]
  const [byLogin, byAddress] = await Promise.all(keys.map((k) => recentLoginFailures(k, LOGIN_LIMITS.windowSeconds)))
  if (byLogin >= LOGIN_LIMITS.perLogin || byAddress >= LOGIN_LIMITS.perAddress) {
    return { ok: false, code: 'RATE_LIMITED', message: 'Слишком много неудачных попыток входа. Повторите через 15 минут.' }
  }
  const user = await userByLogin(login)
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
  if (!user || !valid || !user.active) {
    await recordLoginFailure(keys)
    return { ok: false, code: 'BAD_CREDENTIALS', message: 'Неверный логин или пароль.' }
  }
  await clearLoginFailures(keys[0])
  return { ok: true, userId: user.id }
}
