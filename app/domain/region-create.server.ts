import { inTransaction, type Db, type Tx } from '../../db/client.server'
import { presets, typicalRuleSet, type RegionPreset } from '../../db/presets'
import { appendAudit } from '../../db/queries/audit.server'
import { ensureCommission } from '../../db/queries/commissions.server'
import { ensureConsentTexts } from '../../db/queries/consents.server'
import { upsertDirections } from '../../db/queries/directions.server'
import { insertRegion, lockRegionCreation, regionByCode, regionByName, setEvaluationYearStart, upsertMunicipalities, upsertRegion } from '../../db/queries/regions.server'
import { ensureRegionalRoster } from '../../db/queries/rosters.server'
import { insertRuleSet } from '../../db/queries/rule-sets.server'
import { AppError, Forbidden } from '../../workflows/errors'
import { ensureIndicators } from './indicators.server'
import { EMPTY_REGION, type NewRegion } from '~/model/inputs/region-settings'
import { can, type Actor } from '~/model/permissions'
import { typicalCatalogue } from '~/model/evaluation'
import { installCatalogue } from './evaluation-catalogue.server'

// A region comes into being here (issue 11 §2.5): from one of the presets
// (municipalities, directions and groups, the rule set, the commission, the
// roster) or empty (its name, code and zone, plus the roster, the commission
// and a typical rule set that make it usable at once). The seed, the CLI and
// the administrator's page all install through this module.

export type InstalledRegion = { regionId: number; rosterId: number; commissionId: number; ruleSetId: number }

/** The presets an administrator may start a region from. */
export const presetChoices = () => presets.map((p) => ({ code: p.code, name: p.name, timeZone: p.timeZone }))

const rosterName = (name: string) => `Региональный методический актив — ${name}`
const commissionName = (name: string) => `Комиссия по отбору кандидатов в РМА (${name})`

/** Everything of a preset but the region row; idempotent. */
async function installContents(regionId: number, name: string, p: RegionPreset, t: Tx): Promise<InstalledRegion> {
  await upsertMunicipalities(regionId, p.municipalities, { source: 'Пресет региона', estimated: p.teachersAreEstimates ?? false }, t)
  await upsertDirections(regionId, p.directions, t)
  const rosterId = await ensureRegionalRoster(regionId, rosterName(name), t)
  // The presets' quorum is «more than half» (their clauses say so): the commission's default, null.
  const commissionId = await ensureCommission(regionId, commissionName(name), null, t)
  const ruleSetId = await insertRuleSet(regionId, p.ruleSet, null, t)
  if (await installCatalogue(regionId, p.evaluation.catalogue, null, t)) await setEvaluationYearStart(regionId, p.evaluation.yearStart, t)
  await ensureIndicators(regionId, p.code, t)
  return { regionId, rosterId, commissionId, ruleSetId }
}

const presetRegion = (p: RegionPreset, over: { code: string; name: string; timeZone: string }) => ({
  ...over,
  operator: p.operator,
  ministryName: p.ministry,
  siteUrl: p.site,
  settings: { coverage: p.coverage, subjects: p.subjects },
})

/** Idempotent: installing a preset twice changes nothing. `code` renames the region (tests). For the seed and the CLI. */
export async function installRegionPreset(p: RegionPreset, opts: { code?: string } = {}, tx?: Db): Promise<InstalledRegion> {
  return inTransaction(async (t) => {
    await ensureConsentTexts(t)
    const regionId = await upsertRegion(presetRegion(p, { code: opts.code ?? p.code, name: p.name, timeZone: p.timeZone }), t)
    return installContents(regionId, p.name, p, t)
  }, tx)
}

/** The administrator's new region, from a preset or empty; refused when the code or the name is taken. */
export async function createRegion(actor: Actor, input: NewRegion, tx?: Db): Promise<InstalledRegion & { code: string }> {
  if (!can(actor, 'region:create', {})) throw new Forbidden('region.create')
  const p = input.preset === EMPTY_REGION ? null : presets.find((x) => x.code === input.preset)
  if (p === undefined) throw new AppError('PRESET_NOT_FOUND', 422, 'Нет такого пресета региона.', { fields: { preset: 'Выберите пресет из списка' } })
  return inTransaction(async (t) => {
    await lockRegionCreation(t)
    if (await regionByCode(input.code, t)) throw taken(input.code)
    const name = input.name ?? p?.name ?? ''
    // the public roster filter and the home page list regions by name: two of one name cannot be told apart
    const same = await regionByName(name, t)
    if (same) throw nameTaken(same.name, same.code)
    await ensureConsentTexts(t)
    const timeZone = input.timeZone ?? p?.timeZone ?? ''
    const row = p
      ? presetRegion(p, { code: input.code, name, timeZone })
      : { code: input.code, name, timeZone, operator: {}, ministryName: '', siteUrl: '', settings: { coverage: null, subjects: [] } }
    const regionId = await insertRegion(row, t)
    if (regionId === undefined) throw taken(input.code)
    const installed = p
      ? await installContents(regionId, name, p, t)
      : {
          regionId,
          rosterId: await ensureRegionalRoster(regionId, rosterName(name), t),
          commissionId: await ensureCommission(regionId, commissionName(name), null, t),
          ruleSetId: await insertRuleSet(regionId, typicalRuleSet(`rma-${input.code}`, name), actor.userId, t),
        }
    if (!p) await installCatalogue(regionId, typicalCatalogue(), actor.userId, t)
    await appendAudit(
      { actorUserId: actor.userId, regionId, entity: 'region', entityId: regionId, action: 'CREATE', data: { code: input.code, name, timeZone, preset: p?.code ?? null } },
      t,
    )
    return { ...installed, code: input.code }
  }, tx)
}

const nameTaken = (name: string, code: string) =>
  new AppError('REGION_NAME_TAKEN', 409, `Регион «${name}» уже есть (код ${code}). Откройте его настройки или укажите другое название.`, {
    fields: { name: `Регион с таким названием уже есть (код ${code})` },
  })

const taken = (code: string) =>
  new AppError('REGION_CODE_TAKEN', 409, `Регион с кодом «${code}» уже есть. Выберите другой код.`, { fields: { code: 'Этот код уже занят' } })
