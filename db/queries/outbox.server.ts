import { db, type Db } from '../client.server'
import type { Cursor } from '~/model/paging'
import { municipalNotificationLabels } from '~/model/labels'
import { afterCursor } from './keyset'

/** Who a notification goes to, by role relative to the record (workflows/notify.ts). */
export type Recipient = 'applicant' | 'secretary' | 'chair' | 'commission' | 'ministry' | 'coordinator' | 'municipality' | 'member' | 'account'

export type Addressee = { userId: number | null; email: string | null; role: Recipient }

export type OutboxInput = {
  regionId: number | null
  template: string
  to: Addressee
  entity: string
  entityId: number
  payload: Record<string, unknown>
}

export async function enqueue(rows: OutboxInput[], tx: Db = db()): Promise<void> {
  if (rows.length === 0) return
  const values = rows.map((r) => ({
    region_id: r.regionId,
    template: r.template,
    recipient_user_id: r.to.userId,
    recipient_email: r.to.email,
    recipient_role: r.to.role,
    entity: r.entity,
    entity_id: r.entityId,
    payload: r.payload,
  }))
  await tx`insert into outbox ${tx(values as never)}`
}

/**
 * Who a machine's `notify` means, resolved inside the transaction so the
 * outbox row names a person, not a role that may change later.
 */
export async function resolveRecipients(
  to: Recipient,
  scope: {
    regionId: number
    municipalityId: number | null
    commissionId: number | null
    applicationId?: number
    memberId?: number
    /** a municipal selection (issue 10 §6): its approver stands for the ministry, its coordinator for the region's */
    campaignMunicipalityId?: number | null
  },
  tx: Db = db(),
): Promise<Addressee[]> {
  switch (to) {
    // an account's own mail (reset, confirmation) names its user directly, never through a role
    case 'account':
      return []
    case 'applicant': {
      if (!scope.applicationId) return []
      return tx<Addressee[]>`
        select u.id::int as "userId", coalesce(u.login, p.work_email) as email, 'applicant' as role
        from applications a join people p on p.id = a.person_id
        left join users u on u.id = coalesce(a.applicant_user_id, (select id from users where person_id = p.id limit 1))
        where a.id = ${scope.applicationId}`
    }
    case 'member': {
      if (!scope.memberId) return []
      return tx<Addressee[]>`
        select u.id::int as "userId", coalesce(u.login, p.work_email) as email, 'member' as role
        from members m join people p on p.id = m.person_id
        left join users u on u.person_id = p.id
        where m.id = ${scope.memberId}`
    }
    case 'secretary':
    case 'chair':
    case 'commission': {
      if (!scope.commissionId) return []
      const roles = to === 'commission' ? ['member', 'chair'] : [to]
      return tx<Addressee[]>`
        select u.id::int as "userId", u.login as email, ${to} as role
        from commission_members cm join users u on u.id = cm.user_id
        where cm.commission_id = ${scope.commissionId} and cm.active and u.active and cm.role = any(${roles})`
    }
    case 'ministry':
    case 'coordinator':
    case 'municipality': {
      const selection = scope.campaignMunicipalityId ?? null
      if (selection !== null && to !== 'municipality') {
        const role = to === 'ministry' ? 'municipalApprover' : 'municipalCoordinator'
        return tx<Addressee[]>`
          select distinct u.id::int as "userId", u.login as email, ${to} as role
          from role_grants g join users u on u.id = g.user_id
          where g.role = ${role} and g.municipality_id = ${selection} and u.active`
      }
      const role = to === 'ministry' ? 'ministryOfficer' : to === 'coordinator' ? 'regionalCoordinator' : 'municipalCoordinator'
      return tx<Addressee[]>`
        select distinct u.id::int as "userId", u.login as email, ${to} as role
        from role_grants g join users u on u.id = g.user_id
        where g.role = ${role} and g.region_id = ${scope.regionId} and u.active
          and (${to !== 'municipality'} or g.municipality_id = ${scope.municipalityId})`
    }
  }
}

export type Notification = {
  id: number
  createdAt: Date
  template: string
  entity: string | null
  entityId: number | null
  readAt: Date | null
  /** About a municipality's own selection (issue 10 §6): its approval notices name the municipal authority. */
  municipal: boolean
}

