// Russian full names in the cases a protocol needs («рекомендовать Иванову
// Ольгу Георгиевну», «рассмотрение кандидатуры Петрова Ивана Сергеевича»).
// The grammatical gender comes from the patronymic, the one part of a Russian
// name that always shows it (-вич/-ич, -вна/-чна, -оглы/-кызы). Without a
// recognisable patronymic the gender is unknown and callers use a construction
// that needs no declension. Pure, no I/O.

export type Gender = 'm' | 'f'
export type NameCase = 'genitive' | 'accusative'

/** «Иванова Ольга Георгиевна» → 'f'; «Петров Иван Сергеевич» → 'm'; anything else → null. */
export function genderOf(fullName: string): Gender | null {
  const parts = words(fullName)
  if (parts.length < 3) return null
  const patronymic = parts[parts.length - 1].toLowerCase()
  if (/(вна|чна|кызы|гызы)$/.test(patronymic)) return 'f'
  if (/(ич|оглы|улы|уулу)$/.test(patronymic)) return 'm'
  return null
}

const words = (s: string) => s.split(/\s+/).filter(Boolean)

// After these consonants Russian writes -и, never -ы.
const softAfter = /[гкхжшщч]$/

function stemA(word: string, c: NameCase): string {
  // Ольга → Ольгу / Ольги; Никита → Никиту / Никиты
  const stem = word.slice(0, -1)
  if (c === 'accusative') return `${stem}у`
  return softAfter.test(stem) ? `${stem}и` : `${stem}ы`
}

function stemYa(word: string, c: NameCase): string {
  // Мария → Марию / Марии; Илья → Илью / Ильи
  const stem = word.slice(0, -1)
  return c === 'accusative' ? `${stem}ю` : `${stem}и`
}

const vowel = /[аеёиоуыэюя]$/i

function masculineSurname(w: string, c: NameCase): string {
  const lower = w.toLowerCase()
  if (/(ых|их|ко|енко|ово|аго|яго)$/.test(lower)) return w
  if (/(ский|цкий|кий|гий|хий)$/.test(lower)) return `${w.slice(0, -2)}ого`
  if (/(ой|ый)$/.test(lower)) return `${w.slice(0, -2)}ого`
  if (/ий$/.test(lower)) return `${w.slice(0, -2)}его`
  if (/[йь]$/.test(lower)) return `${w.slice(0, -1)}я`
  if (/а$/.test(lower)) return stemA(w, c)
  if (/я$/.test(lower)) return stemYa(w, c)
  if (vowel.test(lower)) return w
  return `${w}а`
}

function feminineSurname(w: string, c: NameCase): string {
  const lower = w.toLowerCase()
  if (/(ова|ева|ёва|ина|ына)$/.test(lower)) return c === 'accusative' ? `${w.slice(0, -1)}у` : `${w.slice(0, -1)}ой`
  if (/(ская|цкая|ая)$/.test(lower)) return c === 'accusative' ? `${w.slice(0, -2)}ую` : `${w.slice(0, -2)}ой`
  if (/яя$/.test(lower)) return c === 'accusative' ? `${w.slice(0, -2)}юю` : `${w.slice(0, -2)}ей`
  if (/а$/.test(lower)) return stemA(w, c)
  if (/я$/.test(lower)) return stemYa(w, c)
  // Surnames ending in a consonant or another vowel do not change for women (Кох, Дюма, Шевченко).
  return w
}

// Names with a fleeting vowel or ё in the stem: Павел → Павла, Пётр → Петра, Лев → Льва.
const masculineStems: Record<string, string> = { павел: 'Павл', пётр: 'Петр', петр: 'Петр', лев: 'Льв' }

function masculineFirst(w: string, c: NameCase): string {
  const lower = w.toLowerCase()
  if (masculineStems[lower]) return `${masculineStems[lower]}а`
  if (/[йь]$/.test(lower)) return `${w.slice(0, -1)}я`
  if (/а$/.test(lower)) return stemA(w, c)
  if (/я$/.test(lower)) return stemYa(w, c)
  if (vowel.test(lower)) return w
  return `${w}а`
}

function feminineFirst(w: string, c: NameCase): string {
  const lower = w.toLowerCase()
  if (/ия$/.test(lower)) return c === 'accusative' ? `${w.slice(0, -1)}ю` : `${w.slice(0, -1)}и`
  if (/а$/.test(lower)) return stemA(w, c)
  if (/я$/.test(lower)) return stemYa(w, c)
  // Любовь → Любовь / Любови
  if (/ь$/.test(lower)) return c === 'accusative' ? w : `${w.slice(0, -1)}и`
  return w
}

function patronymic(w: string, g: Gender, c: NameCase): string {
  const lower = w.toLowerCase()
  if (g === 'm') return /ич$/.test(lower) ? `${w}а` : w
  if (/на$/.test(lower)) return c === 'accusative' ? `${w.slice(0, -1)}у` : `${w.slice(0, -1)}ы`
  return w
}

/**
 * «Фамилия Имя Отчество» in the genitive or accusative case, or null when the
 * gender cannot be told from the patronymic (then the caller avoids declining).
 * Hyphenated parts are declined part by part (Петрова-Водкина).
 */
export function declineFullName(fullName: string, c: NameCase): string | null {
  const g = genderOf(fullName)
  if (!g) return null
  const [last, first, middle, ...rest] = words(fullName)
  const each = (w: string, f: (x: string) => string) => w.split('-').map(f).join('-')
  const surname = each(last, (x) => (g === 'm' ? masculineSurname(x, c) : feminineSurname(x, c)))
  const name = each(first, (x) => (g === 'm' ? masculineFirst(x, c) : feminineFirst(x, c)))
  return [surname, name, patronymic(middle, g, c), ...rest].join(' ')
}

/** A past-tense verb agreeing with the person: «представил» / «представила»; null when the gender is unknown. */
export function pastTense(fullName: string, masculine: string): string | null {
  const g = genderOf(fullName)
  if (!g) return null
  return g === 'm' ? masculine : `${masculine}а`
}
