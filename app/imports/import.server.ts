import { initialRow } from '../../workflows/snapshot'
import { countOf } from '~/utils/plural'
import { hash } from 'node:crypto'
import { db, type Db, type Sql, type Tx } from '../../db/client.server'
import { applicationById, storeEligibility } from '../../db/queries/applications.server'
import { appendAudit } from '../../db/queries/audit.server'
import { campaignById, type Campaign } from '../../db/queries/campaigns.server'
import { groupsOf } from '../../db/queries/directions.server'
import {
  campaignApplicants,
  finishImport,
  insertImport,
  lockCampaignImports,
  lockRegionActivityImports,
  patchFacts,
  type BatchContext,
  type FactsPatch,
  type ImportCounts,
} from '../../db/queries/imports.server'
import {
  commitStagedNominations,
  copyLine,
  createNominationStage,
  endCopy,
  ensureOrganisations,
  jsonRecord,
  NewNominations,
  openStageCopy,
  organisationIdsOf,
  reservePersonIds,
  stageByCopy,
  stageRecords,
  writeCopy,
  type StagedNomination,
} from '../../db/queries/staging.server'
import { municipalitiesOf, regionById } from '../../db/queries/regions.server'
import { ruleSetById } from '../../db/queries/rule-sets.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { zoneOfRegion } from '../domain/time-zone.server'
import { regionDay } from '~/utils/dates'
import { activitySchema, type ActivityImportRow } from './activity-schema'
import { compileRow, type RowParser } from './compile'
import { ActivitySink } from './activity-sink.server'
import { sendEvent, SYSTEM } from '../../workflows/transition.server'
import { evaluate, type Fact, type FactKey, type Facts, type Outcome, type RuleSet } from '~/model/eligibility'
import { can, roleTable, type Actor } from '~/model/permissions'
import { intakeRefusal } from '~/model/campaign-intake'
import { applicationStateLabels } from '~/model/labels'
import { headerOf, mapHeader, recognisesColumn, type HeaderMap, type ImportKind } from './columns'
import { EMPTY_FILE_MESSAGE } from './labels'
import { cleanCell, emailKey, isFormulaError, memo, nameKey, shownFormulaError } from './normalize'
import { FileProblem, readRecords, type Delimiter, type Encoding, type FileInfo } from './read'
import { schemaFor, type Cells, type NominationRow, type QualificationRow, type Ref, type RegistryRow, type RowContext } from './schemas'

// One use case: a spreadsheet into a campaign. The file is streamed once:
// each row is validated (zod), matched by its natural key against what the
// campaign holds (docs/decisions/0004-import-natural-keys.md) and, on a real
// run, staged in a temporary table as it is read (COPY on PostgreSQL), then
// written set-based, all inside ONE transaction. Any error → the
// transaction rolls back and the report lists every error; a dry run always
// rolls back. Memory holds one batch at most, the keys of the campaign and
// of the file, and the errors — never the file.

/** Who runs the CLI: shell access to the database, so every scope. */
export const OPERATOR = 'operator' as const
export type Importer = Actor | typeof OPERATOR

export type ImportIssue = { row: number; column: string; message: string }
export type ImportNotice = { row: number; message: string }
/** Something the importer should know about a valid row that does not stop the import; `code` is for scripts. */
export type ImportWarning = { row: number; code: WarningCode; message: string }
export type WarningCode = 'ELIGIBILITY_FAIL'
export type EligibilityCounts = Record<Outcome, number>

export type ImportReport = {
  kind: ImportKind
  fileName: string
  /** null for an activity file, which goes into the region */
  campaignId: number | null
  regionId: number
  /** Data rows: not the header, not blank rows. */
  rows: number
  /** Rows without errors. */
  valid: number
  /** Row 0: the file as a whole; row 1: the header. */
  errors: ImportIssue[]
  /** Rows that are valid but change nothing, and why (the first NOTICE_LIMIT of them). */
  notices: ImportNotice[]
  noticesTotal: number
  /** Valid rows the commission should look at (a nomination that does not meet the campaign's rules), all of them. */
  warnings: ImportWarning[]
  /** Nominations: how the valid rows' claims fare against the campaign's rule set. */
  eligibility: EligibilityCounts | null
  /** The municipality the file is imported for (rows without their own), if any. */
  municipality: string | null
  counts: ImportCounts
  unusedColumns: string[]
  encoding: Encoding | null
  delimiter: Delimiter | null
  /** 'xlsx' for a workbook (then encoding and delimiter are null), 'csv' otherwise. */
  format: 'csv' | 'xlsx'
  /** The workbook's sheet that was read. */
  sheet: string | null
  bytes: number
  sha256: string | null
  committed: boolean
  importId: number | null
}

