import { inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { outboxPage, outboxRowById, outboxRowForUpdate, requeue, type OutboxListRow } from '../../db/queries/outbox.server'

// Reads for /outbox go through here too, so the route never touches a query module.
export { outboxRowById, type OutboxListRow }
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { can, holds, type Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'

/** A message the actor may read: one outside the actor's regions is answered as missing, not as forbidden. */
export async function readableOutboxRow(actor: Actor, id: number) {
  const row = await outboxRowById(id)
  if (!row || !can(actor, 'outbox:read', { regionId: row.regionId })) throw new AppError('NOT_FOUND', 404, 'Письмо не найдено.')
  return row
}

/**
 * A page of the outbox (newest first). The failed list carries its total, the
 * whole queue does not (counting it is not cheap); neither is cut off unsaid.
 */
export async function outboxListPage(
  regionIds: number[] | 'all',
  page: { after: Cursor | null; from: number },
  status?: OutboxListRow['status'],
): Promise<Page<OutboxListRow>> {
  const { rows, total } = await outboxPage({ regionIds, status, after: page.after, limit: PAGE_SIZE, withTotal: status === 'failed' })
  return toPage(rows, PAGE_SIZE, page.from, total, (r) => r.id)
}

// A person's decision to send a failed message again (decision 0003). The
// worker never resends a message whose delivery outcome is unknown: only a
// person who accepted that the recipient may get it twice does, and that
// decision is audited.

export class DuplicateNotAccepted extends AppError {
  constructor() {
    super(
      'CONFIRM_DUPLICATE',
      400,
      'Исход отправки этого письма неизвестен: оно могло дойти. Отметьте «Понимаю, что адресат может получить письмо дважды», чтобы отправить его снова.',
    )
  }
}

export class NotResendable extends AppError {
  constructor(status: string) {
    super('NOT_RESENDABLE', 409, 'Отправить снова можно только недоставленное письмо: это письмо уже отправлено или ещё в очереди.', { status })
  }
}

/**
 * Puts a failed row back in the queue. Only `failed` rows: a sent one would
 * go out twice for no reason, a pending or sending one is already on its
 * way. For `unknown` (the message may have reached the server) the caller
 * must pass `acceptDuplicate`; for the other failures the server said it did
 * not take the message, so nobody gets it twice. The row keeps its
 * Message-ID, so a mail server or client that recognises it can drop the copy.
 */
export async function resendOutboxMessage(actor: Actor, id: number, opts: { acceptDuplicate: boolean }, tx?: Db): Promise<{ id: number; failure: string | null }> {
  if (!holds(actor, 'outbox:resend')) throw new Forbidden('outbox.resend')
  return inTransaction(async (t) => {
    const row = await outboxRowForUpdate(id, t)
    // a row outside the actor's regions is answered as missing, as on the page
    if (!row || !can(actor, 'outbox:read', { regionId: row.regionId })) throw new NotFound('outbox', id)
    if (!can(actor, 'outbox:resend', { regionId: row.regionId })) throw new Forbidden('outbox.resend')
    if (row.status !== 'failed') throw new NotResendable(row.status)
    if (row.failure === 'unknown' && !opts.acceptDuplicate) throw new DuplicateNotAccepted()
    if (!(await requeue(id, t))) throw new NotResendable(row.status)
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId: row.regionId,
        entity: 'outbox',
        entityId: id,
        action: 'OUTBOX_RESEND',
        fromState: row.status,
        toState: 'pending',
        data: {
          failure: row.failure,
          attempts: row.attempts,
          messageId: row.messageId,
          lastError: row.lastError,
          duplicateAccepted: row.failure === 'unknown',
        },
      },
      t,
    )
    return { id, failure: row.failure }
  }, tx)
}
