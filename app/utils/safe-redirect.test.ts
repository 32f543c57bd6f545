import { describe, expect, it } from 'vitest'
import { safeRedirect } from './safe-redirect'

describe('safeRedirect', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/roster?region=tomsk#top', '/roster?region=tomsk#top'],
    ['/roster?q=%D0%98%D0%B2%D0%B0%D0%BD', '/roster?q=%D0%98%D0%B2%D0%B0%D0%BD'],
    ['/a/./b/../c', '/a/c'],
    ['/applications/7?back=//evil.example', '/applications/7?back=//evil.example'],
  ])('keeps the same-site path %j as %j', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })

  it.each([
    '//evil.example/x',
    '/\\evil.example',
    '/\\/evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/x/..//evil.example',
    '/x/../..//evil.example',
    '/./..//evil.example',
    '/%2F/evil.example',
    '/%2fevil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    '/%2e%2e//evil.example',
    '/%2E//evil.example',
    '/x/%2e%2e//evil.example',
    '/%09/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\u0000/evil.example',
    '/\u007f/evil.example',
    'https://evil.example',
    'http:evil.example',
    '//evil.example',
    'javascript:alert(1)',
    ' /dashboard',
    'evil.example',
    '',
    null,
    undefined,
    42,
  ])('refuses %j', (to) => {
    expect(safeRedirect(to)).toBe('/')
    expect(safeRedirect(to, '/dashboard')).toBe('/dashboard')
  })

  it('never answers with anything a browser reads as another origin', () => {
    const shapes = ['/', '//', '/\\', '/./', '/../', '/x/../', '/%2e/', '/%2e%2e/', '/%2f', '/%5c', '/\t', '/%09']
    for (const a of shapes) {
      for (const b of shapes) {
        const out = safeRedirect(`${a}${b}evil.example`, '/fallback')
        expect(new URL(out, 'http://site.example').origin, `${a}${b}`).toBe('http://site.example')
        expect(out.startsWith('//') || out.startsWith('/\\'), `${a}${b} → ${out}`).toBe(false)
      }
    }
  })
})
