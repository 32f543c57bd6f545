import { inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { addGround, renameGround, setGroundActive, storeDefaultGrounds, storedGrounds } from '../../db/queries/leaving-grounds.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import type { GroundAction } from '~/model/inputs/leaving-grounds'
import { defaultLeavingGrounds, TERM_END_GROUND, type LeavingGround } from '~/model/leaving-grounds'
import { can, type Actor } from '~/model/permissions'

// The region's grounds for leaving the active (issue 10 §4.1): region data
// its coordinator edits on /settings/grounds. A region that never edited them
// has the defaults (not stored); the first edit stores them. A ground is
// never deleted, only taken off the list, so a member's history and the
// public change log keep its label.

/** The region's grounds in their order, those off the list too. */
export async function leavingGrounds(regionId: number, tx?: Db): Promise<LeavingGround[]> {
  const stored = await storedGrounds(regionId, tx)
  return stored.length > 0 ? stored : [...defaultLeavingGrounds]
}

/** The grounds a coordinator may choose now. */
export async function activeGrounds(regionId: number, tx?: Db): Promise<LeavingGround[]> {
  return (await leavingGrounds(regionId, tx)).filter((g) => g.active)
}

/** The settings page: the list, and whether the region stored its own (else the defaults apply). */
export async function groundSettings(actor: Actor, regionId: number): Promise<{ list: LeavingGround[]; stored: boolean }> {
  if (!can(actor, 'region:manage', { regionId })) throw new Forbidden('region.grounds')
  const stored = await storedGrounds(regionId)
  return { list: stored.length > 0 ? stored : [...defaultLeavingGrounds], stored: stored.length > 0 }
}

export async function changeGrounds(actor: Actor, regionId: number, a: GroundAction): Promise<void> {
  if (!can(actor, 'region:manage', { regionId })) throw new Forbidden('region.grounds')
  await inTransaction(async (t) => {
    await storeDefaultGrounds(regionId, defaultLeavingGrounds, t)
    const grounds = await storedGrounds(regionId, t)
    const named = (label: string, except: string | null) => grounds.some((g) => g.code !== except && g.label.toLowerCase() === label.toLowerCase())
    const audit = (action: string, data: Record<string, unknown>) =>
      appendAudit({ actorUserId: actor.userId, regionId, entity: 'leavingGround', entityId: regionId, action, data }, t)
    const taken = () => new AppError('GROUND_EXISTS', 409, 'Такое основание уже есть в перечне.', { fields: { label: 'Такое основание уже есть' } })
    switch (a.intent) {
      case 'addGround': {
        if (named(a.label, null)) throw taken()
        const code = await addGround(regionId, a.label, t)
        return audit('CREATE', { code, label: a.label })
      }
      case 'renameGround': {
        const before = grounds.find((g) => g.code === a.code)
        if (!before) throw new NotFound('leavingGround', 0)
        if (named(a.label, a.code)) throw taken()
        await renameGround(regionId, a.code, a.label, t)
        return audit('RENAME', { code: a.code, from: before.label, to: a.label })
      }
      case 'toggleGround': {
        if (!grounds.some((g) => g.code === a.code)) throw new NotFound('leavingGround', 0)
        // The end-of-term job ends terms on this ground; it stays on the list.
        if (a.code === TERM_END_GROUND && !a.active) {
          throw new AppError('GROUND_REQUIRED', 409, 'Основание «истечение срока полномочий» нельзя убрать: по нему срок полномочий завершается автоматически.')
        }
        await setGroundActive(regionId, a.code, a.active, t)
        return audit(a.active ? 'RESTORE' : 'RETIRE', { code: a.code })
      }
    }
  })
}
