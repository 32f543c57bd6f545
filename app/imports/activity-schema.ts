import { z } from 'zod'
import { activityKindLabels, activityKinds, activityLevelLabels, type ActivityKind, type ActivityLevel } from '~/model/activity'
import { memo, nameKey, oneLine, parseRuDate, parseRuNumber, type Parsed } from './normalize'
import {
  fail,
  municipalityField,
  municipalityResolver,
  nameFields,
  nameOf,
  optionalText,
  parsed,
  present,
  type Cells,
  type MatchHints,
  type PersonName,
  type RowContext,
} from './schemas'

// The row of an activity file (issue 10 §1.3): an event the region held and
// one of its participants. The kind and the level come as the words people
// write («семинар», «Региональный»), the day as Russian files write it or as
// an Excel date; the participant as the registry import names people.

export type ActivityImportRow = PersonName &
  MatchHints & {
    title: string
    titleKey: string
    kind: ActivityKind
    heldOn: string
    level: ActivityLevel
    audience: number
    description: string | null
    evidenceUrl: string | null
  }

/** Case, ё, punctuation and spaces do not make two events different. */
export const titleKeyOf = (title: string) => nameKey(title).replace(/-/g, ' ').replace(/\s+/g, ' ').trim()

const fold = titleKeyOf

/** Short words for the catalogue's kinds, besides their full labels. */
const kindWords: Record<ActivityKind, string[]> = {
  openLesson: ['открытый урок', 'мастер класс', 'открытое занятие'],
  seminar: ['семинар', 'вебинар', 'семинар или вебинар', 'проведенный семинар', 'проведенный вебинар', 'практикум'],
  consultation: ['консультация', 'консультирование'],
  expertWork: ['экспертная работа', 'экспертиза', 'эксперт гиа', 'экспертная работа гиа'],
  publication: ['публикация', 'методическая публикация', 'методическая разработка', 'методический продукт'],
  mentoring: ['наставничество'],
  course: ['курсы', 'курс', 'проведенные курсы', 'курсы повышения квалификации'],
  jury: ['жюри', 'работа в жюри', 'член жюри'],
  other: ['другое', 'иное', 'прочее'],
}

const kindByWord = new Map<string, ActivityKind>()
for (const k of activityKinds) for (const w of [activityKindLabels[k], ...kindWords[k]]) kindByWord.set(fold(w), k)

const kindOf = memo((raw: string): Parsed<ActivityKind> => {
  const found = kindByWord.get(fold(raw))
  if (found) return { ok: true, value: found }
  const list = activityKinds.map((k) => `«${activityKindLabels[k]}»`).join(', ')
  return { ok: false, message: `Вид работы «${raw}» не найден. Укажите один из видов: ${list}` }
})

const levelOf = memo((raw: string): Parsed<ActivityLevel> => {
  const t = fold(raw).replace(/ уровень$/, '')
  const value: ActivityLevel | undefined = /^школ/.test(t)
    ? 'school'
    : /^муницип/.test(t)
      ? 'municipal'
      : /^(регион|краев|областн|окружн)/.test(t)
        ? 'regional'
        : /^(федерал|всероссийск)/.test(t)
          ? 'federal'
          : undefined
  if (value) return { ok: true, value }
  const list = Object.values(activityLevelLabels).map((l) => `«${l}»`).join(', ')
  return { ok: false, message: `Уровень «${raw}» не распознан: укажите ${list}` }
})

/** Events before this day are not the active's work (a typo in the year). */
const EARLIEST = '2000-01-01'

function heldOnField(today: string) {
  return optionalText.transform((v, c): string => {
    if (!v) return fail(c, 'Не указана дата проведения')
    const p = parseRuDate(oneLine(v))
    if (!p.ok) return fail(c, p.message)
    if (p.value > today) return fail(c, `Дата ${v} ещё не наступила: загружаются проведённые мероприятия`)
    if (p.value < EARLIEST) return fail(c, `Дата ${v} слишком ранняя: проверьте год`)
    return p.value
  })
}

const text = (max: number, requiredMessage: string | null) =>
  optionalText.transform((v, c): string | null => {
    const t = oneLine(v ?? '').trim()
    if (!t) return requiredMessage ? fail(c, requiredMessage) : null
    if (t.length > max) return fail(c, `Слишком длинное значение: не больше ${max} символов`)
    return t
  })

export function activitySchema(ctx: RowContext): z.ZodType<ActivityImportRow, Cells> {
  const today = ctx.regionToday ?? new Date().toISOString().slice(0, 10)
  return z
    .object({
      ...nameFields(ctx.nameMode),
      title: text(500, 'Не указано название мероприятия'),
      activityKind: optionalText.transform((v, c) => (v ? parsed(kindOf(v), c) : fail(c, 'Не указан вид работы'))),
      heldOn: heldOnField(today),
      level: optionalText.transform((v, c) => (v ? parsed(levelOf(v), c) : fail(c, 'Не указан уровень'))),
      ...present(
        {
          audience: optionalText.transform((v, c): number => {
            if (!v) return 0
            const n = parsed(parseRuNumber(v), c)
            if (!Number.isInteger(n) || n < 0 || n > 1_000_000) return fail(c, `Число слушателей «${v}»: укажите целое число от 0 до 1 000 000`)
            return n
          }),
          description: text(1400, null),
          evidenceUrl: optionalText.transform((v, c): string | null => {
            const t = (v ?? '').trim()
            if (!t) return null
            if (!/^https?:\/\/\S+$/.test(t) || t.length > 1000) return fail(c, `«${t}» — не ссылка: она должна начинаться с http:// или https://`)
            return t
          }),
          email: optionalText.transform((v) => (v ? oneLine(v).trim().toLowerCase() : null)),
          // a municipal coordinator's own municipality: an empty cell means it, another one is refused
          municipality: municipalityField(municipalityResolver(ctx.municipalities), ctx.fixedMunicipality, false, 'scope'),
          organisation: optionalText.transform((v) => (v ? oneLine(v) : null)),
        },
        ctx,
      ),
    })
    .transform(
      (v): ActivityImportRow => {
        // Field by field (nameOf)
        const n = nameOf(v)
        return {
          lastName: n.lastName,
          firstName: n.firstName,
          middleName: n.middleName,
          title: v.title!,
          titleKey: titleKeyOf(v.title!),
          kind: v.activityKind,
          heldOn: v.heldOn,
          level: v.level,
          audience: v.audience ?? 0,
          description: v.description ?? null,
          evidenceUrl: v.evidenceUrl ?? null,
          email: v.email ?? null,
          municipalityId: v.municipality ?? ctx.fixedMunicipality?.id ?? null,
          organisation: v.organisation ?? null,
        }
      },
    ) as unknown as z.ZodType<ActivityImportRow, Cells>
}

/** What the member's record says: the event, then what the file adds about the participant. */
export function recordDescription(row: Pick<ActivityImportRow, 'title' | 'description'>): string {
  if (!row.description) return row.title
  return /[.!?…]$/.test(row.title) ? `${row.title} ${row.description}` : `${row.title}. ${row.description}`
}