// why: only the approval notices are named differently for a municipal
// selection, so the lookup runs for those rows alone.
const municipalColumn = (tx: Db) => tx`
  (template in ${tx(Object.keys(municipalNotificationLabels))} and exists (
    select 1 from campaigns cp join rosters ro on ro.id = cp.roster_id
    where ro.municipality_id is not null and cp.id = case outbox.entity
      when 'campaign' then outbox.entity_id
      when 'application' then (select a.campaign_id from applications a where a.id = outbox.entity_id)
      when 'appeal' then (select a.campaign_id from appeals ap join applications a on a.id = ap.application_id where ap.id = outbox.entity_id)
    end)) as municipal`

const notificationColumns = (tx: Db) => tx`
  id::int, created_at as "createdAt", template, entity, entity_id::int as "entityId", read_at as "readAt", ${municipalColumn(tx)}`

export async function notificationsFor(userId: number, limit = 20, tx: Db = db()): Promise<Notification[]> {
  return tx<Notification[]>`
    select ${notificationColumns(tx)}
    from outbox where recipient_user_id = ${userId}
    order by id desc limit ${limit}`
}

/** The unread ones first seen on the dashboard; `limit` of them and how many there are. */
export async function unreadNotificationsFor(userId: number, limit: number, tx: Db = db()): Promise<{ rows: Notification[]; count: number }> {
  const [rows, [{ count }]] = await Promise.all([
    tx<Notification[]>`
      select ${notificationColumns(tx)}
      from outbox where recipient_user_id = ${userId} and read_at is null
      order by id desc limit ${limit}`,
    tx<{ count: number }[]>`select count(*)::int as count from outbox where recipient_user_id = ${userId} and read_at is null`,
  ])
  return { rows, count }
}

/** One page of a person's notifications, newest first (keyset on id). */
export async function notificationPage(userId: number, after: Cursor | null, limit: number, tx: Db = db()): Promise<Notification[]> {
  return tx<Notification[]>`
    select ${notificationColumns(tx)}
    from outbox where recipient_user_id = ${userId} and ${after ? tx`id < ${after.id}` : tx`true`}
    order by id desc limit ${limit}`
}

export async function notificationCount(userId: number, tx: Db = db()): Promise<number> {
  const [{ count }] = await tx<{ count: number }[]>`select count(*)::int as count from outbox where recipient_user_id = ${userId}`
  return count
}

/** Marks the person's notifications read: one (by id; 0 when it is not theirs) or all unread; returns how many rows it matched. Never touches another person's rows. */
export async function markNotificationsRead(userId: number, id: number | null, tx: Db = db()): Promise<number> {
  const rows = await tx`
    update outbox set read_at = coalesce(read_at, now())
    where recipient_user_id = ${userId} and ${id === null ? tx`read_at is null` : tx`id = ${id}`}
    returning id`
  return rows.length
}

// ---------------------------------------------------------------------------
// Delivery (app/mail/worker.server.ts, docs/decisions/0003-outbox-delivery.md)

/** Limits a worker to some rows: tests and per-region runs share one table. */
export type OutboxScope = { regionId?: number; ids?: number[] }

function scoped(tx: Db, s: OutboxScope) {
  return tx`${s.regionId != null ? tx`and region_id = ${s.regionId}` : tx``}
            ${s.ids ? tx`and id = any(${s.ids}::bigint[])` : tx``}`
}

/** A claimed row with what its template needs; never a private field (PRODUCT §6). */
export type ClaimedMail = {
  id: number
  createdAt: Date
  regionId: number | null
  template: string
  payload: Record<string, unknown>
  recipientEmail: string | null
  recipientRole: string | null
  recipientName: string | null
  entity: string | null
  entityId: number | null
  status: 'sending' | 'sent'
  attempts: number
  messageId: string | null
  regionName: string | null
  regionTimeZone: string | null
  personName: string | null
  applicationId: number | null
  campaignTitle: string | null
  campaignMunicipality: string | null
}

export async function dbNow(tx: Db = db()): Promise<Date> {
  const [row] = await tx<{ now: Date }[]>`select clock_timestamp() as now`
  return row.now
}

/**
 * Claims up to `batchSize` due rows in one statement (its own short
 * transaction): `FOR UPDATE SKIP LOCKED` lets any number of workers share the
 * table. A row with no address has nothing to send: it is an in-app
 * notification only and is marked sent here.
 */
