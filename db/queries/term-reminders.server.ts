import type { TermReminderDays } from '~/model/leaving-grounds'
import { db, type Db } from '../client.server'

export type TermReminderKey = { memberId: number; days: TermReminderDays; termEndsOn: string }

/**
 * Claims a term reminder: true when this call recorded it, false when it was
 * already sent (the unique key). A concurrent claim of the same key waits for
 * the first transaction and then finds it, so two servers never both win.
 */
export async function claimTermReminder(k: TermReminderKey, tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    insert into term_reminders (member_id, days, term_ends_on)
    values (${k.memberId}, ${k.days}, ${k.termEndsOn})
    on conflict (member_id, days, term_ends_on) do nothing
    returning id`
  return rows.length === 1
}
