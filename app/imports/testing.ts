import { crc32 } from 'node:zlib'
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

/**
 * A ZIP archive of stored (uncompressed) entries, as .xlsx and .docx files
 * are: the first entry comes first, the directory at the end. Enough for
 * anything that reads a file's start, and a valid archive for the rest.
 */
export function zipFile(entries: Record<string, string>): Buffer {
  const local: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, 'utf8')
    const fileName = Buffer.from(name, 'utf8')
    const crc = crc32(data)
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt32LE(crc, 14)
    header.writeUInt32LE(data.length, 18)
    header.writeUInt32LE(data.length, 22)
    header.writeUInt16LE(fileName.length, 26)
    local.push(header, fileName, data)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt32LE(crc, 16)
    dir.writeUInt32LE(data.length, 20)
    dir.writeUInt32LE(data.length, 24)
    dir.writeUInt16LE(fileName.length, 28)
    dir.writeUInt32LE(offset, 42)
    central.push(dir, fileName)
    offset += header.length + fileName.length + data.length
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(central.length / 2, 8)
  end.writeUInt16LE(central.length / 2, 10)
  end.writeUInt32LE(dirSize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...local, ...central, end])
}

/** The first bytes of a PNG image: signature and the IHDR chunk of a 1×1 picture. */
export const pngHead = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0e4b70000000049454e44ae426082', 'hex')

/** An .xlsx as Excel lays it out: content types, relationships, then the workbook under xl/. */
export const xlsxFile = () =>
  zipFile({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships/>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook/>',
    'xl/worksheets/sheet1.xml': '<?xml version="1.0" encoding="UTF-8"?><worksheet/>',
  })

export const docxFile = () =>
  zipFile({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types/>',
    'word/document.xml': '<?xml version="1.0" encoding="UTF-8"?><w:document/>',
  })
