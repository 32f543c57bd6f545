/**
 * A positive whole number written in plain decimal digits ("12", not "012",
 * "1e3", " 12" or "0x0c") and at most `max`; null otherwise. Every id and
 * page number taken from a URL or a form goes through here, so a value
 * beyond the database's range is refused at the edge instead of failing
 * in a query.
 */
export function parsePositiveInt(value: unknown, max: number): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value)) return null
  const n = Number(value)
  return n <= max ? n : null
}

/** A row id (bigint in the database): 1 … Number.MAX_SAFE_INTEGER, or null. */
export function parseId(value: unknown): number | null {
  return parsePositiveInt(value, Number.MAX_SAFE_INTEGER)
}
