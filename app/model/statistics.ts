import { coverageStatus, coverageStatusLabels, coverageTotal, perMember } from './coverage'
import { addDays, formatDay } from '~/utils/dates'

// The region's statistics report as tables (PRODUCT §1.6): one model for the
// staff page, the public page, the .xlsx (a sheet per table) and the .docx.
// Pure: the counts come from GROUP BY queries (db/queries/statistics.server.ts);
// this module only names and orders them.

export type Cell = string | number | null
export type ReportColumn = { head: string; kind: 'text' | 'number' }
export type ReportChart = {
  kind: 'bar' | 'column'
  /** Which columns hold the label and the value drawn. */
  label: number
  value: number
  desc: string
  /** A reference line (the coverage indicator). */
  limit?: number | null
}
export type ReportTable = {
  id: string
  title: string
  /** The worksheet's name: at most 31 characters, none of []:*?/\ */
  sheet: string
  columns: ReportColumn[]
  rows: Cell[][]
  total: Cell[] | null
  note: string | null
  chart: ReportChart | null
}

export type CountRow = { label: string | null; n: number }

/**
 * The stages of the campaign funnel as application states: an application
 * counts at a stage when its state is that stage or a later one (a returned
 * application had been recommended; a withdrawn one counts only as submitted).
 */
export const funnelStages = {
  eligible: ['inReview', 'recommended', 'rejected', 'deferred', 'atMinistry', 'approved', 'returned', 'published'],
  recommended: ['recommended', 'atMinistry', 'approved', 'returned', 'published'],
  approved: ['approved', 'published'],
} as const

const qualificationLabels: Record<string, string> = { highest: 'высшая', first: 'первая', none: 'без категории' }
const levelLabels: Record<string, string> = { regional: 'региональный', municipal: 'муниципальный' }

const n = (v: number) => v.toLocaleString('ru-RU')
const number = (head: string): ReportColumn => ({ head, kind: 'number' })
const label = (head: string): ReportColumn => ({ head, kind: 'text' })
const MEMBERS = 'Членов актива'
const barDesc = (what: string) => `Горизонтальные столбцы: ${what}. Те же числа приведены в таблице рядом.`

function countTable(id: string, title: string, sheet: string, head: string, rows: CountRow[], none: string, note: string | null = null): ReportTable {
  return {
    id,
    title,
    sheet,
    columns: [label(head), number(MEMBERS)],
    rows: rows.map((r) => [r.label ?? none, r.n]),
    total: null,
    note,
    chart: { kind: 'bar', label: 0, value: 1, desc: barDesc(`число членов актива по строкам «${head.toLowerCase()}»`) },
  }
}

/** A municipality's members in all, and on the region's and the municipal rosters. */
export type MunicipalityCounts = CountRow & { regional: number; municipal: number }

// why: once a municipality runs its own selection (issue 10 §6) the totals mix
// two actives; the split appears only then, so a region without a municipal
// active keeps its two-column table.
function municipalityTable(rows: MunicipalityCounts[]): ReportTable {
  const table = countTable('municipality', 'Члены актива по муниципалитетам', 'Муниципалитеты', 'Муниципалитет', rows, 'муниципалитет не указан')
  if (!rows.some((r) => r.municipal > 0)) return table
  return {
    ...table,
    columns: [...table.columns, number('В региональном активе'), number('В муниципальном активе')],
    rows: rows.map((r) => [r.label ?? 'муниципалитет не указан', r.n, r.regional, r.municipal]),
    note: 'Член актива учтён по месту работы; региональный и муниципальный активы показаны отдельно и вместе.',
  }
}

export type MemberCounts = {
  municipality: MunicipalityCounts[]
  subject: CountRow[]
  direction: CountRow[]
  group: (CountRow & { direction: string | null })[]
  /** Omitted on the public page: it comes from the applications, not from what members publish. */
  qualification?: CountRow[]
  level: CountRow[]
  termYear: CountRow[]
}

/** The breakdowns of the region's active members. */
export function memberTables(c: MemberCounts): ReportTable[] {
  const tables = [
    municipalityTable(c.municipality),
    countTable('subject', 'Члены актива по предметным областям', 'Предметы', 'Предметная область', c.subject, 'предмет не указан',
      'Член актива с несколькими предметными областями учтён в каждой из них.'),
    countTable('direction', 'Члены актива по направлениям', 'Направления', 'Направление', c.direction, 'без направления'),
    {
      id: 'group',
      title: 'Члены актива по группам',
      sheet: 'Группы',
      columns: [label('Направление'), label('Группа'), number(MEMBERS)],
      rows: c.group.map((g) => [g.direction ?? '—', g.label ?? 'без группы', g.n]),
      total: null,
      note: null,
      chart: { kind: 'bar', label: 1, value: 2, desc: barDesc('число членов актива в каждой группе') },
    } satisfies ReportTable,
  ]
  if (c.qualification) {
    const rows = c.qualification.map((r) => ({ label: r.label ? (qualificationLabels[r.label] ?? r.label) : null, n: r.n }))
    tables.push(countTable('qualification', 'Члены актива по квалификационной категории', 'Категории', 'Квалификационная категория', rows,
      'нет сведений', 'Категория — из заявления, по которому член актива включён в состав; у включённых без заявления (импорт, перенос) сведений нет.'))
  }
  tables.push(
    countTable('level', 'Члены актива по уровню актива', 'Уровень', 'Уровень актива', c.level.map((r) => ({ label: r.label ? (levelLabels[r.label] ?? r.label) : null, n: r.n })), 'не указан'),
    { ...countTable('term', 'Окончание срока полномочий по годам', 'Окончание срока', 'Год окончания срока', c.termYear, 'срок не указан'),
      chart: { kind: 'column', label: 0, value: 1, desc: 'Столбцы по годам: сколько членов актива заканчивают срок полномочий в каждом году. Те же числа приведены в таблице рядом.' } },
  )
  return tables
}

