import { describe, expect, it } from 'vitest'
import { fallbackLog } from './replica.server'

// The log of the replica's fallbacks: one line when the public pages leave
// the replica and one when they return, without a pair of lines for every
// commit the replica replays a few milliseconds late.

function logOf() {
  const lines: string[] = []
  let t = 0
  const log = fallbackLog({ quietMs: 60_000, log: (l) => lines.push(l), now: () => t })
  return { log, lines, at: (ms: number) => (t = ms) }
}

describe('fallbackLog', () => {
  it('logs a fallback once and the return once', () => {
    const { log, lines } = logOf()
    log.observe('ok')
    log.observe('behind', 'версия реестра 4 < 5')
    log.observe('behind', 'версия реестра 4 < 6')
    log.observe('ok')
    log.observe('ok')
    expect(lines).toEqual([
      'Реплика для чтения отстаёт (версия реестра 4 < 5): публичные страницы читаются с основной базы, пока она не догонит.',
      'Реплика для чтения снова используется: публичные страницы читаются с неё.',
    ])
    expect(log.state()).toBe('ok')
  })

  it('is quiet about short lags that follow one another, and logs one that lasts', () => {
    const { log, lines, at } = logOf()
    log.observe('behind', 'a')
    log.observe('ok')
    at(1_000)
    log.observe('behind', 'b')
    log.observe('ok')
    at(2_000)
    log.observe('behind', 'c')
    expect(lines).toHaveLength(2)
    at(61_000)
    log.observe('behind', 'd')
    expect(lines.at(-1)).toContain('(d)')
    log.observe('ok')
    expect(lines).toHaveLength(4)
  })

  it('logs a replica going down even right after a lag', () => {
    const { log, lines } = logOf()
    log.observe('behind', 'a')
    log.observe('down', 'connection refused')
    log.observe('down', 'connection refused')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe('Реплика для чтения не отвечает (connection refused): публичные страницы читаются с основной базы.')
    expect(log.state()).toBe('down')
  })
})
