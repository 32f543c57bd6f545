import { addDays, type Day } from '~/utils/dates'
import { plural } from '~/utils/plural'

// The stages of a selection and their deadlines (issue 11, §4.1): each is a
// calendar day of the campaign's region, the last day of its stage
// (PRODUCT §12). Pure: the form, the domain, the dashboard and the reminder
// job read the same order, labels and wording from here.

export const stages = ['applications', 'screening', 'review', 'meeting', 'decision'] as const
export type Stage = (typeof stages)[number]

/** The form field (and Campaign property) holding each stage's day, in the order of the stages. */
export const stageFields = {
  applications: 'closesOn',
  screening: 'screeningUntil',
  review: 'reviewUntil',
  meeting: 'meetingOn',
  decision: 'decisionUntil',
} as const satisfies Record<Stage, string>
export type StageField = (typeof stageFields)[Stage]

export type StageDeadlines = { [K in StageField]: Day | null }

export const stageLabels: Record<Stage, string> = {
  applications: 'Приём заявлений',
  screening: 'Проверка заявлений',
  review: 'Отзывы членов комиссии',
  meeting: 'Заседание комиссии',
  decision: 'Решение министерства',
}

/** The labels of the form's date fields (create and edit alike). */
export const deadlineFieldLabels: Record<'opensOn' | StageField, string> = {
  opensOn: 'Дата начала приёма заявлений',
  closesOn: 'Последний день приёма заявлений',
  screeningUntil: 'Проверка заявлений до',
  reviewUntil: 'Отзывы членов комиссии до',
  meetingOn: 'Дата заседания комиссии',
  decisionUntil: 'Решение министерства до',
}

// What a later field may not precede, named the way a message reads.
const precedingNames: Record<StageField, string> = {
  closesOn: 'окончания приёма заявлений',
  screeningUntil: 'срока проверки заявлений',
  reviewUntil: 'срока отзывов',
  meetingOn: 'заседания комиссии',
  decisionUntil: 'срока решения министерства',
}
const ownNames: Record<Exclude<StageField, 'closesOn'>, string> = {
  screeningUntil: 'Проверка заявлений не может завершиться',
  reviewUntil: 'Срок отзывов не может быть',
  meetingOn: 'Заседание комиссии не может быть',
  decisionUntil: 'Решение министерства не может быть',
}

const dotted = (day: Day) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`

/**
 * Each set date must not come before the latest set date of an earlier
 * stage (equal is allowed: screening may end the day applications close).
 * One issue per offending field, on that field, in Russian.
 */
export function stageOrderIssues(d: Partial<Record<'opensOn' | StageField, Day | null | undefined>>): { path: StageField; message: string }[] {
  const issues: { path: StageField; message: string }[] = []
  // why: the opening day only bounds the last day of applications, and
  // keeps the message the form always had for it.
  let latest: { field: StageField; day: Day } | null = null
  for (const stage of stages) {
    const field = stageFields[stage]
    const day = d[field]
    if (!day) continue
    if (field === 'closesOn' && d.opensOn && day < d.opensOn) {
      issues.push({ path: field, message: 'Приём не может завершиться раньше, чем начнётся' })
      continue
    }
    if (latest && day < latest.day) {
      issues.push({ path: field, message: `${ownNames[field as Exclude<StageField, 'closesOn'>]} раньше ${precedingNames[latest.field]} (${dotted(latest.day)})` })
      continue
    }
    latest = { field, day }
  }
  return issues
}

// The campaign's states in order; a stage is over once the campaign reaches
// the state named here (a return from the ministry reopens the commission's).
const campaignOrder = ['draft', 'open', 'closed', 'inReview', 'atMinistry', 'approved', 'published', 'archived']
const overFrom: Record<Stage, string> = {
  applications: 'closed',
  screening: 'atMinistry',
  review: 'atMinistry',
  meeting: 'atMinistry',
  decision: 'approved',
}

/** Campaigns whose stages are watched: taking applications or on the way to the ministry's decision. */
export const campaignStatesUnderWay = ['open', 'closed', 'inReview', 'atMinistry'] as const

/** Whether a stage of a campaign in `state` still has work ahead (a draft has not started). */
export function stageUnderWay(stage: Stage, state: string): boolean {
  const at = campaignOrder.indexOf(state)
  return at >= 1 && at < campaignOrder.indexOf(overFrom[stage])
}

/** Whole days from `today` to `deadline`: positive ahead, 0 on the day, negative once past. */
export function daysUntil(today: Day, deadline: Day): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}

/** How many days before a deadline the first reminder goes. */
export const REMIND_DAYS_BEFORE = 3

/** Which reminder (if any) a stage's deadline calls for on `today`. */
export function reminderKind(today: Day, deadline: Day): 'before' | 'due' | null {
  if (today === deadline) return 'due'
  // why: from three days before on, not only on that day: a job that missed
  // the day (a restart, a deadline set late) still reminds, once.
  return today >= addDays(deadline, -REMIND_DAYS_BEFORE) && today < deadline ? 'before' : null
}

/** «1 день», «3 дня», «11 дней». */
export function pluralDays(n: number): string {
  return `${n} ${plural(n, 'день', 'дня', 'дней')}`
}

const monthsGenitive = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря']

/** «16 июня», with the year when it is not `today`'s: «16 июня 2027 г.». */
export function dayMonth(day: Day, today?: Day): string {
  const text = `${Number(day.slice(8, 10))} ${monthsGenitive[Number(day.slice(5, 7)) - 1]}`
  return today && today.slice(0, 4) !== day.slice(0, 4) ? `${text} ${day.slice(0, 4)} г.` : text
}

/** «Срок — 16 июня», «Срок — сегодня, 16 июня» or «Срок — 13 июня, просрочено на 3 дня». */
export function deadlinePhrase(deadline: Day, today: Day): string {
  const left = daysUntil(today, deadline)
  if (left === 0) return `Срок — сегодня, ${dayMonth(deadline, today)}`
  if (left > 0) return `Срок — ${dayMonth(deadline, today)}`
  return `Срок — ${dayMonth(deadline, today)}, просрочено на ${pluralDays(-left)}`
}
