import { AlignmentType } from 'docx'
import type { PlainTable } from '~/model/indicator-tables'
import { blank, centered, pack, para, section, table } from './layout.server'

// The yearly indicator report as a Word document in the house layout: the
// heading, the region, the day the computed values stand on, the decision
// when the commission approved it, then the tables of the form.

export type ReportDocument = { title: string; lead: string; regionName: string; notes: string[]; tables: PlainTable[] }

/** Narrow columns for numbers and marks, wide ones for wording. */
const widthOf = (head: string) => (/№|Достигнут|Значение/.test(head) ? 1 : 3)

export async function indicatorReportDocx(d: ReportDocument): Promise<Buffer> {
  const children = [
    centered({ text: d.title.toUpperCase(), bold: true }),
    centered({ text: d.regionName, bold: true }),
    blank(),
    para(d.lead, { plain: true }),
    ...d.notes.map((n) => para(n, { plain: true })),
    ...d.tables.flatMap((t) => [
      blank(),
      para({ text: t.title, bold: true }, { plain: true, alignment: AlignmentType.LEFT, keepNext: true }),
      table(
        t.columns.map((c) => ({ title: c, width: widthOf(c) })),
        t.rows,
      ),
    ]),
  ]
  return pack(`${d.title} — ${d.regionName}`, [section(children)])
}
