// The commission's arithmetic and the protocol's wording: pure, no I/O.

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

const TZ = 'Europe/Moscow'
const months = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря']

function parts(d: Date) {
  const p = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(d)
    .reduce<Record<string, string>>((acc, x) => ({ ...acc, [x.type]: x.value }), {})
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: p.hour, minute: p.minute }
}

/** The protocol's year: the meeting's calendar year in the app's time zone. */
export const protocolYear = (d: Date) => parts(d).year
/** «23 мая 2023 года» */
export const ruLongDate = (d: Date) => {
  const p = parts(d)
  return `${p.day} ${months[p.month - 1]} ${p.year} года`
}
/** «16.00», as the protocols write it. */
export const ruTime = (d: Date) => {
  const p = parts(d)
  return `${p.hour}.${p.minute}`
}

/** A `datetime-local` value (wall-clock time in the app's zone, UTC+3) as an instant. */
export function parseLocalDateTime(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!m) return null
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+03:00`)
  return Number.isNaN(d.getTime()) ? null : d
}

/** The instant back as a `datetime-local` value in the app's zone. */
export function toLocalDateTime(d: Date): string {
  const p = parts(d)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}T${p.hour}:${p.minute}`
}

/** «1 человек», «3 человека», «12 человек» */
export function peopleCount(n: number): string {
  const mod10 = n % 10
  const mod100 = n % 100
  const word = mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 'человека' : 'человек'
  return `${n} ${word}`
}

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
export type ProtocolContent = {
  number: number
  year: number
  commissionName: string
  regionName: string
  heldAt: string
  dateText: string
  timeText: string
  place: string
  chair: ProtocolPerson | null
  secretary: ProtocolPerson | null
  present: ProtocolPerson[]
  absent: ProtocolPerson[]
  quorum: Quorum
  agendaText: string
  items: ProtocolItem[]
}

export type ReviewSummary = { recommend: number; reject: number; defer: number }

const candidateLine = (c: { fullName: string; personPosition: string; organisationName: string | null }) =>
  [c.fullName, c.personPosition || null, c.organisationName].filter(Boolean).join(', ')

export const agendaLine = (c: { fullName: string; personPosition: string; organisationName: string | null }) =>
  `О кандидатуре для включения в состав методического актива: ${candidateLine(c)}.`

export function heardText(c: { fullName: string; personPosition: string; organisationName: string | null }, reviews: ReviewSummary, secretary: string | null): string {
  const who = secretary ? `${secretary} (секретарь комиссии) представил(а)` : 'Секретарь комиссии представил(а)'
  const total = reviews.recommend + reviews.reject + reviews.defer
  const opinions =
    total === 0
      ? 'Отзывы членов комиссии не представлены.'
      : `Отзывы членов комиссии: «рекомендовать» – ${reviews.recommend}, «отклонить» – ${reviews.reject}, «отложить» – ${reviews.defer}.`
  return `${who} сведения о кандидате: ${candidateLine(c)}, и результаты проверки соответствия требованиям. ${opinions}`
}

export function decidedText(decision: ItemDecision | null, fullName: string): string {
  switch (decision) {
    case 'recommended':
      return `Рекомендовать к включению в состав методического актива: ${fullName}.`
    case 'rejected':
      return `Не рекомендовать к включению в состав методического актива: ${fullName}.`
    case 'deferred':
      return `Отложить рассмотрение кандидатуры: ${fullName}.`
    default:
      return `Кандидатура не рассматривалась (заявление отозвано или уже рассмотрено): ${fullName}.`
  }
}