export type ImportInput = {
  kind: ImportKind
  /** The campaign of nominations, registry and attestation files. */
  campaignId?: number | null
  /** The region of an activity file (the events it held and their participants). */
  regionId?: number | null
  fileName: string
  source: AsyncIterable<Uint8Array>
  actor: Importer
  dryRun: boolean
  /**
   * A municipality's own file, imported by someone with region-wide scope
   * (nominations only): rows without a municipality get it, rows naming
   * another one are errors. A municipal coordinator's is implied.
   */
  municipalityId?: number | null
  /** The confirmation of a preview: the file must still be the one previewed. */
  expectedSha256?: string
  /** Rows per write where rows go in batches: registry and attestation facts, and staging on the embedded database (tests use small batches to cross batch borders). */
  batchSize?: number
  /** A workbook's sheet by name or number (the first visible one by default); CSV files have none. */
  sheet?: string
}

export const NOTICE_LIMIT = 1000
const BATCH = 1000
/** Nominations staged per set-based write: big enough to amortise its statements, small enough to overlap the database's work with reading the file. */
const STAGE_CHUNK = 2500

/** States in which registry and attestation data still change an application's facts. */
const OPEN_STATES = new Set(['draft', 'submitted', 'screening', 'needsInformation'])
/** States in which the eligibility is evaluated again when facts change (the machine accepts EVALUATED). */
const EVALUATED_STATES = new Set(['screening', 'needsInformation'])

export type ImportScope = { regionId: number; municipalityId: number | null }

/** Where the actor may import: region-wide grants, else municipal ones. */
export function importScopesOf(actor: Actor): ImportScope[] {
  const scopes: ImportScope[] = []
  for (const g of actor.grants) {
    if (!roleTable[g.role].permissions.includes('import:run') || g.regionId == null) continue
    const scope = roleTable[g.role].scope === 'municipality' ? { regionId: g.regionId, municipalityId: g.municipalityId } : { regionId: g.regionId, municipalityId: null }
    if (!scopes.some((s) => s.regionId === scope.regionId && s.municipalityId === scope.municipalityId)) scopes.push(scope)
  }
  return scopes
}

/** The kinds an importer may run: facts that verify criteria come from the region, not a municipality. */
export function kindsFor(scope: ImportScope): ImportKind[] {
  return scope.municipalityId == null ? ['nominations', 'registry', 'qualification', 'activity'] : ['nominations', 'activity']
}

/**
 * Whether a scope may import into the campaign. A municipality's importer
 * loads nominations only, so only into a campaign taking applications: the
 * region's, or its own municipality's selection — never another
 * municipality's (a municipal active is that municipality's teachers',
 * issue 10 §6). A region-wide importer also loads registry and attestation
 * data into campaigns past their intake.
 */
export function campaignImportable(scope: ImportScope, campaign: { state: string; closesOn: string | null; timeZone: string; municipalityId: number | null }, now = new Date()): boolean {
  if (campaign.state === 'draft' || campaign.state === 'archived') return false
  if (scope.municipalityId == null) return true
  return (campaign.municipalityId === null || campaign.municipalityId === scope.municipalityId) && intakeRefusal(campaign, now) === null
}

/** The actor's scope over the campaign's region, checked on the server for every import. */
export function scopeOver(actor: Importer, regionId: number, kind: ImportKind): ImportScope {
  if (actor === OPERATOR) return { regionId, municipalityId: null }
  if (kind === 'activity') return activityScopeOver(actor, regionId)
  if (can(actor, 'import:run', { regionId })) return { regionId, municipalityId: null }
  const municipal = importScopesOf(actor).find((s) => s.regionId === regionId && s.municipalityId != null)
  if (!municipal) throw new Forbidden('import')
  if (kind !== 'nominations') {
    throw new AppError('IMPORT_KIND_FORBIDDEN', 403, 'Сведения реестров и итоги аттестации загружает региональный координатор.', { kind })
  }
  return municipal
}

/**
 * Imported activity records are confirmed by the importer, so besides
 * `import:run` they must hold `activity:confirm`: for the region, or for
 * their municipality (then only its members' rows).
 */
function activityScopeOver(actor: Actor, regionId: number): ImportScope {
  if (can(actor, 'import:run', { regionId }) && can(actor, 'activity:confirm', { regionId })) return { regionId, municipalityId: null }
  const municipal = importScopesOf(actor).find(
    (s) => s.regionId === regionId && s.municipalityId != null && can(actor, 'activity:confirm', { regionId, municipalityId: s.municipalityId }),
  )
  if (!municipal) throw new Forbidden('import')
  return municipal
}

class Rollback extends Error {}

/** A real transaction, or a savepoint inside the caller's, so a rollback undoes only the import. */
function atomically<T>(fn: (t: Tx) => Promise<T>, tx?: Db): Promise<T> {
  if (tx && typeof (tx as Tx).savepoint === 'function') return (tx as Tx).savepoint(fn) as Promise<T>
  return ((tx as Sql | undefined) ?? db()).begin(fn) as Promise<T>
}

