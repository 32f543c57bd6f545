import { describe, expect, it } from 'vitest'
import { addressKey, step, THROTTLE, throttleMessages, type Counter } from '~/model/throttle'

const MIN = 60_000
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms)

/** Runs `n` attempts one after another at `t`, feeding each result into the next. */
function run(rule: Parameters<typeof step>[0], n: number, t: number, start?: Counter, exempt = false) {
  let c = start
  const admitted: boolean[] = []
  for (let i = 0; i < n; i++) {
    const s = step(rule, c, at(t), exempt)
    admitted.push(s.admitted)
    if (s.admitted) c = s.next
  }
  return { admitted, counter: c }
}

describe('a plain limit', () => {
  it('admits `limit` attempts in a window, refuses the rest until the window ends', () => {
    const { admitted, counter } = run(THROTTLE.pair, 8, 0)
    expect(admitted).toEqual([true, true, true, true, true, false, false, false])
    const refused = step(THROTTLE.pair, counter, at(10 * MIN))
    expect(refused).toEqual({ admitted: false, retryAfterMs: 5 * MIN })
    // a new window starts once the old one ended
    expect(step(THROTTLE.pair, counter, at(15 * MIN))).toMatchObject({ admitted: true, next: { count: 1, windowStart: at(15 * MIN) } })
  })

  it('is not skipped by an exempt address', () => {
    expect(run(THROTTLE.pair, 6, 0, undefined, true).admitted.at(-1)).toBe(false)
  })
})

describe('the per-login backoff', () => {
  const rule = THROTTLE.login

  it('admits `threshold` attempts, then one per doubling interval up to the maximum', () => {
    const { admitted, counter } = run(rule, rule.threshold + 5, 0)
    expect(admitted.filter(Boolean)).toHaveLength(rule.threshold)
    expect(counter!.nextAllowedAt).toEqual(at(rule.baseMs))
    let c = counter!
    let t = 0
    const waits: number[] = []
    for (let i = 0; i < 6; i++) {
      const before = step(rule, c, at(c.nextAllowedAt!.getTime() - at(0).getTime() - 1))
      expect(before.admitted).toBe(false)
      t = c.nextAllowedAt!.getTime() - at(0).getTime()
      const s = step(rule, c, at(t))
      if (!s.admitted) throw new Error('expected admission')
      waits.push(s.next.nextAllowedAt!.getTime() - at(t).getTime())
      c = s.next
    }
    expect(waits).toEqual([2, 4, 8, 15, 15, 15].map((m) => m * MIN))
  })

  it('lets an address the login knows through, without moving the interval', () => {
    const { counter } = run(rule, rule.threshold, 0)
    const s = step(rule, counter, at(1000), true)
    expect(s.admitted).toBe(true)
    if (s.admitted) expect(s.next.nextAllowedAt).toEqual(counter!.nextAllowedAt)
    expect(step(rule, counter, at(1000), false).admitted).toBe(false)
  })

  it('forgets everything when its window ends', () => {
    const { counter } = run(rule, rule.threshold + 3, 0)
    expect(step(rule, counter, at(rule.windowMs))).toMatchObject({ admitted: true, next: { count: 1, nextAllowedAt: null } })
  })
})

describe('addressKey', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and counts IPv6 by its /64', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7')
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7')
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:DB8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('')).toBe('unknown')
  })
})

describe('messages', () => {
  it('tell the wait in whole minutes, at least one', () => {
    expect(throttleMessages.signIn(5 * MIN + 1)).toBe('Слишком много попыток входа. Повторите через 6 мин.')
    expect(throttleMessages.signIn(3000)).toBe('Слишком много попыток входа. Повторите через 1 мин.')
  })
})
