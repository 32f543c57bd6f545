import { inTransaction, type Db } from '../client.server'
import { ensureCommission } from '../queries/commissions.server'
import { ensureConsentTexts } from '../queries/consents.server'
import { upsertDirections } from '../queries/directions.server'
import { upsertMunicipalities, upsertRegion } from '../queries/regions.server'
import { ensureRegionalRoster } from '../queries/rosters.server'
import { insertRuleSet } from '../queries/rule-sets.server'
import type { RegionPreset } from '../presets'

export type InstalledRegion = { regionId: number; rosterId: number; commissionId: number; ruleSetId: number }

/** Idempotent: installing a preset twice changes nothing. `code` renames the region (tests). */
export async function installPreset(p: RegionPreset, opts: { code?: string } = {}, tx?: Db): Promise<InstalledRegion> {
  return inTransaction(async (t) => {
    await ensureConsentTexts(t)
    const regionId = await upsertRegion(
      {
        code: opts.code ?? p.code,
        name: p.name,
        timeZone: p.timeZone,
        operator: p.operator,
        ministryName: p.ministry,
        siteUrl: p.site,
        settings: { coverage: p.coverage, quorum: p.quorum, subjects: p.subjects },
      },
      t,
    )
    await upsertMunicipalities(regionId, p.municipalities, t)
    await upsertDirections(regionId, p.directions, t)
    const rosterId = await ensureRegionalRoster(regionId, `Региональный методический актив — ${p.name}`, t)
    const commissionId = await ensureCommission(regionId, `Комиссия по отбору кандидатов в РМА (${p.name})`, null, t)
    const ruleSetId = await insertRuleSet(regionId, p.ruleSet, null, t)
    return { regionId, rosterId, commissionId, ruleSetId }
  }, tx)
}
