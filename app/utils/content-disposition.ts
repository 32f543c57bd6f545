// A download's Content-Disposition with a Russian file name: an ASCII
// fallback for old clients plus RFC 5987's filename* (UTF-8, percent-encoded),
// which every current browser prefers.

/** ASCII-only fallback: Cyrillic and anything unsafe in a quoted-string become '_'. */
function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\%;]/g, '_')
}

/** RFC 5987 attr-char: everything else is percent-encoded (encodeURIComponent leaves ' ( ) * ! which are not attr-chars). */
function encodeRfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/**
 * Names come from people's data (a member's certificate is named after them):
 * line breaks, other control characters and path separators become '_' in
 * both forms, so a name typed with a CR/LF or a "/" never reaches the client's
 * file system as such (the header itself was never at risk: both forms encode them).
 */
// eslint-disable-next-line no-control-regex
const plainName = (name: string) => name.replace(/[\u0000-\u001f\u007f/\\]/g, '_')

export function attachment(fileName: string): string {
  const name = plainName(fileName)
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`
}
