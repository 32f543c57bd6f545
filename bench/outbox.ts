import { initialRow } from '../workflows/snapshot'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { startSmtpSink } from '../app/mail/smtp-sink'
import { createMailer } from '../app/mail/transport.server'
import { defaults, drainOnce } from '../app/mail/worker.server'
import { insertCampaign } from '../db/queries/campaigns.server'
import { preset } from '../db/presets'
import { installPreset } from '../db/seed/presets.server'
import { startDatabase } from '../db/start.server'

// outbox_mails_per_s (issue 5): N outbox rows in a fresh embedded PGlite,
// drained by the real worker over SMTP to a local smtp-server in this
// process. Counts the whole path: claim (SKIP LOCKED), context join,
// rendering, MIME composition, the attempt record, SMTP, the final mark.
// The worker runs with its defaults (batches of 20, 4 SMTP sessions).

export type BenchResult = { name: string; value: number; unit: string }

const TEMPLATES = ['applicationReceived', 'screeningWaiting', 'eligibilityResult', 'commissionDecision', 'approvalWaiting', 'campaignClosed']

export async function benchOutbox(opts: { rows?: number; print?: boolean } = {}): Promise<BenchResult> {
  const n = opts.rows ?? Number(process.env.BENCH_OUTBOX_ROWS ?? 2000)
  const dir = await mkdtemp(join(tmpdir(), 'rma-bench-outbox-'))
  const database = await startDatabase({ dataDir: dir })
  const sink = await startSmtpSink({ countOnly: true })
  const mailer = createMailer({ smtpUrl: sink.url, dataDir: dir, maxConnections: defaults.concurrency })
  try {
    const sql = database.sql
    const region = await installPreset(preset('tomsk'), { code: 'bench-outbox' })
    const campaignId = await insertCampaign({ initial: initialRow('campaign'), ...region, title: 'Отбор в методический актив 2026', opensOn: null, closesOn: null })
    const rows = Array.from({ length: n }, (_, i) => ({
      region_id: region.regionId,
      template: TEMPLATES[i % TEMPLATES.length],
      recipient_email: `teacher${i}@bench.rma`,
      recipient_role: 'applicant',
      entity: 'campaign',
      entity_id: campaignId,
      payload: { event: 'SUBMIT', from: 'draft', to: i % 2 ? 'ineligible' : 'inReview', reason: 'Стаж менее 5 лет' },
    }))
    for (let i = 0; i < rows.length; i += 1000) await sql`insert into outbox ${sql(rows.slice(i, i + 1000) as never)}`

    const started = performance.now()
    let sent = 0
    for (;;) {
      const c = await drainOnce({
        regionId: region.regionId,
        mailer,
        from: 'Реестр методического актива <noreply@bench.rma>',
        baseUrl: 'http://localhost:3000',
      })
      sent += c.sent
      if (c.sent + c.retried + c.failed + c.unknown + c.inApp === 0) break
    }
    const seconds = (performance.now() - started) / 1000

    const [{ left }] = await sql<{ left: number }[]>`select count(*)::int as left from outbox where status <> 'sent'`
    const twice = [...sink.seen.values()].filter((k) => k !== 1).length
    if (sent !== n || left !== 0 || sink.seen.size !== n || twice !== 0) {
      throw new Error(`outbox bench: sent ${sent}/${n}, ${left} not sent, ${sink.seen.size} received, ${twice} received more than once`)
    }
    const result = { name: 'outbox_mails_per_s', value: Math.round((n / seconds) * 10) / 10, unit: 'mails/s' }
    if (opts.print ?? true) console.log(JSON.stringify(result))
    return result
  } finally {
    await mailer.close()
    await sink.close()
    await database.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchOutbox().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
