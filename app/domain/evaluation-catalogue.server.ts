import { randomBytes } from 'node:crypto'
import { db, inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { catalogueVersions, currentCatalogue, insertCatalogueVersion, latestCatalogueVersion } from '../../db/queries/evaluation-catalogues.server'
import { evaluationYearStart, setEvaluationYearStart } from '../../db/queries/regions.server'
import { AppError, Forbidden } from '../../workflows/errors'
import { catalogueDocumentSchema, DEFAULT_YEAR_START, typicalCatalogue, type CatalogueDocument, type YearStart } from '~/model/evaluation'
import { filledSettings, type EvaluationSettings, type EvaluationSettingsForm } from '~/model/inputs/evaluation'
import { can, type Actor } from '~/model/permissions'
import { zoneOfRegion } from './time-zone.server'

// The region's evaluation catalogue (issue 10 §2.1) and its school year
// (§2.2). Saving makes the next version; the old ones stay, so a year already
// over keeps the points it was scored with (catalogueInForce).

/** The region's current catalogue; a region without one (created before 0025) has the typical one, version 0. */
export async function regionCatalogue(regionId: number, tx: Db = db()): Promise<{ version: number; document: CatalogueDocument }> {
  const stored = await currentCatalogue(regionId, tx)
  return stored ? { version: stored.version, document: stored.document } : { version: 0, document: typicalCatalogue() }
}

export async function yearStartOf(regionId: number, tx: Db = db()): Promise<YearStart> {
  return (await evaluationYearStart(regionId, tx)) ?? DEFAULT_YEAR_START
}

/** A preset's catalogue as the region's first version; false when it has one (installing is idempotent). */
export async function installCatalogue(regionId: number, doc: CatalogueDocument, createdBy: number | null, tx: Db = db()): Promise<boolean> {
  if ((await latestCatalogueVersion(regionId, tx)) > 0) return false
  return (await insertCatalogueVersion(regionId, 1, doc, createdBy, tx)) !== undefined
}

export async function evaluationSettings(actor: Actor, regionId: number) {
  if (!can(actor, 'evaluation:manage', { regionId })) throw new Forbidden('evaluation.settings')
  const [catalogue, versions, start, timeZone] = await Promise.all([regionCatalogue(regionId), catalogueVersions(regionId), yearStartOf(regionId), zoneOfRegion(regionId)])
  return { catalogue, versions, start, timeZone }
}

/** The document the form describes: the kinds' points and labels, the thresholds; the source is kept, a template stays one. */
export function documentOf(form: EvaluationSettings, previous: CatalogueDocument, newCode: () => string = () => `k${randomBytes(4).toString('hex')}`): CatalogueDocument {
  return catalogueDocumentSchema.parse({
    kinds: form.kinds.map((k) => ({
      code: k.code ?? newCode(),
      label: k.label,
      points: { school: k.school, municipal: k.municipal, regional: k.regional, federal: k.federal },
    })),
    threshold: { default: form.threshold, years: [...form.years].sort((a, b) => a.year - b.year) },
    source: previous.source,
  })
}

/** Saves the settings: the year's first day, and the catalogue as its next version; returns the version. */
export async function saveEvaluationSettings(actor: Actor, regionId: number, input: EvaluationSettingsForm, tx?: Db): Promise<number> {
  const form = filledSettings(input)
  if (!can(actor, 'evaluation:manage', { regionId })) throw new Forbidden('evaluation.manage')
  return inTransaction(async (t) => {
    const previous = await regionCatalogue(regionId, t)
    const known = new Set(previous.document.kinds.map((k) => k.code))
    const unknown = form.kinds.findIndex((k) => k.code !== undefined && !known.has(k.code))
    if (unknown >= 0) throw new AppError('UNKNOWN_KIND', 422, 'В таблице баллов есть вид работы, которого нет в перечне региона. Обновите страницу.')
    const doc = documentOf(form, previous.document)
    const version = (await latestCatalogueVersion(regionId, t)) + 1
    const id = await insertCatalogueVersion(regionId, version, doc, actor.userId, t)
    if (id === undefined) throw new AppError('CATALOGUE_VERSION_TAKEN', 409, 'Эту версию только что сохранил другой пользователь. Обновите страницу и повторите.')
    await setEvaluationYearStart(regionId, { month: form.month, day: form.day }, t)
    await appendAudit(
      { actorUserId: actor.userId, regionId, entity: 'evaluationCatalogue', entityId: id, action: 'CREATE_VERSION', data: { version, yearStart: { month: form.month, day: form.day } } },
      t,
    )
    return version
  }, tx)
}
