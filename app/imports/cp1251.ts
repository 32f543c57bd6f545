// Windows-1251, the encoding Excel in a Russian locale saves "CSV" in.
// Node decodes it natively (TextDecoder); encoding is needed only for
// templates on request, test fixtures and the benchmark, so the table is
// built from the decoder instead of adding a dependency.

let table: Map<string, number> | undefined

function encoderTable(): Map<string, number> {
  if (!table) {
    const decoder = new TextDecoder('windows-1251')
    table = new Map()
    for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte)
  }
  return table
}

/** Encodes `text` as Windows-1251; a character the code page lacks becomes `?`. */
export function encodeWindows1251(text: string): Buffer {
  const map = encoderTable()
  const out = Buffer.allocUnsafe(text.length)
  let n = 0
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    out[n++] = code < 0x80 ? code : (map.get(ch) ?? 0x3f)
  }
  return out.subarray(0, n)
}