class Collector {
  errors: ImportIssue[] = []
  notices: ImportNotice[] = []
  noticesTotal = 0
  warnings: ImportWarning[] = []
  counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, skipped: 0 }
  error(row: number, column: string, message: string) {
    this.errors.push({ row, column, message })
  }
  warning(row: number, code: WarningCode, message: string) {
    this.warnings.push({ row, code, message })
  }
  notice(row: number, message: string) {
    this.noticesTotal++
    if (this.notices.length < NOTICE_LIMIT) this.notices.push({ row, message })
  }
}

type SinkContext = {
  t: Tx
  campaign: Campaign
  batch: BatchContext
  write: () => boolean
  out: Collector
  nameColumn: string
  batchSize: number
  /** Staged nominations per set-based write. */
  stageSize: number
}

interface Sink<R> {
  load(): Promise<void>
  accept(row: R, rowNo: number): Promise<void>
  finish(): Promise<void>
  /** Waits for a write still in flight (before a rollback), whatever its outcome. */
  settle(): Promise<void>
}

// The one-shot hash: half the cost of createHash().update().digest() per row.
const sha1 = (s: string) => hash('sha1', s, 'base64')
const personKey = (p: { lastName: string; firstName: string; middleName: string }) => nameKey(`${p.lastName} ${p.firstName} ${p.middleName}`)

/** What a nomination says beyond its key; facts already verified on the application are not the file's to change. */
function nominationSignature(
  p: { municipalityId: number | null; organisation: string | null; position: string; subjects: string[]; groupId: number | null },
  facts: Facts,
  verified: ReadonlySet<string>,
) {
  const claims = Object.keys(facts)
    .filter((k) => !verified.has(k) && !facts[k as FactKey]!.verified)
    .sort()
    .map((k) => [k, facts[k as FactKey]!.value])
  return sha1(JSON.stringify([p.municipalityId, nameKey(p.organisation ?? ''), p.position, p.subjects, p.groupId, claims]))
}

type Existing = {
  id: number
  personId: number
  state: string
  source: string
  municipalityId: number | null
  signature: string
  verified: Set<string>
  birthDate: string | null
}

/**
 * Nominations: each row is matched by its natural key while the file is read;
 * the rows that create or change something are gathered in chunks and each
 * chunk is written set-based (db/queries/staging.server.ts): on PostgreSQL
 * new nominations by COPY straight into their tables and changed drafts
 * through a staging table filled by COPY; on the embedded database all of
 * them staged as JSON records.
 */
class NominationSink implements Sink<NominationRow> {
  private existing = new Map<string, Existing>()
  private seen = new Map<string, number>()
  /** Rows waiting for the next chunk; one chunk in flight at most. The embedded database: all of them. */
  private pending: StagedNomination[] = []
  /** PostgreSQL: the chunk's new nominations as COPY lines, and the drafts it changes. */
  private fresh: NewNominations | null = null
  private changed: StagedNomination[] = []
  /** PostgreSQL: organisations the region lacks so far, with the municipality of the row naming each first. */
  private wanted = new Map<string, number>()
  /** PostgreSQL: people's ids reserved ahead, so rows become COPY lines as they are read; `nextId` is the first unused. */
  private ids: number[] = []
  private nextId = 0
  private idsAhead: Promise<number[]> | null = null
  private writing: Promise<void> = Promise.resolve()
  private staging = false
  private byCopy = false
  private created = 0
  private replan = true
  /** PostgreSQL: the region's organisations by name, as created so far. */
  private organisations = new Map<string, number>()

  constructor(private c: SinkContext) {}

  async load() {
    for await (const a of campaignApplicants(this.c.campaign.id, this.c.t)) {
      if (!a.workEmail) continue
      const verified = new Set(Object.entries(a.facts).filter(([, f]) => f?.verified).map(([k]) => k))
      const signature = nominationSignature({ ...a, organisation: a.organisationName }, a.facts, verified)
      this.existing.set(`${personKey(a)}|${emailKey(a.workEmail)}`, {
        id: a.id,
        personId: a.personId,
        state: a.state,
        source: a.source,
        municipalityId: a.municipalityId,
        signature,
        verified,
        birthDate: a.birthDate,
      })
    }
    // A dry run stages nothing: it only reports.
    if (!this.c.write()) return
    await createNominationStage(this.c.t)
    this.staging = true
    this.byCopy = await stageByCopy(this.c.t)
    if (this.byCopy) {
      this.organisations = await organisationIdsOf(this.c.batch.regionId, this.c.t)
      this.fresh = new NewNominations(this.c.batch)
    }
  }

