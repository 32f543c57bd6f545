// Dates and times in a region's time zone (PRODUCT §12). Pure: no clock reads
// (callers pass `now`), no I/O. Every date the app shows, every deadline,
// protocol time, consent expiry and cache day boundary goes through here.
//
// Two kinds of value, never mixed:
// - a calendar day, 'YYYY-MM-DD' (a deadline, a consent's last day, an order's
//   date): the same day everywhere, shown as it is;
// - an instant (a Date, or its ISO text after a loader serialized it): shown
//   as the wall clock of the zone of the region it belongs to.

/** 'YYYY-MM-DD' */
export type Day = string

/** Used only where a value belongs to no region (a mail with no region): times carry their offset, so it is never ambiguous. */
export const FALLBACK_TIME_ZONE = 'Europe/Moscow'

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/
// IANA "Area/Location" names only: Postgres also accepts POSIX strings such as
// 'UTC+5', whose sign is the opposite of what a reader expects.
const ZONE_NAME = /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/

const months = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря']

// why: building an Intl.DateTimeFormat costs tens of microseconds; the public
// cache asks for day boundaries on every request.
const formats = new Map<string, Intl.DateTimeFormat>()
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    })
    formats.set(timeZone, f)
  }
  return f
}

/** An IANA zone name ('Asia/Tomsk') that this runtime knows. */
export function isTimeZone(value: string): boolean {
  if (!ZONE_NAME.test(value)) return false
  try {
    partsFormat(value)
    return true
  } catch {
    return false
  }
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number }

