import { inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { registryCounts } from '../../db/queries/indicator-computations.server'
import { regionalCommissionId } from '../../db/queries/commissions.server'
import { freezeContent, insertReport, lockReport, markComputed, reportById, reportOfYear, reportsOfRegion, type ReportRow } from '../../db/queries/indicator-reports.server'
import { indicatorsOfRegion } from '../../db/queries/indicators.server'
import { replaceComputedValues, valuesOfReport } from '../../db/queries/indicator-values.server'
import { municipalitiesOf, regionById } from '../../db/queries/regions.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { initialRow } from '../../workflows/snapshot'
import { allowedEvents, sendEvent } from '../../workflows/transition.server'
import { buildForm, computeValues, municipalitiesWithoutValues } from '~/model/indicator-form'
import { reportEditableStates, type FormRow } from '~/model/indicators'
import type { ReportEventInput } from '~/model/inputs/indicator-report'
import { can, roleTable, type Actor } from '~/model/permissions'
import { formatDay, regionDay, yearOf } from '~/utils/dates'
import { ensureIndicators } from './indicators.server'
import { motionsOfSubject } from './motions.server'
import { zoneOfRegion } from './time-zone.server'

// The yearly indicator report (issue 10 §2.5; Khabarovsk protocol №4 of
// 13.12.2023, question 3). The regional coordinator makes the year's report,
// the registry computes what it can, coordinators enter the rest with
// evidence — the regional coordinator the regional values, each municipal
// coordinator their municipality's — and the report goes to the commission,
// which approves or returns it at a meeting (report-motions.server.ts).

/** Who may see what of a region's report: all of it, or the lines of some municipalities. */
export type ReportAccess = { regionWide: boolean; municipalities: number[] }

export function reportAccess(actor: Actor, regionId: number): ReportAccess {
  const regionWide = can(actor, 'report:manage', { regionId })
  const municipalities = actor.grants
    .filter((g) => g.regionId === regionId && g.municipalityId != null && can(actor, 'report:manage', { municipalityId: g.municipalityId }))
    .map((g) => g.municipalityId as number)
  return { regionWide, municipalities }
}

/** Regions where the actor holds report:manage (a region-wide or a municipal grant). */
function reportRegions(actor: Actor): number[] {
  return [...new Set(actor.grants.filter((g) => g.regionId != null && roleTable[g.role].permissions.includes('report:manage')).map((g) => g.regionId as number))]
}

/** The day the computed values stand on: the year's last day, or today while the year runs (the region's calendar). */
export function cutoffOf(year: number, timeZone: string, now = new Date()): { from: string; cutoff: string } {
  const today = regionDay(now, timeZone)
  const end = `${year}-12-31`
  return { from: `${year}-01-01`, cutoff: today < end ? today : end }
}

function chosenRegion(actor: Actor, requested: string | null): number {
  const ids = reportRegions(actor)
  const chosen = requested ? ids.find((id) => String(id) === requested) : ids[0]
  if (chosen === undefined) throw new Forbidden('report.list')
  return chosen
}

export async function reportList(actor: Actor, requested: string | null) {
  const ids = reportRegions(actor)
  const chosen = chosenRegion(actor, requested)
  const [region, reports, choices] = await Promise.all([regionById(chosen), reportsOfRegion(chosen), Promise.all(ids.map((id) => regionById(id)))])
  if (!region) throw new NotFound('region', chosen)
  const access = reportAccess(actor, chosen)
  return {
    region: { id: region.id, name: region.name },
    choices: choices.filter((r) => r !== undefined).map((r) => ({ id: r.id, name: r.name })),
    reports: reports.map((r) => ({ id: r.id, year: r.year, state: r.state, updatedAt: r.updatedAt, protocolNumber: r.protocolNumber })),
    mayCreate: access.regionWide,
    currentYear: yearOf(new Date(), region.timeZone),
    timeZone: region.timeZone,
  }
}

/** Recomputes the registry's values of a draft report in one transaction. */
async function compute(report: { id: number; regionId: number; year: number }, tx: Db): Promise<void> {
  const timeZone = await zoneOfRegion(report.regionId, tx)
  const { from, cutoff } = cutoffOf(report.year, timeZone)
  const [indicators, counts] = await Promise.all([indicatorsOfRegion(report.regionId, tx), registryCounts(report.regionId, from, cutoff, timeZone, tx)])
  await replaceComputedValues(report.id, computeValues(indicators, counts, formatDay(cutoff)), tx)
  await markComputed(report.id, tx)
}

/** The year's report of the region chosen on the list page (`?region=`, else the actor's first). */
export function createReportIn(actor: Actor, requestedRegion: string | null, year: number): Promise<number> {
  return createReport(actor, chosenRegion(actor, requestedRegion), year)
}

/** The year's report of the region, with the registry's values already computed. */
export async function createReport(actor: Actor, regionId: number, year: number, tx?: Db): Promise<number> {
  if (!can(actor, 'report:manage', { regionId })) throw new Forbidden('report.create')
  const timeZone = await zoneOfRegion(regionId, tx)
  if (year > yearOf(new Date(), timeZone)) throw new AppError('REPORT_FUTURE_YEAR', 422, 'Отчёт составляется за текущий или прошедший год.', { fields: { year: 'Год ещё не наступил' } })
  return inTransaction(async (t) => {
    await ensureIndicators(regionId, null, t)
    const id = await insertReport({ regionId, year, createdBy: actor.userId }, initialRow('indicatorReport'), t)
    if (id === undefined) {
      const existing = await reportOfYear(regionId, year, t)
      throw new AppError('REPORT_EXISTS', 409, `Отчёт за ${year} год уже есть.`, { fields: { year: 'Отчёт за этот год уже есть' }, link: existing ? { href: `/reports/${existing.id}`, label: `Открыть отчёт за ${year} год` } : undefined })
    }
    await compute({ id, regionId, year }, t)
    await appendAudit({ actorUserId: actor.userId, regionId, entity: 'indicatorReport', entityId: id, action: 'CREATE', data: { year } }, t)
    return id
  }, tx)
}

/** A report the actor may see: its region's report managers (each municipal one their own lines) and its commission. */
export async function readableReport(actor: Actor, id: number, tx?: Db): Promise<{ report: ReportRow; access: ReportAccess; commission: boolean }> {
  const report = await reportById(id, tx)
  if (!report) throw new NotFound('indicatorReport', id)
  const access = reportAccess(actor, report.regionId)
  // the region's own commission decides the report; a municipal selection's commission has nothing to do with it
  const regional = await regionalCommissionId(report.regionId, tx)
  const commission = regional != null && actor.grants.some((g) => g.commissionId === regional && ['secretary', 'chair', 'commissionMember'].includes(g.role))
  if (!access.regionWide && access.municipalities.length === 0 && !commission) throw new NotFound('indicatorReport', id)
  return { report, access, commission }
}

/** The rows a reader sees: everything, or only the municipal indicators with their own municipality's lines. */
export function visibleRows(rows: FormRow[], access: ReportAccess, commission: boolean): FormRow[] {
  if (access.regionWide || commission) return rows
  return rows
    .filter((r) => r.level === 'municipal')
    .map((r) => ({ ...r, municipalities: r.municipalities.filter((l) => access.municipalities.includes(l.municipalityId)) }))
}

/** The form: frozen once sent to the commission, live (from the stored values) while it is a draft. */
export async function reportForm(report: ReportRow, tx?: Db): Promise<FormRow[]> {
  if (report.content && !(reportEditableStates as readonly string[]).includes(report.state)) return report.content
  const [indicators, values, municipalities] = await Promise.all([indicatorsOfRegion(report.regionId, tx), valuesOfReport(report.id, tx), municipalitiesOf(report.regionId, tx)])
  return buildForm(indicators, values, municipalities)
}

export async function reportView(actor: Actor, id: number) {
  const { report, access, commission } = await readableReport(actor, id)
  const [rows, timeZone, motions] = await Promise.all([reportForm(report), zoneOfRegion(report.regionId), motionsOfSubject('indicatorReport', report.id)])
  // the meeting whose agenda holds it now (its protocol is cited once it is decided)
  const agenda = report.state === 'onAgenda' ? (motions.find((m) => m.decision === null && m.meetingStatus !== 'closed') ?? null) : null
  const editable = (reportEditableStates as readonly string[]).includes(report.state)
  // the frozen form holds every municipality's lines: the page gets only the visible rows
  const { content: _frozen, ...head } = report
  const events = allowedEvents('indicatorReport', { state: report.state, regionId: report.regionId }, actor)
  return {
    report: head,
    rows: visibleRows(rows, access, commission),
    timeZone,
    asOf: formatDay(cutoffOf(report.year, timeZone, report.computedAt ?? new Date()).cutoff),
    agendaMeeting: agenda ? { id: agenda.meetingId, heldAt: agenda.heldAt } : null,
    events,
    /** Before it is sent: the municipalities that have not entered their values (it may go without them). */
    unanswered: events.includes('SUBMIT') && report.state === 'draft' ? municipalitiesWithoutValues(rows) : null,
    mayRecompute: editable && access.regionWide,
    enterRegional: editable && access.regionWide,
    enterMunicipal: (editable ? (access.regionWide ? 'all' : access.municipalities) : []) as 'all' | number[],
  }
}

/** A step of the report through its machine: send to the commission, withdraw, take back for rework; or recompute a draft. */
export async function reportStep(actor: Actor, id: number, input: ReportEventInput, tx?: Db): Promise<string> {
  return inTransaction(async (t) => {
    const report = await lockReport(id, t)
    if (!report) throw new NotFound('indicatorReport', id)
    await readableReport(actor, id, t) // one the actor may not read is missing; a reader who may not manage it is refused
    if (!can(actor, 'report:manage', { regionId: report.regionId })) throw new Forbidden('report.step')
    if (input.event === 'RECOMPUTE') {
      if (!(reportEditableStates as readonly string[]).includes(report.state)) {
        throw new AppError('REPORT_LOCKED', 409, 'Отчёт направлен комиссии: значения пересчитываются только в черновике.')
      }
      await compute(report, t)
      await appendAudit({ actorUserId: actor.userId, regionId: report.regionId, entity: 'indicatorReport', entityId: id, action: 'COMPUTE' }, t)
      return report.state
    }
    if (input.event === 'SUBMIT' && report.state === 'draft') {
      // what the commission approves is the form as sent: the registry's figures of today, frozen
      await compute(report, t)
      const form = await reportForm({ ...report, content: null }, t)
      // a municipality may not answer (Khabarovsk counts those that did); a regional value must be there
      const missing = form.filter((r) => r.level === 'regional' && !r.computation && r.actual === null)
      if (missing.length > 0) {
        throw new AppError('REPORT_INCOMPLETE', 422, `Перед направлением комиссии внесите значения региональных показателей: ${missing.map((r) => `«${r.title}»`).join('; ')}.`)
      }
      await freezeContent(id, form, t)
    }
    const result = await sendEvent({ entity: 'indicatorReport', id, event: { type: input.event }, actor, expectedRowVersion: input.rowVersion }, t)
    if (result.to === 'draft') await freezeContent(id, null, t)
    return result.to
  }, tx)
}