export async function claimDue(
  opts: OutboxScope & { token: string; batchSize: number; dueBefore: Date },
  tx: Db = db(),
): Promise<ClaimedMail[]> {
  return tx<ClaimedMail[]>`
    with due as (
      select id from outbox
      where status = 'pending' and next_attempt_at <= ${opts.dueBefore} ${scoped(tx, opts)}
      order by next_attempt_at, id
      limit ${opts.batchSize}
      for update skip locked
    ), claimed as (
      update outbox o set
        status = case when coalesce(o.recipient_email, '') = '' then 'sent' else 'sending' end,
        delivery = case when coalesce(o.recipient_email, '') = '' then 'inApp' else o.delivery end,
        sent_at = case when coalesce(o.recipient_email, '') = '' then now() else o.sent_at end,
        claim_token = ${opts.token}, claimed_at = now(), send_started_at = null
      from due where o.id = due.id
      returning o.*
    )
    select c.id::int, c.created_at as "createdAt", c.region_id::int as "regionId", c.template, c.payload,
           c.recipient_email as "recipientEmail", c.recipient_role as "recipientRole", u.display_name as "recipientName",
           c.entity, c.entity_id::int as "entityId", c.status, c.attempts, c.message_id as "messageId",
           r.name as "regionName", r.time_zone as "regionTimeZone",
           nullif(concat_ws(' ', p.last_name, p.first_name, nullif(p.middle_name, '')), '') as "personName",
           a.id::int as "applicationId", cp.title as "campaignTitle",
           (select mu.name from rosters ro join municipalities mu on mu.id = ro.municipality_id
             where ro.id = cp.roster_id) as "campaignMunicipality"
    from claimed c
    left join users u on u.id = c.recipient_user_id
    left join regions r on r.id = c.region_id
    left join appeals ap on c.entity = 'appeal' and ap.id = c.entity_id
    left join applications a on a.id = case when c.entity = 'application' then c.entity_id else ap.application_id end
    left join members m on c.entity = 'member' and m.id = c.entity_id
    left join consents cs on c.entity = 'consent' and cs.id = c.entity_id
    left join campaigns cp on cp.id = coalesce(a.campaign_id, case when c.entity = 'campaign' then c.entity_id end)
    left join people p on p.id = coalesce(a.person_id, m.person_id, cs.person_id)
    order by c.id`
}

/**
 * Records the attempt before anything leaves: from here on the row may have
 * reached the server, so a lost worker leaves it for review, never for a
 * resend. False when the claim was lost (lease expired and reaped).
 */
export async function markAttempt(id: number, token: string, messageId: string, tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    update outbox set send_started_at = now(), claimed_at = now(), attempts = attempts + 1,
                      message_id = coalesce(message_id, ${messageId})
    where id = ${id} and claim_token = ${token} and status = 'sending'
    returning id`
  return rows.length === 1
}

// why: a worker that outlived its lease still holds the token; its definite
// outcome replaces the reaper's "unknown" (but never a human's requeue,
// which clears the token).
const stillOurs = (tx: Db, id: number, token: string) =>
  tx`id = ${id} and claim_token = ${token} and (status = 'sending' or (status = 'failed' and failure = 'unknown'))`

export async function markSent(id: number, token: string, delivery: 'smtp' | 'file', tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    update outbox set status = 'sent', sent_at = now(), delivery = ${delivery}, failure = null, last_error = null,
      -- a one-time link (password reset, e-mail confirmation) is not kept once it has left
      payload = payload - 'token'
    where ${stillOurs(tx, id, token)} returning id`
  return rows.length === 1
}

export async function markRetry(id: number, token: string, error: string, delayMs: number, tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    update outbox set status = 'pending', next_attempt_at = now() + ${Math.max(0, Math.round(delayMs))}::float8 * interval '1 millisecond',
                      last_error = ${error}, failure = null, claim_token = null, claimed_at = null, send_started_at = null
    where ${stillOurs(tx, id, token)} returning id`
  return rows.length === 1
}

export type FailureKind = 'rejected' | 'attempts' | 'unknown' | 'template'

export async function markFailed(id: number, token: string, failure: FailureKind, error: string, tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    update outbox set status = 'failed', failure = ${failure}, last_error = ${error}
    where ${stillOurs(tx, id, token)} returning id`
  return rows.length === 1
}

