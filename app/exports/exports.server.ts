import { inTransaction, type Db } from '../../db/client.server'
import { AppError, Forbidden } from '../../workflows/errors'
import { BOM, csvLine } from '~/utils/csv'
import { roleTable, type Actor, type Permission } from '~/model/permissions'
import { applicationStateLabels, formatDate, memberStateLabels, sourceLabels } from '~/model/labels'
import { FALLBACK_TIME_ZONE, regionDay } from '~/utils/dates'
import { regionTimeZones } from '../../db/queries/regions.server'
import { addSheet, newWorkbook, workbookBytes } from './xlsx.server'
import {
  applicationsForExport,
  auditPrivateReads,
  decisionsForExport,
  membersForExport,
  type ApplicationExportRow,
  type DecisionExportRow,
  type ExportScope,
  type MemberExportRow,
  type PrivateColumns,
} from './queries.server'

// Staff lists as CSV that Excel in a Russian locale opens as it is: UTF-8
// with a BOM, «;» between cells, CRLF, and no cell that Excel would run as a
// formula (app/csv.ts). Each list is scoped by the actor's grants; private
// columns only on request, only where a grant with privateData:read covers
// the row, and every person whose private fields were read gets an audit row.

export const exportKinds = ['applications', 'members', 'decisions'] as const
export type ExportKind = (typeof exportKinds)[number]

export const exportLabels: Record<ExportKind, string> = {
  applications: 'Заявления и представления',
  members: 'Члены методического актива',
  decisions: 'Решения комиссии',
}

/** Who may read each list: any of these permissions, within its grant's scope. */
const readPermissions: Record<ExportKind, Permission[]> = {
  applications: ['application:readMunicipality', 'application:readCommission'],
  members: ['coverage:read', 'roster:change'],
  decisions: ['application:readMunicipality', 'application:readCommission'],
}

export function scopeFor(actor: Actor, kind: ExportKind, withPrivate: boolean): ExportScope | null {
  const scope: ExportScope = { regionIds: [], municipalityIds: [], commissionIds: [] }
  for (const g of actor.grants) {
    const role = roleTable[g.role]
    if (!readPermissions[kind].some((p) => role.permissions.includes(p))) continue
    if (withPrivate && !role.permissions.includes('privateData:read')) continue
    if (role.scope === 'region' && g.regionId != null) scope.regionIds.push(g.regionId)
    if (role.scope === 'municipality' && g.municipalityId != null) scope.municipalityIds.push(g.municipalityId)
    if (role.scope === 'commission' && g.commissionId != null) scope.commissionIds.push(g.commissionId)
  }
  return scope.regionIds.length + scope.municipalityIds.length + scope.commissionIds.length ? scope : null
}

/** The lists an actor may download (for the menu). */
export function exportsFor(actor: Actor): { kind: ExportKind; label: string; withPrivate: boolean }[] {
  return exportKinds
    .filter((k) => scopeFor(actor, k, false))
    .map((kind) => ({ kind, label: exportLabels[kind], withPrivate: scopeFor(actor, kind, true) != null }))
}

/** `timeZone`: the zone of the row's region, in which its instants are dated. */
type Column<R> = [header: string, value: (r: R, timeZone: string) => unknown]

const fullName = (r: { lastName: string; firstName: string; middleName: string }) => [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' ')
const yesNo = (b: boolean) => (b ? 'да' : 'нет')
const outcomeLabels: Record<string, string> = { pass: 'соответствует', fail: 'не соответствует', unverified: 'требует подтверждения' }
const decisionLabels: Record<string, string> = { recommended: 'рекомендовать', rejected: 'отклонить', deferred: 'отложить' }

const privateColumns: Column<Partial<PrivateColumns>>[] = [
  ['Телефон', (r) => r.phone],
  ['Дата рождения', (r) => r.birthDate],
  ['Личная электронная почта', (r) => r.privateEmail],
]

