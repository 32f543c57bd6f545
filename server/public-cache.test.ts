import { describe, expect, it } from 'vitest'
import { canonicalUrl, isCacheable } from './public-cache'

describe('the open-data URL the cache keys by', () => {
  it('is the URL its loader reads: ignored values dropped, a fixed order', () => {
    expect(canonicalUrl('/roster.json?region=A1')).toBe('/roster.json')
    expect(canonicalUrl('/roster.json?region=A2')).toBe('/roster.json')
    expect(canonicalUrl('/roster.csv?region=tomsk')).toBe('/roster.csv?region=tomsk')
    expect(canonicalUrl('/roster.json?subject=%D0%A5%D0%B8%D0%BC%D0%B8%D1%8F&region=tomsk')).toBe(
      '/roster.json?region=tomsk&subject=%D0%A5%D0%B8%D0%BC%D0%B8%D1%8F',
    )
    expect(canonicalUrl('/roster?region=A1')).toBe('/roster?region=A1')
  })

  it('keeps the CSV format: the RFC 4180 file is never the entry of the Excel one, nor kept', () => {
    expect(canonicalUrl('/roster.csv?format=rfc')).toBe('/roster.csv?format=rfc')
    expect(canonicalUrl('/roster.csv?format=rfc&region=tomsk')).toBe('/roster.csv?region=tomsk&format=rfc')
    expect(canonicalUrl('/roster.csv?format=excel&region=tomsk')).toBe('/roster.csv?region=tomsk')
    expect(isCacheable(canonicalUrl('/roster.csv?region=tomsk&format=rfc'))).toBe(false)
  })

  it('makes every junk region value the one whole file, so none of them is a new build', () => {
    const urls = Array.from({ length: 50 }, (_, i) => canonicalUrl(`/roster.json?region=X${i}`))
    expect(new Set(urls)).toEqual(new Set(['/roster.json']))
    expect(isCacheable('/roster.json')).toBe(true)
  })
})