export type CoverageInput = { name: string; teachers: number; members: number }

/** Teachers per member by municipality against the region's indicator, with the region's total. */
export function coverageTable(rows: CoverageInput[], limit: number | null): ReportTable {
  const total = coverageTotal(rows)
  const status = (v: number | null) => {
    const s = coverageStatus(v, limit)
    return s ? coverageStatusLabels[s] : null
  }
  const withStatus = <T extends Cell[]>(cells: T, v: number | null): Cell[] => (limit ? [...cells, status(v)] : cells)
  return {
    id: 'coverage',
    title: 'Обеспеченность методической поддержкой',
    sheet: 'Обеспеченность',
    columns: [label('Муниципалитет'), number('Педагогов'), number(MEMBERS), number('Педагогов на одного члена актива'), ...(limit ? [label('Соответствие показателю')] : [])],
    rows: rows.map((r) => withStatus([r.name, r.teachers, r.members, perMember(r)], perMember(r))),
    total: withStatus(['Всего по региону', total.teachers, total.members, total.perMember], total.perMember),
    note: limit
      ? `Показатель региона: не более ${n(limit)} педагогических работников на одного члена методического актива.`
      : 'Регион не установил предельного значения; показано фактическое число педагогов на одного члена актива.',
    chart: {
      kind: 'bar',
      label: 0,
      value: 3,
      limit,
      desc: limit
        ? `Горизонтальные столбцы: педагогов на одного члена актива по муниципалитетам; вертикальная линия — предельное значение ${n(limit)}. Те же числа приведены в таблице рядом.`
        : barDesc('педагогов на одного члена актива по муниципалитетам'),
    },
  }
}

export type FunnelCounts = { submitted: number; eligible: number; recommended: number; approved: number }

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : null)

/** Submitted → eligible → recommended → approved for one campaign. */
export function funnelTable(c: FunnelCounts): ReportTable {
  const stages: [string, number][] = [
    ['Подано заявлений', c.submitted],
    ['Допущено к рассмотрению (соответствуют требованиям)', c.eligible],
    ['Рекомендовано комиссией', c.recommended],
    ['Согласовано министерством', c.approved],
  ]
  return {
    id: 'funnel',
    title: 'Этапы отбора',
    sheet: 'Этапы отбора',
    columns: [label('Этап'), number('Заявлений'), number('Доля от поданных, %')],
    rows: stages.map(([stage, v]) => [stage, v, share(v, c.submitted)]),
    total: null,
    note: 'Заявление учтено на этапе, если оно дошло до него (в том числе если позже было возвращено или отклонено); черновики не учтены.',
    chart: { kind: 'bar', label: 0, value: 1, desc: barDesc('сколько заявлений дошло до каждого этапа отбора') },
  }
}

export type RefusalCount = { label: string; clause: string; n: number }

/** Why applications were found ineligible: each failed rule or group by its wording and clause. */
export function refusalTable(rows: RefusalCount[], ineligible: number, withoutRule: number): ReportTable {
  const all: Cell[][] = rows.map((r) => [r.label, r.clause, r.n])
  if (withoutRule > 0) all.push(['Иное основание (ни одно правило не нарушено по данным проверки)', '—', withoutRule])
  return {
    id: 'refusals',
    title: 'Основания отказа по правилам',
    sheet: 'Основания отказа',
    columns: [label('Правило'), label('Пункт положения'), number('Заявлений')],
    rows: all,
    total: null,
    note: `Не соответствуют требованиям: ${n(ineligible)} заявл. Заявление с несколькими нарушенными правилами учтено под каждым из них.`,
    chart: { kind: 'bar', label: 0, value: 2, desc: barDesc('сколько заявлений не прошло каждое правило') },
  }
}

/** Submissions per week, the weeks without any filled with zero so the time axis is even. */
export function weeksTable(weeks: { week: string; n: number }[]): ReportTable {
  const byWeek = new Map(weeks.map((w) => [w.week, w.n]))
  const rows: Cell[][] = []
  if (weeks.length > 0) {
    const last = weeks[weeks.length - 1].week
    // at most two years of weeks: a stray date cannot make the table endless
    for (let day = weeks[0].week, i = 0; day <= last && i < 105; day = addDays(day, 7), i++) rows.push([`с ${formatDay(day)}`, byWeek.get(day) ?? 0])
  }
  return {
    id: 'weeks',
    title: 'Поданные заявления по неделям',
    sheet: 'Заявления по неделям',
    columns: [label('Неделя (с понедельника)'), number('Подано заявлений')],
    rows,
    total: null,
    note: 'Неделя подачи — по времени региона.',
    chart: { kind: 'column', label: 0, value: 1, desc: 'Столбцы по неделям: сколько заявлений подано за каждую неделю. Те же числа приведены в таблице рядом.' },
  }
}
