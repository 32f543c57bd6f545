import { municipalValueLabel } from './indicator-form'
import { indicatorLevelLabels, metLabel, type FormRow, type IndicatorLevel } from './indicators'

// The report's form as plain tables (issue 10 §2.5), laid out like
// Khabarovsk's protocol №4, question 3: municipal indicators, then regional
// ones, each «наименование / минимальное значение в год / фактическое
// значение / подтверждение»; then each municipal indicator by municipality.
// One model for the page's print, the .docx and the .xlsx.

export const reportText = {
  title: (year: number) => `Отчёт о достижении показателей за ${year} год`,
  lead: 'Показатели эффективности функционирования региональной системы научно-методического сопровождения педагогических работников и управленческих кадров',
  number: '№ п/п',
  indicator: 'Наименование показателя',
  minimum: 'Характеристика показателя / минимальное значение в год',
  actual: 'Фактическое значение',
  met: 'Достигнут',
  confirmation: 'Подтверждение показателя',
  municipality: 'Муниципалитет',
  value: 'Значение',
  computed: 'рассчитано реестром',
  template: 'типовой показатель',
  byMunicipality: (n: number) => `Муниципальный показатель ${n} по муниципалитетам`,
  section: (level: IndicatorLevel) => `${level === 'municipal' ? 'Выполнение муниципальных' : 'Выполнение региональных'} показателей`,
  asOf: (day: string) => `Значения, рассчитанные реестром, — на ${day}.`,
  approved: (number: number | null, date: string | null) => `Утверждён протоколом${number ? ` № ${number}` : ''}${date ? ` от ${date}` : ''}`,
  empty: 'Показателей нет.',
}

export type PlainTable = { title: string; sheet: string; columns: string[]; rows: string[][] }

const actualWithNote = (r: FormRow) => (r.computation ? `${r.actualText} (${reportText.computed})` : r.actualText)
// A dash, not brackets: several template titles already end in a bracketed note.
const titleWithNote = (r: FormRow) => (r.template ? `${r.title} — ${reportText.template}` : r.title)

export function reportTables(rows: readonly FormRow[]): PlainTable[] {
  const levels: IndicatorLevel[] = ['municipal', 'regional']
  const main = levels
    .map((level, i): PlainTable => ({
      title: reportText.section(level),
      sheet: i === 0 ? 'Муниципальные' : 'Региональные',
      columns: [reportText.number, reportText.indicator, reportText.minimum, reportText.actual, reportText.met, reportText.confirmation],
      rows: rows
        .filter((r) => r.level === level)
        .map((r, n) => [String(n + 1), titleWithNote(r), r.minimum, actualWithNote(r), metLabel(r.met), [r.confirmation, r.evidenceUrl].filter(Boolean).join('\n')]),
    }))
    .filter((t) => t.rows.length > 0)
  const detail = rows
    .filter((r) => r.level === 'municipal')
    .map((r, n): PlainTable => ({
      title: `${reportText.byMunicipality(n + 1)}: ${r.title}`,
      sheet: `Муниципальный ${n + 1}`,
      columns: [reportText.municipality, reportText.value, reportText.met, reportText.confirmation],
      rows: r.municipalities.map((l) => [l.name, municipalValueLabel(r, l.actual), metLabel(l.met), [l.confirmation, l.evidenceUrl].filter(Boolean).join('\n')]),
    }))
  return [...main, ...detail]
}

export const levelHeading = indicatorLevelLabels