  /**
   * A reserved id for a new person. Ids are asked for a chunk ahead, as a
   * write begins (the connection is free then); the first ones in blocks
   * that grow with the file, so a small file wastes few of the sequence's values.
   */
  private async personId(): Promise<number> {
    if (this.nextId === this.ids.length) {
      // Never while a write is in flight: a query sent during its COPY breaks the connection's protocol.
      if (!this.idsAhead) await this.writing.catch(() => {})
      this.ids = await (this.idsAhead ?? this.reserveIds(Math.min(this.c.stageSize, Math.max(64, this.created + this.fresh!.size))))
      this.nextId = 0
      this.idsAhead = null
    }
    return this.ids[this.nextId++]
  }

  private reserveIds(n: number): Promise<number[]> {
    const ids = reservePersonIds(n, this.c.t)
    ids.catch(() => {}) // awaited by personId(), or never needed after a failed write
    return ids
  }

  async accept(row: NominationRow, rowNo: number) {
    const { out } = this.c
    const key = `${personKey(row)}|${row.email}`
    // The file's keys are kept as digests: 100,000 names and addresses would weigh more.
    const digest = sha1(key)
    const earlier = this.seen.get(digest)
    if (earlier !== undefined) {
      out.error(rowNo, this.c.nameColumn, `Этот кандидат уже есть в строке ${earlier}: совпадают ФИО и электронная почта`)
      return
    }
    this.seen.set(digest, rowNo)
    const ex = this.existing.get(key)
    if (!ex) {
      out.counts.created++
      await this.stage(row, rowNo, null)
    } else if (ex.source !== 'municipality') {
      out.counts.skipped++
      out.notice(rowNo, 'Кандидат уже подал заявление в этот отбор сам; строка его не меняет')
    } else if (ex.municipalityId !== row.municipalityId) {
      out.counts.skipped++
      out.notice(rowNo, 'Кандидата уже представил другой муниципалитет; строка пропущена')
    } else if (nominationSignature(row, row.facts, ex.verified) === ex.signature && (row.birthDate === null || row.birthDate === ex.birthDate)) {
      // An empty birth-date cell keeps what is stored: the file says nothing about it.
      out.counts.unchanged++
    } else if (ex.state === 'draft') {
      out.counts.updated++
      await this.stage(row, rowNo, ex)
    } else {
      out.counts.skipped++
      out.notice(rowNo, `Представление уже подано (${applicationStateLabels[ex.state] ?? ex.state}); изменения из файла не применены`)
    }
  }

  private async stage(r: NominationRow, rowNo: number, ex: Existing | null) {
    // After the first error nothing more is staged: the transaction will roll back.
    if (!this.staging || !this.c.write()) return
    // Field by field, not `{ ...r, row }`: V8 spends ≈ 20 µs a row on that spread.
    const staged: StagedNomination = {
      row: rowNo,
      applicationId: ex?.id ?? null,
      personId: ex?.personId ?? null,
      municipalityId: r.municipalityId,
      lastName: r.lastName,
      firstName: r.firstName,
      middleName: r.middleName,
      email: r.email,
      organisation: r.organisation,
      position: r.position,
      subjects: r.subjects,
      groupId: r.groupId,
      directionId: r.directionId,
      facts: r.facts,
      birthDate: r.birthDate,
    }
    if (!this.byCopy) {
      this.pending.push(staged)
      if (this.pending.length >= this.c.stageSize) await this.flush()
      return
    }
    if (!this.organisations.has(r.organisation) && !this.wanted.has(r.organisation)) this.wanted.set(r.organisation, r.municipalityId)
    if (ex) this.changed.push(staged)
    else this.fresh!.add(staged, this.nextId < this.ids.length ? this.ids[this.nextId++] : await this.personId())
    if (this.fresh!.size + this.changed.length >= this.c.stageSize) await this.flush()
  }

  /** The next chunk goes to the database while the file's next rows are read (with PostgreSQL in another process, both run at once). */
  private async flush() {
    if (this.byCopy) {
      const chunk = { fresh: this.fresh!, changed: this.changed, wanted: this.wanted }
      this.fresh = new NewNominations(this.c.batch)
      this.changed = []
      this.wanted = new Map()
      await this.writing
      if (chunk.fresh.size + chunk.changed.length === 0 || !this.c.write()) return
      // The next chunk's ids, asked for before this chunk's statements so they come back at once.
      const left = this.ids.length - this.nextId
      if (!this.idsAhead && left < this.c.stageSize) this.idsAhead = this.reserveIds(this.c.stageSize - left)
      this.writing = this.writeByCopy(chunk)
    } else {
      const rows = this.pending
      this.pending = []
      await this.writing
      if (rows.length === 0 || !this.c.write()) return
      this.writing = this.writeStaged(rows)
    }
    this.writing.catch(() => {}) // awaited by the next flush, finish() or settle()
  }

