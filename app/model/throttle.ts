import { isIPv4, isIPv6 } from 'node:net'

// Sign-in and registration throttling rules (docs/decisions/0007-sign-in-throttling.md).
// Pure: the counters live in the database (db/queries/throttle.server.ts),
// the decision for one counter is `step()`.

const MIN = 60_000

export const THROTTLE = {
  /** One login from one address: the owner's own typos lock only that pair, briefly. */
  pair: { kind: 'limit', limit: 5, windowMs: 15 * MIN },
  /** One address across all logins: stops password spraying. */
  address: { kind: 'limit', limit: 30, windowMs: 15 * MIN },
  /**
   * One login from all addresses: after `threshold` failures in the window,
   * an address the login has not signed in from gets one try per interval,
   * doubling from `baseMs` up to `maxMs`.
   */
  login: { kind: 'backoff', threshold: 10, windowMs: 24 * 60 * MIN, baseMs: MIN, maxMs: 15 * MIN },
  /** Registrations from one address (a school behind one NAT registers together). */
  register: { kind: 'limit', limit: 20, windowMs: 60 * MIN },
  /** How long a successful sign-in keeps an address known to the login. */
  knownAddressDays: 90,
  /** Password-reset requests from one address, whatever logins they name. */
  forgotAddress: { kind: 'limit', limit: 10, windowMs: 60 * MIN },
  /** Reset mails for one login (counted whether or not it exists, so the limit tells nothing). */
  forgotLogin: { kind: 'limit', limit: 3, windowMs: 60 * MIN },
  /** Opening and using reset and confirmation links from one address. */
  tokenAddress: { kind: 'limit', limit: 30, windowMs: 15 * MIN },
  /** Confirmation mails one account may ask for again. */
  confirmResend: { kind: 'limit', limit: 3, windowMs: 60 * MIN },
  /** Invitation letters to one address, whatever roles and scopes they name (one person rarely holds more than a few roles). */
  inviteEmail: { kind: 'limit', limit: 5, windowMs: 24 * 60 * MIN },
  /** Invitations one staff account sends (a region's whole staff is a few dozen people). */
  inviteActor: { kind: 'limit', limit: 100, windowMs: 60 * MIN },
} as const

export type LimitRule = { kind: 'limit'; limit: number; windowMs: number }
export type BackoffRule = { kind: 'backoff'; threshold: number; windowMs: number; baseMs: number; maxMs: number }
export type Rule = LimitRule | BackoffRule

export type Counter = { count: number; windowStart: Date; nextAllowedAt: Date | null }

export type Step = { admitted: true; next: Counter } | { admitted: false; retryAfterMs: number }

/**
 * One attempt against one counter at `now`: refused (the counter unchanged),
 * or admitted and counted. `exempt` skips the backoff (an address the login
 * knows); it never skips a plain limit.
 */
export function step(rule: Rule, current: Counter | undefined, now: Date, exempt = false): Step {
  const t = now.getTime()
  const live = current && t < current.windowStart.getTime() + rule.windowMs ? current : { count: 0, windowStart: now, nextAllowedAt: null }
  const windowEnd = live.windowStart.getTime() + rule.windowMs
  if (rule.kind === 'limit') {
    if (live.count >= rule.limit) return { admitted: false, retryAfterMs: windowEnd - t }
    return { admitted: true, next: { ...live, count: live.count + 1 } }
  }
  if (!exempt && live.nextAllowedAt && t < live.nextAllowedAt.getTime()) {
    return { admitted: false, retryAfterMs: live.nextAllowedAt.getTime() - t }
  }
  const count = live.count + 1
  let nextAllowedAt = live.nextAllowedAt
  if (!exempt && count >= rule.threshold) {
    const wait = Math.min(rule.maxMs, rule.baseMs * 2 ** (count - rule.threshold))
    // the backoff never outlives the window that counts the failures
    nextAllowedAt = new Date(Math.min(t + wait, windowEnd))
  }
  return { admitted: true, next: { count, windowStart: live.windowStart, nextAllowedAt } }
}

/**
 * The address a limit counts: IPv4 as is (also when IPv4-mapped), IPv6 by
 * its /64, because one subscriber usually holds a whole /64 and could
 * otherwise take a fresh address for every try.
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)
  if (mapped) return mapped[1]
  if (isIPv4(a)) return a
  if (!isIPv6(a)) return a || 'unknown'
  const [head, tail = ''] = a.split('::')
  const left = head ? head.split(':') : []
  const right = a.includes('::') ? (tail ? tail.split(':') : []) : []
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`
}

/** The login a counter is keyed by: the same normalisation as the users table. */
export const loginKey = (login: string) => login.trim().normalize('NFKC').toLowerCase()

export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / MIN))

export const throttleMessages = {
  signIn: (ms: number) => `Слишком много попыток входа. Повторите через ${minutes(ms)} мин.`,
  register: (ms: number) => `Слишком много попыток регистрации с вашего адреса. Повторите через ${minutes(ms)} мин.`,
  forgot: (ms: number) => `Слишком много запросов на восстановление пароля. Повторите через ${minutes(ms)} мин.`,
  token: (ms: number) => `Слишком много попыток открыть ссылку из письма. Повторите через ${minutes(ms)} мин.`,
  confirmResend: (ms: number) => `Письмо уже отправлялось несколько раз. Повторите через ${minutes(ms)} мин.`,
  invite: (ms: number) => `Слишком много приглашений: на этот адрес или от вас. Повторите через ${minutes(ms)} мин.`,
}
