import { describe, expect, it } from 'vitest'
import { isTimeZone } from '~/utils/dates'
import { timeZoneLabel, timeZoneOptions } from './time-zones'

describe('time zones', () => {
  it('offers Russia’s zones west to east, each by a city and its offset, every one known to the runtime', () => {
    const options = timeZoneOptions()
    expect(options.every((o) => isTimeZone(o.value))).toBe(true)
    expect(options.every((o) => /^[А-ЯЁа-яё -]+ \(UTC\+\d+\)$/.test(o.label))).toBe(true)
    expect(options[0]).toEqual({ value: 'Europe/Kaliningrad', label: 'Калининград (UTC+2)' })
    expect(options.at(-1)?.label).toMatch(/\(UTC\+12\)$/)
  })

  it('keeps a zone outside the list selectable, by its own name', () => {
    expect(timeZoneOptions('Europe/Berlin').map((o) => o.value)).toContain('Europe/Berlin')
    expect(timeZoneLabel('Europe/Berlin', new Date('2026-01-15T00:00:00Z'))).toBe('Europe/Berlin (UTC+1)')
    expect(timeZoneLabel('Asia/Vladivostok')).toBe('Владивосток (UTC+10)')
  })
})
