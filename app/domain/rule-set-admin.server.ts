import { z } from 'zod'
import { inTransaction } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { insertRuleSetVersion, latestRuleSetVersion, ruleSetById, ruleSetsOfRegion, type RuleSetListRow } from '../../db/queries/rule-sets.server'
import { AppError, Forbidden } from '../../workflows/errors'
import { can, type Actor } from '~/model/permissions'
import { builtInFacts, ruleSetSchemaFor, valueLabels, type FactSpecs, type Rule, type RuleSet } from '~/model/eligibility'
import { specsOf, type Catalogue } from '~/model/fact-catalogue'
import { catalogueOf } from './region-facts.server'
import { regionById } from '../../db/queries/regions.server'
import { municipalityById } from '../../db/queries/municipalities.server'
import { recordInScope } from './application-scope.server'

// Rule sets are versioned documents (PRODUCT §5). A version is never changed:
// applications store the version they were evaluated with, so cloning and
// editing both create the next version of the code.

/** The region's rule sets with every municipality's copies (a region-wide holder of ruleSet:manage). */
export async function ruleSetList(actor: Actor, regionId: number): Promise<RuleSetListRow[]> {
  if (!can(actor, 'ruleSet:manage', { regionId })) throw new Forbidden('ruleSet.list')
  return ruleSetsOfRegion(regionId)
}

export type RuleView = { id: string; label: string; clause: string; test: string }
export type RuleSetView = {
  id: number
  regionId: number
  code: string
  version: number
  title: string
  required: RuleView[]
  groups: { id: string; label: string; clause: string; atLeast: number; rules: RuleView[] }[]
  fastTrack: { label: string; clause: string; rules: RuleView[] } | null
  json: string
  latestVersion: number
  /** The municipality whose own copy this is (null: the region's). */
  municipalityId: number | null
  /** Whose set it is, by name: the municipality's for its own copy, else the region's (never the set's code). */
  ownerName: string
  /** May the reader open the region's pages of rule sets (the list, the facts)? A municipality's coordinator may not. */
  regionWide: boolean
}

const show = (v: string | number): string => (typeof v === 'number' ? String(v).replace('.', ',') : (valueLabels[v] ?? v))

/** The rule's test in Russian: "Стаж работы по специальности, лет: не менее 5". */
export function describeTest(rule: Rule, specs: FactSpecs = builtInFacts): string {
  const fact = specs(rule.fact)?.label ?? rule.label
  switch (rule.test.op) {
    case 'in':
      return `${fact}: ${rule.test.values.map(show).join(' или ')}`
    case 'gte':
      return `${fact}: не менее ${show(rule.test.value)}`
    case 'isTrue':
      return `${fact}: да`
  }
}

const viewWith =
  (specs: FactSpecs) =>
  (r: Rule): RuleView => ({ id: r.id, label: r.label, clause: r.clause, test: describeTest(r, specs) })

export async function readableRuleSet(actor: Actor, id: number) {
  return recordInScope('ruleSet', id, await ruleSetById(id), (r) => can(actor, 'ruleSet:manage', { regionId: r.regionId, campaignMunicipalityId: r.municipalityId }))
}

export async function ruleSetView(actor: Actor, id: number): Promise<RuleSetView> {
  const stored = await readableRuleSet(actor, id)
  const doc = stored.document
  const view = viewWith(specsOf(await catalogueOf(stored.regionId)))
  return {
    id: stored.id,
    regionId: stored.regionId,
    code: doc.code,
    version: doc.version,
    title: doc.title,
    required: doc.required.map(view),
    groups: doc.groups.map((g) => ({ id: g.id, label: g.label, clause: g.clause, atLeast: g.atLeast, rules: g.rules.map(view) })),
    fastTrack: doc.fastTrack ? { label: doc.fastTrack.label, clause: doc.fastTrack.clause, rules: doc.fastTrack.rules.map(view) } : null,
    json: JSON.stringify(doc, null, 2),
    latestVersion: await latestRuleSetVersion(stored.regionId, doc.code),
    municipalityId: stored.municipalityId,
    ownerName: await ownerNameOf(stored.regionId, stored.municipalityId),
    regionWide: can(actor, 'ruleSet:manage', { regionId: stored.regionId }),
  }
}

async function ownerNameOf(regionId: number, municipalityId: number | null): Promise<string> {
  const owner = municipalityId === null ? await regionById(regionId) : await municipalityById(municipalityId)
  return owner?.name ?? ''
}

export type RuleSetIssue = { path: string; message: string }

/** A document that does not pass ruleSetSchema; `details.issues` has each problem's path and Russian message. */
export class RuleSetInvalid extends AppError {
  constructor(readonly issues: RuleSetIssue[]) {
    super('INVALID_RULE_SET', 422, 'Набор требований не сохранён: исправьте ошибки в документе.', { issues })
  }
}

/** "groups[0].rules[2].test" — where in the document the problem is. */
export function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'документ'
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('')
}

const ru = z.locales.ru()

/** Validates `draft` in Russian, throwing RuleSetInvalid with each problem's path. */
export function checkRuleSet(draft: RuleSet, catalogue: Catalogue): RuleSet {
  const result = ruleSetSchemaFor(specsOf(catalogue)).safeParse(draft, { error: ru.localeError })
  if (!result.success) throw new RuleSetInvalid(result.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })))
  return result.data
}

/** Saves a validated document as the next version of its code; the source stays as it was. */
export async function saveRuleSetDocument(actor: Actor, sourceId: number, draft: RuleSet): Promise<number> {
  const source = await readableRuleSet(actor, sourceId)
  return inTransaction(async (t) => {
    const version = (await latestRuleSetVersion(source.regionId, draft.code, t)) + 1
    const doc: RuleSet = checkRuleSet({ ...draft, version }, await catalogueOf(source.regionId, t))
    // a municipality's copy stays its own: its versions carry the municipality too
    const id = await insertRuleSetVersion(source.regionId, doc, actor.userId, t, source.municipalityId)
    if (id === undefined) {
      throw new AppError('RULE_SET_VERSION_TAKEN', 409, 'Эту версию только что сохранил другой пользователь. Обновите страницу и повторите.')
    }
    await appendAudit(
      {
        actorUserId: actor.userId,
        regionId: source.regionId,
        entity: 'ruleSet',
        entityId: id,
        action: 'CREATE_VERSION',
        data: { from: sourceId, code: doc.code, version },
      },
      t,
    )
    return id
  })
}

/** "Клонировать": the next version with the same content. */
export async function cloneRuleSet(actor: Actor, sourceId: number): Promise<number> {
  const source = await readableRuleSet(actor, sourceId)
  return saveRuleSetDocument(actor, sourceId, source.document)
}

/** The version's document as a file (the advanced, read-only view); staff with ruleSet:manage in its region. */
export async function ruleSetFile(actor: Actor, id: number): Promise<{ fileName: string; body: string }> {
  const doc = (await readableRuleSet(actor, id)).document
  return { fileName: `${doc.code}-v${doc.version}.json`, body: JSON.stringify(doc, null, 2) }
}
