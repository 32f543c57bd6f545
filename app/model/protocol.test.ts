import { describe, expect, it } from 'vitest'
import { decide, parseLocalDateTime, peopleCount, protocolYear, protocolZoneText, quorum, quorumRequired, ruLongDate, ruTime, toLocalDateTime } from '~/model/protocol'

describe('the commission’s arithmetic', () => {
  it('decides by majority of the votes cast', () => {
    expect(decide({ for: 2, against: 0, abstain: 1 })).toBe('RECOMMEND')
    expect(decide({ for: 1, against: 2, abstain: 0 })).toBe('REJECT')
    expect(decide({ for: 1, against: 1, abstain: 0 })).toBe('DEFER')
    expect(decide({ for: 2, against: 1, abstain: 1 })).toBe('DEFER') // 2 of 4 is not more than half
    expect(decide({ for: 0, against: 0, abstain: 0 })).toBe('DEFER')
  })

  it('needs more than half present, or the commission’s own fraction', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => quorumRequired(n, null))).toEqual([1, 2, 2, 3, 3, 4])
    expect(quorumRequired(4, 0.5)).toBe(2)
    expect(quorumRequired(5, 0.6)).toBe(3)
    expect(quorumRequired(3, 2 / 3)).toBe(2)
    expect(quorumRequired(0, 0.5)).toBe(1)
    expect(quorum(4, 2, null)).toEqual({ members: 4, present: 2, required: 3, reached: false })
    expect(quorum(0, 0, null).reached).toBe(false)
  })

  it('writes dates the way the protocols do, on the wall clock of the commission’s region', () => {
    // A meeting at 16.00 in Khabarovsk (UTC+10) is 06.00 UTC and 09.00 in Moscow; the protocol says 16.00.
    const d = parseLocalDateTime('2023-05-23T16:00', 'Asia/Vladivostok')!
    expect(d.toISOString()).toBe('2023-05-23T06:00:00.000Z')
    expect(ruLongDate(d, 'Asia/Vladivostok')).toBe('23 мая 2023 года')
    expect(ruTime(d, 'Asia/Vladivostok')).toBe('16.00')
    expect(protocolZoneText(d, 'Asia/Vladivostok')).toBe('местное время, UTC+10')
    expect(toLocalDateTime(d, 'Asia/Vladivostok')).toBe('2023-05-23T16:00')
    // The same wall clock in Yugra (UTC+5) is another instant.
    expect(parseLocalDateTime('2023-05-23T16:00', 'Asia/Yekaterinburg')!.toISOString()).toBe('2023-05-23T11:00:00.000Z')
    // 00.30 on 1 January in Khabarovsk is still the old year in Moscow and UTC: the protocol counts in the region's year.
    const newYear = parseLocalDateTime('2026-01-01T00:30', 'Asia/Vladivostok')!
    expect(newYear.toISOString()).toBe('2025-12-31T14:30:00.000Z')
    expect(protocolYear(newYear, 'Asia/Vladivostok')).toBe(2026)
    expect(ruLongDate(newYear, 'Asia/Vladivostok')).toBe('1 января 2026 года')
    expect(parseLocalDateTime('23.05.2023', 'Asia/Tomsk')).toBeNull()
    expect([1, 2, 5, 11, 12, 21, 22, 25].map(peopleCount)).toEqual([
      '1 человек', '2 человека', '5 человек', '11 человек', '12 человек', '21 человек', '22 человека', '25 человек',
    ])
  })
})
