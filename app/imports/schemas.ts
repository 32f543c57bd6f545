import { z } from 'zod'
import { controlCharactersMessage, emailPattern, withoutControlCharacters } from '~/model/inputs/register'
import { factCatalog, type FactKey, type Facts } from '~/model/eligibility'
import { factColumns, type ImportKind } from './columns'
import { emailKey, memo, nameKey, oneLine, parseRuDate, parseRuNumber, parseYesNo, splitList, type Parsed } from './normalize'

// One zod schema per kind of spreadsheet: a row comes in as the cleaned text
// of its cells (keyed by column), and leaves typed, or with one Russian
// message per faulty cell (the issue path names the column). The schemas are
// built per import because a row is checked against the region's reference
// data (municipalities, groups) and the importer's scope.

export type Cells = Partial<Record<string, string>>

export type Ref = { id: number; code: string; name: string }

export type RowContext = {
  municipalities: Ref[]
  /**
   * The municipality the whole file belongs to — a municipal coordinator's
   * own, or the one the importer named for a municipality's file: an empty
   * cell means it, any other is refused.
   */
  fixedMunicipality: Ref | null
  /** Why it is fixed, for the refusal: the importer's scope, or their choice. */
  fixedBy?: 'scope' | 'choice'
  groups: (Ref & { directionId: number })[]
  /** The region's list of subjects, to restore their spelling. */
  subjects: string[]
  /** Whether the file names people in one «ФИО» column or three. */
  nameMode: NameMode
  /** The columns the file has; a schema checks only those (absent optional columns are empty). */
  columns?: ReadonlySet<string>
  /** Today, for dates that must be past (tests fix it). */
  today?: Date
  /** Today in the region's zone, for dates that must not be in the future (events, categories). */
  regionToday?: string
}

export type PersonName = { lastName: string; firstName: string; middleName: string }

export type NominationRow = PersonName & {
  municipalityId: number
  email: string
  organisation: string
  position: string
  subjects: string[]
  groupId: number | null
  directionId: number | null
  facts: Facts
  /** Private (person_private); null: the file says nothing, a stored one is kept. */
  birthDate: string | null
}

export type MatchHints = { email: string | null; municipalityId: number | null; organisation: string | null }

export type RegistryRow = PersonName & MatchHints & { registryName: string | null; facts: Facts }

export type QualificationRow = PersonName &
  MatchHints & { category: 'highest' | 'first' | 'none'; categoryDate: string | null; orderNumber: string | null }

const NEVER = z.NEVER

export function fail(ctx: z.RefinementCtx, message: string) {
  ctx.addIssue({ code: 'custom', message })
  return NEVER
}

export const parsed = <T>(p: Parsed<T>, ctx: z.RefinementCtx): T => (p.ok ? p.value : fail(ctx, p.message))

export const optionalText = z.string().optional()

const required = (message: string, max = 500) =>
  z
    .string({ error: message })
    .transform(oneLine)
    .pipe(z.string().min(1, message).max(max, `Слишком длинное значение: не больше ${max} символов`))

const emailSchema = (requiredMessage: string) =>
  optionalText.transform((v, ctx) => {
    const t = emailKey(oneLine(v ?? ''))
    if (!t) return fail(ctx, requiredMessage)
    if (/[\s;,]/.test(t)) {
      // «ivanova @ school.ru»: one address with a stray space, not a list of two
      if (t.split('@').length === 2 && !/[;,]/.test(t)) return fail(ctx, `В адресе электронной почты «${v}» есть пробел: уберите его`)
      return fail(ctx, `Укажите один адрес электронной почты, а не «${v}»`)
    }
    // why: the application form's rule, so an address a teacher may register with (ivanova@школа.рф) a file may carry too
    if (!emailPattern.test(t)) return fail(ctx, `«${v}» — не адрес электронной почты`)
    return t
  })

