import { nextRegionMidnight, regionDay, startOfRegionDay } from '../app/utils/dates'

// Pure parts of the public cache (decision 0005): which day boundary the
// public pages are on, and whether a conditional GET may be answered 304.

/**
 * The public pages' day: a consent «valid until D» leaves them at midnight of
 * its member's region, so the pages change whenever ANY served region's day
 * changes. `since` is the latest local midnight at or before `now` over all
 * zones (it moves exactly when some region's day changes); `until` is the
 * earliest next one.
 */
export function dayBoundary(now: Date, timeZones: readonly string[]): { since: Date; until: Date } {
  // No region at all: nothing can expire; a UTC day keeps the arithmetic simple.
  if (timeZones.length === 0) return dayBoundary(now, ['Etc/UTC'])
  let since = -Infinity
  let until = Infinity
  for (const zone of timeZones) {
    since = Math.max(since, startOfRegionDay(regionDay(now, zone), zone).getTime())
    until = Math.min(until, nextRegionMidnight(now, zone).getTime())
  }
  return { since: new Date(since), until: new Date(until) }
}

export type ConditionalHeaders = { ifNoneMatch?: string; ifModifiedSince?: string }
export type Validators = { etag: string | null; lastModified: Date | null }

const opaque = (tag: string) => tag.trim().replace(/^W\//, '')

/**
 * True when a GET/HEAD may be answered 304: the client's copy is the current
 * one. Never true for data that changed since the client got it:
 * - If-None-Match, when sent, decides alone (weak comparison, RFC 9110 §13.1.2).
 * - If the representation has an ETag, If-Modified-Since is ignored: the ETag
 *   is exact, while a date has one-second resolution (a consent saved and
 *   withdrawn within one second has one Last-Modified) and does not move when
 *   a consent expires at midnight (RFC 9110 §13.1.3 lets the ETag win).
 * - Otherwise If-Modified-Since confirms only a copy fetched after the last
 *   change: the change must be strictly before the given date, and a date in
 *   the future (or unparsable) is ignored.
 */
export function isNotModified(req: ConditionalHeaders, current: Validators, now: Date): boolean {
  if (req.ifNoneMatch !== undefined) {
    if (current.etag === null) return false
    const wanted = opaque(current.etag)
    return req.ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === wanted)
  }
  if (current.etag !== null || current.lastModified === null || req.ifModifiedSince === undefined) return false
  const since = Date.parse(req.ifModifiedSince)
  if (Number.isNaN(since) || since > now.getTime()) return false
  return current.lastModified.getTime() < since
}