  /** PostgreSQL: new nominations by COPY into their tables, changed drafts through the staging table. */
  private async writeByCopy(chunk: { fresh: NewNominations; changed: StagedNomination[]; wanted: Map<string, number> }) {
    const t = this.c.t
    // Names another chunk created meanwhile are found by ensureOrganisations too.
    await ensureOrganisations(this.c.batch.regionId, chunk.wanted, this.organisations, t)
    this.created += await chunk.fresh.copy(this.organisations, t, { replan: this.replan })
    this.replan = false
    if (chunk.changed.length === 0) return
    const copy = await openStageCopy(t)
    await writeCopy(copy, chunk.changed.map(copyLine))
    await endCopy(copy, t)
    await commitStagedNominations(this.c.batch, t, { replan: false, rows: chunk.changed.length, created: 0 })
  }

  /** The embedded database: the chunk staged as JSON records, then written set-based. */
  private async writeStaged(rows: StagedNomination[]) {
    const t = this.c.t
    const created = rows.reduce((n, r) => (r.applicationId === null ? n + 1 : n), 0)
    await stageRecords(rows.map(jsonRecord), t)
    const done = await commitStagedNominations(this.c.batch, t, { replan: this.replan, rows: rows.length, created })
    this.replan = false
    this.created += done.created
  }

  async finish() {
    if (!this.staging) return
    await this.flush()
    await this.writing
    if (this.created !== this.c.out.counts.created) throw new Error(`import: ${this.created} of ${this.c.out.counts.created} nominations created`)
  }

  async settle() {
    await this.writing.catch(() => {})
  }
}

const sameFact = (a: Fact | undefined, b: Fact | undefined) =>
  a === b || (!!a && !!b && a.value === b.value && a.verified === b.verified && a.source === b.source)

type Applicant = { id: number; state: string; facts: Facts; email: string | null; municipalityId: number | null; organisation: string }

/** Registry extracts and attestation lists: match each row to one applicant of the campaign and confirm facts. */
class FactsSink implements Sink<RegistryRow | QualificationRow> {
  private byName = new Map<string, Applicant[]>()
  private patches = new Map<number, FactsPatch>()

  constructor(
    private c: SinkContext,
    private kind: 'registry' | 'qualification',
  ) {}

  async load() {
    for await (const a of campaignApplicants(this.c.campaign.id, this.c.t)) {
      const key = personKey(a)
      const list = this.byName.get(key) ?? []
      list.push({
        id: a.id,
        state: a.state,
        facts: a.facts,
        email: a.workEmail ? emailKey(a.workEmail) : null,
        municipalityId: a.municipalityId,
        organisation: nameKey(a.organisationName ?? ''),
      })
      this.byName.set(key, list)
    }
  }

  /**
   * The applicant a row means: same name; a municipality, when given, must
   * agree; e-mail and workplace only break ties (a registry may hold a
   * personal address or an older name of the school).
   */
  private match(row: RegistryRow | QualificationRow): Applicant[] {
    let list = this.byName.get(personKey(row)) ?? []
    if (row.municipalityId != null) list = list.filter((a) => a.municipalityId === row.municipalityId)
    const prefer = (pred: (a: Applicant) => boolean) => {
      const narrowed = list.filter(pred)
      if (narrowed.length) list = narrowed
    }
    if (list.length > 1 && row.email) prefer((a) => a.email === row.email)
    if (list.length > 1 && row.organisation) prefer((a) => a.organisation === nameKey(row.organisation!))
    return list
  }

  async accept(row: RegistryRow | QualificationRow, rowNo: number) {
    const { out } = this.c
    const found = this.match(row)
    if (found.length === 0) {
      out.counts.skipped++
      out.notice(rowNo, 'Среди кандидатов этого отбора такого человека нет; строка пропущена')
      return
    }
    if (found.length > 1) {
      out.error(
        rowNo,
        this.c.nameColumn,
        `В отборе ${countOf(found.length, 'кандидат', 'кандидата', 'кандидатов')} с такими ФИО: добавьте электронную почту, муниципалитет или место работы, чтобы различить`,
      )
      return
    }
    const app = found[0]
    if (!OPEN_STATES.has(app.state)) {
      out.counts.skipped++
      out.notice(rowNo, `Заявление уже на этапе «${applicationStateLabels[app.state] ?? app.state}»: сведения не применены`)
      return
    }
    const patch: Facts =
      'category' in row ? { qualificationCategory: { value: row.category, verified: true, source: 'registry' } } : row.facts
    const changed = Object.entries(patch).some(([k, f]) => !sameFact(app.facts[k as FactKey], f))
    if (!changed) {
      out.counts.unchanged++
      return
    }
    out.counts.updated++
    app.facts = { ...app.facts, ...patch }
    const p = this.patches.get(app.id) ?? { id: app.id, facts: {}, data: { rows: [] as number[] } }
    Object.assign(p.facts, patch)
    ;(p.data.rows as number[]).push(rowNo)
    if ('category' in row) Object.assign(p.data, { category: row.category, categoryDate: row.categoryDate, orderNumber: row.orderNumber })
    else if (row.registryName) p.data.registry = row.registryName
    this.patches.set(app.id, p)
  }

