// The commission's arithmetic and the protocol's wording: pure, no I/O.

import { clockTime, longDate, parseWallClock, toWallClock, yearOf, zoneNote } from '~/utils/dates'
import { declineFullName, pastTense } from '~/model/russian-names'
import { countOf, plural } from '~/utils/plural'

export type VoteTally = { for: number; against: number; abstain: number }
export type Decision = 'RECOMMEND' | 'REJECT' | 'DEFER'
export type ItemDecision = 'recommended' | 'rejected' | 'deferred'

export const decisionOfEvent: Record<Decision, ItemDecision> = { RECOMMEND: 'recommended', REJECT: 'rejected', DEFER: 'deferred' }

/**
 * The decision by majority of the votes cast (abstentions count as cast):
 * «за» more than half → recommend, «против» more than half → reject,
 * otherwise (a tie, many abstentions, no votes) → defer.
 */
export function decide(t: VoteTally): Decision {
  const cast = t.for + t.against + t.abstain
  if (cast > 0 && t.for * 2 > cast) return 'RECOMMEND'
  if (cast > 0 && t.against * 2 > cast) return 'REJECT'
  return 'DEFER'
}

/**
 * How many voting members must be present: more than half of them, unless
 * the commission sets its own fraction (then at least ⌈fraction × members⌉).
 * Never fewer than one.
 */
export function quorumRequired(members: number, fraction: number | null): number {
  if (fraction == null) return Math.floor(members / 2) + 1
  // why: 0.6 × 5 is 3.0000000000000004 in floating point; round before ceil.
  return Math.max(1, Math.ceil(Math.round(fraction * members * 1e6) / 1e6))
}

export type Quorum = { members: number; present: number; required: number; reached: boolean }

export function quorum(members: number, present: number, fraction: number | null): Quorum {
  const required = quorumRequired(members, fraction)
  return { members, present, required, reached: members > 0 && present >= required }
}

/** «присутствует 1 из 5 членов», «присутствуют 3 из 21 члена»: the verb and the noun agree with their numbers. */
export const presentOf = (present: number, members: number) =>
  `${plural(present, 'присутствует', 'присутствуют', 'присутствуют')} ${present} из ${members} ${plural(members, 'члена', 'членов', 'членов')}`

// Dates and times of a meeting are on the wall clock of the commission's
// region (PRODUCT §12): a meeting held in Khabarovsk at 16.00 reads 16.00.

/** The protocol's year: the meeting's calendar year in the region's zone. */
export const protocolYear = (d: Date, timeZone: string) => yearOf(d, timeZone)
/** «23 мая 2023 года» */
export const ruLongDate = (d: Date, timeZone: string) => longDate(d, timeZone)
/** «16.00», as the protocols write it. */
export const ruTime = (d: Date, timeZone: string) => clockTime(d, timeZone)
/** «местное время, UTC+7»: printed after the time, so nobody reads it as Moscow time. */
export const protocolZoneText = (d: Date, timeZone: string) => zoneNote(d, timeZone)

/**
 * A meeting whose time has not come: the refusal of one step (`what`, e.g.
 * «отметить присутствие») or, without it, the meeting page's notice. One
 * wording for both, so the page and the refusal never disagree.
 */
export function meetingNotStarted(heldAt: Date | string, timeZone: string, what?: string): string {
  const at = new Date(heldAt)
  const when = `Заседание назначено на ${longDate(at, timeZone)}, ${clockTime(at, timeZone)} и ещё не началось`
  return what
    ? `${when}: ${what} можно, когда оно начнётся. Если дата указана неверно, измените дату заседания.`
    : `${when}. Присутствие, голоса и закрытие заседания — когда оно начнётся. Если дата указана неверно, измените её.`
}

/** A `datetime-local` value (wall-clock time in the region's zone) as an instant. */
export const parseLocalDateTime = (value: string, timeZone: string): Date | null => parseWallClock(value, timeZone)

/** The instant back as a `datetime-local` value in the region's zone. */
export const toLocalDateTime = (d: Date, timeZone: string): string => toWallClock(d, timeZone)

/** «1 человек», «3 человека», «12 человек» */
export const peopleCount = (n: number): string => countOf(n, 'человек', 'человека', 'человек')

export type ProtocolPerson = { name: string; position: string | null; remote?: boolean }

export type ProtocolItem = {
  position: number
  applicationId: number
  fullName: string
  organisationName: string | null
  personPosition: string
  heard: string
  decided: string
  decision: ItemDecision | null
  votes: VoteTally
  recused: string[]
}

/** The protocol as issued, frozen in protocols.content. */
/** A question other than a candidate (an appeal, the indicator report), numbered after the candidates. */
export type ProtocolMotion = {
  position: number
  kind: 'appeal' | 'indicatorReport'
  title: string
  heard: string
  decided: string
  adopted: boolean
  votes: VoteTally
}

export type ProtocolContent = {
  number: number
  year: number
  commissionName: string
  regionName: string
  heldAt: string
  dateText: string
  timeText: string
  /** «местное время, UTC+7»; absent in protocols issued before zones were per region (those are Moscow time). */
  zoneText?: string
  place: string
  chair: ProtocolPerson | null
  secretary: ProtocolPerson | null
  present: ProtocolPerson[]
  absent: ProtocolPerson[]
  quorum: Quorum
  agendaText: string
  items: ProtocolItem[]
  /** Other questions decided by vote (appeals, the indicator report); absent in protocols issued before them. */
  motions?: ProtocolMotion[]
}