/** Finds a municipality by its name («Город Томск», «г. Томск», «Томск») or code. */
export function municipalityResolver(list: Ref[]): (text: string) => Ref | 'ambiguous' | undefined {
  // Words that say what kind of municipality it is, not which one.
  const generic = new Set(['город', 'г', 'городской', 'округ', 'го', 'муниципальный', 'муниципальное', 'образование', 'район', 'зато', 'мо', 'мр', 'поселок', 'пгт'])
  const strip = (s: string) =>
    nameKey(s)
      .replace(/-/g, ' ')
      .split(' ')
      .filter((w) => w && !generic.has(w))
      .join(' ')
  const byName = new Map<string, Ref>()
  const byCode = new Map<string, Ref>()
  const byStem = new Map<string, Ref[]>()
  for (const m of list) {
    byName.set(nameKey(m.name), m)
    byCode.set(m.code.toLowerCase(), m)
    const stem = strip(m.name)
    byStem.set(stem, [...(byStem.get(stem) ?? []), m])
  }
  return (text) => {
    const found = byName.get(nameKey(text)) ?? byCode.get(text.trim().toLowerCase())
    if (found) return found
    const stems = byStem.get(strip(text))
    if (!stems) return undefined
    return stems.length === 1 ? stems[0] : 'ambiguous'
  }
}

function groupResolver(list: RowContext['groups']) {
  const byKey = new Map<string, RowContext['groups'][number]>()
  for (const g of list) {
    byKey.set(nameKey(g.name), g)
    byKey.set(g.code.toLowerCase(), g)
  }
  return (text: string) => byKey.get(nameKey(text)) ?? byKey.get(text.trim().toLowerCase())
}

/** «Иванова Мария Ивановна» → parts; a single word is not a full name. */
export function splitFullName(full: string): PersonName | undefined {
  const words = oneLine(full).split(' ').filter(Boolean)
  if (words.length < 2) return undefined
  return { lastName: words[0], firstName: words[1], middleName: words.slice(2).join(' ') }
}

