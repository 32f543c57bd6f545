import { AlignmentType } from 'docx'
import type { Cell, ReportTable } from '~/model/statistics'
import { blank, centered, pack, para, section, table } from './layout.server'

// The statistics report as a Word document in the house layout (A4, Times
// New Roman 14 in the text and 12 in tables, margins 30/10/20/20 mm): a
// heading, then each table of the page under its own title.

export type StatisticsDocument = {
  regionName: string
  asOf: string
  campaign: string | null
  parts: { title: string; tables: ReportTable[] }[]
}

const text = {
  heading: 'СТАТИСТИКА',
  subheading: (region: string) => `регионального методического актива${region ? ` (${region})` : ''}`,
  asOf: (when: string) => `Данные на ${when}.`,
  campaign: (c: string) => `Отбор: ${c}.`,
  empty: 'Нет данных.',
}

const show = (v: Cell) => (v === null ? '—' : typeof v === 'number' ? v.toLocaleString('ru-RU') : v)

function tableBlock(t: ReportTable) {
  // the label columns get more room than the numbers
  const columns = t.columns.map((c) => ({ title: c.head, width: c.kind === 'number' ? 1 : 3 }))
  const rows = (t.total ? [...t.rows, t.total] : t.rows).map((r) => r.map(show))
  return [
    blank(),
    para({ text: t.title, bold: true }, { plain: true, alignment: AlignmentType.LEFT, keepNext: true }),
    ...(t.note ? [para(t.note, { plain: true, alignment: AlignmentType.LEFT, keepNext: true })] : []),
    rows.length === 0 ? para(text.empty, { plain: true }) : table(columns, rows),
  ]
}

export async function statisticsDocx(d: StatisticsDocument): Promise<Buffer> {
  const children = [
    centered({ text: text.heading, bold: true }),
    centered({ text: text.subheading(d.regionName), bold: true }),
    blank(),
    para(text.asOf(d.asOf), { plain: true }),
    ...(d.campaign ? [para(text.campaign(d.campaign), { plain: true })] : []),
    ...d.parts.flatMap((p) => [
      blank(),
      centered({ text: p.title, bold: true }, { keepNext: true }),
      ...p.tables.flatMap(tableBlock),
    ]),
  ]
  return pack(`${text.heading} ${text.subheading(d.regionName)}`, [section(children)])
}
