import { describe, expect, it } from 'vitest'
import { defaultLeavingGrounds, groundLabel, groundOfEvent, termReminderDue } from './leaving-grounds'

describe('term reminders and grounds', () => {
  it('the reminder due is the nearest threshold not yet passed; none before 90 days or after the last day', () => {
    expect([91, 90, 31, 30, 1, 0, -1].map(termReminderDue)).toEqual([null, 90, 90, 30, 30, 30, null])
  })

  it('labels a ground from the region’s list, an end of term without its own ground, and an unknown code without showing it', () => {
    expect(groundLabel(defaultLeavingGrounds, 'ownRequest')).toBe('По собственному желанию')
    expect(groundLabel(defaultLeavingGrounds, groundOfEvent('EXPIRE', null))).toBe('Истечение срока полномочий')
    expect(groundOfEvent('RESUME', null)).toBeNull()
    expect(groundLabel(defaultLeavingGrounds, 'g17')).toBe('Основание из прежнего перечня региона')
    expect(groundLabel(defaultLeavingGrounds, null)).toBeNull()
  })
})
