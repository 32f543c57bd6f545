import { describe, expect, it } from 'vitest'
import { pagerText } from './list-pager'

describe('pagerText.shown', () => {
  it('names a range of rows with the total', () => {
    expect(pagerText.shown(1, 2, 2)).toBe('Показаны 1–2 из 2')
    expect(pagerText.shown(51, 100, 1355)).toBe('Показаны 51–100 из 1\u00a0355')
  })
  it('names a single row as one, not as a range', () => {
    expect(pagerText.shown(1, 1, 1)).toBe('Показан 1 из 1')
    expect(pagerText.shown(51, 51, 51)).toBe('Показан 51 из 51')
    expect(pagerText.shown(51, 51, null)).toBe('Показан 51-й')
  })
})