function toInstant(at: Date | string): Date {
  const d = at instanceof Date ? at : new Date(at)
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a date: ${String(at)}`)
  return d
}

/** The wall clock in `timeZone` at an instant. */
function wallClock(at: Date, timeZone: string): WallClock {
  const p: Record<string, number> = {}
  for (const x of partsFormat(timeZone).formatToParts(at)) if (x.type !== 'literal') p[x.type] = Number(x.value)
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second }
}

/** Minutes east of UTC in `timeZone` at an instant (Tomsk: 420). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
}

/** The instant a wall clock in `timeZone` shows (zones without a gap at that time: all of Russia's today). */
function fromWallClock(w: Omit<WallClock, 'second'>, timeZone: string): Date {
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
  // Two passes settle the offset even when the guess sits across a change of offset.
  let t = local - offsetMinutes(new Date(local), timeZone) * 60_000
  t = local - offsetMinutes(new Date(t), timeZone) * 60_000
  return new Date(t)
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const dayText = (w: { year: number; month: number; day: number }): Day => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`

function parseDay(day: Day): { year: number; month: number; day: number } {
  const m = DAY.exec(day)
  if (!m) throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`)
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  if (d.getUTCDate() !== Number(m[3])) throw new RangeError(`No such day: ${day}`)
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
}

/** A real calendar day written 'YYYY-MM-DD' (not '2026-02-30'). */
export function isDay(value: string): boolean {
  try {
    parseDay(value)
    return true
  } catch {
    return false
  }
}

/** The calendar day in `timeZone` at an instant: 'YYYY-MM-DD'. */
export function regionDay(at: Date, timeZone: string): Day {
  return dayText(wallClock(at, timeZone))
}

/** `day` moved by `n` calendar days. */
export function addDays(day: Day, n: number): Day {
  const d = parseDay(day)
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n))
  return dayText({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() })
}

/** The first instant of `day` in `timeZone` (its local midnight). */
export function startOfRegionDay(day: Day, timeZone: string): Date {
  return fromWallClock({ ...parseDay(day), hour: 0, minute: 0 }, timeZone)
}

/**
 * The instant `day` ends in `timeZone`: the next day's local midnight. The
 * day holds every instant BEFORE it, so «до 30.06 включительно» is open
 * until endOfRegionDay('…-06-30', zone) and closed from then on.
 */
export function endOfRegionDay(day: Day, timeZone: string): Date {
  return startOfRegionDay(addDays(day, 1), timeZone)
}

/** The next local midnight in `timeZone` strictly after `at`. */
export function nextRegionMidnight(at: Date, timeZone: string): Date {
  return endOfRegionDay(regionDay(at, timeZone), timeZone)
}

/** True once the last day `deadlineDay` is over in `timeZone` (from its local midnight on). */
export function isPastDeadline(deadlineDay: Day, now: Date, timeZone: string): boolean {
  return now.getTime() >= endOfRegionDay(deadlineDay, timeZone).getTime()
}

/** 'UTC+7', 'UTC+5:30', 'UTC' */
export function utcOffsetLabel(at: Date, timeZone: string): string {
  const m = offsetMinutes(at, timeZone)
  if (m === 0) return 'UTC'
  const a = Math.abs(m)
  return `UTC${m < 0 ? '-' : '+'}${Math.floor(a / 60)}${a % 60 ? `:${pad(a % 60)}` : ''}`
}

/** '30.06.2026' for a calendar day. */
export function formatDay(day: Day): string {
  const d = parseDay(day)
  return `${pad(d.day)}.${pad(d.month)}.${pad(d.year, 4)}`
}

/** '30.06.2026': the day of an instant in `timeZone`; a 'YYYY-MM-DD' text is a calendar day and is shown as it is. */
export function formatDate(at: Date | string, timeZone: string): string {
  if (typeof at === 'string' && DAY.test(at)) return formatDay(at)
  return formatDay(regionDay(toInstant(at), timeZone))
}

/** '30.06.2026, 23:59 (UTC+10)': an instant on the wall clock of `timeZone`, with its offset so it is never read as Moscow time. */
export function formatDateTime(at: Date | string, timeZone: string): string {
  const d = toInstant(at)
  const w = wallClock(d, timeZone)
  return `${formatDay(dayText(w))}, ${pad(w.hour)}:${pad(w.minute)} (${utcOffsetLabel(d, timeZone)})`
}

/** '23 мая 2023 года': the day of an instant in `timeZone`, as protocols and letters write it. */
export function longDate(at: Date | string, timeZone: string): string {
  const w = wallClock(toInstant(at), timeZone)
  return `${w.day} ${months[w.month - 1]} ${w.year} года`
}

/** '16.00', as Russian protocols write a time. */
export function clockTime(at: Date | string, timeZone: string): string {
  const w = wallClock(toInstant(at), timeZone)
  return `${pad(w.hour)}.${pad(w.minute)}`
}

/** 'местное время, UTC+7' ('московское время, UTC+3' in Moscow's zone): how a protocol or a letter names the zone of its times. */
export function zoneNote(at: Date | string, timeZone: string): string {
  return `${timeZone === 'Europe/Moscow' ? 'московское' : 'местное'} время, ${utcOffsetLabel(toInstant(at), timeZone)}`
}

/** '3 июня 2026 года в 00.30 (местное время, UTC+10)': an instant in a letter. */
export function formatLongDateTime(at: Date | string, timeZone: string): string {
  return `${longDate(at, timeZone)} в ${clockTime(at, timeZone)} (${zoneNote(at, timeZone)})`
}

/** The calendar year of an instant in `timeZone`. */
export function yearOf(at: Date | string, timeZone: string): number {
  return wallClock(toInstant(at), timeZone).year
}

/** A `datetime-local` value ('2026-05-20T16:00', wall clock in `timeZone`) as an instant; null if malformed. */
export function parseWallClock(value: string, timeZone: string): Date | null {
  const m = WALL_CLOCK.exec(value)
  if (!m) return null
  const [year, month, day, hour, minute] = m.slice(1).map(Number)
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute))
  if (check.getUTCDate() !== day || check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || check.getUTCMonth() !== month - 1) return null
  return fromWallClock({ year, month, day, hour, minute }, timeZone)
}

/** An instant as a `datetime-local` value on the wall clock of `timeZone`. */
export function toWallClock(at: Date | string, timeZone: string): string {
  const w = wallClock(toInstant(at), timeZone)
  return `${dayText(w)}T${pad(w.hour)}:${pad(w.minute)}`
}