const NAME = /^[\p{L}][\p{L}\p{M}'’ .-]*$/u

/**
 * The forms' rule for names (app/model/inputs/register.ts): no line break or
 * other control character inside. The cell comes cleaned (trimmed, a `\r`
 * inside it already a line break), so a break inside is still there to refuse.
 */
const withControlCharacters = (v: string | undefined) => v !== undefined && !withoutControlCharacters(v)

function nameWord(what: string, requiredMessage: string | null) {
  return optionalText.transform((v, ctx) => {
    if (withControlCharacters(v)) return fail(ctx, controlCharactersMessage)
    const t = oneLine(v ?? '')
    if (!t) return requiredMessage ? fail(ctx, requiredMessage) : ''
    if (!NAME.test(t) || t.length > 100) return fail(ctx, `${what} «${t}» содержит недопустимые символы`)
    return t
  })
}

/**
 * The name columns as the header gave them: one «ФИО» cell, or three. Three
 * columns win when a file has both: they leave no doubt where the surname ends.
 */
export function nameFields(mode: NameMode) {
  if (mode === 'three') {
    return {
      lastName: nameWord('Фамилия', 'Не заполнена фамилия'),
      firstName: nameWord('Имя', 'Не заполнено имя'),
      middleName: nameWord('Отчество', null),
    }
  }
  return {
    fullName: optionalText.transform((v, ctx): PersonName => {
      if (!v) return fail(ctx, 'Не заполнены фамилия, имя и отчество')
      if (withControlCharacters(v)) return fail(ctx, controlCharactersMessage)
      const parts = splitFullName(v)
      if (!parts) return fail(ctx, `«${oneLine(v)}»: укажите фамилию, имя и (при наличии) отчество`)
      const all = `${parts.lastName} ${parts.firstName} ${parts.middleName}`.trim()
      if (!NAME.test(all) || all.length > 300) return fail(ctx, `ФИО «${all}» содержит недопустимые символы`)
      return parts
    }),
  }
}

export type NameMode = 'full' | 'three'

/**
 * The row's name, whichever columns held it. Row transforms copy its three
 * fields one by one: spreading it into the row object (`{ ...nameOf(v), … }`)
 * cost ≈ 20 µs a row in V8, a fifth of a big file's time.
 */
export function nameOf(row: object): PersonName {
  // The shape depends on the name mode chosen from the header (nameFields).
  const v = row as { fullName?: PersonName; lastName?: string; firstName?: string; middleName?: string }
  return v.fullName ?? { lastName: v.lastName!, firstName: v.firstName!, middleName: v.middleName ?? '' }
}

const categoryWords: [RegExp, 'highest' | 'first' | 'none'][] = [
  [/^(высш(ая|ей|ую)?|вкк|в)( квалификационная| квалиф| кв)?( категория| кат)?$/, 'highest'],
  [/^(перв(ая|ой|ую)?|1|i|1 я|1я|пкк)( квалификационная| квалиф| кв)?( категория| кат)?$/, 'first'],
  [/^(без категории|нет|не имеет|отсутствует|б к|бк|сзд|соответствие занимаемой должности|соответствие должности)$/, 'none'],
]

function parseCategory(s: string): Parsed<'highest' | 'first' | 'none'> {
  const t = nameKey(s).replace(/-/g, ' ').replace(/\s+/g, ' ')
  for (const [re, value] of categoryWords) if (re.test(t)) return { ok: true, value }
  return { ok: false, message: `Категория «${s}» не распознана: укажите «высшая», «первая» или «без категории»` }
}

function parseEducation(s: string): Parsed<{ level: 'higher' | 'secondaryVocational' | 'other'; pedagogical?: boolean }> {
  const t = nameKey(s)
  const pedagogical = /педагогическ/.test(t) ? (/непедагогическ|не педагогическ/.test(t) ? false : true) : undefined
  if (/^высш/.test(t) || /бакалавр|магистр|специалитет/.test(t)) return { ok: true, value: { level: 'higher', pedagogical } }
  if (/^(среднее профессиональное|среднее специальное|спо|ссо)/.test(t)) return { ok: true, value: { level: 'secondaryVocational', pedagogical } }
  if (/^(иное|другое|среднее общее|нет)/.test(t)) return { ok: true, value: { level: 'other', pedagogical } }
  return { ok: false, message: `Образование «${s}» не распознано: укажите «высшее», «среднее профессиональное» или «иное»` }
}

/**
 * The fact cells of a row, one schema per column, so every faulty cell is
 * reported. A nomination claims (`verified: false`), a registry confirms
 * (`verified: true, source: 'registry'`). In a registry extract «нет» and an
 * empty cell both mean "the registry says nothing": a list of experts proves
 * who is on it, not who is not.
 */
type Education = { level: 'higher' | 'secondaryVocational' | 'other'; pedagogical?: boolean }
type FactValue = string | number | boolean | Education | undefined

const categoryOf = memo(parseCategory)
const educationOf = memo(parseEducation)
const numberOf = memo(parseRuNumber)
const yesNoOf = memo(parseYesNo)

function factFields(mode: 'claim' | 'confirm') {
  const field = (key: FactKey) =>
    optionalText.transform((raw, ctx): FactValue => {
      if (raw === undefined || raw === '') return undefined
      if (key === 'qualificationCategory') return parsed(categoryOf(raw), ctx)
      if (key === 'educationLevel') return parsed(educationOf(raw), ctx)
      if (factCatalog[key].kind === 'number') {
        const n = parsed(numberOf(raw), ctx)
        if (n < 0 || n > 70) return fail(ctx, `Стаж ${raw} вне допустимых пределов (от 0 до 70 лет)`)
        return n
      }
      const yes = parsed(yesNoOf(raw), ctx)
      return mode === 'claim' || yes ? yes : undefined
    })
  return Object.fromEntries(factColumns.map((k) => [k, field(k)])) as Record<FactKey, ReturnType<typeof field>>
}

function collectFacts(v: Partial<Record<FactKey, FactValue>>, mode: 'claim' | 'confirm'): Facts {
  const facts: Facts = {}
  const put = (key: FactKey, value: string | number | boolean) => {
    facts[key] = mode === 'claim' ? { value, verified: false, source: 'self' } : { value, verified: true, source: 'registry' }
  }
  for (const key of factColumns) {
    const value = v[key]
    if (value === undefined) continue
    if (typeof value === 'object') {
      put(key, value.level)
      // «высшее педагогическое» says both; an explicit column wins.
      const ped = value.pedagogical
      if (v.educationPedagogical === undefined && ped !== undefined && (mode === 'claim' || ped)) put('educationPedagogical', ped)
    } else put(key, value)
  }
  return facts
}

export function municipalityField(resolve: (text: string) => Ref | 'ambiguous' | undefined, fixed: Ref | null, required: boolean, fixedBy: RowContext['fixedBy'] = 'scope') {
  const lookup = memo((text: string): Parsed<number | null> => {
    if (!text) {
      if (fixed) return { ok: true, value: fixed.id }
      return required ? { ok: false, message: 'Не указан муниципалитет' } : { ok: true, value: null }
    }
    const found = resolve(oneLine(text))
    if (found === 'ambiguous') return { ok: false, message: `«${text}» подходит к нескольким муниципалитетам: укажите полное название или код` }
    if (!found) return { ok: false, message: `Муниципалитет «${text}» не найден в регионе` }
    if (fixed && found.id !== fixed.id) {
      return {
        ok: false,
        message:
          fixedBy === 'choice'
            ? `Строка относится к муниципалитету «${found.name}», а файл загружается за муниципалитет «${fixed.name}»`
            : `Строка относится к муниципалитету «${found.name}», а вы можете загружать только «${fixed.name}»`,
      }
    }
    return { ok: true, value: found.id }
  })
  return optionalText.transform((text, ctx): number | null => parsed(lookup(text ?? ''), ctx))
}

/** Only the columns the file has: an absent optional column is not checked row by row. */
export function present<S extends Record<string, z.ZodType>>(shape: S, ctx: RowContext): S {
  if (!ctx.columns) return shape
  return Object.fromEntries(Object.entries(shape).filter(([k]) => ctx.columns!.has(k))) as S
}

export function nominationSchema(ctx: RowContext) {
  const municipality = municipalityResolver(ctx.municipalities)
  const group = groupResolver(ctx.groups)
  const canonical = new Map(ctx.subjects.map((s) => [nameKey(s), s]))
  // Like «Группа»: only the region's list, as the web form offers (a region without a list takes any subject).
  const subjects = memo((v: string): Parsed<string[]> => {
    const list = splitList(v).map((s) => ({ text: s, found: canonical.get(nameKey(s)) }))
    const unknown = ctx.subjects.length > 0 ? list.filter((s) => !s.found).map((s) => `«${s.text}»`) : []
    if (unknown.length > 0) {
      const what = unknown.length === 1 ? `Предметная область ${unknown[0]} не найдена` : `Предметные области ${unknown.join(', ')} не найдены`
      return { ok: false, message: `${what} в списке региона. Допустимые значения: ${ctx.subjects.join(', ')}` }
    }
    return { ok: true, value: list.map((s) => s.found ?? s.text) }
  })
  return z
    .object({
      ...nameFields(ctx.nameMode),
      ...present(
        {
          municipality: municipalityField(municipality, ctx.fixedMunicipality, true, ctx.fixedBy),
          email: emailSchema('Не указан адрес электронной почты: он нужен для уведомлений кандидату'),
          organisation: required('Не указано место работы'),
          position: required('Не указана должность', 300),
          subjects: optionalText.transform((v, c) => parsed(subjects(v ?? ''), c)),
          group: optionalText.transform((text, c) => {
            if (!text) return null
            return group(text) ?? fail(c, `Группа «${text}» не найдена среди групп методического актива региона`)
          }),
          ...factFields('claim'),
          birthDate: birthDateField(ctx.today ?? new Date()),
        },
        ctx,
      ),
    })
    .transform(
      (v): NominationRow => {
        // Field by field (nameOf)
        const n = nameOf(v)
        return {
          lastName: n.lastName,
          firstName: n.firstName,
          middleName: n.middleName,
          // No municipality column: a municipal coordinator's own (the header check requires it otherwise).
          municipalityId: (v.municipality ?? ctx.fixedMunicipality?.id) as number,
          email: v.email,
          organisation: v.organisation,
          position: v.position,
          subjects: v.subjects ?? [],
          groupId: v.group?.id ?? null,
          directionId: v.group?.directionId ?? null,
          facts: collectFacts(v, 'claim'),
          birthDate: v.birthDate ?? null,
        }
      },
    )
}

/** A teacher's age is within these bounds; a date outside them is a typo in the year. */
const MIN_AGE = 18
const MAX_AGE = 90

function birthDateField(today: Date) {
  const iso = (years: number) => {
    const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()))
    return d.toISOString().slice(0, 10)
  }
  const todayIso = iso(0)
  const youngest = iso(MIN_AGE)
  const oldest = iso(MAX_AGE)
  return optionalText.transform((v, c): string | null => {
    if (!v) return null
    const p = parseRuDate(oneLine(v))
    if (!p.ok) return fail(c, p.message) // one message: a date that does not exist is not also "in the future"
    const d = p.value
    if (d > todayIso) return fail(c, `Дата рождения ${v} ещё не наступила`)
    if (d > youngest) return fail(c, `Дата рождения ${v}: кандидату меньше ${MIN_AGE} лет — проверьте год`)
    if (d < oldest) return fail(c, `Дата рождения ${v}: кандидату больше ${MAX_AGE} лет — проверьте год`)
    return d
  })
}

