import { db, type Db } from '../client.server'
import type { Stage } from '~/model/campaign-stages'

export type StageReminderKey = {
  campaignId: number
  stage: Stage
  kind: 'before' | 'due' | 'overdue'
  userId: number
  /** The stage's deadline (before, due) or the region's date of sending (overdue). */
  day: string
}

/**
 * Claims a reminder: true when this call recorded it, false when it was
 * already sent (the unique key). A concurrent claim of the same key waits for
 * the first transaction and then finds it, so two servers never both win.
 */
export async function claimStageReminder(k: StageReminderKey, tx: Db = db()): Promise<boolean> {
  const rows = await tx`
    insert into stage_reminders (campaign_id, stage, kind, user_id, day)
    values (${k.campaignId}, ${k.stage}, ${k.kind}, ${k.userId}, ${k.day})
    on conflict (campaign_id, stage, kind, user_id, day) do nothing
    returning id`
  return rows.length === 1
}