  async settle() {}

  async finish() {
    if (!this.c.write()) return
    const all = [...this.patches.values()]
    const changed: number[] = []
    const action = this.kind === 'registry' ? 'REGISTRY_FACTS' : 'QUALIFICATION_FACTS'
    for (let i = 0; i < all.length; i += this.c.batchSize) {
      changed.push(...(await patchFacts(all.slice(i, i + this.c.batchSize), action, this.c.batch, this.c.t)))
    }
    // New facts change eligibility: applications under screening learn it at once.
    const ruleSet = await ruleSetById(this.c.campaign.ruleSetId, this.c.t)
    if (!ruleSet) throw new NotFound('ruleSet', this.c.campaign.ruleSetId)
    for (const id of changed) {
      const app = await applicationById(id, this.c.t)
      if (!app || !EVALUATED_STATES.has(app.state)) continue
      const result = evaluate(app.facts, ruleSet.document)
      await storeEligibility(id, app.facts, result, ruleSet.id, this.c.t)
      await sendEvent({ entity: 'application', id, event: { type: 'EVALUATED', eligibility: result.outcome, failedRules: result.failed }, actor: SYSTEM }, this.c.t)
    }
  }
}

/** The municipality named for a municipality's own file: in the campaign's region, and the importer's own if they are municipal. */
function chosenMunicipality(input: ImportInput, municipalities: Ref[], own: Ref | null): Ref {
  if (input.kind !== 'nominations') {
    throw new AppError('MUNICIPALITY_NOT_APPLICABLE', 422, 'Муниципалитет указывается только для представлений кандидатов; в сведениях реестров и аттестации он берётся из строк.')
  }
  const found = municipalities.find((m) => m.id === input.municipalityId)
  if (!found) throw new AppError('MUNICIPALITY_NOT_FOUND', 422, 'Такого муниципалитета нет в регионе этого отбора.')
  if (own && own.id !== found.id) throw new AppError('MUNICIPALITY_FORBIDDEN', 403, `Вы можете загружать представления только за «${own.name}».`)
  return found
}

/** The file's title of cell `i`, or its place when no column is titled there. */
function columnTitle(header: HeaderMap, cells: string[], i: number): string {
  for (const [key, at] of header.index) if (at === i) return header.titles.get(key) ?? ''
  return `столбец ${i + 1}`
}

/**
 * Filled cells beyond the header's last titled column: they belong to no
 * column, and usually mean the row's cells shifted (a «;» inside an
 * unquoted cell, rows glued together). Excel's empty trailing cells are fine.
 */
function extraCells(header: HeaderMap, cells: string[]): { column: string; message: string } | undefined {
  const filled: number[] = []
  for (let i = header.width; i < cells.length; i++) if (cleanCell(cells[i]) !== '') filled.push(i)
  if (filled.length === 0) return undefined
  const first = cleanCell(cells[filled[0]])
  const sample = `столбец ${filled[0] + 1}, «${first.length > 40 ? `${first.slice(0, 40)}…` : first}»`
  const what =
    filled.length === 1
      ? `ячейка правее последнего столбца (${sample}) не относится ни к одному столбцу`
      : `ячейки правее последнего столбца (первая — ${sample}) не относятся ни к одному столбцу`
  return {
    column: `столбец ${filled[0] + 1}`,
    message:
      `Ячеек в строке — ${cells.length}, столбцов в заголовке — ${header.width}: ${what}. ` +
      'Проверьте, не сдвинулись ли ячейки (точка с запятой внутри значения без кавычек) и не склеились ли строки.',
  }
}

/** Evaluates a nomination's claims against the rule set (memoized: a big file repeats a few fact combinations). */
function eligibilityOf(ruleSet: RuleSet): (facts: Facts) => { outcome: Outcome; warning?: string } {
  const run = memo((key: string) => {
    const result = evaluate(JSON.parse(key) as Facts, ruleSet)
    if (result.outcome !== 'fail') return { outcome: result.outcome }
    const reasons = [
      ...result.required.filter((r) => r.outcome === 'fail').map((r) => r.explanation),
      ...result.groups.filter((g) => g.outcome === 'fail').map((g) => `${g.label}: ${g.explanation.charAt(0).toLowerCase()}${g.explanation.slice(1)}`),
    ]
    return {
      outcome: result.outcome,
      warning: `По сведениям из файла кандидат не соответствует требованиям отбора. ${reasons.join(' ')} Строка будет загружена: решение принимает комиссия.`,
    }
  })
  return (facts) => run(JSON.stringify(facts))
}

