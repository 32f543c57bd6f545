import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'

// Just enough MIME to show the demo UI what a locally written .eml says: the
// files are ours (nodemailer, UTF-8, base64 or quoted-printable parts), so
// this is not a general parser.

/** Where the file mailer writes a row's message: one fixed name per row. */
export function emlPath(dataDir: string, outboxId: number): string {
  return join(resolve(dataDir), 'outbox', `outbox-${outboxId}.eml`)
}

export type EmlView = { from: string; to: string; subject: string; date: string; messageId: string; text: string; raw: string }

export async function readEml(dataDir: string, outboxId: number): Promise<EmlView | null> {
  let raw: string
  try {
    raw = await readFile(emlPath(dataDir, outboxId), 'utf8')
  } catch {
    return null
  }
  return parseEml(raw)
}

type Part = { headers: Map<string, string>; body: string }

function splitPart(raw: string): Part {
  const m = /\r?\n\r?\n/.exec(raw)
  const head = m ? raw.slice(0, m.index) : raw
  const body = m ? raw.slice(m.index + m[0].length) : ''
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim())
  }
  return { headers, body }
}

export function parseEml(raw: string): EmlView {
  const top = splitPart(raw)
  const h = (k: string) => decodeWords(top.headers.get(k) ?? '')
  return { from: h('from'), to: h('to'), subject: h('subject'), date: h('date'), messageId: h('message-id'), text: findText(top) ?? '', raw }
}

function findText(part: Part): string | null {
  const type = part.headers.get('content-type') ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (/^multipart\//i.test(type) && boundary) {
    const chunks = part.body.split(`--${boundary}`).slice(1)
    for (const chunk of chunks) {
      if (chunk.startsWith('--')) break
      const found = findText(splitPart(chunk.replace(/^\r?\n/, '')))
      if (found !== null) return found
    }
    return null
  }
  if (!/^text\/plain/i.test(type)) return null
  return decodeBody(part.body, part.headers.get('content-transfer-encoding') ?? '7bit')
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    case 'quoted-printable':
      return decodeQp(body)
    default:
      return body
  }
}

function decodeQp(s: string): string {
  const soft = s.replace(/=\r?\n/g, '')
  const bytes: number[] = []
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      bytes.push(...Buffer.from(c, 'utf8'))
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`), as nodemailer writes Cyrillic headers. */
export function decodeWords(s: string): string {
  return s
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQp(text.replace(/_/g, ' ')),
    )
}
