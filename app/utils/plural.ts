/**
 * The Russian noun form after a number: 1 день, 2 дня, 5 дней, 11 дней,
 * 21 день. A fraction takes the genitive singular whatever its digits
 * (1,5 дня, 172,5 педагога), which is the `few` form.
 */
export function plural(n: number, one: string, few: string, many: string): string {
  if (!Number.isInteger(n)) return few
  const a = Math.abs(n)
  const d10 = a % 10
  const d100 = a % 100
  if (d10 === 1 && d100 !== 11) return one
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few
  return many
}

/** The number with its word: «1 балл», «3 балла», «10 баллов». */
export const countOf = (n: number, one: string, few: string, many: string) => `${n.toLocaleString('ru-RU')} ${plural(n, one, few, many)}`

/**
 * Nouns a unit of measure may start with, in the genitive plural it is
 * written in (the form after «5»), with their other two forms. A unit is
 * typed by people («педагогов на 1 члена актива»); only its first word agrees
 * with the number.
 */
const unitNouns: Record<string, [one: string, few: string]> = {
  педагогов: ['педагог', 'педагога'],
  человек: ['человек', 'человека'],
  членов: ['член', 'члена'],
  учителей: ['учитель', 'учителя'],
  работников: ['работник', 'работника'],
  муниципалитетов: ['муниципалитет', 'муниципалитета'],
  организаций: ['организация', 'организации'],
  мероприятий: ['мероприятие', 'мероприятия'],
  дней: ['день', 'дня'],
  часов: ['час', 'часа'],
}

/** «172,5 педагога на 1 члена актива» for the unit «педагогов на 1 члена актива». */
export function unitAfter(n: number, unit: string): string {
  const u = unitParts(unit)
  return u ? plural(n, u.one, u.few, u.head) + u.rest : unit
}

/** A unit's first word (genitive plural, as typed), its other two forms, and the rest; undefined for a noun not listed. */
function unitParts(unit: string): { head: string; one: string; few: string; rest: string } | undefined {
  const m = /^(\S+)(.*)$/s.exec(unit)
  const forms = m ? unitNouns[m[1].toLowerCase()] : undefined
  return m && forms ? { head: m[1], one: forms[0], few: forms[1], rest: m[2] } : undefined
}

/**
 * The unit after «не более N» / «не менее N»: the comparison governs the
 * genitive, so a number ending in 1 takes the genitive singular («не более 21
 * педагога», not «21 педагог»), a fraction too («не менее 0,5 педагога»), and
 * every other number the genitive plural («не более 22 педагогов»).
 */
export function unitAfterComparison(n: number, unit: string): string {
  const u = unitParts(unit)
  if (!u) return unit
  const genitiveSingular = !Number.isInteger(n) || plural(n, 'one', 'few', 'many') === 'one'
  return (genitiveSingular ? u.few : u.head) + u.rest
}
