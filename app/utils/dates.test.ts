import { describe, expect, it } from 'vitest'
import {
  addDays,
  clockTime,
  endOfRegionDay,
  formatDate,
  formatDateTime,
  formatDay,
  formatLongDateTime,
  isPastDeadline,
  isTimeZone,
  longDate,
  nextRegionMidnight,
  parseWallClock,
  regionDay,
  startOfRegionDay,
  toWallClock,
  utcOffsetLabel,
  yearOf,
} from './dates'

const YUGRA = 'Asia/Yekaterinburg' // UTC+5
const TOMSK = 'Asia/Tomsk' // UTC+7
const KHABAROVSK = 'Asia/Vladivostok' // UTC+10
const at = (iso: string) => new Date(iso)

describe('region days around midnight', () => {
  // UTC+5: local midnight is 19:00 UTC of the previous UTC day.
  it('UTC+5: 23:59 and 00:00 local fall on different days while UTC stays on one', () => {
    expect(regionDay(at('2026-06-30T18:59:59Z'), YUGRA)).toBe('2026-06-30') // 23:59:59 local
    expect(regionDay(at('2026-06-30T19:00:00Z'), YUGRA)).toBe('2026-07-01') // 00:00 local, UTC still 30 June
  })

  // UTC+10: local midnight is 14:00 UTC.
  it('UTC+10: the local day changes at 14:00 UTC; just after UTC midnight it is already mid-morning', () => {
    expect(regionDay(at('2026-06-30T13:59:00Z'), KHABAROVSK)).toBe('2026-06-30') // 23:59 local
    expect(regionDay(at('2026-06-30T14:00:00Z'), KHABAROVSK)).toBe('2026-07-01') // 00:00 local
    expect(regionDay(at('2026-06-30T23:59:00Z'), KHABAROVSK)).toBe('2026-07-01') // 09:59 local, UTC 30 June
    expect(regionDay(at('2026-07-01T00:00:00Z'), KHABAROVSK)).toBe('2026-07-01')
  })

  it('the start and the end of a day are local midnights', () => {
    expect(startOfRegionDay('2026-07-01', YUGRA).toISOString()).toBe('2026-06-30T19:00:00.000Z')
    expect(endOfRegionDay('2026-06-30', YUGRA).toISOString()).toBe('2026-06-30T19:00:00.000Z')
    expect(endOfRegionDay('2026-06-30', KHABAROVSK).toISOString()).toBe('2026-06-30T14:00:00.000Z')
    expect(endOfRegionDay('2026-12-31', TOMSK).toISOString()).toBe('2026-12-31T17:00:00.000Z')
    expect(nextRegionMidnight(at('2026-06-30T13:59:59Z'), KHABAROVSK).toISOString()).toBe('2026-06-30T14:00:00.000Z')
    expect(nextRegionMidnight(at('2026-06-30T14:00:00Z'), KHABAROVSK).toISOString()).toBe('2026-07-01T14:00:00.000Z')
  })

  it('«до 30.06 включительно» is open until the region’s midnight, not Moscow’s or UTC’s', () => {
    // 23:59:59 in Khabarovsk: still open.
    expect(isPastDeadline('2026-06-30', at('2026-06-30T13:59:59.999Z'), KHABAROVSK)).toBe(false)
    // 00:00 in Khabarovsk, 17:00 in Moscow, 14:00 UTC of 30 June: closed.
    expect(isPastDeadline('2026-06-30', at('2026-06-30T14:00:00Z'), KHABAROVSK)).toBe(true)
    // The same instant is still 19:00 on 30 June in Yugra: open.
    expect(isPastDeadline('2026-06-30', at('2026-06-30T14:00:00Z'), YUGRA)).toBe(false)
    expect(isPastDeadline('2026-06-30', at('2026-06-30T19:00:00Z'), YUGRA)).toBe(true)
  })

  it('calendar arithmetic crosses months and leap days', () => {
    expect(addDays('2026-06-30', 1)).toBe('2026-07-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(() => addDays('2026-02-30', 1)).toThrow()
  })
})

describe('what people read', () => {
  it('shows an instant on the region’s wall clock, with the offset where a time is shown', () => {
    const i = at('2026-06-30T14:30:00Z')
    expect(formatDate(i, KHABAROVSK)).toBe('01.07.2026')
    expect(formatDate(i, YUGRA)).toBe('30.06.2026')
    expect(formatDateTime(i, KHABAROVSK)).toBe('01.07.2026, 00:30 (UTC+10)')
    expect(formatDateTime(i.toISOString(), YUGRA)).toBe('30.06.2026, 19:30 (UTC+5)')
    expect(formatLongDateTime(i, KHABAROVSK)).toBe('1 июля 2026 года в 00.30 (местное время, UTC+10)')
  })

  it('a calendar day is the same day in every zone', () => {
    expect(formatDate('2026-06-30', KHABAROVSK)).toBe('30.06.2026')
    expect(formatDate('2026-06-30', 'America/Los_Angeles')).toBe('30.06.2026')
    expect(formatDay('2026-01-05')).toBe('05.01.2026')
  })

  it('protocol wording: long date, «16.00», year of the local day', () => {
    const d = parseWallClock('2025-12-31T23:30', KHABAROVSK)!
    expect(d.toISOString()).toBe('2025-12-31T13:30:00.000Z')
    expect(longDate(d, KHABAROVSK)).toBe('31 декабря 2025 года')
    expect(clockTime(d, KHABAROVSK)).toBe('23.30')
    expect(yearOf(d, KHABAROVSK)).toBe(2025)
    // 01:00 on 1 January in Khabarovsk is still 31 December in Moscow: the protocol's year is the region's.
    expect(yearOf(parseWallClock('2026-01-01T01:00', KHABAROVSK)!, KHABAROVSK)).toBe(2026)
    expect(yearOf(parseWallClock('2026-01-01T01:00', KHABAROVSK)!, 'Europe/Moscow')).toBe(2025)
    expect(toWallClock(d, KHABAROVSK)).toBe('2025-12-31T23:30')
    expect(toWallClock(d, YUGRA)).toBe('2025-12-31T18:30')
  })

  it('parses only real wall clocks', () => {
    expect(parseWallClock('2026-05-20T16:00', TOMSK)!.toISOString()).toBe('2026-05-20T09:00:00.000Z')
    expect(parseWallClock('23.05.2023', TOMSK)).toBeNull()
    expect(parseWallClock('2026-02-30T10:00', TOMSK)).toBeNull()
    expect(parseWallClock('2026-05-20T24:00', TOMSK)).toBeNull()
  })

  it('offset labels', () => {
    const i = at('2026-01-15T00:00:00Z')
    expect([YUGRA, TOMSK, KHABAROVSK, 'Europe/Moscow'].map((z) => utcOffsetLabel(i, z))).toEqual(['UTC+5', 'UTC+7', 'UTC+10', 'UTC+3'])
    expect(utcOffsetLabel(i, 'Asia/Kolkata')).toBe('UTC+5:30')
    expect(utcOffsetLabel(i, 'Etc/UTC')).toBe('UTC')
  })

  it('knows IANA zone names and refuses the rest', () => {
    expect(isTimeZone('Asia/Vladivostok')).toBe(true)
    expect(isTimeZone('Asia/Yekaterinburg')).toBe(true)
    expect(isTimeZone('Asia/Nowhere')).toBe(false)
    expect(isTimeZone('UTC+5')).toBe(false) // POSIX style, sign reversed in Postgres
    expect(isTimeZone('МСК+4')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })
})