function hintFields(ctx: RowContext) {
  return {
    ...nameFields(ctx.nameMode),
    ...present(
      {
        email: optionalText.transform((v) => (v ? emailKey(oneLine(v)) : null)),
        municipality: municipalityField(municipalityResolver(ctx.municipalities), null, false),
        organisation: optionalText.transform((v) => (v ? oneLine(v) : null)),
      },
      ctx,
    ),
  }
}

export function registrySchema(ctx: RowContext) {
  return z
    .object({ ...hintFields(ctx), ...present({ registryName: optionalText.transform((v) => (v ? oneLine(v) : null)), ...factFields('confirm') }, ctx) })
    .transform(
      (v): RegistryRow => {
        // Field by field (nameOf)
        const n = nameOf(v)
        return {
          lastName: n.lastName,
          firstName: n.firstName,
          middleName: n.middleName,
          email: v.email ?? null,
          municipalityId: v.municipality ?? null,
          organisation: v.organisation ?? null,
          registryName: v.registryName ?? null,
          facts: collectFacts(v, 'confirm'),
        }
      },
    )
    .check((c) => {
      if (Object.keys(c.value.facts).length === 0) {
        c.issues.push({
          code: 'custom',
          input: c.value,
          path: ['registryMember'],
          message: 'В строке нет ни одного подтверждённого сведения: все ячейки пусты или «нет»',
        })
      }
    })
}

