import { inTransaction, type Db } from '../../db/client.server'
import { campaignsUnderWay, unsubmittedReviews, type CampaignUnderWay } from '../../db/queries/campaigns.server'
import { enqueue, resolveRecipients, type Addressee, type OutboxInput } from '../../db/queries/outbox.server'
import { claimStageReminder, type StageReminderKey } from '../../db/queries/stage-reminders.server'
import { daysUntil, reminderKind, stageFields, stages, stageUnderWay, type Stage } from '~/model/campaign-stages'
import { regionDay } from '~/utils/dates'

// The reminder job (issue 11, §4.2): whoever is responsible for a stage of a
// campaign hears of its deadline three days before and on the day, and each
// reviewer whose reviews are overdue hears of them once a day until they are
// submitted. "Today" is the campaign's region's date (PRODUCT §12). Run by
// the jobs' leader next to the deadline job; every reminder is claimed in
// `stage_reminders` (unique key) in the transaction that queues its letter,
// so a second run, a restart or a second server sends nothing twice.

type Reviewer = { userId: number; email: string | null; n: number }

/** Sends the reminders due at `now` (of one region with `regionId`: tests and per-region runs); returns how many letters were queued. */
export async function sendStageReminders(now: Date, scope: { regionId?: number } = {}): Promise<number> {
  const campaigns = await campaignsUnderWay(scope)
  const owed = await unsubmittedReviews({ campaignIds: campaigns.map((c) => c.id) })
  let queued = 0
  for (const c of campaigns) {
    const reviewers = owed.filter((r) => r.campaignId === c.id)
    queued += await inTransaction((t) => remindCampaign(c, reviewers, now, t))
  }
  return queued
}

async function remindCampaign(c: CampaignUnderWay, reviewers: Reviewer[], now: Date, t: Db): Promise<number> {
  const today = regionDay(now, c.timeZone)
  const letters: OutboxInput[] = []
  const claim = async (key: Omit<StageReminderKey, 'campaignId'>) => claimStageReminder({ ...key, campaignId: c.id }, t)
  for (const stage of stages) {
    const deadline = c[stageFields[stage]]
    if (!deadline || !stageUnderWay(stage, c.state)) continue
    const kind = reminderKind(today, deadline)
    if (kind) {
      for (const to of await responsibleFor(stage, c, reviewers, t)) {
        if (!to.userId || !(await claim({ stage, kind, userId: to.userId, day: deadline }))) continue
        const count = stage === 'review' ? reviewers.find((r) => r.userId === to.userId)?.n : stage === 'screening' ? c.awaitingScreening : undefined
        letters.push(letter(c, 'stageReminder', to, { stage, kind, deadline, daysLeft: daysUntil(today, deadline), count }))
      }
    }
    const late = -daysUntil(today, deadline)
    if (stage === 'review' && late > 0) {
      for (const r of reviewers) {
        if (!(await claim({ stage, kind: 'overdue', userId: r.userId, day: today }))) continue
        letters.push(letter(c, 'reviewOverdue', { userId: r.userId, email: r.email, role: 'commission' }, { deadline, daysOverdue: late, count: r.n }))
      }
    }
  }
  await enqueue(letters, t)
  return letters.length
}

const letter = (c: CampaignUnderWay, template: string, to: Addressee, payload: Record<string, unknown>): OutboxInput => ({
  regionId: c.regionId,
  template,
  to,
  entity: 'campaign',
  entityId: c.id,
  payload,
})

/**
 * Who answers for a stage: the regional coordinators for the applications,
 * the commission's secretary for the screening (while anything waits for it)
 * and the meeting, each reviewer who still owes a review, the region's
 * ministry officers for the decision.
 */
async function responsibleFor(stage: Stage, c: CampaignUnderWay, reviewers: Reviewer[], t: Db): Promise<Addressee[]> {
  // a municipal selection's answer to the region's coordinator and ministry: its own coordinator and approver (issue 10 §6)
  const scope = { regionId: c.regionId, municipalityId: null, commissionId: c.commissionId, campaignMunicipalityId: c.municipalityId }
  switch (stage) {
    case 'applications':
      return resolveRecipients('coordinator', scope, t)
    case 'screening':
      return c.state === 'open' || c.awaitingScreening > 0 ? resolveRecipients('secretary', scope, t) : []
    case 'review':
      return reviewers.map((r) => ({ userId: r.userId, email: r.email, role: 'commission' }))
    case 'meeting':
      return resolveRecipients('secretary', scope, t)
    case 'decision':
      return resolveRecipients('ministry', scope, t)
  }
}
