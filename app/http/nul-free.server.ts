import { Transform, type TransformCallback } from 'node:stream'

/**
 * Drops every 0x00 byte of a stream of UTF-8 HTML (decision 0006).
 *
 * React 18.3's renderToPipeableStream flushes its whole 2 KB view buffer
 * when the next character no longer fits, trailing zero bytes included, so
 * any page with enough Cyrillic text got U+0000 inside words (React issue
 * 31134, fixed in React 19). In UTF-8 the byte 0x00 is only ever U+0000,
 * never part of another character, and the app's text never holds U+0000
 * (PostgreSQL refuses it; the server refuses it in URLs and forms), so
 * removing exactly those bytes restores the intended text.
 */
export function dropNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      callback(null, chunk.includes(0) ? withoutNul(chunk) : chunk)
    },
  })
}

export function withoutNul(bytes: Buffer): Buffer {
  const parts: Buffer[] = []
  let start = 0
  for (let i = bytes.indexOf(0); i !== -1; i = bytes.indexOf(0, start)) {
    parts.push(bytes.subarray(start, i))
    start = i + 1
  }
  parts.push(bytes.subarray(start))
  return Buffer.concat(parts)
}
