const BASE = 'http://same.origin'

/**
 * The one check for every redirect whose target comes from the request
 * (`?redirectTo=`, `?back=`): a path on this site, normalised the way a
 * browser would resolve it, or `fallback`. An open redirect would let a link
 * on this site (or a sign-in) send people to another one.
 */
export function safeRedirect(to: unknown, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/')) return fallback
  // Browsers drop tabs and newlines and treat "\" as "/" ("/\t/evil" and
  // "/\evil" become "//evil"); refuse every control character and backslash,
  // also when percent-encoded, instead of guessing how each one is read.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (/[\x00-\x1f\x7f\\]|%(?:[01][0-9a-f]|7f|5c)/i.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  // Dot segments collapse after the origin check: "/.//evil" and "/x/..//evil"
  // resolve to the path "//evil", which a browser reads as another host.
  // Encoded slashes ("/%2F/evil") are refused too: some servers and proxies decode them.
  if (/^\/(?:\/|%2f)/i.test(url.pathname)) return fallback
  return url.pathname + url.search + url.hash
}