/** Previews (dryRun) or commits a spreadsheet; see the module comment. */
export async function runImport(input: ImportInput, tx?: Db): Promise<ImportReport> {
  const activity = input.kind === 'activity'
  const campaign = activity ? null : await campaignById(input.campaignId ?? 0, tx)
  if (!activity && !campaign) throw new NotFound('campaign', input.campaignId ?? 0)
  const regionId = campaign?.regionId ?? input.regionId ?? 0
  if (activity && !(await regionById(regionId, tx))) throw new NotFound('region', regionId)
  const scope = scopeOver(input.actor, regionId, input.kind)
  const refusal = input.kind === 'nominations' && campaign ? intakeRefusal(campaign, new Date()) : null
  if (refusal) throw new AppError(refusal.code, 409, `${refusal.message} Представления не принимаются.`, { state: campaign!.state })
  if (campaign && campaign.municipalityId !== null && scope.municipalityId != null && campaign.municipalityId !== scope.municipalityId) {
    throw new AppError('OTHER_MUNICIPALITY', 403, 'Это отбор в муниципальный методический актив другого муниципалитета: представления в него вносит его координатор.')
  }
  const actorUserId = input.actor === OPERATOR ? null : input.actor.userId
  const out = new Collector()
  const info: FileInfo = { bytes: 0 }
  let rows = 0
  let valid = 0
  let header: HeaderMap | undefined
  let importId: number | null = null
  let committed = false
  let municipalityName: string | null = null
  let eligibilityCounts: EligibilityCounts | null = null

  try {
    await atomically(async (t) => {
      if (campaign) await lockCampaignImports(campaign.id, t)
      else await lockRegionActivityImports(regionId, t)
      const [municipalities, groups, region, ruleSet, timeZone] = await Promise.all([
        municipalitiesOf(regionId, t),
        groupsOf(regionId, t),
        regionById(regionId, t),
        input.kind === 'nominations' && campaign ? ruleSetById(campaign.ruleSetId, t) : undefined,
        zoneOfRegion(regionId, t),
      ])
      const own: Ref | null = scope.municipalityId == null ? null : (municipalities.find((m) => m.id === scope.municipalityId) ?? null)
      const chosen = input.municipalityId == null ? null : chosenMunicipality(input, municipalities, own)
      const fixed = chosen ?? own
      municipalityName = fixed?.name ?? null
      const eligibility = ruleSet ? eligibilityOf(ruleSet.document) : undefined
      if (eligibility) eligibilityCounts = { pass: 0, unverified: 0, fail: 0 }
      if (!input.dryRun) {
        importId = await insertImport(
          { regionId, campaignId: campaign?.id ?? null, municipalityId: fixed?.id ?? null, kind: input.kind, fileName: input.fileName, importedBy: actorUserId },
          t,
        )
      }
      let sink: Sink<NominationRow | RegistryRow | QualificationRow | ActivityImportRow> | undefined
      let schema: RowParser<NominationRow | RegistryRow | QualificationRow | ActivityImportRow> | undefined

      try {
        for await (const record of readRecords(input.source, info, { sheet: input.sheet, recognises: recognisesColumn(input.kind) })) {
          if (!header) {
            header = mapHeader(input.kind, record.cells, { municipalityRequired: fixed == null })
            for (const e of header.errors) out.error(record.row, e.column, e.message)
            if (header.errors.length) continue
            const ctx: RowContext = {
              municipalities,
              fixedMunicipality: fixed,
              fixedBy: chosen ? 'choice' : 'scope',
              groups: groups.map((g) => ({ id: g.id, code: g.code, name: g.name, directionId: g.directionId })),
              subjects: region?.settings.subjects ?? [],
              nameMode: header.index.has('lastName') && header.index.has('firstName') ? 'three' : 'full',
              columns: new Set(header.index.keys()),
              regionToday: regionDay(new Date(), timeZone),
            }
            const write = () => !input.dryRun && out.errors.length === 0
            const nameColumn = header.titles.get(ctx.nameMode === 'three' ? 'lastName' : 'fullName') ?? 'ФИО'
            if (input.kind === 'activity') {
              schema = compileRow(activitySchema(ctx))
              sink = new ActivitySink({
                t,
                regionId,
                own,
                sender: input.actor === OPERATOR ? SYSTEM : input.actor,
                importId: importId ?? 0,
                write,
                out,
                nameColumn,
                municipalityColumn: header.titles.get('municipality') ?? headerOf('activity', 'municipality'),
              })
            } else {
              schema = compileRow<NominationRow | RegistryRow | QualificationRow>(schemaFor(input.kind, ctx))
              const sinkContext: SinkContext = {
                t,
                campaign: campaign!,
                batch: { regionId, campaignId: campaign!.id, actorUserId, importId: importId ?? 0, initialApplication: initialRow('application') },
                write,
                out,
                nameColumn,
                batchSize: input.batchSize ?? BATCH,
                stageSize: input.batchSize ?? STAGE_CHUNK,
              }
              sink = input.kind === 'nominations' ? new NominationSink(sinkContext) : new FactsSink(sinkContext, input.kind)
            }
            await sink.load()
            continue
          }
          rows++
          if (!schema || !sink) continue // the header is wrong: rows are only counted
          // A zero byte is no text anyone typed (and PostgreSQL text cannot hold it): the row is refused, never stored.
          const nul = record.cells.findIndex((c) => c.includes('\u0000'))
          if (nul >= 0) {
            out.error(record.row, columnTitle(header, record.cells, nul), 'В ячейке есть нулевой байт (символ NUL): так бывает, когда файл повреждён или сохранён не как текст. Сохраните таблицу заново как CSV.')
            continue
          }
          // A formula's error (#Н/Д from a failed ВПР) is no value: stored, it would become a person's position or school.
          const failed = [...header.index.values()].filter((i) => isFormulaError(record.cells[i] ?? '')).sort((a, b) => a - b)
          for (const i of failed) {
            const shown = (record.cells[i] ?? '').trim()
            out.error(record.row, columnTitle(header, record.cells, i), `В ячейке ошибка формулы Excel (${shownFormulaError(shown)}) вместо значения: исправьте формулу или впишите значение вручную.`)
          }
          if (failed.length) continue
          const extra = extraCells(header, record.cells)
          if (extra) out.error(record.row, extra.column, extra.message)
          const cells: Cells = {}
          for (const [key, i] of header.index) cells[key] = cleanCell(record.cells[i] ?? '')
          const parsed = schema(cells)
          if (!parsed.ok) {
            // In the order of the file's columns, as the user reads the row.
            const at = (key: string) => header!.index.get(key) ?? Number.MAX_SAFE_INTEGER
            for (const { key, message } of [...parsed.issues].sort((a, b) => at(a.key) - at(b.key))) {
              out.error(record.row, header.titles.get(key) ?? headerOf(input.kind, key), message)
            }
            continue
          }
          if (extra) continue // the row's cells may have shifted: nothing of it is taken
          if (eligibility && eligibilityCounts) {
            // The same engine the application's screening runs, on the file's claims: a remark, not a refusal.
            const e = eligibility((parsed.value as NominationRow).facts)
            eligibilityCounts[e.outcome]++
            if (e.warning) out.warning(record.row, 'ELIGIBILITY_FAIL', e.warning)
          }
          const before = out.errors.length
          await sink.accept(parsed.value, record.row)
          if (out.errors.length === before) valid++
        }
      } catch (e) {
        if (!(e instanceof FileProblem)) throw e
        out.error(e.row, '', e.message)
      }
      if (!header && out.errors.length === 0) {
        // A book of several sheets is not empty for one empty sheet: the sheet read is named (the data may be on another).
        out.error(0, '', info.format === 'xlsx' && info.sheet && (info.sheets ?? 0) > 1 ? `Лист «${info.sheet}» книги пустой: нет ни строки заголовка, ни данных. Перенесите таблицу на этот лист или выберите лист с данными` : EMPTY_FILE_MESSAGE)
      }
      else if (header && rows === 0 && out.errors.length === 0) out.error(0, '', 'В файле нет ни одной строки с данными, только заголовок')
      if (input.expectedSha256 && info.sha256 !== input.expectedSha256) {
        out.error(0, '', 'Файл изменился после предварительного просмотра: загрузите его заново')
      }
      if (out.errors.length || input.dryRun) {
        await sink?.settle()
        throw new Rollback()
      }
      await sink!.finish()
      await finishImport(importId!, { sha256: info.sha256!, rowsTotal: rows, counts: out.counts, ...(info.format === 'xlsx' ? { encoding: 'xlsx', delimiter: '' } : { encoding: info.encoding ?? 'utf-8', delimiter: info.delimiter ?? ';' }) }, t)
      await appendAudit(
        {
          actorUserId,
          regionId,
          entity: 'import',
          entityId: importId!,
          action: 'IMPORT',
          data: { kind: input.kind, campaignId: campaign?.id ?? null, municipalityId: fixed?.id ?? null, fileName: input.fileName, sha256: info.sha256, rows, counts: out.counts },
        },
        t,
      )
      committed = true
    }, tx)
  } catch (e) {
    if (!(e instanceof Rollback)) throw e
    importId = null
  }

  return {
    kind: input.kind,
    fileName: input.fileName,
    campaignId: campaign?.id ?? null,
    regionId,
    rows,
    valid,
    errors: out.errors,
    notices: out.notices,
    noticesTotal: out.noticesTotal,
    warnings: out.warnings,
    eligibility: eligibilityCounts,
    municipality: municipalityName,
    counts: out.counts,
    unusedColumns: header?.unused ?? [],
    encoding: info.encoding ?? null,
    delimiter: info.delimiter ?? null,
    format: info.format ?? 'csv',
    sheet: info.sheet ?? null,
    bytes: info.bytes,
    sha256: info.sha256 ?? null,
    committed,
    importId: committed ? importId : null,
  }
}
