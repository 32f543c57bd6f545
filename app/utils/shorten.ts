/**
 * `text` cut to at most `max` characters at a word boundary, with «…»; short
 * texts come back as they are. Where a long name is shortened the full one
 * stays available (a title attribute, the text itself in a wrapping cell).
 */
export function shorten(text: string, max = 70): string {
  const t = text.replace(/\s+/g, ' ').trim()
  if (t.length <= max) return t
  const cut = t.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  // A word boundary only if it keeps most of the room; a single huge word is cut where it is.
  const head = space > max * 0.6 ? cut.slice(0, space) : cut
  return `${head.replace(/[\s,;:.(«-]+$/, '')}…`
}
