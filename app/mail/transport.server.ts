import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import nodemailer from 'nodemailer'
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js'
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js'
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
const MAX_MESSAGES_PER_CONNECTION = 100

/**
 * A small pool of SMTP sessions over nodemailer's SMTPConnection. Not
 * nodemailer's own pool: we must know whether a failed message's body had
 * started to flow (see Delivery), and its pool reads the message before it
 * even says MAIL FROM. SMTPConnection.send() pipes the body only after the
 * envelope was accepted, so a body stream that was never read proves the
 * server cannot have the message.
 */
class SmtpMailer implements Mailer {
  readonly kind = 'smtp'
  private readonly options: SMTPConnection.Options
  private readonly auth: SMTPConnection.Credentials | undefined
  private readonly idleSessions: Session[] = []
  private readonly waiting: ((s: Session) => void)[] = []
  private open = 0

  constructor(url: string, private readonly max: number) {
    const parsed = parseConnectionUrl(url) as SMTPConnection.Options & { auth?: { user?: string; pass?: string } }
    const { auth, ...rest } = parsed
    this.options = { ...TIMEOUTS, ...rest }
    this.auth = auth?.user ? { user: auth.user, pass: auth.pass ?? '' } : undefined
  }

  async deliver(mail: Composed): Promise<Delivery> {
    const session = await this.acquire()
    try {
      return await session.send(mail)
    } finally {
      this.release(session)
    }
  }

  private acquire(): Promise<Session> {
    const s = this.idleSessions.pop()
    if (s) return Promise.resolve(s)
    if (this.open < this.max) {
      this.open++
      return Promise.resolve(new Session(this.options, this.auth))
    }
    return new Promise((r) => this.waiting.push(r))
  }

  private release(s: Session) {
    const next = this.waiting.shift()
    if (next) next(s)
    else this.idleSessions.push(s)
  }

  async idle() {
    for (const s of this.idleSessions) s.quit()
  }

  async close() {
    await this.idle()
    this.idleSessions.length = 0
    this.open = 0
  }
}

class Session {
  private conn: SMTPConnection | null = null
  private sent = 0

  constructor(
    private readonly options: SMTPConnection.Options,
    private readonly auth: SMTPConnection.Credentials | undefined,
  ) {}

  quit() {
    const c = this.conn
    this.conn = null
    this.sent = 0
    if (c) {
      try {
        c.quit()
      } catch {
        c.close()
      }
    }
  }

  private drop() {
    const c = this.conn
    this.conn = null
    this.sent = 0
    c?.close()
  }

  private connect(): Promise<SMTPConnection> {
    if (this.conn) return Promise.resolve(this.conn)
    const conn = new SMTPConnection(this.options)
    // An idle session the server closes must not crash the process with an
    // unhandled 'error', and must not be reused.
    const forget = () => {
      if (this.conn === conn) {
        this.conn = null
        this.sent = 0
      }
    }
    conn.on('error', forget)
    conn.on('end', forget)
    return new Promise((resolvePromise, reject) => {
      let settled = false
      const fail = (err: Error) => {
        if (settled) return
        settled = true
        conn.close()
        reject(err)
      }
      const onError = (err: Error) => fail(err)
      const onEnd = () => fail(smtpError('Connection closed during set-up', 'ECONNECTION'))
      conn.once('error', onError)
      conn.once('end', onEnd)
      const ready = () => {
        if (settled) return
        settled = true
        conn.removeListener('error', onError)
        conn.removeListener('end', onEnd)
        this.conn = conn
        resolvePromise(conn)
      }
      conn.connect(() => {
        if (settled) return
        // why: the body goes out in several writes and the final "." line is
        // tiny; with Nagle on it waits for a delayed ACK (~40 ms a message).
        conn._socket?.setNoDelay?.(true)
        if (this.auth) conn.login(this.auth, (err) => (err ? fail(err) : ready()))
        else ready()
      })
    })
  }

  async send(mail: Composed): Promise<Delivery> {
    let conn: SMTPConnection
    try {
      conn = await this.connect()
    } catch (e) {
      // Nothing of the message was said yet: whatever went wrong, try later.
      return { ok: false, outcome: 'retry', error: errorText(e) }
    }
    return new Promise<Delivery>((done) => {
      let bodyRead = false
      let finished = false
      const body = new Readable({
        read() {
          bodyRead = true
          this.push(mail.raw)
          this.push(null)
        },
      })
      const finish = (err: SmtpError | null, response?: string) => {
        if (finished) return
        finished = true
        conn.removeListener('error', onError)
        conn.removeListener('end', onEnd)
        if (err) {
          this.drop()
          done(classify(err, bodyRead))
          return
        }
        if (++this.sent >= MAX_MESSAGES_PER_CONNECTION) this.quit()
        done({ ok: true, via: 'smtp', detail: response ?? '' })
      }
      const onError = (err: SmtpError) => finish(err)
      const onEnd = () => finish(smtpError('Connection closed unexpectedly', 'ECONNECTION'))
      conn.once('error', onError)
      conn.once('end', onEnd)
      try {
        conn.send(mail.envelope, body, (err, info) => finish(err, info?.response))
      } catch (e) {
        finish(e as SmtpError)
      }
    })
  }
}

export function classify(err: SmtpError, bodyRead: boolean): Delivery & { ok: false } {
  const error = errorText(err)
  const code = typeof err.responseCode === 'number' ? err.responseCode : null
  // The server answered: a 4xx is "not now", a 5xx is "never" — either way it
  // did not take the message.
  if (code !== null && code >= 400 && code < 500) return { ok: false, outcome: 'retry', error }
  if (code !== null && code >= 500) return { ok: false, outcome: 'rejected', error }
  // Refused by nodemailer itself before talking: a malformed address, a size limit.
  if (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') return { ok: false, outcome: 'rejected', error }
  if (!bodyRead) return { ok: false, outcome: 'retry', error }
  return { ok: false, outcome: 'unknown', error }
}

function smtpError(message: string, code: string): SmtpError {
  return Object.assign(new Error(message), { code })
}

export function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e).slice(0, 500)
  const x = e as SmtpError
  return [x.code, x.message].filter(Boolean).join(': ').slice(0, 500)
}
