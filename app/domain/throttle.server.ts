import { inTransaction, type Db } from '../../db/client.server'
import { clearCounter, isKnownAddress, lockCounter, purgeThrottle, rememberAddress, uncount, writeCounter } from '../../db/queries/throttle.server'
import { AppError } from '../../workflows/errors'
import { addressKey, loginKey, retryAfterSeconds, step, THROTTLE, throttleMessages, type Rule } from '~/model/throttle'

// Check-and-count in the database, before any password is hashed or checked
// (docs/decisions/0007-sign-in-throttling.md). Each counter row is locked
// while it is read, decided and written, so parallel attempts queue on the
// row instead of all reading the same old count. A refused attempt rolls its
// transaction back: it was never a guess, so it counts nowhere.

/** A refused attempt: HTTP 429 with Retry-After. */
export class Throttled extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', 429, message, { retryAfterSeconds })
  }
}

class Refused extends Error {
  constructor(readonly retryAfterMs: number) {
    super('refused by a throttle counter')
  }
}

export const throttleKeys = {
  pair: (login: string, address: string) => `pair:${JSON.stringify([address, login])}`,
  address: (address: string) => `addr:${address}`,
  login: (login: string) => `login:${login}`,
  register: (address: string) => `register:${address}`,
  forgotAddress: (address: string) => `forgot-addr:${address}`,
  forgotLogin: (login: string) => `forgot-login:${login}`,
  tokenAddress: (address: string) => `token-addr:${address}`,
  confirmResend: (userId: number) => `confirm-resend:${userId}`,
  inviteEmail: (email: string) => `invite-email:${email}`,
  inviteActor: (userId: number) => `invite-actor:${userId}`,
}

type Counted = { key: string; windowStart: Date }

async function admit(key: string, rule: Rule, tx: Db, exempt = false): Promise<Counted> {
  const { counter, now } = await lockCounter(key, tx)
  const s = step(rule, counter, now, exempt)
  if (!s.admitted) throw new Refused(s.retryAfterMs)
  await writeCounter(key, s.next, tx)
  return { key, windowStart: s.next.windowStart }
}

export type SignInReservation = { login: string; address: string; pair: Counted; byAddress: Counted; byLogin: Counted }

/**
 * Counts one sign-in attempt as a failure in advance, or refuses it. Locks
 * in a fixed order (pair, address, login), so two attempts never wait for
 * each other in a cycle.
 */
export async function reserveSignIn(login: string, address: string): Promise<{ ok: true; reservation: SignInReservation } | { ok: false; error: Throttled }> {
  const l = loginKey(login)
  const a = addressKey(address)
  try {
    const reservation = await inTransaction(async (tx) => {
      const known = await isKnownAddress(l, a, THROTTLE.knownAddressDays, tx)
      const pair = await admit(throttleKeys.pair(l, a), THROTTLE.pair, tx)
      const byAddress = await admit(throttleKeys.address(a), THROTTLE.address, tx)
      const byLogin = await admit(throttleKeys.login(l), THROTTLE.login, tx, known)
      return { login: l, address: a, pair, byAddress, byLogin }
    })
    return { ok: true, reservation }
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: new Throttled(throttleMessages.signIn(e.retryAfterMs), retryAfterSeconds(e.retryAfterMs)) }
    throw e
  }
}

/**
 * The reserved attempt was the right password: the pair starts afresh, the
 * address and the login get the attempt back, and the address becomes known
 * to the login (exempt from its backoff from now on).
 */
export async function settleSuccessfulSignIn(r: SignInReservation): Promise<void> {
  await inTransaction(async (tx) => {
    await clearCounter(r.pair.key, tx)
    await uncount(r.byAddress.key, r.byAddress.windowStart, tx)
    await uncount(r.byLogin.key, r.byLogin.windowStart, tx)
    await rememberAddress(r.login, r.address, tx)
  })
  await purgeThrottle({ olderThanMs: 2 * THROTTLE.login.windowMs, knownDays: THROTTLE.knownAddressDays })
}

/** Counts one registration attempt from the address, or throws Throttled. */
export async function reserveRegistration(address: string, tx?: Db): Promise<void> {
  try {
    await inTransaction((t) => admit(throttleKeys.register(addressKey(address)), THROTTLE.register, t), tx)
  } catch (e) {
    if (e instanceof Refused) throw new Throttled(throttleMessages.register(e.retryAfterMs), retryAfterSeconds(e.retryAfterMs))
    throw e
  }
}

/**
 * Counts one attempt against each plain limit, in the order given, or
 * throws Throttled with the message for the first that refuses (nothing is
 * counted then). For the self-service links (issue 11).
 */
export async function reserveLimits(limits: { key: string; rule: Rule }[], message: (retryAfterMs: number) => string, tx?: Db): Promise<void> {
  try {
    await inTransaction(async (t) => {
      for (const l of limits) await admit(l.key, l.rule, t)
    }, tx)
  } catch (e) {
    if (e instanceof Refused) throw new Throttled(message(e.retryAfterMs), retryAfterSeconds(e.retryAfterMs))
    throw e
  }
}
