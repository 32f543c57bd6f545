import { randomUUID } from 'node:crypto'
import { join, resolve } from 'node:path'
import { env } from '~/utils/env.server'
import { startDatabase } from '../../db/start.server'
import {
  claimDue,
  dbNow,
  markAttempt,
  markFailed,
  markRetry,
  markSent,
  reapExpiredLeases,
  type ClaimedMail,
  type OutboxScope,
} from '../../db/queries/outbox.server'
import { renderMail, type MailContext } from './templates'
import { composeMail, createMailer, errorText, messageIdFor, type Mailer } from './transport.server'

// The outbox worker (PRODUCT §9, docs/decisions/0003-outbox-delivery.md):
// claim a few due rows with FOR UPDATE SKIP LOCKED, record the attempt, send
// outside any transaction, then mark the outcome. At most once: a row whose
// attempt started is never sent again automatically unless the server
// answered that it did not take the message.

export type DrainOptions = OutboxScope & {
  mailer?: Mailer
  /** Rows claimed per statement. */
  batchSize?: number
  /** Messages in flight at once (SMTP sessions). */
  concurrency?: number
  maxAttempts?: number
  /** First retry delay; doubles per attempt up to retryMaxMs, ±20 % jitter. */
  retryBaseMs?: number
  retryMaxMs?: number
  /** A claim older than this belongs to a worker that died. */
  leaseMs?: number
  /** Stop after this many rows (the rest waits for the next pass). */
  limit?: number
  baseUrl?: string
  from?: string
}

export type DrainCounts = {
  /** Sent over SMTP or written as .eml. */
  sent: number
  /** No address: an in-app notification only. */
  inApp: number
  /** Temporary failure, back in the queue with a delay. */
  retried: number
  /** Refused for good, out of attempts, or no such template. */
  failed: number
  /** Attempted but the outcome is unknown (now or found from a dead worker): failed, never resent. */
  unknown: number
  /** Claimed by a dead worker before any attempt: back in the queue. */
  released: number
  /** This worker's claim was taken over before it sent anything. */
  skipped: number
}

export const defaults = {
  batchSize: 20,
  concurrency: 4,
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  // Well above the worst single send (connection + greeting + socket timeouts).
  leaseMs: 15 * 60_000,
}

export function retryDelay(attempts: number, base: number, max: number, random = Math.random): number {
  const exp = Math.min(max, base * 2 ** Math.max(0, attempts - 1))
  return Math.round(exp * (0.8 + 0.4 * random()))
}

function baseUrl(): string {
  const e = env()
  return e.PUBLIC_URL ?? `http://localhost:${e.PORT}`
}

export function mailerFromEnv(): Mailer {
  const e = env()
  return createMailer({ smtpUrl: e.SMTP_URL, dataDir: e.DATA_DIR })
}

export async function drainOnce(opts: DrainOptions = {}): Promise<DrainCounts> {
  const o = { ...defaults, ...opts }
  const scope: OutboxScope = { regionId: opts.regionId, ids: opts.ids }
  const from = opts.from ?? env().MAIL_FROM
  const base = opts.baseUrl ?? baseUrl()
  const mailer = opts.mailer ?? mailerFromEnv()
  const counts: DrainCounts = { sent: 0, inApp: 0, retried: 0, failed: 0, unknown: 0, released: 0, skipped: 0 }
  try {
    const reaped = await reapExpiredLeases({ ...scope, leaseMs: o.leaseMs })
    counts.released += reaped.released
    counts.unknown += reaped.unknown
    // Only rows due when the pass began: a row put back with a delay waits
    // for a later pass instead of spinning in this one.
    const dueBefore = await dbNow()
    let processed = 0
    const limit = opts.limit ?? Infinity
    while (processed < limit) {
      const token = randomUUID()
      const rows = await claimDue({ ...scope, token, dueBefore, batchSize: Math.min(o.batchSize, limit - processed) })
      if (rows.length === 0) break
      processed += rows.length
      const toSend = rows.filter((r) => r.status === 'sending')
      counts.inApp += rows.length - toSend.length
      await eachLimited(toSend, o.concurrency, async (row) => {
        const outcome = await deliverOne(row, token, { mailer, from, baseUrl: base, ...o })
        counts[outcome]++
      })
    }
  } finally {
    if (opts.mailer) await mailer.idle()
    else await mailer.close()
  }
  return counts
}

