import { randomUUID } from 'node:crypto'
import { inTransaction, type Tx } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import {
  deleteDirection,
  deleteGroup,
  directionById,
  directionNamed,
  directionsOf,
  directionUses,
  groupById,
  groupNamed,
  groupsOfDirections,
  insertDirection,
  insertGroup,
  lockDirections,
  renameDirection,
  renameGroup,
  setDirectionOrder,
  setGroupOrder,
  type DirectionRow,
  type GroupSettingsRow,
} from '../../db/queries/directions.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import type { DirectionAction } from '~/model/inputs/region-settings'
import { can, type Actor } from '~/model/permissions'

// Directions of the roster and their groups of methodists (issue 11 §2.2):
// added, renamed, put in order, and removed only while no application or
// member is placed in them.

export type DirectionWithGroups = DirectionRow & { groups: GroupSettingsRow[] }

export async function directionSettings(actor: Actor, regionId: number): Promise<DirectionWithGroups[]> {
  if (!can(actor, 'region:manage', { regionId })) throw new Forbidden('region.directions')
  const directions = await directionsOf(regionId)
  const groups = await groupsOfDirections(directions.map((d) => d.id))
  return directions.map((d) => ({ ...d, groups: groups.filter((g) => g.directionId === d.id) }))
}

const newCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`

/** The list with `id` moved one place up or down (unchanged at either end). */
export function moved<T extends { id: number }>(list: T[], id: number, move: 'up' | 'down'): number[] {
  const ids = list.map((x) => x.id)
  const i = ids.indexOf(id)
  const j = move === 'up' ? i - 1 : i + 1
  if (i < 0 || j < 0 || j >= ids.length) return ids
  ;[ids[i], ids[j]] = [ids[j], ids[i]]
  return ids
}

/** `what`: «направление «…»: оно» or «группу «…»: она». */
function inUse(what: string, uses: { applications: number; members: number }) {
  const parts = [uses.applications ? `заявлений: ${uses.applications}` : '', uses.members ? `членов актива: ${uses.members}` : ''].filter(Boolean)
  return new AppError('DIRECTION_IN_USE', 409, `Нельзя удалить ${what} уже используется (${parts.join(', ')}). Переименовать можно.`, { uses })
}

const taken = (what: string, name: string) =>
  new AppError('DIRECTION_EXISTS', 409, `${what} «${name}» уже есть.`, { fields: { name: 'Такое название уже есть' } })

async function direction(regionId: number, id: number, t: Tx) {
  const d = await directionById(id, t)
  if (!d || d.regionId !== regionId) throw new NotFound('direction', id)
  return d
}

async function group(regionId: number, id: number, t: Tx) {
  const g = await groupById(id, t)
  if (!g || g.regionId !== regionId) throw new NotFound('group', id)
  return g
}

/** One change of the directions screen, audited. */
export async function changeDirections(actor: Actor, regionId: number, a: DirectionAction): Promise<void> {
  if (!can(actor, 'region:manage', { regionId })) throw new Forbidden('region.directions')
  await inTransaction(async (t) => {
    await lockDirections(regionId, t)
    const audit = (entity: 'direction' | 'group', entityId: number, action: string, data: Record<string, unknown>) =>
      appendAudit({ actorUserId: actor.userId, regionId, entity, entityId, action, data }, t)
    switch (a.intent) {
      case 'addDirection': {
        if (await directionNamed(regionId, a.name, null, t)) throw taken('Направление', a.name)
        const id = await insertDirection(regionId, { code: newCode('d'), name: a.name }, t)
        return audit('direction', id, 'CREATE', { name: a.name })
      }
      case 'renameDirection': {
        const d = await direction(regionId, a.directionId, t)
        if (await directionNamed(regionId, a.name, d.id, t)) throw taken('Направление', a.name)
        await renameDirection(d.id, a.name, t)
        return audit('direction', d.id, 'RENAME', { from: d.name, to: a.name })
      }
      case 'moveDirection': {
        const d = await direction(regionId, a.directionId, t)
        const order = moved(await directionsOf(regionId, t), d.id, a.move)
        await setDirectionOrder(order, t)
        return audit('direction', d.id, 'MOVE', { move: a.move, order })
      }
      case 'removeDirection': {
        const d = await direction(regionId, a.directionId, t)
        const uses = await directionUses({ directionId: d.id }, t)
        if (uses.applications + uses.members > 0) throw inUse(`направление «${d.name}»: оно`, uses)
        await deleteDirection(d.id, t)
        return audit('direction', d.id, 'DELETE', { name: d.name, code: d.code })
      }
      case 'addGroup': {
        const d = await direction(regionId, a.directionId, t)
        if (await groupNamed(d.id, a.name, null, t)) throw taken('Группа', a.name)
        const id = await insertGroup(d.id, { code: newCode('g'), name: a.name }, t)
        return audit('group', id, 'CREATE', { directionId: d.id, name: a.name })
      }
      case 'renameGroup': {
        const g = await group(regionId, a.groupId, t)
        if (await groupNamed(g.directionId, a.name, g.id, t)) throw taken('Группа', a.name)
        await renameGroup(g.id, a.name, t)
        return audit('group', g.id, 'RENAME', { from: g.name, to: a.name })
      }
      case 'moveGroup': {
        const g = await group(regionId, a.groupId, t)
        const order = moved(await groupsOfDirections([g.directionId], t), g.id, a.move)
        await setGroupOrder(order, t)
        return audit('group', g.id, 'MOVE', { move: a.move, order })
      }
      case 'removeGroup': {
        const g = await group(regionId, a.groupId, t)
        const uses = await directionUses({ groupId: g.id }, t)
        if (uses.applications + uses.members > 0) throw inUse(`группу «${g.name}»: она`, uses)
        await deleteGroup(g.id, t)
        return audit('group', g.id, 'DELETE', { name: g.name, code: g.code, directionId: g.directionId })
      }
    }
  })
}
