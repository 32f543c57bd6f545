import { describe, expect, it } from 'vitest'
import { safeRedirect } from './login'

describe('safeRedirect', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/roster?region=tomsk#top', '/roster?region=tomsk#top'],
    ['//evil.example/x', '/dashboard'],
    ['/\t/evil.example', '/dashboard'],
    ['/\\evil.example', '/dashboard'],
    ['https://evil.example', '/dashboard'],
    ['javascript:alert(1)', '/dashboard'],
    ['', '/dashboard'],
    [null, '/dashboard'],
  ])('%j → %s', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })
})
