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

export function attachment(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`
}
