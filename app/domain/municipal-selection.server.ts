import { inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { ensureMunicipalCommission } from '../../db/queries/commissions.server'
import { municipalityById, type MunicipalityRow } from '../../db/queries/municipalities.server'
import { insertRuleSetVersion, ruleSetById } from '../../db/queries/rule-sets.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { can, type Actor } from '~/model/permissions'

// The municipal active's own selection (issue 10 §6): its commission and its
// copy of the region's rule set, set up by the municipality's coordinator or
// the region's. Campaigns, approval and publication are the region's code
// with the municipality carried in the scope (app/model/permissions.ts scopeFor).

export async function municipalityOf(id: number): Promise<MunicipalityRow | undefined> {
  return municipalityById(id)
}

async function municipalityFor(actor: Actor, permission: 'commission:manage' | 'ruleSet:manage', municipalityId: number, tx?: Db): Promise<MunicipalityRow> {
  const m = await municipalityById(municipalityId, tx)
  if (!m) throw new NotFound('municipality', municipalityId)
  if (!can(actor, permission, { regionId: m.regionId, campaignMunicipalityId: m.id })) throw new Forbidden(`${permission}.municipal`)
  return m
}

/** The municipality's commission of this name (made once; its composition is managed like the region's). */
export async function createMunicipalCommission(actor: Actor, municipalityId: number, name: string, tx?: Db): Promise<number> {
  const m = await municipalityFor(actor, 'commission:manage', municipalityId, tx)
  return inTransaction(async (t) => {
    const id = await ensureMunicipalCommission(m.regionId, m.id, name, t)
    await appendAudit({ actorUserId: actor.userId, regionId: m.regionId, entity: 'commission', entityId: id, action: 'CREATE', data: { municipalityId: m.id, name } }, t)
    return id
  }, tx)
}

/**
 * «Скопировать региональный набор правил»: the region's version becomes the
 * first version of the municipality's own code, which the municipality then
 * edits like any rule set (versions of a copy stay the municipality's).
 */
export async function copyRegionalRuleSet(actor: Actor, municipalityId: number, sourceId: number): Promise<number> {
  const m = await municipalityFor(actor, 'ruleSet:manage', municipalityId)
  const source = await ruleSetById(sourceId)
  if (!source || source.regionId !== m.regionId || source.municipalityId !== null) {
    throw new AppError('RULE_SET_NOT_FOUND', 422, 'Набор требований не найден среди региональных наборов.', { ruleSetId: sourceId })
  }
  const doc = { ...source.document, code: `${source.document.code}-m${m.id}`, version: 1, title: `${source.document.title} (${m.name})` }
  return inTransaction(async (t) => {
    const id = await insertRuleSetVersion(m.regionId, doc, actor.userId, t, m.id)
    if (id === undefined) throw new AppError('RULE_SET_COPIED', 409, 'Региональный набор правил уже скопирован для муниципалитета: измените копию.')
    await appendAudit(
      { actorUserId: actor.userId, regionId: m.regionId, entity: 'ruleSet', entityId: id, action: 'COPY', data: { from: sourceId, municipalityId: m.id } },
      t,
    )
    return id
  })
}
