import { inTransaction, type Db } from '../../db/client.server'
import { admittingOrder, recordMemberChange, recordMemberGround, termsAwaitingReminder, termsEnded, type TermRow } from '../../db/queries/members.server'
import { enqueue, resolveRecipients, type OutboxInput } from '../../db/queries/outbox.server'
import { claimTermReminder } from '../../db/queries/term-reminders.server'
import { AppError } from '../../workflows/errors'
import { sendEvent, SYSTEM } from '../../workflows/transition.server'
import { TERM_END_GROUND, termReminderDue } from '~/model/leaving-grounds'
import { formatDay } from '~/utils/dates'

// The terms' jobs (issue 10 §3.2–3.3), run by the jobs' leader next to the
// stage reminders. "Today" is each member's region's date (PRODUCT §12); a
// term is in force through its last day, members.term_ends_on.
// - Reminders: 90 and 30 days before the end, to the member and the region's
//   coordinators. Each is claimed in `term_reminders` (unique key) in the
//   transaction that queues its letters, so a second run, a restart or a
//   second server sends nothing twice.
// - The end: the day after the last day, the member (active or suspended)
//   moves to `expired` through the member machine, as the system, citing the
//   order that set the term. Two servers at once: the row lock of the
//   transition service lets one through and the other is refused.

const coordinatorsAndMember = async (m: TermRow, t: Db) => {
  const scope = { regionId: m.regionId, municipalityId: null, commissionId: null, memberId: m.id }
  return [...(await resolveRecipients('member', scope, t)), ...(await resolveRecipients('coordinator', scope, t))]
}

/** Queues the reminders due at `now` (in one region with `regionId`); returns how many letters were queued. */
export async function sendTermReminders(now: Date, scope: { regionId?: number } = {}): Promise<number> {
  let queued = 0
  for (const m of await termsAwaitingReminder(now, scope)) {
    const days = termReminderDue(m.daysLeft)
    if (!days) continue
    queued += await inTransaction(async (t) => {
      if (!(await claimTermReminder({ memberId: m.id, days, termEndsOn: m.termEndsOn }, t))) return 0
      const letters: OutboxInput[] = (await coordinatorsAndMember(m, t)).map((to) => ({
        regionId: m.regionId,
        template: 'termReminder',
        to,
        entity: 'member',
        entityId: m.id,
        payload: { days, daysLeft: m.daysLeft, termEndsOn: m.termEndsOn },
      }))
      await enqueue(letters, t)
      return letters.length
    })
  }
  return queued
}

/** Why a term ended, for the audit and the staff page: its last day and the order that set it. */
export const termEndReason = (termEndsOn: string, order: { number: string; date: string }) =>
  `Срок полномочий истёк ${formatDay(termEndsOn)} (срок установлен приказом № ${order.number} от ${formatDay(order.date)})`

/**
 * Ends the terms whose last day has passed at `now` (in one region with
 * `regionId`); returns the members it moved. A member whose term no order set
 * (no admitting order: data entered by hand) is left for the coordinator,
 * who ends it by an order of change.
 */
export async function expireEndedTerms(now: Date, scope: { regionId?: number } = {}): Promise<number[]> {
  const expired: number[] = []
  for (const m of await termsEnded(now, scope)) {
    if (!m.admittedOrderId) continue
    try {
      const done = await inTransaction(async (t) => {
        const order = await admittingOrder(m.id, t)
        if (!order) return false
        const reason = termEndReason(m.termEndsOn, order)
        await sendEvent({ entity: 'member', id: m.id, actor: SYSTEM, event: { type: 'EXPIRE', orderId: order.id }, reason }, t)
        await recordMemberChange(m.id, order.id, reason, t)
        await recordMemberGround(m.id, TERM_END_GROUND, t)
        return true
      })
      if (done) expired.push(m.id)
    } catch (e) {
      // Another server (or the coordinator) changed the member first.
      if (e instanceof AppError && (e.code === 'TRANSITION_REFUSED' || e.code === 'STALE_ROW')) continue
      throw e
    }
  }
  return expired
}
