import { declineFullName } from '~/model/russian-names'
import { addDays, endOfRegionDay, regionDay, type Day } from '~/utils/dates'

// Appeals (issue 10 §5): the period, the states' names, and the page texts.

export const DEFAULT_APPEAL_DAYS = 10
export const MAX_APPEAL_DAYS = 60

/** The application states an appeal may be filed against. */
export const appealableStates = ['ineligible', 'rejected'] as const
export type AppealableState = (typeof appealableStates)[number]

export function isAppealable(state: string): state is AppealableState {
  return (appealableStates as readonly string[]).includes(state)
}

const isWeekend = (day: Day) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday === 0 || weekday === 6
}

/**
 * The last day of the appeal period: `workingDays` working days (Monday–
 * Friday) after the day of the decision, that day itself not counted, all in
 * the region's calendar. The period ends at that day's local midnight.
 *
 * Public holidays are counted as working days: the Russian production
 * calendar (holidays and the weekends moved around them) is fixed each year by
 * a government decree, and the registry has no maintained source for it; a
 * hand-kept list would silently go stale. A campaign whose period falls over
 * the New Year or May holidays is given more days on its page instead.
 */
export function appealLastDay(decidedAt: Date, workingDays: number, timeZone: string): Day {
  let day = regionDay(decidedAt, timeZone)
  let left = workingDays
  while (left > 0) {
    day = addDays(day, 1)
    if (!isWeekend(day)) left -= 1
  }
  return day
}

/** The instant the period closes (the end of its last day, local). */
export function appealClosesAt(decidedAt: Date, workingDays: number, timeZone: string): Date {
  return endOfRegionDay(appealLastDay(decidedAt, workingDays, timeZone), timeZone)
}

/**
 * Who acts for the candidate in an appeal: the applicant's own account, or the
 * coordinators of the municipality that nominated a candidate — never on a
 * teacher's own application (the same rule as answering requests for
 * information). The scope `appeal:file` is checked against.
 */
export function appealFilingScope(app: { ownerUserId: number | null; municipalityId: number | null; source: string; regionId: number }) {
  return { ownerUserId: app.ownerUserId, municipalityId: app.source === 'self' ? null : app.municipalityId, regionId: app.regionId }
}

export const appealStateLabels: Record<string, string> = {
  draft: 'Подаётся',
  filed: 'Подана, ждёт заседания комиссии',
  onAgenda: 'Включена в повестку заседания',
  upheld: 'Апелляция удовлетворена',
  dismissed: 'Апелляция отклонена',
  withdrawn: 'Отозвана заявителем',
}

export const appealDecisionLabels: Record<AppealableState, string> = {
  ineligible: 'о несоответствии требованиям',
  rejected: 'об отклонении кандидатуры',
}

/** The agenda's and the protocol's title of an appeal's question: «Апелляция Ивановой Марии Петровны на решение …». */
export function appealTitle(fullName: string, decisionState: AppealableState): string {
  // a name whose gender the patronymic does not tell is not declined
  const whose = declineFullName(fullName, 'genitive') ?? `заявителя ${fullName}`
  return `Апелляция ${whose} на решение ${appealDecisionLabels[decisionState]}`
}

/** The protocol's wording, by outcome. */
export const appealWording = {
  // the protocol prints the question's title before this, so it is not repeated here
  heard: (body: string) => `Доводы заявителя: ${body.length > 500 ? `${body.slice(0, 500)}…` : body}`,
  upheld: (decisionState: AppealableState) =>
    decisionState === 'ineligible'
      ? 'Апелляцию удовлетворить. Заявление вернуть на проверку соответствия требованиям.'
      : 'Апелляцию удовлетворить. Заявление вернуть на рассмотрение комиссии.',
  dismissed: 'Апелляцию отклонить: решение комиссии оставить в силе.',
  // the same words for both decisions an appeal may challenge (review or eligibility)
  vote: 'Апелляция. «За» — удовлетворить апелляцию и вернуть заявление на этап, решение которого обжаловано; иначе апелляция отклоняется и решение остаётся в силе.',
  blocked: 'Заявление не возвращено: у кандидата есть другое действующее заявление в этом отборе.',
}
