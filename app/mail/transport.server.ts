import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { PassThrough, pipeline, type Readable } from 'node:stream'
import nodemailer from 'nodemailer'
import { emlPath } from './eml.server'

// Two ways out (PRODUCT §7): SMTP_URL → a real server; without it the same
// bytes are written as .eml files under DATA_DIR/outbox/ for the demo UI.

export type OutgoingMail = {
  outboxId: number
  messageId: string
  from: string
  to: string
  subject: string
  text: string
  html: string
}

export type Composed = { outboxId: number; envelope: { from: string; to: string[] }; raw: Buffer }

/**
 * What happened to one message:
 * - `retry`: the server never had it (connection refused, a 4xx, the session
 *   broke before the recipient was accepted) — safe to send again later;
 * - `rejected`: refused for good (a 5xx, an address nodemailer cannot use);
 * - `unknown`: the session broke after the body started to flow and before
 *   the server's answer — it may have been accepted, so it is not resent.
 */
export type Delivery =
  | { ok: true; via: 'smtp' | 'file'; detail: string }
  | { ok: false; outcome: 'retry' | 'rejected' | 'unknown'; error: string }

export interface Mailer {
  readonly kind: 'smtp' | 'file'
  deliver(mail: Composed): Promise<Delivery>
  /** Closes idle connections (end of a drain pass); the mailer stays usable. */
  idle(): Promise<void>
  close(): Promise<void>
}

// Composition is pure and shared by both mailers, so a file and an SMTP
// message are byte-for-byte the same mail.
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })

export async function composeMail(mail: OutgoingMail): Promise<Composed> {
  const info = await composer.sendMail({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  })
  const envelope = info.envelope as { from: string | false; to: string[] }
  // nodemailer reads the address as a list: "a@b.ru\r\nBcc: x@y" or "x<y@z.ru>" would go to x@y or y@z.ru.
  // A stored address that is not exactly one address is not sent anywhere (the row fails, the queue goes on).
  if (envelope.to.length !== 1 || envelope.to[0].toLowerCase() !== mail.to.trim().toLowerCase()) {
    throw new Error(`Адрес получателя не является одним адресом электронной почты: ${JSON.stringify(mail.to)}`)
  }
  return {
    outboxId: mail.outboxId,
    envelope: { from: envelope.from || '', to: envelope.to },
    raw: info.message as unknown as Buffer,
  }
}

/** `<outbox-{id}.{created}@{domain}>`: one per row, so a receiving server or client can tell a repeat. */
export function messageIdFor(row: { id: number; createdAt: Date }, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'rma'
  return `<outbox-${row.id}.${new Date(row.createdAt).getTime().toString(36)}@${domain}>`
}

export function createMailer(opts: { smtpUrl?: string; dataDir: string; maxConnections?: number }): Mailer {
  return opts.smtpUrl ? new SmtpMailer(opts.smtpUrl, opts.maxConnections ?? 4) : new FileMailer(opts.dataDir)
}

class FileMailer implements Mailer {
  readonly kind = 'file'
  constructor(private readonly dataDir: string) {}

  async deliver(mail: Composed): Promise<Delivery> {
    const path = emlPath(this.dataDir, mail.outboxId)
    // A fixed name per row and an atomic rename: writing it again after a
    // crash gives the same single file, never a duplicate or a torn one.
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await mkdir(join(resolve(this.dataDir), 'outbox'), { recursive: true })
      await writeFile(tmp, mail.raw)
      await rename(tmp, path)
      return { ok: true, via: 'file', detail: path }
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => {})
      return { ok: false, outcome: 'retry', error: errorText(e) }
    }
  }

  async idle() {}
  async close() {}
}

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string }

const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }

/** The SMTP commands that carry a message; a server's reply to any other one is about the session. */
const MESSAGE_COMMANDS = new Set(['MAIL FROM', 'RCPT TO', 'DATA'])

