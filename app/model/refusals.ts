import { applicationStateLabels, campaignStateLabels, memberStateLabels } from '~/model/labels'
import { activityStateLabels } from '~/model/activity'
import { appealStateLabels } from '~/model/appeals'
import { reportStateLabels } from '~/model/indicators'
import type { EligibilityResult, FactKey, Facts, RuleSet } from '~/model/eligibility'
import { lowerFirst } from '~/model/eligibility'

// Why an action cannot happen now, in the words of the person who pressed the
// button: the machine's event and state names are code and never reach a
// screen, a reply or a letter. Pure; used by the transition service (its
// refusals), the domain (checks before the machine) and the pages (a button
// shown disabled with its reason).

/** What the action is, as «Нельзя …» continues it. */
const actions: Record<string, Record<string, string>> = {
  application: {
    SUBMIT: 'подать заявление',
    START_SCREENING: 'начать проверку заявления',
    EVALUATED: 'обновить проверку требований',
    REQUEST_INFO: 'запросить сведения',
    PROVIDE_INFO: 'представить сведения',
    MARK_INELIGIBLE: 'признать кандидата не соответствующим требованиям',
    ADMIT: 'допустить к рассмотрению комиссией',
    RECOMMEND: 'рекомендовать кандидата',
    REJECT: 'отклонить кандидатуру',
    DEFER: 'отложить рассмотрение',
    REVIEW_AGAIN: 'вернуть заявление на рассмотрение комиссии',
    SEND_TO_MINISTRY: 'направить кандидата на согласование',
    APPROVE: 'согласовать кандидата',
    APPEAL_UPHELD: 'вернуть заявление по удовлетворённой апелляции',
    RETURN: 'вернуть кандидата в комиссию',
    PUBLISH: 'включить кандидата в реестр',
    WITHDRAW: 'отозвать заявление',
  },
  campaign: {
    OPEN: 'открыть приём заявлений',
    CLOSE: 'завершить приём заявлений',
    START_REVIEW: 'передать заявления комиссии',
    SEND_TO_MINISTRY: 'направить список на согласование',
    RETURN_TO_COMMISSION: 'вернуть список в комиссию',
    APPROVE: 'согласовать список',
    PUBLISH: 'опубликовать утверждённый состав',
    ARCHIVE: 'перенести отбор в архив',
  },
  member: {
    SUSPEND: 'приостановить членство',
    RESUME: 'возобновить членство',
    EXCLUDE: 'исключить из актива',
    EXPIRE: 'завершить срок полномочий',
  },
  activity: {
    SUBMIT: 'отправить запись на подтверждение',
    RESUBMIT: 'отправить запись на подтверждение',
    CONFIRM: 'подтвердить запись',
    RETURN: 'вернуть запись на доработку',
    IMPORT: 'подтвердить запись из загруженной таблицы',
  },
  appeal: {
    FILE: 'подать апелляцию',
    WITHDRAW: 'отозвать апелляцию',
    SCHEDULE: 'включить апелляцию в повестку заседания',
    UNSCHEDULE: 'исключить апелляцию из повестки заседания',
    UPHOLD: 'удовлетворить апелляцию',
    DISMISS: 'отклонить апелляцию',
  },
  indicatorReport: {
    SUBMIT: 'направить отчёт на утверждение комиссией',
    WITHDRAW: 'отозвать отчёт с утверждения',
    PUT_ON_AGENDA: 'включить отчёт в повестку заседания',
    TAKE_OFF_AGENDA: 'исключить отчёт из повестки заседания',
    APPROVE: 'утвердить отчёт',
    RETURN: 'вернуть отчёт на доработку',
    REWORK: 'продолжить работу над отчётом',
  },
}

/** Where the record is now, as the reason after the colon. */
const whereNow: Record<string, (state: string) => string> = {
  application: (s) => `заявление сейчас на этапе «${applicationStateLabels[s] ?? 'неизвестно'}»`,
  campaign: (s) => `отбор сейчас на этапе «${campaignStateLabels[s] ?? 'неизвестно'}»`,
  member: (s) => `статус члена актива — «${memberStateLabels[s] ?? 'неизвестен'}»`,
  activity: (s) => `запись сейчас «${activityStateLabels[s] ?? 'неизвестно'}»`,
  appeal: (s) => `состояние апелляции — «${appealStateLabels[s] ?? 'неизвестно'}»`,
  indicatorReport: (s) => `отчёт сейчас «${reportStateLabels[s] ?? 'неизвестно'}»`,
}

