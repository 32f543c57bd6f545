import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { enqueue } from '../../db/queries/outbox.server'
import { makeRegion } from '../../test/fixtures'
import { startSmtpSink, type SinkHooks } from '~/mail/smtp-sink'
import { createMailer } from '~/mail/transport.server'
import { drainOnce } from '~/mail/worker.server'
import { resendOutboxMessage } from './outbox.server'

// A person sends a failed message again (decision 0003): the worker never
// does it on its own for an unknown outcome. A real SMTP server in this
// process counts each Message-ID it receives.

const FROM = 'Реестр методического актива <noreply@rma.test>'

const cleanup: (() => Promise<unknown>)[] = []
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!()
})

async function smtp(hooks: SinkHooks = {}) {
  const server = await startSmtpSink(hooks)
  cleanup.push(() => server.close())
  const mailer = createMailer({ smtpUrl: server.url, dataDir: '', maxConnections: 1 })
  cleanup.push(() => mailer.close())
  const drain = (regionId: number) => drainOnce({ regionId, mailer, from: FROM, baseUrl: 'http://rma.test', retryBaseMs: 10, retryMaxMs: 50 })
  return { server, drain }
}

type Row = { id: number; status: string; failure: string | null; attempts: number; message_id: string | null; recipient_email: string }
const rowsOf = (regionId: number) =>
  db()<Row[]>`select id::int, status, failure, attempts, message_id, recipient_email from outbox where region_id = ${regionId} order by id`

async function seed(regionId: number, emails: string[]) {
  await enqueue(
    emails.map((email, i) => ({
      regionId,
      template: 'applicationReceived',
      to: { userId: null, email, role: 'applicant' as const },
      entity: 'test',
      entityId: i,
      payload: { event: 'SUBMIT', from: 'draft', to: 'submitted', reason: null },
    })),
  )
  return rowsOf(regionId)
}

describe('resending a failed message from the outbox', () => {
  it('unknown outcome: refused without accepting a duplicate; with it, delivered once more; audited', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    await seed(region.regionId, [`one.${randomUUID().slice(0, 6)}@test.rma`])
    let drop = true
    const { server, drain } = await smtp({ data: () => (drop ? 'drop' : 'accept') })
    await drain(region.regionId)
    const [unknown] = await rowsOf(region.regionId)
    expect(unknown).toMatchObject({ status: 'failed', failure: 'unknown', attempts: 1 })
    expect(server.seen.get(unknown.message_id!)).toBe(1)
    // the worker on its own never sends it again
    drop = false
    await drain(region.regionId)
    expect(server.seen.get(unknown.message_id!)).toBe(1)

    await expect(resendOutboxMessage(coordinator, unknown.id, { acceptDuplicate: false })).rejects.toMatchObject({ code: 'CONFIRM_DUPLICATE', status: 400 })
    expect((await rowsOf(region.regionId))[0]).toMatchObject({ status: 'failed', failure: 'unknown' })

    expect(await resendOutboxMessage(coordinator, unknown.id, { acceptDuplicate: true })).toEqual({ id: unknown.id, failure: 'unknown' })
    await drain(region.regionId)
    expect(server.seen.get(unknown.message_id!)).toBe(2)
    expect((await rowsOf(region.regionId))[0]).toMatchObject({ status: 'sent', failure: null, attempts: 2, message_id: unknown.message_id })

    const audit = await db()`
      select actor_user_id::int as actor, region_id::int as region, action, from_state, to_state, data, at
      from audit_events where entity = 'outbox' and entity_id = ${unknown.id}`
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actor: coordinator.userId,
      region: region.regionId,
      action: 'OUTBOX_RESEND',
      from_state: 'failed',
      to_state: 'pending',
      data: { failure: 'unknown', attempts: 1, messageId: unknown.message_id, duplicateAccepted: true },
    })
    expect(audit[0].at).toBeInstanceOf(Date)
  })

  it('a refused recipient: resent without a duplicate warning and delivered once', async () => {
    const region = await makeRegion()
    const admin = await region.actor('admin')
    await seed(region.regionId, [`typo.${randomUUID().slice(0, 6)}@test.rma`])
    let refuse = true
    const { server, drain } = await smtp({ rcpt: () => (refuse ? { code: 550, message: 'No such user here' } : null) })
    await drain(region.regionId)
    const [failed] = await rowsOf(region.regionId)
    expect(failed).toMatchObject({ status: 'failed', failure: 'rejected' })
    refuse = false
    await resendOutboxMessage(admin, failed.id, { acceptDuplicate: false })
    await drain(region.regionId)
    expect((await rowsOf(region.regionId))[0]).toMatchObject({ status: 'sent' })
    expect(server.received.filter((m) => m.messageId === failed.message_id)).toHaveLength(1)
    const [audit] = await db()`select action, data from audit_events where entity = 'outbox' and entity_id = ${failed.id}`
    expect(audit).toMatchObject({ action: 'OUTBOX_RESEND', data: { failure: 'rejected', duplicateAccepted: false } })
  })

  it('refuses a sent or queued message, a role without the permission and another region’s coordinator; nothing is audited', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const [sent, pending, failed] = await seed(region.regionId, ['a@test.rma', 'b@test.rma', 'c@test.rma'])
    await db()`update outbox set status = 'sent', sent_at = now(), delivery = 'smtp' where id = ${sent.id}`
    await db()`update outbox set status = 'failed', failure = 'unknown', attempts = 1 where id = ${failed.id}`

    await expect(resendOutboxMessage(coordinator, sent.id, { acceptDuplicate: true })).rejects.toMatchObject({ code: 'NOT_RESENDABLE', status: 409 })
    await expect(resendOutboxMessage(coordinator, pending.id, { acceptDuplicate: true })).rejects.toMatchObject({ code: 'NOT_RESENDABLE', status: 409 })
    for (const role of ['secretary', 'ministryOfficer', 'municipalCoordinator'] as const) {
      await expect(resendOutboxMessage(await region.actor(role), failed.id, { acceptDuplicate: true }), role).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 })
    }
    await expect(resendOutboxMessage(await other.actor('regionalCoordinator'), failed.id, { acceptDuplicate: true })).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 })

    expect((await rowsOf(region.regionId)).map((r) => r.status)).toEqual(['sent', 'pending', 'failed'])
    const [{ n }] = await db()`select count(*)::int as n from audit_events where entity = 'outbox' and entity_id = any(${[sent.id, pending.id, failed.id]})`
    expect(n).toBe(0)
  })
})
