// Cell clean-up and the value formats of Russian spreadsheets. Pure.

const SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g
// A soft hyphen (U+00AD) is invisible in a cell unless Excel breaks the word
// there: pasted from Word or a web page, «Ивано\u00adва» reads as «Иванова».
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g
const UNCLEAN = /[\u00a0\u00ad\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\t\r\n]| {2}/

/**
 * What Excel users type is not what they mean: non-breaking spaces, double
 * spaces, a space before the line end, empty lines inside a cell. Keeps the
 * line breaks (a cell may list several subjects, one per line).
 */
export function cleanCell(raw: string): string {
  if (raw === '') return ''
  if (!UNCLEAN.test(raw)) return raw.trim()
  const lines = raw.replace(INVISIBLE, '').replace(SPACES, ' ').split(/\r\n|\r|\n/)
  const kept: string[] = []
  for (const line of lines) {
    const t = line.replace(/ {2,}/g, ' ').trim()
    if (t) kept.push(t)
  }
  return kept.join('\n')
}

/**
 * Excel's error values as a workbook stores them (always in English) → as a
 * Russian Excel shows them in the cell. A CSV saved from Excel writes the
 * shown form, so both are known.
 */
const FORMULA_ERRORS: Record<string, string> = {
  '#N/A': '#Н/Д',
  '#VALUE!': '#ЗНАЧ!',
  '#REF!': '#ССЫЛКА!',
  '#DIV/0!': '#ДЕЛ/0!',
  '#NAME?': '#ИМЯ?',
  '#NUM!': '#ЧИСЛО!',
  '#NULL!': '#ПУСТО!',
  '#SPILL!': '#ПЕРЕНОС!',
  '#CALC!': '#ВЫЧИСЛ!',
  '#GETTING_DATA': '#ПОЛУЧЕНИЕ_ДАННЫХ',
}
const SHOWN_ERRORS = new Set([...Object.keys(FORMULA_ERRORS), ...Object.values(FORMULA_ERRORS)].map((e) => e.toUpperCase()))

/** An error value stored in a workbook as a Russian Excel shows it (an unknown one as stored). */
export const shownFormulaError = (stored: string): string => FORMULA_ERRORS[stored.trim().toUpperCase()] ?? stored.trim()

/** Whether a cell holds a formula's error (#Н/Д, #ЗНАЧ!, #N/A…) instead of a value. */
export const isFormulaError = (cell: string): boolean => cell.startsWith('#') && SHOWN_ERRORS.has(cell.trim().toUpperCase())

/** One line: for names, positions, organisations. */
export const oneLine = (s: string) => s.replace(/\n/g, ' ')

/** Case, ё and spacing do not distinguish two names (and people.sort_key folds them the same way). */
export function nameKey(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}-]+/gu, ' ').trim()
}

export function emailKey(s: string): string {
  return s.trim().toLowerCase()
}

/**
 * Header cells are compared without case, punctuation, ё and trailing units:
 * «Стаж работы по специальности, лет», «СТАЖ (лет)» and «стаж» all reduce to
 * words that the alias lists name.
 */
export function headerKey(s: string): string {
  let k = s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/e-?mail/g, 'email')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  // «…, лет», «… (да/нет)», «… (полных лет)»: units and answer hints are not part of the name.
  for (const tail of [' полных лет', ' лет', ' да нет', ' при наличии', ' полностью']) {
    if (k.endsWith(tail) && k.length > tail.length) k = k.slice(0, -tail.length)
  }
  return k
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

/**
 * ДД.ММ.ГГГГ (also Д.М.ГГГГ, ДД.ММ.ГГ, ДД/ММ/ГГГГ and ISO ГГГГ-ММ-ДД, which
 * Excel writes when a cell has another locale's format) → ISO date.
 */
/** Excel date serials taken for dates: 1 Jan 1950 … 31 Dec 2099 (5 digits; a smaller number is no plausible date here). */
const EXCEL_SERIAL_MIN = 18264
const EXCEL_SERIAL_MAX = 73050

export function parseRuDate(s: string): Parsed<string> {
  // A time after the date (a date-and-time cell) is the wall clock of the
  // region's day that is written: the day is kept, the time dropped.
  const t = s
    .trim()
    .replace(/\s*г\.?$/, '')
    .replace(/(?<=\d)\s+\d{1,2}:\d{2}(:\d{2})?$/, '')
  let d: number, m: number, y: number
  let match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(t)
  if (match) {
    d = Number(match[1])
    m = Number(match[2])
    y = Number(match[3])
    if (match[3].length === 2) y += y <= (new Date().getFullYear() % 100) + 1 ? 2000 : 1900
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) {
    y = Number(match[1])
    m = Number(match[2])
    d = Number(match[3])
  } else if (/^\d{5}$/.test(t) && Number(t) >= EXCEL_SERIAL_MIN && Number(t) <= EXCEL_SERIAL_MAX) {
    // An Excel date serial: a date cell saved as a number (CSV from a cell without a date format, or a general-format .xlsx cell).
    const day = new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000)
    y = day.getUTCFullYear()
    m = day.getUTCMonth() + 1
    d = day.getUTCDate()
  } else {
    return { ok: false, message: `Дата «${s}» не распознана: ожидается ДД.ММ.ГГГГ, например 01.09.2023` }
  }
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: `Такой даты нет: «${s}»` }
  }
  return { ok: true, value: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` }
}

/** «12,5», «12.5», «1 234,5», «12 лет» → a number. */
export function parseRuNumber(s: string): Parsed<number> {
  const t = s
    .trim()
    // «'07»: the apostrophe that makes a cell text in Excel, kept as a character when the cell was already text
    .replace(/^'(?=[\d-])/, '')
    // «12 лет», «15лет», «5 л.», «3 г.»: the unit beside «Стаж»
    .replace(/(?<=\d)\s*(лет|года?|г|л)\.?$/i, '')
    .replace(/(?<=\d)[ '](?=\d{3}(\D|$))/g, '')
    .replace(',', '.')
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { ok: false, message: `«${s}» — не число; дробную часть можно отделять запятой, например 12,5` }
  return { ok: true, value: Number(t) }
}

const YES = new Set(['да', 'д', 'yes', 'y', 'true', 'истина', '1', '+', 'v', '✓', '✔', 'x', 'х', 'есть', 'имеется', 'является'])
const NO = new Set(['нет', 'н', 'no', 'n', 'false', 'ложь', '0', '-', '—', '–', 'не является', 'отсутствует'])

/** да/нет and what Excel users put instead (+, 1, ✓, x). */
export function parseYesNo(s: string): Parsed<boolean> {
  const t = s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '')
  if (YES.has(t)) return { ok: true, value: true }
  if (NO.has(t)) return { ok: true, value: false }
  return { ok: false, message: `Ожидается «да» или «нет», а не «${s}»` }
}

/** The subjects of one cell: one per line, or separated by «;» or «,». */
export function splitList(s: string): string[] {
  return s
    .split(/[\n;,]/)
    .map((x) => x.trim())
    .filter(Boolean)
}

/**
 * Memoizes a parser of cell text: a column of a big file repeats a few
 * values (municipalities, categories, да/нет) thousands of times. Bounded, so
 * a column of unique values costs no more than a cache miss each.
 */
export function memo<T>(fn: (raw: string) => T, limit = 10_000): (raw: string) => T {
  const cache = new Map<string, T>()
  return (raw) => {
    let hit = cache.get(raw)
    if (hit === undefined && !cache.has(raw)) {
      hit = fn(raw)
      if (cache.size < limit) cache.set(raw, hit)
    }
    return hit as T
  }
}
