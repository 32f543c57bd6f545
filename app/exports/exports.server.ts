import { db, inTransaction, type Db } from '../../db/client.server'
import { AppError, Forbidden } from '../../workflows/errors'
import { BOM, csvLine } from '~/utils/csv'
import { roleTable, type Actor, type Permission } from '~/model/permissions'
import { applicationStateLabels, formatDate, memberStateLabels, sourceLabels } from '~/model/labels'
import { FALLBACK_TIME_ZONE, regionDay } from '~/utils/dates'
import { regionTimeZones } from '../../db/queries/regions.server'
import { batchRows, pullStream } from '~/utils/pull-stream.server'
import { streamingWorkbook } from './xlsx.server'
import {
  applicationsForExport,
  auditPrivateReads,
  decisionsForExport,
  membersForExport,
  type ApplicationExportRow,
  type DecisionExportRow,
  type ExportKey,
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
    // A municipal grant reads a commission's applications only inside its own selection (the municipal
    // approver, issue 10 §6); the municipality's lists here cover every candidate of the municipality.
    const reads = role.scope === 'municipality' ? readPermissions[kind].filter((p) => p !== 'application:readCommission') : readPermissions[kind]
    if (!reads.some((p) => role.permissions.includes(p))) continue
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
/**
 * `signal`: the request's, which stops the reads when the client leaves; `batchRows`: rows per read
 * (STREAM_BATCH_ROWS); `auditNote`: added to each audit row of a private read (how the list was taken).
 */
export type StreamOptions = { tx?: Db; signal?: AbortSignal; batchRows?: number; auditNote?: Record<string, unknown> }
/** A list being written: its name, and its bytes as they are read, batch by batch. */
export type ExportFile = { fileName: string; body: ReadableStream<Uint8Array> }

/** Columns shown as days (dates in .xlsx). */
const dateHeaders = new Set(['Подано', 'Дата приказа', 'Срок полномочий до', 'Дата заседания', 'Дата рождения'])
/** Columns of numbers (numbers in .xlsx). */
const numberHeaders = new Set(['№ заявления', 'За', 'Против', 'Воздержались'])

type ExportTable = {
  fileStem: string
  header: string[]
  /** The first batch, read before the answer starts (so a failure is still an error page). */
  first: unknown[][]
  /** The next batch of cell values, or null after the last. */
  next: () => Promise<unknown[][] | null>
}

type KeyedRow = { key: string; personId: number; regionId: number }

/**
 * The list's rows, scoped by the grants, in batches (STREAM_BATCH_ROWS): each
 * batch is one statement, or, for private columns, one short transaction that
 * reads it and audits the people it read before any of their data leaves.
 * Nothing stays open between batches (app/utils/pull-stream.server.ts).
 */
async function exportTable(actor: Actor, req: ExportRequest, opts: StreamOptions): Promise<ExportTable> {
  const tx = opts.tx
  const withPrivate = req.withPrivate ?? false
  if (!scopeFor(actor, req.kind, false)) throw new Forbidden(`export.${req.kind}`)
  const scope = scopeFor(actor, req.kind, withPrivate)
  if (!scope) {
    throw new AppError('PRIVATE_DATA_FORBIDDEN', 403, 'Выгрузка с личными данными (телефон, дата рождения) вам недоступна.', { kind: req.kind })
  }
  const filter = { campaignId: req.campaignId ?? null }
  const limit = opts.batchRows ?? batchRows()
  // why: each kind reads its own row type; the columns of the kind asked for only ever see its rows
  const cols = [...(columns[req.kind] as unknown as Column<KeyedRow>[]), ...(withPrivate ? (privateColumns as Column<KeyedRow>[]) : [])]
  const zones = new Map<number, string>()
  // One audit row per person per export, however many batches name them.
  const audited = new Set<number>()
  let after: ExportKey | null = null
  let done = false

  const read = async (): Promise<KeyedRow[]> => {
    if (done) return []
    const batchOf = async (t: Db) => {
      const batch = { after, limit }
      const rows: KeyedRow[] =
        req.kind === 'applications'
          ? await applicationsForExport(scope, filter, withPrivate, batch, t)
          : req.kind === 'members'
            ? await membersForExport(scope, withPrivate, batch, t)
            : await decisionsForExport(scope, filter, withPrivate, batch, t)
      if (withPrivate) {
        const unseen = rows.filter((r) => !audited.has(r.personId))
        await auditPrivateReads(actor.userId, unseen, { export: req.kind, campaignId: filter.campaignId, ...opts.auditNote }, t)
        for (const r of unseen) audited.add(r.personId)
      }
      const regions = [...new Set([...(zones.size ? [] : scope.regionIds), ...rows.map((r) => r.regionId)])].filter((id) => !zones.has(id))
      if (regions.length) for (const [id, zone] of await regionTimeZones(regions, t)) zones.set(id, zone)
      return rows
    }
    // Private columns: the read and its audit commit together; otherwise one statement, no transaction (two round trips fewer a batch).
    const rows = withPrivate ? await inTransaction(batchOf, tx) : await batchOf(tx ?? db())
    if (rows.length < limit) done = true
    if (rows.length) after = JSON.parse(rows[rows.length - 1].key) as ExportKey
    return rows
  }
  const zoneOf = (regionId: number) => zones.get(regionId) ?? FALLBACK_TIME_ZONE
  const values = (rows: KeyedRow[]) => rows.map((r) => cols.map(([, get]) => get(r, zoneOf(r.regionId))))

  const first = await read()
  // The file is dated by the day of the actor's region (the first one their grants name).
  const home = scope.regionIds[0] ?? first[0]?.regionId
  const day = regionDay(new Date(), home === undefined ? FALLBACK_TIME_ZONE : zoneOf(home))
  return {
    fileStem: `${req.kind}${withPrivate ? '-private' : ''}-${day}`,
    header: cols.map(([h]) => h),
    first: values(first),
    next: async () => {
      const rows = await read()
      return rows.length ? values(rows) : null
    },
  }
}

/** The list as an Excel-ready CSV text, streamed; `signal` (the request's) stops the reads when the client leaves. */
export async function exportCsv(actor: Actor, req: ExportRequest, opts: StreamOptions = {}): Promise<ExportFile> {
  const table = await exportTable(actor, req, opts)
  let pending: unknown[][] | null = table.first
  let header = true
  const body = pullStream(
    `exports/${req.kind}.csv`,
    {
      async next() {
        const rows = pending ?? (await table.next())
        pending = null
        const head = header ? BOM + csvLine(table.header) : ''
        header = false
        if (!head && !rows) return null
        const lines = head ? [head] : []
        for (const r of rows ?? []) lines.push(csvLine(r))
        return lines
      },
    },
    opts.signal,
  )
  return { fileName: `${table.fileStem}.csv`, body }
}

/**
 * The same list as an Excel workbook, written by exceljs's streaming writer:
 * one sheet, header frozen with an autofilter, days as dates, numbers as
 * numbers. Column widths come from the header and the first batch (the
 * writer puts them before the rows).
 */
export async function exportXlsx(actor: Actor, req: ExportRequest, opts: StreamOptions = {}): Promise<ExportFile> {
  const table = await exportTable(actor, req, opts)
  const body = streamingWorkbook(
    `exports/${req.kind}.xlsx`,
    {
      name: exportLabels[req.kind].slice(0, 31),
      columns: table.header.map((h) => ({ header: h, kind: dateHeaders.has(h) ? 'date' : numberHeaders.has(h) ? 'number' : 'text' })),
      first: table.first,
      next: table.next,
    },
    opts.signal,
  )
  return { fileName: `${table.fileStem}.xlsx`, body }
}
