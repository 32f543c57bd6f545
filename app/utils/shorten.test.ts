import { describe, expect, it } from 'vitest'
import { shorten } from './shorten'

describe('shorten', () => {
  it('leaves a short name alone', () => {
    expect(shorten('Математика', 70)).toBe('Математика')
  })

  it('cuts a long Chelyabinsk group name at a word, within the limit, with an ellipsis', () => {
    const long =
      'региональные методисты сопровождения реализации ФГОС начального общего, основного общего, среднего общего образования в рамках предметного обучения'
    const s = shorten(long, 60)
    expect(s.length).toBeLessThanOrEqual(60)
    expect(s.endsWith('…')).toBe(true)
    expect(long.startsWith(s.slice(0, -1))).toBe(true)
    expect(s).not.toMatch(/[ ,]…$/)
  })

  it('cuts one endless word where it is', () => {
    expect(shorten('а'.repeat(100), 10)).toBe(`${'а'.repeat(9)}…`)
  })
})