const columns = {
  applications: [
    ['№ заявления', (r) => r.id],
    ['Отбор', (r) => r.campaign],
    ['ФИО', fullName],
    ['Муниципалитет', (r) => r.municipality],
    ['Место работы', (r) => r.organisation],
    ['Должность', (r) => r.position],
    ['Предметная область', (r) => r.subjects],
    ['Электронная почта', (r) => r.workEmail],
    ['Основание', (r) => sourceLabels[r.source] ?? r.source],
    ['Состояние', (r) => applicationStateLabels[r.state] ?? r.state],
    ['Подано', (r, tz) => (r.submittedAt ? formatDate(r.submittedAt, tz) : '')],
    ['Проверка требований', (r) => (r.eligibility ? (outcomeLabels[r.eligibility] ?? r.eligibility) : '')],
    ['Направление', (r) => r.direction],
    ['Группа', (r) => r.group],
  ] as Column<ApplicationExportRow>[],
  members: [
    ['ФИО', fullName],
    ['Муниципалитет', (r) => r.municipality],
    ['Место работы', (r) => r.organisation],
    ['Должность', (r) => r.position],
    ['Предметная область', (r) => r.subjects],
    ['Электронная почта', (r) => r.workEmail],
    ['Направление', (r) => r.direction],
    ['Группа', (r) => r.group],
    ['Состояние', (r) => memberStateLabels[r.state] ?? r.state],
    ['Номер приказа', (r) => r.orderNumber],
    ['Дата приказа', (r) => r.orderDate],
    ['Срок полномочий до', (r) => r.termEndsOn],
    ['Опубликован', (r) => yesNo(r.public)],
  ] as Column<MemberExportRow>[],
  decisions: [
    ['Дата заседания', (r, tz) => formatDate(r.heldAt, tz)],
    ['Протокол', (r) => r.protocol],
    ['Отбор', (r) => r.campaign],
    ['№ заявления', (r) => r.applicationId],
    ['ФИО', fullName],
    ['Муниципалитет', (r) => r.municipality],
    ['Место работы', (r) => r.organisation],
    ['Должность', (r) => r.position],
    ['Решение', (r) => decisionLabels[r.decision] ?? r.decision],
    ['За', (r) => r.votesFor],
    ['Против', (r) => r.votesAgainst],
    ['Воздержались', (r) => r.votesAbstain],
  ] as Column<DecisionExportRow>[],
}

export type ExportRequest = { kind: ExportKind; campaignId?: number | null; withPrivate?: boolean }
export type ExportFile = { fileName: string; body: string; rows: number }

/** Columns shown as days (dates in .xlsx). */
const dateHeaders = new Set(['Подано', 'Дата приказа', 'Срок полномочий до', 'Дата заседания', 'Дата рождения'])

type ExportTable = { fileStem: string; header: string[]; rows: unknown[][] }

/** The list's rows, scoped by the grants; private reads are audited in the same transaction as the read. */
async function exportTable(actor: Actor, req: ExportRequest, tx?: Db): Promise<ExportTable> {
  const withPrivate = req.withPrivate ?? false
  if (!scopeFor(actor, req.kind, false)) throw new Forbidden(`export.${req.kind}`)
  const scope = scopeFor(actor, req.kind, withPrivate)
  if (!scope) {
    throw new AppError('PRIVATE_DATA_FORBIDDEN', 403, 'Выгрузка с личными данными (телефон, дата рождения) вам недоступна.', { kind: req.kind })
  }
  const filter = { campaignId: req.campaignId ?? null }
  return inTransaction(async (t) => {
    const rows =
      req.kind === 'applications'
        ? await applicationsForExport(scope, filter, withPrivate, t)
        : req.kind === 'members'
          ? await membersForExport(scope, withPrivate, t)
          : await decisionsForExport(scope, filter, withPrivate, t)
    if (withPrivate) await auditPrivateReads(actor.userId, rows, { export: req.kind, campaignId: filter.campaignId }, t)
    const cols = [...(columns[req.kind] as Column<(typeof rows)[number]>[]), ...(withPrivate ? privateColumns : [])]
    const zones = await regionTimeZones([...scope.regionIds, ...rows.map((r) => r.regionId)], t)
    const zoneOf = (regionId: number) => zones.get(regionId) ?? FALLBACK_TIME_ZONE
    // The file is dated by the day of the actor's region (the first one their grants name).
    const home = scope.regionIds[0] ?? rows[0]?.regionId
    const day = regionDay(new Date(), home === undefined ? FALLBACK_TIME_ZONE : zoneOf(home))
    return {
      fileStem: `${req.kind}${withPrivate ? '-private' : ''}-${day}`,
      header: cols.map(([h]) => h),
      rows: rows.map((r) => cols.map(([, get]) => get(r, zoneOf(r.regionId)))),
    }
  }, tx)
}

/** The list as an Excel-ready CSV text. */
export async function exportCsv(actor: Actor, req: ExportRequest, tx?: Db): Promise<ExportFile> {
  const table = await exportTable(actor, req, tx)
  const parts = [BOM, csvLine(table.header), ...table.rows.map((r) => csvLine(r))]
  return { fileName: `${table.fileStem}.csv`, body: parts.join(''), rows: table.rows.length }
}

/** The same list as an Excel workbook: one sheet, header frozen with an autofilter, days as dates. */
export async function exportXlsx(actor: Actor, req: ExportRequest, tx?: Db): Promise<{ fileName: string; body: Buffer; rows: number }> {
  const table = await exportTable(actor, req, tx)
  const wb = newWorkbook()
  addSheet(wb, {
    name: exportLabels[req.kind].slice(0, 31),
    columns: table.header.map((h, i) => ({ header: h, kind: dateHeaders.has(h) ? 'date' : table.rows.some((r) => typeof r[i] === 'number') ? 'number' : 'text' })),
    rows: table.rows,
  })
  return { fileName: `${table.fileStem}.xlsx`, body: await workbookBytes(wb), rows: table.rows.length }
}