/**
 * SMTP through nodemailer's public API: its pooled transport (`pool: true`,
 * up to `max` connections, 100 messages each).
 *
 * To tell "the server cannot have it" from "it may have it" we must know
 * whether the body started to flow (see Delivery). A `stream` plugin puts our
 * own stream at the very end of nodemailer's message pipeline
 * (`mail.message.processFunc`); that stream is what the SMTP connection
 * pipes, and it does so only after the server accepted MAIL FROM, RCPT TO
 * and DATA. So `readableDidRead === false` proves the body never left this
 * process. Should a later nodemailer read it early, failures would only turn
 * from retry into unknown — never a duplicate — and the server-down test in
 * worker.db.test.ts would say so. `maxRequeues: 0`: the pool never re-sends a
 * message by itself; the worker decides.
 */
class SmtpMailer implements Mailer {
  readonly kind = 'smtp'
  private readonly options: { url: string; pool: true; maxConnections: number; maxMessages: number; maxRequeues: number }
  private transporter: ReturnType<typeof nodemailer.createTransport> | null = null
  // The body stream of each send, by the send's own envelope object (the
  // plugin sees a shallow copy of sendMail's options, so the same object).
  private readonly bodies = new WeakMap<object, Readable>()

  constructor(url: string, max: number) {
    // why: the URL's query overrides the options below; these two decide
    // whether nodemailer may re-send on its own.
    const u = new URL(url)
    if (u.searchParams.has('pool') || u.searchParams.has('maxRequeues')) {
      u.searchParams.delete('pool')
      u.searchParams.delete('maxRequeues')
      url = u.toString()
    }
    this.options = { ...TIMEOUTS, url, pool: true, maxConnections: max, maxMessages: 100, maxRequeues: 0 }
  }

  private pool() {
    if (this.transporter) return this.transporter
    const t = nodemailer.createTransport(this.options)
    t.use('stream', (m, done) => {
      m.message.processFunc((input) => {
        const tail = new PassThrough()
        pipeline(input, tail, () => {})
        if (m.data.envelope) this.bodies.set(m.data.envelope, tail)
        return tail
      })
      done()
    })
    this.transporter = t
    return t
  }

  async deliver(mail: Composed): Promise<Delivery> {
    const envelope = { ...mail.envelope }
    try {
      // `raw`: the composed bytes go out as they are, the same as in a .eml file.
      const info = await this.pool().sendMail({ envelope, raw: mail.raw })
      return { ok: true, via: 'smtp', detail: info.response ?? '' }
    } catch (e) {
      return classify(e as SmtpError, this.bodies.get(envelope)?.readableDidRead ?? false)
    }
  }

  /** Closes the connections (idle ones at once, busy ones after their message); the next send opens new ones. */
  async idle() {
    const t = this.transporter
    this.transporter = null
    t?.close()
  }

  async close() {
    await this.idle()
  }
}

/**
 * `bodyRead`: the message body started to flow to the server. Nodemailer's
 * errors say which command was in flight (`command`) and the server's reply
 * (`responseCode`); a broken connection is `CONN` whenever it happens.
 */
export function classify(err: SmtpError, bodyRead: boolean): Delivery & { ok: false } {
  const error = errorText(err)
  const code = typeof err.responseCode === 'number' ? err.responseCode : null
  const aboutMessage = bodyRead || (err.command !== undefined && MESSAGE_COMMANDS.has(err.command))
  if (code !== null && aboutMessage) {
    // The server answered about this message: a 4xx is "not now", a 5xx is
    // "never" — either way it did not take it.
    if (code >= 400 && code < 500) return { ok: false, outcome: 'retry', error }
    if (code >= 500) return { ok: false, outcome: 'rejected', error }
  }
  // Refused by nodemailer itself before talking: a malformed address, a size limit.
  if (code === null && (err.code === 'EENVELOPE' || err.code === 'EMESSAGE')) return { ok: false, outcome: 'rejected', error }
  // Everything else before the body (connection, DNS, TLS, greeting, AUTH —
  // even a 5xx there): nothing was said about the message yet.
  if (!bodyRead) return { ok: false, outcome: 'retry', error }
  return { ok: false, outcome: 'unknown', error }
}

export function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e).slice(0, 500)
  const x = e as SmtpError
  return [x.code, x.message].filter(Boolean).join(': ').slice(0, 500)
}
