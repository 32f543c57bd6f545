import { inTransaction, type Db } from '../../db/client.server'
import { indicatorsForPreset } from '../../db/presets/indicators'
import { appendAudit } from '../../db/queries/audit.server'
import { countIndicators, indicatorById, indicatorsOfRegion, insertPresetIndicators, updateIndicator } from '../../db/queries/indicators.server'
import { regionById } from '../../db/queries/regions.server'
import { Forbidden, NotFound } from '../../workflows/errors'
import type { Indicator } from '~/model/indicators'
import type { IndicatorEdit } from '~/model/inputs/indicator-report'
import { can, type Actor } from '~/model/permissions'

// The region's indicators (issue 10 §2.5) are data: a preset installs them
// (Khabarovsk's own form, a template elsewhere) and the regional coordinator
// edits the wording, the minimum and the source.

/** Installs the preset's list once; a region made before the indicators existed gets it on its first report. */
export async function ensureIndicators(regionId: number, presetCode: string | null, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    if ((await countIndicators(regionId, t)) > 0) return
    const code = presetCode ?? (await regionById(regionId, t))?.code ?? null
    await insertPresetIndicators(regionId, indicatorsForPreset(code), t)
  }, tx)
}

/** The region's list for its coordinator (a region made before the indicators existed gets its preset's now). */
export async function regionIndicators(actor: Actor, regionId: number): Promise<Indicator[]> {
  if (!can(actor, 'report:manage', { regionId })) throw new Forbidden('indicator.read')
  await ensureIndicators(regionId, null)
  return indicatorsOfRegion(regionId)
}

/** One indicator for its edit form: the region's coordinator only. */
export async function indicatorForEdit(actor: Actor, id: number): Promise<Indicator> {
  const found = await indicatorById(id)
  if (!found || !can(actor, 'report:manage', { regionId: found.regionId })) throw new NotFound('indicator', id)
  return found
}

/** The coordinator's edit of one indicator; an edited template stops being a template. Reports already sent keep their frozen form. */
export async function editIndicator(actor: Actor, e: IndicatorEdit, tx?: Db): Promise<void> {
  await inTransaction(async (t) => {
    const found = await indicatorById(e.indicatorId, t)
    if (!found || !can(actor, 'report:manage', { regionId: found.regionId })) throw new NotFound('indicator', e.indicatorId)
    const regionId = found.regionId
    await updateIndicator(
      found.id,
      {
        title: e.title,
        unit: e.unit,
        comparison: e.comparison,
        minimum: e.minimum,
        minimumText: e.minimumText,
        municipalTarget: found.level === 'municipal' ? (e.municipalTarget ?? null) : null,
        source: e.source,
      },
      t,
    )
    await appendAudit({ actorUserId: actor.userId, regionId, entity: 'indicator', entityId: found.id, action: 'EDIT', data: { minimum: e.minimum, comparison: e.comparison } }, t)
  }, tx)
}
