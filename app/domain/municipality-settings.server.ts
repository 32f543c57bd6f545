import { randomUUID } from 'node:crypto'
import { inTransaction, type Tx } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import {
  deleteMunicipality,
  insertMunicipality,
  municipalityForUpdate,
  municipalityNamed,
  municipalityUses,
  updateMunicipality,
  type MunicipalityRow,
} from '../../db/queries/municipalities.server'
import { municipalitiesOf, type Municipality } from '../../db/queries/regions.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import type { MunicipalityAction, MunicipalityInput } from '~/model/inputs/region-settings'
import { can, type Actor } from '~/model/permissions'

// The region's municipalities (issue 11 §2.1): the coverage indicator divides
// each one's teachers by its members, so the count comes with the year it is
// for, its source and whether it is an estimate. A municipality that people,
// applications, organisations or grants refer to is never removed.

export type { Municipality }

export async function municipalitySettings(actor: Actor, regionId: number): Promise<Municipality[]> {
  if (!can(actor, 'region:manage', { regionId })) throw new Forbidden('region.municipalities')
  return municipalitiesOf(regionId)
}

const usesText: Record<string, string> = {
  people: 'людей',
  applications: 'заявлений',
  organisations: 'организаций',
  grants: 'ролей пользователей',
  rosters: 'муниципальных активов',
  imports: 'загрузок таблиц',
}

const figures = (m: Omit<MunicipalityInput, 'intent'>) => ({
  teachersCount: m.teachersCount,
  teachersYear: m.teachersYear ?? null,
  teachersSource: m.teachersSource ?? '',
  teachersEstimated: m.teachersEstimated,
})

async function ofRegion(regionId: number, id: number, t: Tx): Promise<MunicipalityRow> {
  const m = await municipalityForUpdate(id, t)
  if (!m || m.regionId !== regionId) throw new NotFound('municipality', id)
  return m
}

async function nameFree(regionId: number, name: string, exceptId: number | null, t: Tx) {
  if (await municipalityNamed(regionId, name, exceptId, t)) {
    throw new AppError('MUNICIPALITY_EXISTS', 409, `Муниципалитет «${name}» в регионе уже есть.`, { fields: { name: 'Такое название уже есть' } })
  }
}

/** Add, edit (name and figures) or remove a municipality of the region; every change audited. */
export async function changeMunicipalities(actor: Actor, regionId: number, a: MunicipalityAction): Promise<{ id: number; name: string }> {
  if (!can(actor, 'region:manage', { regionId })) throw new Forbidden('region.municipalities')
  return inTransaction(async (t) => {
    const audit = (entityId: number, action: string, data: Record<string, unknown>) =>
      appendAudit({ actorUserId: actor.userId, regionId, entity: 'municipality', entityId, action, data }, t)
    switch (a.intent) {
      case 'add': {
        await nameFree(regionId, a.name, null, t)
        // the code is an internal key (imports and presets use theirs); a new one gets a unique one
        const id = await insertMunicipality(regionId, { code: `m-${randomUUID().slice(0, 8)}`, name: a.name, kind: 'municipalDistrict', ...figures(a) }, t)
        await audit(id, 'CREATE', { name: a.name, ...figures(a) })
        return { id, name: a.name }
      }
      case 'edit': {
        const before = await ofRegion(regionId, a.municipalityId, t)
        await nameFree(regionId, a.name, before.id, t)
        await updateMunicipality(before.id, { name: a.name, ...figures(a) }, t)
        const was = { name: before.name, teachersCount: before.teachersCount, teachersYear: before.teachersYear, teachersSource: before.teachersSource, teachersEstimated: before.teachersEstimated }
        await audit(before.id, 'UPDATE', { from: was, to: { name: a.name, ...figures(a) } })
        return { id: before.id, name: a.name }
      }
      case 'remove': {
        const m = await ofRegion(regionId, a.municipalityId, t)
        const uses = await municipalityUses(m.id, t)
        if (Object.keys(uses).length > 0 || !(await deleteMunicipality(m.id, t))) {
          const list = Object.entries(uses).map(([k, n]) => `${usesText[k] ?? k}: ${n}`)
          throw new AppError(
            'MUNICIPALITY_IN_USE',
            409,
            `Муниципалитет «${m.name}» нельзя удалить: на него ссылаются записи${list.length ? ` (${list.join(', ')})` : ''}. Его можно переименовать.`,
            { uses },
          )
        }
        await audit(m.id, 'DELETE', { name: m.name, code: m.code, teachersCount: m.teachersCount })
        return { id: m.id, name: m.name }
      }
    }
  })
}
