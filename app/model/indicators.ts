// The yearly indicator report (issue 10 §2.5; Khabarovsk protocol №4 of
// 13.12.2023, question 3): what an indicator is, what the registry can
// compute, and how a row of the form reads (minimum, actual, met). Pure: the
// page, the downloads, the domain and the presets share it.

import { unitAfter, unitAfterComparison } from '~/utils/plural'

export const indicatorLevels = ['regional', 'municipal'] as const
export type IndicatorLevel = (typeof indicatorLevels)[number]
export const indicatorLevelLabels: Record<IndicatorLevel, string> = { regional: 'Региональные показатели', municipal: 'Муниципальные показатели' }

export const comparisons = ['atLeast', 'atMost'] as const
export type Comparison = (typeof comparisons)[number]
export const comparisonLabels: Record<Comparison, string> = { atLeast: 'не менее', atMost: 'не более' }

/**
 * What the registry computes, in the report's year and the region's zone:
 * - teachersPerMember: teachers per active member (the Khabarovsk ≤ 100);
 * - membersPer100Teachers: active members per 100 teachers (per municipality for a municipal indicator);
 * - municipalitiesWithMembers: share (%) of municipalities with at least one active member;
 * - activity*: confirmed activity records held in the year, of all levels or of one.
 */
export const computations = [
  'teachersPerMember',
  'membersPer100Teachers',
  'municipalitiesWithMembers',
  'activityAll',
  'activitySchool',
  'activityMunicipal',
  'activityRegional',
  'activityFederal',
] as const
export type Computation = (typeof computations)[number]

export const computationLabels: Record<Computation, string> = {
  teachersPerMember: 'педагогических работников на одного члена актива',
  membersPer100Teachers: 'членов актива на 100 педагогических работников',
  municipalitiesWithMembers: 'доля муниципалитетов, в которых есть члены актива',
  activityAll: 'подтверждённые записи о методической работе за год',
  activitySchool: 'подтверждённые записи о работе школьного уровня за год',
  activityMunicipal: 'подтверждённые записи о работе муниципального уровня за год',
  activityRegional: 'подтверждённые записи о работе регионального уровня за год',
  activityFederal: 'подтверждённые записи о работе федерального уровня за год',
}

/** Computations that make sense per municipality (the others are region-wide). */
export const municipalComputations: readonly Computation[] = ['membersPer100Teachers', 'activityAll', 'activitySchool', 'activityMunicipal', 'activityRegional', 'activityFederal']

/** The activity level a computation counts (null: every level). */
export const activityLevelOf: Partial<Record<Computation, string | null>> = {
  activityAll: null,
  activitySchool: 'school',
  activityMunicipal: 'municipal',
  activityRegional: 'regional',
  activityFederal: 'federal',
}

export type Indicator = {
  id: number
  regionId: number
  code: string
  position: number
  title: string
  level: IndicatorLevel
  unit: string
  comparison: Comparison
  minimum: number
  minimumText: string
  municipalTarget: number | null
  computation: Computation | null
  source: string
  template: boolean
}

/** Does `actual` meet `limit` in the indicator's direction? */
export function meets(actual: number | null, comparison: Comparison, limit: number): boolean | null {
  if (actual === null || Number.isNaN(actual)) return null
  return comparison === 'atLeast' ? actual >= limit : actual <= limit
}

/** A municipality's own value against its target: a yes/no answer is met by «да» (1). */
export function municipalityMeets(i: Pick<Indicator, 'comparison' | 'municipalTarget'>, actual: number | null): boolean | null {
  if (actual === null) return null
  return i.municipalTarget === null ? actual >= 1 : meets(actual, i.comparison, i.municipalTarget)
}

const num = (v: number) => (Math.round(v * 100) / 100).toLocaleString('ru-RU')

/** The minimum as the form prints it: the source's words when it has them. */
export function minimumLabel(i: Pick<Indicator, 'minimumText' | 'comparison' | 'minimum' | 'unit' | 'level'>): string {
  if (i.minimumText) return i.minimumText
  const unit = i.level === 'municipal' ? '% муниципалитетов' : unitAfterComparison(i.minimum, i.unit)
  return `${comparisonLabels[i.comparison]} ${num(i.minimum)}${unit ? ` ${unit}` : ''}`
}

export function valueLabel(actual: number | null, unit: string, yesNo = false): string {
  if (actual === null) return '—'
  if (yesNo) return actual >= 1 ? 'да' : 'нет'
  return `${num(actual)}${unit ? ` ${unitAfter(Math.round(actual * 100) / 100, unit)}` : ''}`
}

export type MunicipalLine = { municipalityId: number; name: string; actual: number | null; met: boolean | null; confirmation: string; hasFile: boolean; evidenceUrl: string | null; valueId: number | null; computed: boolean }

/** One indicator of the form with its actual value and whether it is met. */
export type FormRow = {
  indicatorId: number
  code: string
  title: string
  level: IndicatorLevel
  unit: string
  /** a municipal yes/no question («да» meets it) */
  yesNo: boolean
  minimum: string
  computation: Computation | null
  template: boolean
  source: string
  /** The regional figure: the value itself, or for a municipal indicator the share (%) of reporting municipalities that meet it. */
  actual: number | null
  actualText: string
  met: boolean | null
  confirmation: string
  hasFile: boolean
  evidenceUrl: string | null
  valueId: number | null
  municipalities: MunicipalLine[]
}

/**
 * The share of municipalities that meet a municipal indicator, among those
 * with a value (Khabarovsk counts «15 муниципалитетов предоставили
 * информацию … в 14 (93 %)»).
 */
export function municipalShare(lines: readonly Pick<MunicipalLine, 'met'>[]): { reported: number; meeting: number; percent: number | null } {
  const reported = lines.filter((l) => l.met !== null).length
  const meeting = lines.filter((l) => l.met === true).length
  return { reported, meeting, percent: reported ? Math.round((meeting * 1000) / reported) / 10 : null }
}

export const metLabel = (met: boolean | null) => (met === null ? 'нет данных' : met ? 'достигнут' : 'не достигнут')

export const reportStateLabels: Record<string, string> = {
  draft: 'заполняется',
  submitted: 'направлен на утверждение комиссией',
  onAgenda: 'в повестке заседания комиссии',
  approved: 'утверждён',
  returned: 'возвращён комиссией на доработку',
}

/** The states in which values may still be entered and recomputed. */
export const reportEditableStates = ['draft'] as const
