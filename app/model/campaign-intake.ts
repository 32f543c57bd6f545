import { formatDay, isPastDeadline } from '~/utils/dates'

// Whether a campaign takes applications now: it must be open, and its last
// day («до 30.06 включительно») must not have ended at its region's midnight.
// The deadline job closes such a campaign within 15 minutes; this check makes
// the deadline exact meanwhile, for every way in (form, nomination, import).

export type IntakeRefusal = { code: 'CAMPAIGN_NOT_OPEN' | 'DEADLINE_PASSED'; message: string }

export function intakeRefusal(
  campaign: { state: string; closesOn: string | null; timeZone: string },
  now: Date,
): IntakeRefusal | null {
  if (campaign.state !== 'open') return { code: 'CAMPAIGN_NOT_OPEN', message: 'Приём заявлений в этот отбор не ведётся.' }
  if (campaign.closesOn && isPastDeadline(campaign.closesOn, now, campaign.timeZone)) {
    return {
      code: 'DEADLINE_PASSED',
      message: `Приём заявлений в этот отбор завершён: последний день — ${formatDay(campaign.closesOn)} (до полуночи по местному времени региона).`,
    }
  }
  return null
}
