import { describe, expect, it } from 'vitest'
import { appealClosesAt, appealLastDay, appealTitle, appealWording } from './appeals'

describe('appeal period', () => {
  it('counts working days (Monday–Friday) after the day of the decision, in the region’s calendar', () => {
    // Wednesday 2 December 2026, 15:00 in Tomsk (UTC+7)
    const wed = new Date('2026-12-02T08:00:00Z')
    expect(appealLastDay(wed, 10, 'Asia/Tomsk')).toBe('2026-12-16')
    expect(appealLastDay(wed, 3, 'Asia/Tomsk')).toBe('2026-12-07') // Thu, Fri, (weekend), Mon
    // a Friday decision: the weekend is skipped
    expect(appealLastDay(new Date('2026-12-04T05:00:00Z'), 1, 'Asia/Tomsk')).toBe('2026-12-07')
  })

  it('takes the decision’s day where the region is: late evening in Moscow is already the next day in Tomsk', () => {
    // Thursday 20:30 UTC = Thursday 23:30 Moscow = Friday 03:30 Tomsk
    const at = new Date('2026-12-03T20:30:00Z')
    expect(appealLastDay(at, 1, 'Europe/Moscow')).toBe('2026-12-04')
    expect(appealLastDay(at, 1, 'Asia/Tomsk')).toBe('2026-12-07')
  })

  it('closes at the local midnight after the last day', () => {
    expect(appealClosesAt(new Date('2026-12-04T05:00:00Z'), 1, 'Asia/Tomsk').toISOString()).toBe('2026-12-07T17:00:00.000Z')
  })
})

describe('appeal title', () => {
  it('names the applicant in the genitive, or says «заявителя» when the name cannot be declined', () => {
    expect(appealTitle('Иванова Мария Петровна', 'rejected')).toBe('Апелляция Ивановой Марии Петровны на решение об отклонении кандидатуры')
    expect(appealTitle('Смирнов Олег Игоревич', 'ineligible')).toBe('Апелляция Смирнова Олега Игоревича на решение о несоответствии требованиям')
    expect(appealTitle('Апелляционная Вера', 'ineligible')).toBe('Апелляция заявителя Апелляционная Вера на решение о несоответствии требованиям')
  })
})

describe('appeal in the protocol', () => {
  it('hears the applicant’s grounds without repeating the title the protocol prints before them', () => {
    const title = appealTitle('Иванова Мария Петровна', 'rejected')
    const heard = appealWording.heard('Прошу учесть диплом.')
    expect(`${title}. ${heard}`).toBe(`${title}. Доводы заявителя: Прошу учесть диплом.`)
    expect(heard).not.toContain(title)
  })
})