export type ReviewSummary = { recommend: number; reject: number; defer: number }

const candidateLine = (c: { fullName: string; personPosition: string; organisationName: string | null }) =>
  [c.fullName, c.personPosition || null, c.organisationName].filter(Boolean).join(', ')

export const agendaLine = (c: { fullName: string; personPosition: string; organisationName: string | null }) =>
  `О кандидатуре для включения в состав методического актива: ${candidateLine(c)}.`

/**
 * «СЛУШАЛИ»: who reported on the candidate and what the reviews said. The
 * verb agrees with the secretary («представил» / «представила»); when the
 * gender cannot be told from the name, a passive sentence needs none.
 */
export function heardText(c: { fullName: string; personPosition: string; organisationName: string | null }, reviews: ReviewSummary, secretary: string | null): string {
  const about = `сведения о кандидате и результаты проверки соответствия требованиям: ${candidateLine(c)}`
  const verb = secretary ? pastTense(secretary, 'представил') : null
  const report =
    secretary && verb
      ? `${secretary}, секретарь комиссии, ${verb} ${about}.`
      : secretary
        ? `Секретарём комиссии (${secretary}) представлены ${about}.`
        : `Секретарём комиссии представлены ${about}.`
  const total = reviews.recommend + reviews.reject + reviews.defer
  const opinions =
    total === 0
      ? 'Отзывы членов комиссии не представлены.'
      : `Отзывы членов комиссии: «рекомендовать» – ${reviews.recommend}, «отклонить» – ${reviews.reject}, «отложить» – ${reviews.defer}.`
  return `${report} ${opinions}`
}

/**
 * «РЕШИЛИ»: the decision as the protocols write it, with the candidate in the
 * case the verb governs («рекомендовать Иванову Ольгу Георгиевну включить …»,
 * «отложить рассмотрение кандидатуры Петрова Ивана Сергеевича»). A name whose
 * gender cannot be told stays in the nominative after «кандидата:».
 */
export function decidedText(decision: ItemDecision | null, fullName: string): string {
  const acc = declineFullName(fullName, 'accusative')
  const gen = declineFullName(fullName, 'genitive')
  const roster = 'в состав методического актива'
  switch (decision) {
    case 'recommended':
      return acc ? `Рекомендовать включить ${acc} ${roster}.` : `Рекомендовать включить ${roster} кандидата: ${fullName}.`
    case 'rejected':
      return acc ? `Не рекомендовать включать ${acc} ${roster}.` : `Не рекомендовать включать ${roster} кандидата: ${fullName}.`
    case 'deferred':
      return gen ? `Отложить рассмотрение кандидатуры ${gen}.` : `Отложить рассмотрение кандидатуры: ${fullName}.`
    default:
      return gen
        ? `Решение по кандидатуре ${gen} не принималось: заявление отозвано или уже рассмотрено.`
        : `Решение по кандидатуре не принималось: заявление отозвано или уже рассмотрено (${fullName}).`
  }
}

/** Who did not vote on the candidate because of a conflict of interest; «член комиссии» agrees with either gender. */
export function recusedLine(names: string[]): string | null {
  const unique = [...new Set(names)]
  if (unique.length === 0) return null
  if (unique.length === 1) return `В голосовании не участвовал член комиссии, отведённый в связи с конфликтом интересов: ${unique[0]}.`
  return `В голосовании не участвовали члены комиссии, отведённые в связи с конфликтом интересов: ${unique.join(', ')}.`
}

/**
 * The protocol's fixed wording, the same on the printable page and in the
 * Word file (app/routes/protocols.$id.tsx, app/exports/docx/protocol.server.ts).
 */
export const protocolWords = {
  heading: (n: number) => `ПРОТОКОЛ № ${n}`,
  // «Комиссия по отбору …» → «заседания комиссии по отбору …», «Муниципальная комиссия …» →
  // «заседания муниципальной комиссии …», as the protocols write it; other names as they are, after a colon
  meetingOf: (name: string) => {
    const m = /^(?:([А-ЯЁа-яё]+)ая )?[Кк]омиссия (.+)$/.exec(name)
    if (!m) return `заседания: ${name}`
    return `заседания ${m[1] ? `${m[1].toLowerCase()}ой ` : ''}комиссии ${m[2]}`
  },
  chair: 'ПРЕДСЕДАТЕЛЬ',
  secretary: 'СЕКРЕТАРЬ',
  present: 'ПРИСУТСТВОВАЛИ',
  absent: 'ОТСУТСТВОВАЛИ',
  agenda: 'ПОВЕСТКА',
  heard: 'СЛУШАЛИ',
  decided: 'РЕШИЛИ',
  quorum: (present: number, members: number, required: number) =>
    `Кворум имеется: ${presentOf(present, members)} комиссии с правом голоса (необходимо не менее ${required}).`,
  noQuorum: (present: number, members: number, required: number) =>
    `Кворума нет: ${presentOf(present, members)} комиссии с правом голоса (необходимо не менее ${required}).`,
  votes: 'Голосовали',
  votesLine: (v: { for: number; against: number; abstain: number }) => `«за» – ${v.for} чел.; «против» – ${v.against} чел.; «воздержались» – ${v.abstain} чел.`,
  presentSplit: (remote: number, inPerson: number) => ` (${remote} чел. в режиме ВКС, ${inPerson} чел. очно)`,
  noneAbsent: 'нет',
  noItems: 'Кандидатуры на заседании не рассматривались.',
  signChair: 'Председатель',
  signSecretary: 'Секретарь',
  notSet: '—',
}
