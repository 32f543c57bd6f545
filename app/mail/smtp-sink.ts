import type { Socket } from 'node:net'
import { SMTPServer, type SMTPServerAddress } from 'smtp-server'
import { parseEml } from './eml.server'

// A real SMTP server in the current process (the `smtp-server` dev
// dependency) that records what it receives: the tests' and the benchmark's
// mail server. Never imported by the app.

export type Received = { messageId: string; from: string; to: string[]; subject: string; text: string; raw: string }

export type SinkHooks = {
  /**
   * Refuse a recipient: return the SMTP answer (e.g. 550), 'drop' (cut the
   * connection before the message body), or null to accept.
   */
  rcpt?: (address: string) => { code: number; message: string } | 'drop' | null
  /**
   * After the whole message was read, before the answer: 'accept' (250),
   * 'drop' (cut the connection without answering — a server crash at the
   * worst moment), or an SMTP error answer.
   */
  data?: (m: Received) => 'accept' | 'drop' | { code: number; message: string }
  /** Keep only Message-IDs (benchmarks), not the parsed messages. */
  countOnly?: boolean
}

export type SmtpSink = {
  port: number
  url: string
  received: Received[]
  /** How many times each Message-ID arrived (accepted or not). */
  seen: Map<string, number>
  close(): Promise<void>
}

export async function startSmtpSink(hooks: SinkHooks = {}, port = 0): Promise<SmtpSink> {
  const received: Received[] = []
  const seen = new Map<string, number>()
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, session, callback) {
      const refusal = hooks.rcpt?.(address.address)
      if (refusal === 'drop') {
        for (const c of connectionsOf(server)) if (c.id === session.id) c._socket.destroy()
        return
      }
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }))
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const messageId = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1] ?? ''
        seen.set(messageId, (seen.get(messageId) ?? 0) + 1)
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
        const to = session.envelope.rcptTo.map((r) => r.address)
        const m: Received = hooks.countOnly
          ? { messageId, from, to, subject: '', text: '', raw: '' }
          : { messageId, from, to, ...pick(parseEml(raw)), raw }
        const verdict = hooks.data?.(m) ?? 'accept'
        if (verdict === 'drop') {
          for (const c of connectionsOf(server)) if (c.id === session.id) c._socket.destroy()
          return
        }
        if (verdict !== 'accept') return callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }))
        if (!hooks.countOnly) received.push(m)
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject)
      resolve()
    })
  })
  // why: a client cut off mid-session makes the server emit 'error'; that is
  // the test's point, not a crash.
  server.on('error', () => {})
  const bound = (server.server.address() as { port: number }).port
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    received,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of connectionsOf(server)) c._socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function pick(v: ReturnType<typeof parseEml>) {
  return { subject: v.subject, text: v.text }
}

function connectionsOf(server: SMTPServer): { id: string; _socket: Socket }[] {
  return [...((server as unknown as { connections: Set<{ id: string; _socket: Socket }> }).connections ?? [])]
}

/** A port that nothing listens on right now (a server that is down). */
export async function freePort(): Promise<number> {
  const sink = await startSmtpSink()
  const port = sink.port
  await sink.close()
  return port
}
