import { describe, expect, it } from 'vitest'
import { intakeRefusal } from './campaign-intake'

describe('a campaign takes applications until its last day ends at the region’s midnight', () => {
  const khabarovsk = { state: 'open', closesOn: '2026-06-30', timeZone: 'Asia/Vladivostok' }
  const yugra = { ...khabarovsk, timeZone: 'Asia/Yekaterinburg' }

  it('UTC+10: open at 23:59 local, closed at 00:00 local although UTC and Moscow are still on 30 June', () => {
    expect(intakeRefusal(khabarovsk, new Date('2026-06-30T13:59:59Z'))).toBeNull()
    expect(intakeRefusal(khabarovsk, new Date('2026-06-30T14:00:00Z'))).toMatchObject({ code: 'DEADLINE_PASSED' })
  })

  it('UTC+5: the same instant is still within the last day', () => {
    expect(intakeRefusal(yugra, new Date('2026-06-30T14:00:00Z'))).toBeNull()
    const refused = intakeRefusal(yugra, new Date('2026-06-30T19:00:00Z'))
    expect(refused?.message).toContain('30.06.2026')
  })

  it('a campaign that is not open refuses whatever the date; one without a last day takes applications while open', () => {
    expect(intakeRefusal({ ...khabarovsk, state: 'closed' }, new Date('2026-01-01T00:00:00Z'))).toMatchObject({ code: 'CAMPAIGN_NOT_OPEN' })
    expect(intakeRefusal({ ...khabarovsk, closesOn: null }, new Date('2030-01-01T00:00:00Z'))).toBeNull()
  })
})
