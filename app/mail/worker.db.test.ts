import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { submitApplication } from '~/domain/applications.server'
import { db } from '../../db/client.server'
import { enqueue, requeue, type OutboxInput } from '../../db/queries/outbox.server'
import { makeApplication, makeRegion } from '../../test/fixtures'
import { rowAfter } from '../../workflows/snapshot'
import { sendEvent, SYSTEM } from '../../workflows/transition.server'
import { readEml } from './eml.server'
import { freePort, startSmtpSink, type SmtpSink } from './smtp-sink'
import { createMailer, type Mailer } from './transport.server'
import { drainOnce, retryDelay, startOutboxWorker, type DrainOptions } from './worker.server'

// A real SMTP server in this process; every drain is scoped to the test's own
// region because other test files share this database.

const FROM = 'Реестр методического актива <noreply@rma.test>'
const BASE = 'http://rma.test'

const cleanup: (() => Promise<unknown>)[] = []
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!()
})

async function sink(...args: Parameters<typeof startSmtpSink>): Promise<SmtpSink> {
  const s = await startSmtpSink(...args)
  cleanup.push(() => s.close())
  return s
}

function smtpMailer(s: { url: string }, maxConnections = 4): Mailer {
  const m = createMailer({ smtpUrl: s.url, dataDir: '', maxConnections })
  cleanup.push(() => m.close())
  return m
}

const drain = (regionId: number, mailer: Mailer, extra: Partial<DrainOptions> = {}) =>
  drainOnce({ regionId, mailer, from: FROM, baseUrl: BASE, retryBaseMs: 10, retryMaxMs: 50, ...extra })

type Row = {
  id: number
  template: string
  status: string
  failure: string | null
  attempts: number
  recipient_email: string | null
  message_id: string | null
  delivery: string | null
  last_error: string | null
}
const rowsOf = (regionId: number) =>
  db()<Row[]>`
    select id::int, template, status, failure, attempts, recipient_email, message_id, delivery, last_error
    from outbox where region_id = ${regionId} order by id`

/** `n` plain rows of the region, one without an address (in-app only). */
async function seedRows(regionId: number, n: number, email = (i: number) => `person${i}.${randomUUID().slice(0, 6)}@test.rma`) {
  const rows: OutboxInput[] = Array.from({ length: n }, (_, i) => ({
    regionId,
    template: 'applicationReceived',
    to: { userId: null, email: email(i), role: 'applicant' },
    // an entity the mail context never joins: the text depends on nothing outside the test
    entity: 'test',
    entityId: i,
    payload: { event: 'SUBMIT', from: 'draft', to: 'submitted', reason: null },
  }))
  await enqueue(rows)
}