/**
 * Rows whose worker vanished. Claimed but never attempted: nothing left, so
 * they go back to the queue. Attempted: the message may have been accepted
 * before the worker died, and SMTP cannot be asked; at-most-once means they
 * become failed ('unknown') for the regional coordinator to check and requeue.
 */
export async function reapExpiredLeases(opts: OutboxScope & { leaseMs: number }, tx: Db = db()): Promise<{ released: number; unknown: number }> {
  const rows = await tx<{ started: boolean }[]>`
    update outbox set
      status = case when send_started_at is null then 'pending' else 'failed' end,
      failure = case when send_started_at is null then null else 'unknown' end,
      last_error = case when send_started_at is null then last_error
                        else 'lease expired after the send started: delivery unknown' end,
      claim_token = case when send_started_at is null then null else claim_token end,
      claimed_at = case when send_started_at is null then null else claimed_at end
    where status = 'sending' and claimed_at < now() - ${Math.round(opts.leaseMs)}::float8 * interval '1 millisecond' ${scoped(tx, opts)}
    returning send_started_at is not null as started`
  return { released: rows.filter((r) => !r.started).length, unknown: rows.filter((r) => r.started).length }
}

/** A person checked a failed row (e.g. in the mail server's log) and wants it sent again. */
export async function requeue(id: number, tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    update outbox set status = 'pending', next_attempt_at = now(), failure = null, claim_token = null,
                      claimed_at = null, send_started_at = null
    where id = ${id} and status = 'failed' returning id`
  return rows.length === 1
}

export type OutboxListRow = {
  id: number
  createdAt: Date
  regionId: number | null
  template: string
  recipientEmail: string | null
  recipientRole: string | null
  status: 'pending' | 'sending' | 'sent' | 'failed'
  delivery: 'smtp' | 'file' | 'inApp' | null
  failure: FailureKind | null
  attempts: number
  lastError: string | null
  nextAttemptAt: Date
  sentAt: Date | null
  messageId: string | null
  /** About a municipality's own selection (issue 10 §6): its approval notices name the municipal authority. */
  municipal: boolean
}

const listColumns = (tx: Db) => tx`
  id::int, created_at as "createdAt", region_id::int as "regionId", template, recipient_email as "recipientEmail",
  recipient_role as "recipientRole", status, delivery, failure, attempts, last_error as "lastError",
  next_attempt_at as "nextAttemptAt", sent_at as "sentAt", message_id as "messageId", ${municipalColumn(tx)}`

export async function outboxRowById(id: number, tx: Db = db()): Promise<OutboxListRow | undefined> {
  const [row] = await tx<OutboxListRow[]>`select ${listColumns(tx)} from outbox where id = ${id}`
  return row
}

/** The row, locked until the transaction ends (a person's decision about it). */
export async function outboxRowForUpdate(id: number, tx: Db): Promise<OutboxListRow | undefined> {
  const [row] = await tx<OutboxListRow[]>`select ${listColumns(tx)} from outbox where id = ${id} for update`
  return row
}

/**
 * One page of the outbox, newest first, keyset on the id. `total` is counted
 * only for the failed rows (few, and the ones a person must see all of); the
 * whole queue can be millions of rows, so its list says «N–M» without a total.
 */
export async function outboxPage(
  opts: { regionIds: number[] | 'all'; status?: OutboxListRow['status']; after: Cursor | null; limit: number; withTotal: boolean },
  tx: Db = db(),
): Promise<{ rows: OutboxListRow[]; total: number | null }> {
  if (opts.regionIds !== 'all' && opts.regionIds.length === 0) return { rows: [], total: opts.withTotal ? 0 : null }
  const where = () => tx`true
      ${opts.regionIds === 'all' ? tx`` : tx`and region_id = any(${opts.regionIds}::bigint[])`}
      ${opts.status ? tx`and status = ${opts.status}` : tx``}`
  const [rows, count] = await Promise.all([
    tx<OutboxListRow[]>`
      select ${listColumns(tx)} from outbox
      where ${where()} and ${afterCursor(tx, tx`id`, tx`id`, opts.after, 'desc')}
      order by id desc limit ${opts.limit + 1}`,
    opts.withTotal ? tx<{ n: number }[]>`select count(*)::int as n from outbox where ${where()}` : Promise.resolve(null),
  ])
  return { rows, total: count ? count[0].n : null }
}
