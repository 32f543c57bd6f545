import {
  activityLevelOf,
  meets,
  minimumLabel,
  municipalityMeets,
  municipalShare,
  valueLabel,
  type Computation,
  type FormRow,
  type Indicator,
  type MunicipalLine,
} from './indicators'
import { plural } from '~/utils/plural'

// The registry's computed values and the report's form, from counts and
// stored values (issue 10 §2.5). Pure: the SQL counts per municipality come
// from db/queries/indicator-computations.server.ts.

/** After «из N»: «из 1 муниципалитета», «из 21 муниципалитета», «из 3 муниципалитетов». */
const ofMunicipalities = (n: number) => plural(n, 'муниципалитета', 'муниципалитетов', 'муниципалитетов')

export type Counts = {
  /** 0: what belongs to no municipality (counted in the region's totals only) */
  municipalityId: number
  name: string
  teachers: number
  members: number
  activity: Record<'school' | 'municipal' | 'regional' | 'federal', number>
}

export type ComputedValue = { indicatorId: number; municipalityId: number | null; actual: number | null; confirmation: string }

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits
const n = (v: number) => v.toLocaleString('ru-RU')

function activityOf(c: Pick<Counts, 'activity'>, computation: Computation): number {
  const level = activityLevelOf[computation]
  return level ? c.activity[level as keyof Counts['activity']] : Object.values(c.activity).reduce((s, x) => s + x, 0)
}

/** One region-wide figure and the words that confirm it. */
function regional(computation: Computation, counts: readonly Counts[], asOf: string): { actual: number | null; confirmation: string } {
  const municipalities = counts.filter((c) => c.municipalityId !== 0)
  const teachers = municipalities.reduce((s, c) => s + c.teachers, 0)
  const members = counts.reduce((s, c) => s + c.members, 0)
  const basis = `по данным реестра на ${asOf}: педагогических работников — ${n(teachers)}, членов актива — ${n(members)}`
  switch (computation) {
    case 'teachersPerMember':
      return { actual: members ? round(teachers / members, 1) : null, confirmation: `Рассчитано ${basis}` }
    case 'membersPer100Teachers':
      return { actual: teachers ? round((members * 100) / teachers, 2) : null, confirmation: `Рассчитано ${basis}` }
    case 'municipalitiesWithMembers': {
      const withMembers = municipalities.filter((c) => c.members > 0).length
      return {
        actual: municipalities.length ? round((withMembers * 100) / municipalities.length, 1) : null,
        confirmation: `Рассчитано по данным реестра на ${asOf}: члены актива есть в ${n(withMembers)} из ${n(municipalities.length)} ${ofMunicipalities(municipalities.length)}`,
      }
    }
    default:
      return { actual: counts.reduce((s, c) => s + activityOf(c, computation), 0), confirmation: `Подтверждённые записи о методической работе членов актива на ${asOf}` }
  }
}

function municipal(computation: Computation, c: Counts): number | null {
  if (computation === 'membersPer100Teachers') return c.teachers ? round((c.members * 100) / c.teachers, 2) : null
  return activityOf(c, computation)
}

/** The values the registry computes for a report: one per regional indicator, one per municipality for a municipal one. */
export function computeValues(indicators: readonly Indicator[], counts: readonly Counts[], asOf: string): ComputedValue[] {
  return indicators.flatMap((i): ComputedValue[] => {
    if (!i.computation) return []
    if (i.level === 'regional') return [{ indicatorId: i.id, municipalityId: null, ...regional(i.computation, counts, asOf) }]
    const computation = i.computation
    return counts
      .filter((c) => c.municipalityId !== 0)
      .map((c) => ({ indicatorId: i.id, municipalityId: c.municipalityId, actual: municipal(computation, c), confirmation: `Рассчитано по данным реестра на ${asOf}` }))
  })
}

export type StoredValue = {
  id: number
  indicatorId: number
  municipalityId: number | null
  actual: number | null
  confirmation: string
  evidenceUrl: string | null
  evidenceFileName: string | null
  computed: boolean
}

/**
 * The report's form: each indicator with its minimum, actual value and
 * whether it is met. A municipal indicator's figure is the share of the
 * municipalities that answered which meet it; `onlyMunicipalities` limits
 * the lines shown (a municipal coordinator sees their own).
 */
export function buildForm(
  indicators: readonly Indicator[],
  values: readonly StoredValue[],
  municipalities: readonly { id: number; name: string }[],
): FormRow[] {
  const valueOf = (indicatorId: number, municipalityId: number | null) =>
    values.find((v) => v.indicatorId === indicatorId && v.municipalityId === municipalityId) ?? null
  return indicators.map((i): FormRow => {
    const yesNo = i.level === 'municipal' && i.municipalTarget === null
    const base = { indicatorId: i.id, code: i.code, title: i.title, level: i.level, unit: i.unit, yesNo, minimum: minimumLabel(i), computation: i.computation, template: i.template, source: i.source }
    if (i.level === 'regional') {
      const v = valueOf(i.id, null)
      const actual = v?.actual ?? null
      return {
        ...base,
        actual,
        actualText: valueLabel(actual, i.unit),
        met: meets(actual, i.comparison, i.minimum),
        confirmation: v?.confirmation ?? '',
        hasFile: Boolean(v?.evidenceFileName),
        evidenceUrl: v?.evidenceUrl ?? null,
        valueId: v?.id ?? null,
        municipalities: [],
      }
    }
    const lines: MunicipalLine[] = municipalities.map((m) => {
      const v = valueOf(i.id, m.id)
      const actual = v?.actual ?? null
      return {
        municipalityId: m.id,
        name: m.name,
        actual,
        met: municipalityMeets(i, actual),
        confirmation: v?.confirmation ?? '',
        hasFile: Boolean(v?.evidenceFileName),
        evidenceUrl: v?.evidenceUrl ?? null,
        valueId: v?.id ?? null,
        computed: v?.computed ?? false,
      }
    })
    const share = municipalShare(lines)
    return {
      ...base,
      actual: share.percent,
      actualText: share.percent === null ? '—' : `в ${n(share.meeting)} из ${n(share.reported)} ${ofMunicipalities(share.reported)}, представивших сведения (${n(share.percent)} %)`,
      met: meets(share.percent, i.comparison, i.minimum),
      confirmation: '',
      hasFile: false,
      evidenceUrl: null,
      valueId: null,
      municipalities: lines,
    }
  })
}

/**
 * The municipalities that have not entered a value of every municipal
 * indicator asked of them (the registry's computed ones are not theirs to
 * enter), by name, out of all the report's municipalities. A report may go to
 * the commission without them (Khabarovsk counts those that answered); the
 * page says who is missing before it is sent.
 */
export function municipalitiesWithoutValues(rows: readonly FormRow[]): { total: number; missing: string[] } {
  const entered = rows.filter((r) => r.level === 'municipal' && !r.computation)
  const all = new Map(rows.flatMap((r) => r.municipalities).map((l) => [l.municipalityId, l.name]))
  const missing = new Set(entered.flatMap((r) => r.municipalities.filter((l) => l.actual === null).map((l) => l.municipalityId)))
  return { total: all.size, missing: [...all].filter(([id]) => missing.has(id)).map(([, name]) => name) }
}

/** How a municipality's own value reads. */
export const municipalValueLabel = (row: Pick<FormRow, 'unit' | 'yesNo'>, actual: number | null) => valueLabel(actual, row.unit, row.yesNo)