async function drainUntilQuiet(regionId: number, mailer: Mailer, extra: Partial<DrainOptions> = {}, rounds = 60) {
  for (let i = 0; i < rounds; i++) {
    await drain(regionId, mailer, extra)
    const [{ n }] = await db()<{ n: number }[]>`
      select count(*)::int as n from outbox where region_id = ${regionId} and status in ('pending', 'sending')`
    if (n === 0) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('outbox did not drain')
}

describe('outbox worker over real SMTP', () => {
  it('sends every template to the right recipient, with Russian content and nothing private', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const secretary = await region.actor('secretary')
    const member = await region.actor('commissionMember')
    const ministry = await region.actor('ministryOfficer')
    const coordinator = await region.actor('regionalCoordinator')
    const login = async (userId: number) => (await db()`select login from users where id = ${userId}`)[0].login as string

    const id = await makeApplication(region, applicant)
    const [{ personId }] = await db()`select person_id::int as "personId" from applications where id = ${id}`
    await db()`update person_private set birth_date = '1984-03-17', snils = '123-456-789 64', private_email = 'maria.home@private.example' where person_id = ${personId}`
    await submitApplication(id, applicant)
    const send = (event: { type: string; [k: string]: unknown }, entity: 'application' | 'campaign' | 'member' = 'application', eid = id) =>
      sendEvent({ entity, id: eid, event: event as never, actor: SYSTEM })
    await send({ type: 'REQUEST_INFO', message: 'Приложите копию диплома о высшем образовании.' })
    await send({ type: 'PROVIDE_INFO' })
    await send({ type: 'ADMIT' })
    await send({ type: 'RECOMMEND' })
    await send({ type: 'SEND_TO_MINISTRY' })
    await send({ type: 'RETURN', reason: 'Нет подтверждения стажа.' })
    await send({ type: 'REVIEW_AGAIN' })
    await send({ type: 'RECOMMEND' })
    await send({ type: 'SEND_TO_MINISTRY' })
    await send({ type: 'APPROVE' })
    await send({ type: 'PUBLISH' })

    const other = await makeApplication(region, applicant)
    await submitApplication(other, applicant)
    await send({ type: 'MARK_INELIGIBLE', reasons: ['Нет высшей квалификационной категории', 'Стаж менее 5 лет'] }, 'application', other)
    await send({ type: 'CLOSE' }, 'campaign', region.campaignId)

    const m = rowAfter('member', [])
    const [{ memberId }] = await db()`
      insert into members (region_id, roster_id, person_id, application_id, snapshot, state, machine_version)
      values (${region.regionId}, ${region.rosterId}, ${personId}, ${id}, ${db().json(m.snapshot as never)}, ${m.state}, ${m.machineVersion})
      returning id::int as "memberId"`
    await send({ type: 'EXCLUDE', ground: 'jobChange', reason: 'Переход на другую работу.', orderId: 7 }, 'member', memberId)
    await enqueue([
      { regionId: region.regionId, template: 'consentChanged', to: { userId: applicant.userId, email: 'maria@test.rma', role: 'member' }, entity: 'member', entityId: memberId, payload: { fields: ['fullName', 'workplace'] } },
      { regionId: region.regionId, template: 'consentWithdrawn', to: { userId: applicant.userId, email: 'maria@test.rma', role: 'member' }, entity: 'member', entityId: memberId, payload: { withdrawnAt: '2026-05-01T09:30:00Z' } },
      {
        regionId: region.regionId,
        template: 'digest',
        to: { userId: coordinator.userId, email: await login(coordinator.userId), role: 'coordinator' },
        entity: 'user',
        entityId: coordinator.userId,
        payload: { sections: [{ title: 'Согласованы и ждут публикации', count: 1, items: [{ label: 'Тестова Мария Ивановна', path: `/applications/${id}` }] }] },
      },
    ])

    const server = await sink()
    const counts = await drain(region.regionId, smtpMailer(server))
    const rows = await rowsOf(region.regionId)
    expect(counts.sent).toBe(rows.length)
    expect(rows.every((r) => r.status === 'sent' && r.delivery === 'smtp' && r.attempts === 1)).toBe(true)

    const byId = new Map(server.received.map((r) => [r.messageId, r]))
    expect(byId.size).toBe(rows.length)
    const mailOf = (template: string, nth = 0) => {
      const row = rows.filter((r) => r.template === template)[nth]
      expect(row, template).toBeDefined()
      const mail = byId.get(row.message_id!)!
      expect(mail.to).toEqual([row.recipient_email])
      expect(mail.from).toBe('noreply@rma.test')
      return mail
    }
    const [a, s, c, mi, co] = await Promise.all([applicant, secretary, member, ministry, coordinator].map((x) => login(x.userId)))

    expect(mailOf('applicationReceived')).toMatchObject({ to: [a], subject: `Заявление принято № ${id}` })
    expect(mailOf('applicationReceived').text).toContain(`${BASE}/applications/${id}`)
    expect(mailOf('screeningWaiting').to).toEqual([s])
    expect(mailOf('screeningWaiting').text).toContain('Тестова Мария Ивановна')
    expect(mailOf('informationRequested').to).toEqual([a])
    expect(mailOf('informationRequested').text).toContain('> Приложите копию диплома о высшем образовании.')
    expect(mailOf('informationProvided').to).toEqual([s])
    expect(mailOf('eligibilityResult', 0).text).toContain('передано на рассмотрение отборочной комиссии')
    expect(mailOf('reviewWaiting').to).toEqual([c])
    expect(mailOf('commissionDecision').text).toContain('рекомендовала вас')
    expect(mailOf('approvalWaiting').to).toEqual([mi])
    expect(mailOf('ministryReturned').to).toEqual([s])
    expect(mailOf('ministryReturned').text).toContain('> Нет подтверждения стажа.')
    expect(mailOf('ministryDecision').to).toEqual([a])
    expect(mailOf('published').to).toEqual([a])
    expect(mailOf('published').text).toContain(`${BASE}/roster`)
    const ineligible = mailOf('eligibilityResult', 1)
    expect(ineligible.to).toEqual([a])
    expect(ineligible.text).toContain('  • Нет высшей квалификационной категории\n  • Стаж менее 5 лет')
    expect(mailOf('campaignClosed').to).toEqual([s])
    expect(mailOf('campaignClosed').subject).toBe('Приём заявлений завершён: «Тестовый отбор»')
    expect(mailOf('excluded').to).toEqual(['maria@test.rma'])
    expect(mailOf('excluded').text).toContain('Переход на другую работу.')
    expect(mailOf('consentChanged').text).toContain('место работы')
    expect(mailOf('consentWithdrawn').text).toContain('1 мая 2026')
    expect(mailOf('consentWithdrawn').text).toContain('удалены со всех публичных страниц')
    expect(mailOf('digest')).toMatchObject({ to: [co], subject: 'Ждут вашего внимания: 1' })

    for (const mail of server.received) {
      for (const secret of ['+7 900 000-00-00', '1984', '17.03', '123-456-789 64', 'maria.home@private.example']) {
        expect(mail.text + mail.subject).not.toContain(secret)
      }
      // The raw message also carries random tokens (MIME boundaries, the Message-ID) where
      // a short digit run like "1984" can occur by chance; remove them and look for the
      // secrets in every form they could be written in.
      const tokens = [mail.messageId, ...[...mail.raw.matchAll(/boundary="?([^";\r\n]+)/gi)].map((m) => m[1])]
      const raw = tokens.reduce((r, t) => r.split(t).join(''), mail.raw)
      for (const secret of ['+7 900 000-00-00', '1984-03-17', '17.03.1984', '123-456-789 64', 'maria.home@private.example']) {
        expect(raw).not.toContain(secret)
      }
    }
  })

  it('rows without an address are in-app only: marked sent, nothing goes out', async () => {
    const region = await makeRegion()
    await seedRows(region.regionId, 2)
    await enqueue([{ regionId: region.regionId, template: 'applicationReceived', to: { userId: null, email: null, role: 'applicant' }, entity: 'test', entityId: 1, payload: {} }])
    const server = await sink()
    const counts = await drain(region.regionId, smtpMailer(server))
    expect(counts).toMatchObject({ sent: 2, inApp: 1 })
    const rows = await rowsOf(region.regionId)
    expect(rows.map((r) => [r.status, r.delivery])).toEqual([['sent', 'smtp'], ['sent', 'smtp'], ['sent', 'inApp']])
    expect(server.received).toHaveLength(2)
  })

  it('server down for a while, then up again: every message delivered exactly once', async () => {
    const region = await makeRegion()
    await seedRows(region.regionId, 12)
    const port = await freePort()
    const mailer = smtpMailer({ url: `smtp://127.0.0.1:${port}` })

    const first = await drain(region.regionId, mailer)
    expect(first).toMatchObject({ sent: 0, retried: 12, failed: 0, unknown: 0 })
    let rows = await rowsOf(region.regionId)
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 1 && /ECONNREFUSED/.test(r.last_error ?? ''))).toBe(true)
    // still down: another round of retries, still nothing lost
    await new Promise((r) => setTimeout(r, 30))
    await drain(region.regionId, mailer)
    expect((await rowsOf(region.regionId)).every((r) => r.status === 'pending')).toBe(true)

    // up again on the same address; the first message meets a 451 once (greylisting)
    let greylisted = false
    const server = await sink(
      {
        data: () => {
          if (greylisted) return 'accept'
          greylisted = true
          return { code: 451, message: 'Try again later' }
        },
      },
      port,
    )
    await drainUntilQuiet(region.regionId, mailer)
    rows = await rowsOf(region.regionId)
    expect(rows.every((r) => r.status === 'sent')).toBe(true)
    expect(server.received).toHaveLength(12)
    for (const r of rows) expect(server.received.filter((m) => m.messageId === r.message_id)).toHaveLength(1)
    // one was refused once with a 4xx and so tried once more
    expect([...server.seen.values()].filter((n) => n === 2)).toHaveLength(1)
  })

  it('server shut down in the middle of the queue and started again: the rest delivered, nothing twice', async () => {
    const region = await makeRegion()
    await seedRows(region.regionId, 10)
    const before = await startSmtpSink()
    const mailer = smtpMailer(before)
    expect((await drain(region.regionId, mailer, { limit: 4 })).sent).toBe(4)
    await before.close()
    expect(await drain(region.regionId, mailer)).toMatchObject({ sent: 0, retried: 6, unknown: 0 })
    const after = await sink({}, before.port)
    await drainUntilQuiet(region.regionId, mailer)
    const rows = await rowsOf(region.regionId)
    expect(rows.every((r) => r.status === 'sent')).toBe(true)
    const ids = [...before.received, ...after.received].map((m) => m.messageId).sort()
    expect(ids).toEqual(rows.map((r) => r.message_id).sort())
    expect(before.received).toHaveLength(4)
    expect(after.received).toHaveLength(6)
  })

  it('a recipient refused with 550 is marked failed; the others are delivered', async () => {
    const region = await makeRegion()
    await seedRows(region.regionId, 5, (i) => (i === 2 ? `nobody.${randomUUID().slice(0, 6)}@test.rma` : `ok${i}.${randomUUID().slice(0, 6)}@test.rma`))
    const server = await sink({ rcpt: (address) => (address.startsWith('nobody.') ? { code: 550, message: 'No such user here' } : null) })
    const counts = await drain(region.regionId, smtpMailer(server))
    expect(counts).toMatchObject({ sent: 4, failed: 1, retried: 0 })
    const rows = await rowsOf(region.regionId)
    const bad = rows.find((r) => r.recipient_email!.startsWith('nobody.'))!
    expect(bad).toMatchObject({ status: 'failed', failure: 'rejected', attempts: 1 })
    expect(bad.last_error).toContain('550')
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(4)
    expect(server.received.map((m) => m.to[0]).sort()).toEqual(rows.filter((r) => r !== bad).map((r) => r.recipient_email).sort())
    // a later pass does not touch the failed row
    await drain(region.regionId, smtpMailer(server))
    expect((await rowsOf(region.regionId)).find((r) => r.id === bad.id)).toMatchObject({ status: 'failed', attempts: 1 })
  })

  it('the connection cut before the message body (at RCPT TO): retried later, delivered once', async () => {
    const region = await makeRegion()
    await seedRows(region.regionId, 3)
    const rows0 = await rowsOf(region.regionId)
    // the first message on a fresh connection, the third on one that already delivered a message
    const cut = new Set([rows0[0].recipient_email, rows0[2].recipient_email])
    const server = await sink({ rcpt: (address) => (cut.delete(address) ? 'drop' : null) })
    const mailer = smtpMailer(server, 1)
    expect(await drain(region.regionId, mailer)).toMatchObject({ sent: 1, retried: 2, unknown: 0, failed: 0 })
    expect(server.seen.size).toBe(1)
    await drainUntilQuiet(region.regionId, mailer)
    const rows = await rowsOf(region.regionId)
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 2], ['sent', 1], ['sent', 2]])
    for (const r of rows) expect(server.seen.get(r.message_id!)).toBe(1)
  })

  it('a temporary failure that never ends stops after maxAttempts as failed', async () => {
    const region = await makeRegion()
    await seedRows(region.regionId, 1)
    const mailer = smtpMailer({ url: `smtp://127.0.0.1:${await freePort()}` })
    await drainUntilQuiet(region.regionId, mailer, { maxAttempts: 3 })
    const [row] = await rowsOf(region.regionId)
    expect(row).toMatchObject({ status: 'failed', failure: 'attempts', attempts: 3 })
  })

  it('the connection cut after the message was sent and before the answer: failed as unknown, never resent', async () => {
    const region = await makeRegion()
    await seedRows(region.regionId, 3)
    let dropped = false
    const server = await sink({
      data: () => {
        if (dropped) return 'accept'
        dropped = true
        return 'drop'
      },
    })
    const mailer = smtpMailer(server, 1)
    await drain(region.regionId, mailer)
    await drainUntilQuiet(region.regionId, mailer)
    const rows = await rowsOf(region.regionId)
    const unknown = rows.filter((r) => r.status === 'failed')
    expect(unknown).toHaveLength(1)
    expect(unknown[0]).toMatchObject({ failure: 'unknown', attempts: 1 })
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(2)
    for (const r of rows) expect(server.seen.get(r.message_id!)).toBe(1)
    // a person checks the server's log, finds it missing, and requeues it: sent once more, by decision
    expect(await requeue(unknown[0].id)).toBe(true)
    await drain(region.regionId, mailer)
    expect(server.seen.get(unknown[0].message_id!)).toBe(2)
    expect((await rowsOf(region.regionId)).every((r) => r.status === 'sent')).toBe(true)
  })

  it('a worker that died mid-send leaves its row for review; one that died before sending leaves it for the queue', async () => {
    const region = await makeRegion()
    await seedRows(region.regionId, 3)
    const [attempted, claimed] = await rowsOf(region.regionId)
    const token = randomUUID()
    await db()`
      update outbox set status = 'sending', claim_token = ${token}, claimed_at = now() - interval '1 hour',
                        send_started_at = case when id = ${attempted.id} then now() - interval '1 hour' end,
                        attempts = case when id = ${attempted.id} then 1 else 0 end,
                        message_id = case when id = ${attempted.id} then '<dead-worker@rma.test>' end
      where id in (${attempted.id}, ${claimed.id})`
    const server = await sink()
    const counts = await drain(region.regionId, smtpMailer(server), { leaseMs: 60_000 })
    expect(counts).toMatchObject({ unknown: 1, released: 1, sent: 2 })
    const rows = await rowsOf(region.regionId)
    expect(rows.find((r) => r.id === attempted.id)).toMatchObject({ status: 'failed', failure: 'unknown' })
    expect(rows.find((r) => r.id === claimed.id)).toMatchObject({ status: 'sent', attempts: 1 })
    expect(server.received.map((m) => m.messageId)).not.toContain('<dead-worker@rma.test>')
    // a claim that is still fresh belongs to a live worker and is left alone
    await seedRows(region.regionId, 1)
    const [fresh] = (await rowsOf(region.regionId)).slice(-1)
    await db()`update outbox set status = 'sending', claim_token = ${randomUUID()}, claimed_at = now(), send_started_at = now() where id = ${fresh.id}`
    await drain(region.regionId, smtpMailer(server), { leaseMs: 60_000 })
    expect((await rowsOf(region.regionId)).find((r) => r.id === fresh.id)).toMatchObject({ status: 'sending' })
  })

  it('two workers draining at once never deliver a message twice', async () => {
    const region = await makeRegion()
    await seedRows(region.regionId, 40)
    const server = await sink()
    const [x, y] = await Promise.all([
      drain(region.regionId, smtpMailer(server, 2), { batchSize: 3, concurrency: 2 }),
      drain(region.regionId, smtpMailer(server, 2), { batchSize: 3, concurrency: 2 }),
    ])
    expect(x.sent + y.sent).toBe(40)
    // both really worked the same queue at the same time
    expect(x.sent).toBeGreaterThan(0)
    expect(y.sent).toBeGreaterThan(0)
    const rows = await rowsOf(region.regionId)
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true)
    expect(server.received).toHaveLength(40)
    expect([...server.seen.values()].every((n) => n === 1)).toBe(true)
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(40)
  })

  it('only drains its own scope', async () => {
    const mine = await makeRegion()
    const theirs = await makeRegion()
    await seedRows(mine.regionId, 2)
    await seedRows(theirs.regionId, 2)
    const server = await sink()
    await drain(mine.regionId, smtpMailer(server))
    expect((await rowsOf(theirs.regionId)).every((r) => r.status === 'pending')).toBe(true)
    const [one] = await rowsOf(theirs.regionId)
    await drainOnce({ ids: [one.id], mailer: smtpMailer(server), from: FROM, baseUrl: BASE })
    expect((await rowsOf(theirs.regionId)).map((r) => r.status)).toEqual(['sent', 'pending'])
  })
})