type Outcome = 'sent' | 'retried' | 'failed' | 'unknown' | 'skipped'

async function deliverOne(
  row: ClaimedMail,
  token: string,
  o: { mailer: Mailer; from: string; baseUrl: string; maxAttempts: number; retryBaseMs: number; retryMaxMs: number },
): Promise<Outcome> {
  let composed
  const messageId = row.messageId ?? messageIdFor(row, o.from)
  try {
    const mail = renderMail({ template: row.template, payload: row.payload ?? {}, context: contextOf(row, o.baseUrl) })
    composed = await composeMail({ outboxId: row.id, messageId, from: o.from, to: row.recipientEmail!, ...mail })
  } catch (e) {
    // Nothing was sent; a template bug must not hold up the rest of the queue.
    await markFailed(row.id, token, 'template', errorText(e))
    return 'failed'
  }
  if (!(await markAttempt(row.id, token, messageId))) return 'skipped'
  const attempts = row.attempts + 1
  const result = await o.mailer.deliver(composed)
  if (result.ok) {
    await markSent(row.id, token, result.via)
    return 'sent'
  }
  switch (result.outcome) {
    case 'retry':
      if (attempts >= o.maxAttempts) {
        await markFailed(row.id, token, 'attempts', result.error)
        return 'failed'
      }
      await markRetry(row.id, token, result.error, retryDelay(attempts, o.retryBaseMs, o.retryMaxMs))
      return 'retried'
    case 'rejected':
      await markFailed(row.id, token, 'rejected', result.error)
      return 'failed'
    case 'unknown':
      await markFailed(row.id, token, 'unknown', result.error)
      return 'unknown'
  }
}

export function contextOf(row: ClaimedMail, baseUrl: string): MailContext {
  return {
    baseUrl,
    recipientEmail: row.recipientEmail ?? '',
    recipientName: row.recipientName,
    recipientRole: row.recipientRole,
    regionName: row.regionName,
    timeZone: row.regionTimeZone,
    entity: row.entity,
    entityId: row.entityId,
    personName: row.personName,
    applicationId: row.applicationId,
    campaignTitle: row.campaignTitle,
    campaignMunicipality: row.campaignMunicipality,
  }
}

// why: on an error (the database went away) every lane stops taking rows and
// the pass waits for the sends in flight before it fails, so nothing is still
// talking SMTP when the caller closes the mailer.
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (!failure && next < items.length) {
      try {
        await fn(items[next++])
      } catch (error) {
        failure ??= { error }
      }
    }
  })
  await Promise.all(lanes)
  if (failure) throw failure.error
}

/**
 * The in-process worker (the app server's default). Passes run one after
 * another, `intervalMs` apart; the returned function stops it and waits for
 * the pass in flight.
 */
export function startOutboxWorker(opts: DrainOptions & { intervalMs?: number; log?: (line: string) => void } = {}): () => Promise<void> {
  const { intervalMs = 5_000, log = (l) => console.warn(l), ...drain } = opts
  const mailer = drain.mailer ?? mailerFromEnv()
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  const tick = () => {
    running = drainOnce({ ...drain, mailer })
      .then((c) => {
        if (c.failed + c.unknown > 0) log(`Очередь писем: не доставлено ${c.failed}, с неизвестным исходом ${c.unknown} (см. /outbox)`)
      })
      .catch((e) => log(`Очередь писем: ошибка обработчика: ${errorText(e)}`))
      .finally(() => {
        running = undefined
        if (!stopped) timer = setTimeout(tick, intervalMs)
      })
  }
  timer = setTimeout(tick, 0)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
    await mailer.close()
  }
}

/**
 * The worker as its own process (`npm run rma -- worker`) for deployments
 * that run it apart from the app servers. With the embedded database it
 * cannot run beside the app: PGlite is single-process, so set DATABASE_URL.
 */
export async function runWorkerForever(opts: { intervalMs?: number } = {}): Promise<void> {
  const config = env()
  const database = await startDatabase({ url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX, dataDir: config.DATA_DIR })
  const stop = startOutboxWorker({ intervalMs: opts.intervalMs, log: (l) => console.log(l) })
  console.log(
    config.SMTP_URL
      ? 'Обработчик очереди писем запущен: отправка через SMTP.'
      : `Обработчик очереди писем запущен: письма записываются в ${join(resolve(config.DATA_DIR), 'outbox')}.`,
  )
  await new Promise<void>((done) => {
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  await stop()
  await database.stop()
}
