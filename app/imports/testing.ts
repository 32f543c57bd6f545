import { encodeWindows1251 } from './cp1251'

// Builds spreadsheet files the way Excel and friends save them, for tests
// and the benchmark: encoding, BOM, delimiter, line ends, quoting.

export type FileStyle = {
  encoding?: 'utf-8' | 'windows-1251' | 'utf-16le'
  bom?: boolean
  delimiter?: ';' | ',' | '\t'
  eol?: '\r\n' | '\n'
}

export function csvText(rows: string[][], style: FileStyle = {}): string {
  const d = style.delimiter ?? ';'
  const eol = style.eol ?? '\r\n'
  const cell = (v: string) => (v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r') ? `"${v.replaceAll('"', '""')}"` : v)
  return rows.map((r) => r.map(cell).join(d)).join(eol) + eol
}

export function encodeText(text: string, style: FileStyle = {}): Buffer {
  switch (style.encoding ?? 'utf-8') {
    case 'windows-1251':
      return encodeWindows1251(text)
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    default:
      return Buffer.concat([style.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')])
  }
}

export function csvFile(rows: string[][], style: FileStyle = {}): Buffer {
  return encodeText(csvText(rows, style), style)
}

/** The bytes in chunks of `size` (1 splits every multi-byte character). */
export async function* chunks(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}