describe('outbox worker without SMTP_URL', () => {
  it('writes each message as an .eml file under DATA_DIR/outbox and the UI can read it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rma-outbox-'))
    cleanup.push(() => rm(dir, { recursive: true, force: true }))
    const region = await makeRegion()
    await seedRows(region.regionId, 3)
    const mailer = createMailer({ dataDir: dir })
    const counts = await drain(region.regionId, mailer)
    expect(counts.sent).toBe(3)
    const rows = await rowsOf(region.regionId)
    expect(rows.every((r) => r.status === 'sent' && r.delivery === 'file')).toBe(true)
    expect((await readdir(join(dir, 'outbox'))).sort()).toEqual(rows.map((r) => `outbox-${r.id}.eml`).sort())
    const eml = await readEml(dir, rows[0].id)
    // the seeded rows name no real application, so the mail names none either
    expect(eml).toMatchObject({ to: rows[0].recipient_email, subject: 'Заявление принято', messageId: rows[0].message_id })
    expect(eml!.from).toBe(FROM)
    expect(eml!.text).toContain('Ваше заявление на включение в методический актив')
    expect(eml!.raw).toMatch(/\r\n/)
    expect(await readEml(dir, 999_999_999)).toBeNull()
  })

  it('startOutboxWorker drains in the background until stopped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rma-outbox-'))
    cleanup.push(() => rm(dir, { recursive: true, force: true }))
    const region = await makeRegion()
    await seedRows(region.regionId, 2)
    const stop = startOutboxWorker({ regionId: region.regionId, mailer: createMailer({ dataDir: dir }), from: FROM, baseUrl: BASE, intervalMs: 20 })
    try {
      for (let i = 0; i < 100; i++) {
        if ((await rowsOf(region.regionId)).every((r) => r.status === 'sent')) break
        await new Promise((r) => setTimeout(r, 20))
      }
      await seedRows(region.regionId, 1)
      for (let i = 0; i < 100; i++) {
        if ((await rowsOf(region.regionId)).every((r) => r.status === 'sent')) break
        await new Promise((r) => setTimeout(r, 20))
      }
    } finally {
      await stop()
    }
    expect((await rowsOf(region.regionId)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent'])
    expect(await readdir(join(dir, 'outbox'))).toHaveLength(3)
  })
})

describe('retry delay', () => {
  it('doubles per attempt within ±20 % and stops at the maximum', () => {
    expect(retryDelay(1, 1000, 60_000, () => 0.5)).toBe(1000)
    expect(retryDelay(3, 1000, 60_000, () => 0.5)).toBe(4000)
    expect(retryDelay(3, 1000, 60_000, () => 0)).toBe(3200)
    expect(retryDelay(30, 1000, 60_000, () => 1)).toBe(72_000)
  })
})
