import { randomBytes } from 'node:crypto'
import { db, inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { insertRegionFact, regionFacts } from '../../db/queries/region-facts.server'
import { AppError, Forbidden } from '../../workflows/errors'
import { withAddedFacts, type Catalogue } from '~/model/fact-catalogue'
import type { RegionFactForm } from '~/model/inputs/region-fact'
import { can, type Actor } from '~/model/permissions'

// A region's fact catalogue (issue 11 §3): the built-in facts every region
// has, and the ones its coordinator added (region_facts), which rules may
// test and applicants claim.

export async function catalogueOf(regionId: number, tx: Db = db()): Promise<Catalogue> {
  return withAddedFacts(await regionFacts(regionId, tx))
}

/** The catalogue of a region for its rule-set managers. */
export async function regionCatalogue(actor: Actor, regionId: number): Promise<Catalogue> {
  if (!can(actor, 'ruleSet:manage', { regionId })) throw new Forbidden('regionFacts.read')
  return catalogueOf(regionId)
}

/** Adds a fact to the region's catalogue under a generated key; returns the key. */
export async function addRegionFact(actor: Actor, regionId: number, input: RegionFactForm, tx?: Db): Promise<string> {
  if (!can(actor, 'ruleSet:manage', { regionId })) throw new Forbidden('regionFacts.add')
  return inTransaction(async (t) => {
    const key = `x${randomBytes(5).toString('hex')}`
    const id = await insertRegionFact(regionId, { key, label: input.label, kind: input.kind, enumValues: input.kind === 'enum' ? input.values : [], evidence: input.evidence }, actor.userId, t)
    if (id === undefined) throw new AppError('FACT_EXISTS', 409, 'Сведения с таким названием уже есть в перечне региона.', { fields: { label: 'Такое название уже есть в перечне' } })
    await appendAudit({ actorUserId: actor.userId, regionId, entity: 'regionFact', entityId: id, action: 'CREATE', data: { key, label: input.label, kind: input.kind } }, t)
    return key
  }, tx)
}