export function qualificationSchema(ctx: RowContext, today?: Date) {
  // The region's day (a category given this morning in Khabarovsk is not «in the future» while UTC is still on yesterday).
  const todayIso = today ? today.toISOString().slice(0, 10) : (ctx.regionToday ?? new Date().toISOString().slice(0, 10))
  return z
    .object({
      ...hintFields(ctx),
      qualificationCategory: optionalText.transform((v, c) => (v ? parsed(categoryOf(v), c) : fail(c, 'Не указана квалификационная категория'))),
      ...present(
        {
          categoryDate: optionalText.transform((v, c) => {
            if (!v) return null
            const p = parseRuDate(v)
            if (!p.ok) return fail(c, p.message) // one message: a date that does not exist is not also "in the future"
            const d = p.value
            if (d > todayIso) return fail(c, `Дата ${v} ещё не наступила`)
            if (d < '1990-01-01') return fail(c, `Дата ${v} слишком ранняя`)
            return d
          }),
          orderNumber: optionalText.transform((v) => (v ? oneLine(v) : null)),
        },
        ctx,
      ),
    })
    .transform(
      (v): QualificationRow => {
        // Field by field (nameOf)
        const n = nameOf(v)
        return {
          lastName: n.lastName,
          firstName: n.firstName,
          middleName: n.middleName,
          email: v.email ?? null,
          municipalityId: v.municipality ?? null,
          organisation: v.organisation ?? null,
          category: v.qualificationCategory,
          categoryDate: v.categoryDate ?? null,
          orderNumber: v.orderNumber ?? null,
        }
      },
    )
}

type CampaignKind = Exclude<ImportKind, 'activity'>

export type RowOf<K extends CampaignKind> = K extends 'nominations' ? NominationRow : K extends 'registry' ? RegistryRow : QualificationRow

export function schemaFor<K extends CampaignKind>(kind: K, ctx: RowContext): z.ZodType<RowOf<K>, Cells> {
  const s = kind === 'nominations' ? nominationSchema(ctx) : kind === 'registry' ? registrySchema(ctx) : qualificationSchema(ctx)
  return s as unknown as z.ZodType<RowOf<K>, Cells>
}
