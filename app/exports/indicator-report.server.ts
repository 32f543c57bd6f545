import { reportView } from '~/domain/indicator-reports.server'
import { reportTables, reportText } from '~/model/indicator-tables'
import type { Actor } from '~/model/permissions'
import { formatDate } from '~/utils/dates'
import { indicatorReportDocx } from './docx/indicator-report.server'
import { addSheet, newWorkbook, workbookBytes } from './xlsx.server'

// The yearly indicator report as downloads (issue 10 §2.5): the same tables
// as the page /reports/<id>, for the same readers (a municipal coordinator
// gets their own municipality's lines), as Excel (a sheet per table) and as
// Word (the house layout, app/exports/docx/layout.server.ts).

export type ReportFile = { fileName: string; body: Buffer }

async function prepared(actor: Actor, id: number) {
  const v = await reportView(actor, id)
  const notes = [reportText.asOf(v.asOf)]
  if (v.report.state === 'approved') {
    notes.push(`${reportText.approved(v.report.protocolNumber, v.report.meetingHeldAt ? formatDate(v.report.meetingHeldAt, v.timeZone) : null)}.`)
  }
  return { v, notes, tables: reportTables(v.rows), base: `${reportText.title(v.report.year)} — ${v.report.regionName}` }
}

export async function indicatorReportXlsx(actor: Actor, id: number): Promise<ReportFile> {
  const { tables, base } = await prepared(actor, id)
  const wb = newWorkbook()
  for (const t of tables) addSheet(wb, { name: t.sheet, columns: t.columns.map((header) => ({ header })), rows: t.rows })
  return { fileName: `${base}.xlsx`, body: await workbookBytes(wb) }
}

export async function indicatorReportDocument(actor: Actor, id: number): Promise<ReportFile> {
  const { v, notes, tables, base } = await prepared(actor, id)
  const body = await indicatorReportDocx({ title: reportText.title(v.report.year), lead: reportText.lead, regionName: v.report.regionName, notes, tables })
  return { fileName: `${base}.docx`, body }
}