/** The event is possible in this state but its condition is not met: what is missing. */
const conditions: Record<string, Record<string, string>> = {
  application: {
    ADMIT: 'кандидат ещё не соответствует всем требованиям или не все сведения подтверждены документами',
    REQUEST_INFO: 'не указано, какие сведения нужны',
    MARK_INELIGIBLE: 'не перечислены невыполненные требования',
    RETURN: 'не указана причина возврата',
  },
  campaign: { RETURN_TO_COMMISSION: 'не указана причина возврата' },
  member: {
    SUSPEND: 'не указаны основание и приказ',
    EXCLUDE: 'не указаны основание и приказ',
    RESUME: 'не указан приказ',
    EXPIRE: 'не указан приказ, которым установлен срок полномочий',
  },
  activity: { RETURN: 'не указана причина возврата', IMPORT: 'запись не из загруженной таблицы' },
  appeal: { SCHEDULE: 'не выбрано заседание', DISMISS: 'не указана причина отклонения' },
  indicatorReport: { RETURN: 'не указано решение комиссии' },
}

export function actionPhrase(entity: string, event: string): string {
  return actions[entity]?.[event] ?? 'выполнить это действие'
}

export function refusal(entity: string, event: string, reason: string): string {
  return `Нельзя ${actionPhrase(entity, event)}: ${reason}.`
}

/**
 * The refusal of an event the machine does not accept: the unmet condition
 * when the state has the event, else where the record is now.
 */
export function transitionRefusal(entity: string, event: string, state: string, possibleInState: boolean): string {
  const condition = possibleInState ? conditions[entity]?.[event] : undefined
  return refusal(entity, event, condition ?? whereNow[entity]?.(state) ?? 'сейчас это действие не предусмотрено')
}

/** Short names of facts for a list after «не подтверждены сведения:». */
export const factShortNames: Record<FactKey, string> = {
  qualificationCategory: 'квалификационная категория',
  educationLevel: 'уровень образования',
  educationPedagogical: 'педагогическое образование',
  experienceYears: 'стаж по специальности',
  fiokoAssessment: 'оценка компетенций ФИОКО',
  regionalAssessment: 'региональная оценка компетенций',
  giaCommission: 'работа в предметной комиссии ГИА',
  communityLeader: 'руководство профессиональным сообществом',
  methodCouncilHead: 'руководство методическим объединением',
  contestWinner: 'победа в профессиональном конкурсе',
  expertEvaluation: 'результаты экспертной оценки',
  instituteStaff: 'работа в институте развития образования, РЦРО или ОЦДО',
  registryMember: 'членство в другом профессиональном реестре',
}

/**
 * Why the secretary cannot admit the candidate to the commission yet, or
 * null when the stored eligibility result allows it. The facts named are
 * those behind the rules still waiting for documents.
 */
export function admitBlocker(
  result: EligibilityResult | null,
  ruleSet: RuleSet | null,
  facts: Facts,
): string | null {
  if (!result) return refusal('application', 'ADMIT', 'соответствие требованиям ещё не проверено')
  if (result.outcome === 'pass') return null
  if (result.outcome === 'fail') {
    return refusal('application', 'ADMIT', `не выполнены требования: ${result.failed.map(lowerFirst).join('; ')}`)
  }
  const waiting = new Set<string>([
    ...result.required.filter((r) => r.outcome === 'unverified').map((r) => r.id),
    ...result.groups.filter((g) => g.outcome === 'unverified').flatMap((g) => g.rules.filter((r) => r.outcome === 'unverified').map((r) => r.id)),
  ])
  const rules = ruleSet ? [...ruleSet.required, ...ruleSet.groups.flatMap((g) => g.rules)] : []
  const keys: string[] = [...new Set(rules.filter((r) => waiting.has(r.id)).map((r) => r.fact))]
  const named = keys.length > 0 ? keys : (Object.keys(facts) as FactKey[]).filter((k) => facts[k] && !facts[k]!.verified)
  // a region's own fact has no short name: its rule's wording stands for it
  const list = named.map((k) => factShortNames[k as FactKey] ?? lowerFirst(rules.find((r) => r.fact === k)?.label ?? k)).join(', ')
  return refusal('application', 'ADMIT', list ? `не подтверждены сведения: ${list}` : 'не все сведения подтверждены документами')
}

/** A suspension or exclusion without a ground from the region's list (issue 10 §4.1), in the coordinator's words. */
export function groundRefusal(event: 'SUSPEND' | 'EXCLUDE', known: boolean): string {
  return refusal('member', event, known ? 'основание не входит в действующий перечень оснований региона' : 'не выбрано основание из перечня оснований региона')
}
