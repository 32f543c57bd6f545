import { describe, expect, it } from 'vitest'
import { dayBoundary, isNotModified } from './conditional'

const ZONES = ['Asia/Tomsk', 'Asia/Vladivostok', 'Asia/Yekaterinburg']
const at = (iso: string) => new Date(iso)

describe('the public pages’ day', () => {
  it('moves at the midnight of every served region: 14:00 UTC (UTC+10), 17:00 (UTC+7), 19:00 (UTC+5)', () => {
    const d = (iso: string) => dayBoundary(at(iso), ZONES)
    expect(d('2026-06-30T13:59:59Z')).toEqual({ since: at('2026-06-29T19:00:00Z'), until: at('2026-06-30T14:00:00Z') })
    expect(d('2026-06-30T14:00:00Z')).toEqual({ since: at('2026-06-30T14:00:00Z'), until: at('2026-06-30T17:00:00Z') })
    expect(d('2026-06-30T17:00:00Z')).toEqual({ since: at('2026-06-30T17:00:00Z'), until: at('2026-06-30T19:00:00Z') })
    expect(d('2026-06-30T19:00:00Z')).toEqual({ since: at('2026-06-30T19:00:00Z'), until: at('2026-07-01T14:00:00Z') })
    // Between two midnights the day is one and the same: the cache keeps its pages.
    expect(d('2026-06-30T20:00:00Z')).toEqual(d('2026-07-01T13:59:59Z'))
  })

  it('with only Khabarovsk, changes at its midnight while UTC and Moscow are still on the old date', () => {
    const before = dayBoundary(at('2026-06-30T13:59:59Z'), ['Asia/Vladivostok'])
    const after = dayBoundary(at('2026-06-30T14:00:00Z'), ['Asia/Vladivostok'])
    expect(before.since).not.toEqual(after.since)
    expect(after.since).toEqual(at('2026-06-30T14:00:00Z'))
  })

  it('no region: a UTC day', () => {
    expect(dayBoundary(at('2026-06-30T12:00:00Z'), [])).toEqual({ since: at('2026-06-30T00:00:00Z'), until: at('2026-07-01T00:00:00Z') })
  })
})

describe('conditional GET', () => {
  const now = at('2026-06-30T10:00:00.900Z')
  const etag = '"r42-x"'
  // The page changed 0.7 s after the second the client's copy is dated by.
  const changed = { etag, lastModified: at('2026-06-30T10:00:00.700Z') }

  it('If-None-Match decides: the same tag is 304, another (or a weak form of another) is not', () => {
    expect(isNotModified({ ifNoneMatch: '"r42-x"' }, changed, now)).toBe(true)
    expect(isNotModified({ ifNoneMatch: 'W/"r42-x"' }, changed, now)).toBe(true)
    expect(isNotModified({ ifNoneMatch: '"r41-x", "r42-x"' }, changed, now)).toBe(true)
    expect(isNotModified({ ifNoneMatch: '*' }, changed, now)).toBe(true)
    expect(isNotModified({ ifNoneMatch: '"r41-x"' }, changed, now)).toBe(false)
    expect(isNotModified({ ifNoneMatch: '"r42-x-a11y"' }, changed, now)).toBe(false)
    // If-None-Match present: If-Modified-Since is not even looked at.
    expect(isNotModified({ ifNoneMatch: '"r41-x"', ifModifiedSince: 'Tue, 30 Jun 2026 11:00:00 GMT' }, changed, now)).toBe(false)
  })

  it('a consent withdrawn within the same second: If-Modified-Since alone never gets 304 when there is an ETag', () => {
    // The client's copy: Last-Modified 10:00:00 (the save at 10:00:00.200); the withdrawal at 10:00:00.700.
    expect(isNotModified({ ifModifiedSince: 'Tue, 30 Jun 2026 10:00:00 GMT' }, changed, now)).toBe(false)
    // A date in the future, or one after the change: still not confirmed while an ETag exists.
    expect(isNotModified({ ifModifiedSince: 'Wed, 01 Jul 2026 00:00:00 GMT' }, changed, now)).toBe(false)
    expect(isNotModified({ ifModifiedSince: 'Tue, 30 Jun 2026 10:00:01 GMT' }, changed, at('2026-06-30T10:00:05Z'))).toBe(false)
  })

  it('without an ETag: a date confirms only a copy from after the change, never a future or unparsable date', () => {
    const noTag = { etag: null, lastModified: changed.lastModified }
    expect(isNotModified({ ifModifiedSince: 'Tue, 30 Jun 2026 10:00:00 GMT' }, noTag, now)).toBe(false) // same second as the change
    expect(isNotModified({ ifModifiedSince: 'Tue, 30 Jun 2026 10:00:01 GMT' }, noTag, at('2026-06-30T10:00:05Z'))).toBe(true)
    expect(isNotModified({ ifModifiedSince: 'Tue, 30 Jun 2026 10:00:01 GMT' }, noTag, now)).toBe(false) // in the future
    expect(isNotModified({ ifModifiedSince: 'Fri, 01 Jan 2100 00:00:00 GMT' }, noTag, now)).toBe(false)
    expect(isNotModified({ ifModifiedSince: 'вчера' }, noTag, now)).toBe(false)
    expect(isNotModified({}, noTag, now)).toBe(false)
  })
})
