// Grounds for leaving the active (issue 10 §4.1; Tomsk regulation №1788-р
// §3.3) and the reminders before a member's term ends (§3.2). The grounds are
// region data (table leaving_grounds); these are the defaults every region
// starts from, and the codes the app itself relies on. Pure.

export type LeavingGround = { code: string; label: string; active: boolean }

/** The ground of the end-of-term job's EXPIRE (and of a coordinator's): a term ends on this ground only. */
export const TERM_END_GROUND = 'termEnd'

export const defaultLeavingGrounds: readonly LeavingGround[] = [
  { code: 'ownRequest', label: 'По собственному желанию', active: true },
  { code: 'lowActivity', label: 'Низкая активность, подтверждённая оценкой эффективности', active: true },
  { code: 'jobChange', label: 'Смена места работы или должности', active: true },
  { code: 'violation', label: 'Нарушение положения о методическом активе', active: true },
  { code: TERM_END_GROUND, label: 'Истечение срока полномочий', active: true },
]

/** A ground's label from the region's list (inactive ones too: history keeps them), or a neutral word for an unknown code. */
export function groundLabel(grounds: readonly LeavingGround[], code: string | null | undefined): string | null {
  if (!code) return null
  return grounds.find((g) => g.code === code)?.label ?? 'Основание из прежнего перечня региона'
}

/** The ground of an audited member event: its own, or the end of term for EXPIRE (which carries none: it has no other ground). */
export const groundOfEvent = (action: string, ground: string | null): string | null => ground ?? (action === 'EXPIRE' ? TERM_END_GROUND : null)

/** Days before the term's end at which the member and the coordinators are reminded, earliest first. */
export const TERM_REMINDER_DAYS = [90, 30] as const
export type TermReminderDays = (typeof TERM_REMINDER_DAYS)[number]

/**
 * Which reminder a term ending in `daysLeft` days calls for: the nearest
 * threshold not yet passed. A job that missed the 90th day (a restart, a
 * term entered late) still sends it, once, until the 30th day takes over;
 * a term already over gets none (the end-of-term job handles it).
 */
export function termReminderDue(daysLeft: number): TermReminderDays | null {
  if (daysLeft < 0) return null
  if (daysLeft <= 30) return 30
  if (daysLeft <= 90) return 90
  return null
}
