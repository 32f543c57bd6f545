import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { db } from '../../db/client.server'
import { readEml } from '../../app/mail/eml.server'
import { startSmtpSink, type SmtpSink } from '../../app/mail/smtp-sink'
import { createMailer } from '../../app/mail/transport.server'
import { drainOnce } from '../../app/mail/worker.server'

// Self-service mail in route tests: the outbox rows a test caused, delivered
// by the real worker over real SMTP (or as .eml files), and the link in them.

export const MAIL_BASE = 'http://rma.test'
const FROM = 'Реестр методического актива <noreply@rma.test>'

/** Outbox rows of one template to one address, oldest first. */
export async function outboxRows(template: string, email: string): Promise<number[]> {
  const rows = await db()<{ id: number }[]>`
    select id::int from outbox where template = ${template} and recipient_email = ${email.toLowerCase()} order by id`
  return rows.map((r) => r.id)
}

/** Delivers the rows over SMTP to a sink started for this call; returns the received messages' text, in the order of `ids`. */
export async function deliverBySmtp(ids: number[]): Promise<string[]> {
  const sink: SmtpSink = await startSmtpSink()
  const mailer = createMailer({ smtpUrl: sink.url, dataDir: '' })
  try {
    await drainOnce({ ids, mailer, from: FROM, baseUrl: MAIL_BASE })
    // Messages arrive in the order the transport finished them, not the rows' order: matched by Message-ID.
    const rows = await db()<{ id: number; messageId: string | null }[]>`select id::int, message_id as "messageId" from outbox where id = any(${ids})`
    const byRow = new Map(rows.map((r) => [r.id, r.messageId]))
    const byMessage = new Map(sink.received.map((m) => [m.messageId, m.text]))
    const texts = ids.map((id) => byMessage.get(byRow.get(id) ?? '')).filter((t): t is string => t !== undefined)
    // a row that was not delivered leaves the others in order; any message not matched is still returned
    return texts.length === sink.received.length ? texts : sink.received.map((m) => m.text)
  } finally {
    await mailer.close()
    await sink.close()
  }
}

/** Delivers the rows as .eml files (the default set-up without SMTP) and reads them back. */
export async function deliverAsEml(ids: number[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rma-eml-'))
  const mailer = createMailer({ smtpUrl: '', dataDir: dir })
  try {
    await drainOnce({ ids, mailer, from: FROM, baseUrl: MAIL_BASE })
    const texts: string[] = []
    for (const id of ids) texts.push((await readEml(dir, id))?.text ?? '')
    return texts
  } finally {
    await mailer.close()
    await rm(dir, { recursive: true, force: true })
  }
}

/** The path of the first link to `prefix` in a mail's text. */
export function linkIn(text: string, prefix: string): string {
  const m = new RegExp(`${MAIL_BASE.replace(/[.]/g, '\\.')}(${prefix}[A-Za-z0-9_-]+)`).exec(text)
  if (!m) throw new Error(`no ${prefix} link in the mail:\n${text}`)
  return m[1]
}
