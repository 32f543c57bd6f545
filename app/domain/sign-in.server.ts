import { AppError } from '../../workflows/errors'
import { userByLogin } from '../../db/queries/users.server'
import { DUMMY_HASH, verifyPassword } from '~/utils/password.server'
import { reserveSignIn, settleSuccessfulSignIn } from '~/domain/throttle.server'

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; code: 'BAD_CREDENTIALS'; message: string }
  | { ok: false; code: 'RATE_LIMITED'; message: string; retryAfterSeconds: number }

/**
 * The attempt is counted (or refused) in the database before the password
 * is checked, per login and address, per address and per login
 * (docs/decisions/0007-sign-in-throttling.md), so neither parallel requests
 * nor several app servers behind a balancer get past the limits.
 */
export async function signIn(login: string, password: string, address: string): Promise<SignInResult> {
  const reserved = await reserveSignIn(login, address)
  if (!reserved.ok) return { ok: false, code: 'RATE_LIMITED', message: reserved.error.message, retryAfterSeconds: reserved.error.retryAfterSeconds }
  const user = await userByLogin(login)
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
  // a failure stays counted: the reservation already is the failure
  if (!user || !valid || !user.active) return { ok: false, code: 'BAD_CREDENTIALS', message: 'Неверный логин или пароль.' }
  await settleSuccessfulSignIn(reserved.reservation)
  return { ok: true, userId: user.id }
}

/** signIn for the form: the user's id, or the refusal as an AppError (401, or 429 with Retry-After). */
export async function authenticate(login: string, password: string, address: string): Promise<number> {
  const result = await signIn(login, password, address)
  if (result.ok) return result.userId
  if (result.code === 'RATE_LIMITED') throw new AppError(result.code, 429, result.message, { retryAfterSeconds: result.retryAfterSeconds })
  throw new AppError(result.code, 401, result.message)
}
