import { BOM, csvLine } from '~/utils/csv'
import { columnsOf, type ImportKind } from './columns'
import { encodeWindows1251 } from './cp1251'

// The downloadable template of each kind: the header row only (a sample row
// would one day be imported by mistake; activity files excepted, see
// activitySample), «;» and CRLF as Excel in a Russian
// locale writes them. UTF-8 with a BOM by default — Excel opens it right
// and it keeps every character; Windows-1251 on request for older tools.

export type TemplateEncoding = 'utf-8' | 'windows-1251'

/** The template's columns: each kind's own, without the alternatives to «ФИО» and without private fields. */
export function templateHeaders(kind: ImportKind): string[] {
  return columnsOf[kind].filter((c) => !['lastName', 'firstName', 'middleName'].includes(c.key) && !c.private).map((c) => c.header)
}

/**
 * A made-up sample row for the activity template. It is safe there, unlike in
 * the other kinds: its participant is no member of any region's active, so
 * a file uploaded with it still in place fails on that row and imports
 * nothing.
 */
export const activitySample: Record<string, string> = {
  title: 'Региональный семинар «Функциональная грамотность на уроках математики»',
  activityKind: 'Проведённый семинар или вебинар',
  heldOn: '15.10.2026',
  level: 'региональный',
  audience: '45',
  description: 'Ведущий секции',
  evidenceUrl: 'https://example.org/seminar',
  fullName: 'Образцова Мария Ивановна',
  email: 'obrazcova@school.example',
  organisation: 'МАОУ СОШ № 1',
}

export function templateCsv(kind: ImportKind, encoding: TemplateEncoding = 'utf-8'): Buffer {
  const headers = templateHeaders(kind)
  const keys = headers.map((h) => columnsOf[kind].find((c) => c.header === h)?.key ?? '')
  const text = csvLine(headers) + (kind === 'activity' ? csvLine(keys.map((k) => activitySample[k] ?? '')) : '')
  return encoding === 'windows-1251' ? encodeWindows1251(text) : Buffer.from(BOM + text, 'utf8')
}

export const templateFileNames: Record<ImportKind, { ascii: string; russian: string }> = {
  nominations: { ascii: 'nominations-template.csv', russian: 'Шаблон — представления кандидатов.csv' },
  registry: { ascii: 'registry-template.csv', russian: 'Шаблон — выписка из реестра.csv' },
  qualification: { ascii: 'qualification-template.csv', russian: 'Шаблон — квалификационные категории.csv' },
  activity: { ascii: 'activity-template.csv', russian: 'Шаблон — мероприятия и участники.csv' },
}
