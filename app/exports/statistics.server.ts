import { regionStatistics, reportTables, campaignLabel, statisticsRegion, type StatisticsReport } from '~/domain/statistics.server'
import type { Actor } from '~/model/permissions'
import type { ReportTable } from '~/model/statistics'
import { formatDateTime } from '~/utils/dates'
import { statisticsDocx } from './docx/statistics.server'
import { addSheet, newWorkbook, workbookBytes } from './xlsx.server'

// The statistics report (PRODUCT §1.6) as downloads: the same tables as the
// page /statistics, for the same readers, as Excel (a sheet per table) and
// as Word (the house layout, app/exports/docx/layout.server.ts).

export type ReportFile = { fileName: string; body: Buffer }

async function report(actor: Actor, requestedRegion: string | null, campaignId: number | null): Promise<StatisticsReport> {
  const { region } = await statisticsRegion(actor, requestedRegion)
  return regionStatistics(actor, region, campaignId)
}

const baseName = (r: StatisticsReport) => `Статистика РМА — ${r.region.name}`

/** A table as a sheet: its columns, its rows, the total row last. */
export function sheetOf(t: ReportTable) {
  return {
    name: t.sheet,
    columns: t.columns.map((c) => ({ header: c.head, kind: c.kind })),
    rows: t.total ? [...t.rows, t.total] : t.rows,
  }
}

export async function statisticsXlsx(actor: Actor, requestedRegion: string | null, campaignId: number | null): Promise<ReportFile> {
  const r = await report(actor, requestedRegion, campaignId)
  const wb = newWorkbook()
  for (const t of reportTables(r)) addSheet(wb, sheetOf(t))
  return { fileName: `${baseName(r)}.xlsx`, body: await workbookBytes(wb) }
}

export async function statisticsDocument(actor: Actor, requestedRegion: string | null, campaignId: number | null): Promise<ReportFile> {
  const r = await report(actor, requestedRegion, campaignId)
  const body = await statisticsDocx({
    regionName: r.region.name,
    asOf: formatDateTime(r.generatedAt, r.region.timeZone),
    campaign: r.campaign ? campaignLabel(r.campaign) : null,
    parts: [
      { title: 'Состав актива', tables: r.members },
      { title: 'Обеспеченность методической поддержкой', tables: [r.coverage] },
      ...(r.campaign ? [{ title: 'Отбор', tables: r.selection }] : []),
    ],
  })
  return { fileName: `${baseName(r)}.docx`, body }
}
