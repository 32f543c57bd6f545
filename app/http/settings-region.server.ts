import { listRegions, regionByCode, regionById, type Region } from '~/domain/regions.server'
import { forbidden } from '~/http/errors.server'
import { requireSignedIn, type SignedIn } from '~/http/session.server'
import { regionsWith } from '~/http/staff-region.server'
import { can, roleTable } from '~/model/permissions'
import { parseId } from '~/utils/parse-id'

// The region of a settings screen (issue 11 §2): a regional coordinator's own
// region; the administrator picks any with `?region=<code>` (the picker lists
// every region). Forms send the same code in their hidden `region` field.

export type SettingsRegion = { actor: SignedIn; region: Region | null; choices: Pick<Region, 'id' | 'code' | 'name'>[] }

/** Regions whose settings the actor manages: every region for a holder of an all-regions grant. */
async function managed(actor: SignedIn): Promise<Region[]> {
  const everywhere = actor.grants.some((g) => roleTable[g.role].scope === 'all' && roleTable[g.role].permissions.includes('region:manage'))
  if (everywhere) return listRegions()
  const found = await Promise.all(regionsWith(actor, 'region:manage').map((id) => regionById(id)))
  return found.filter((r): r is Region => r !== undefined)
}

/**
 * The signed-in actor and the region they set up: `requested` (a code, or an
 * id) when given — from the query in loaders, from the form in actions — else
 * their first region. 403 when they manage no region or not the requested
 * one; `region` is null only for an administrator while no region exists.
 */
export async function requireSettingsRegion(request: Request, requested?: string | null): Promise<SettingsRegion> {
  const actor = await requireSignedIn(request)
  const wanted = requested === undefined ? new URL(request.url).searchParams.get('region') : requested
  const regions = await managed(actor)
  const choices = regions.map((r) => ({ id: r.id, code: r.code, name: r.name }))
  if (wanted) {
    const id = parseId(wanted)
    const region = id !== null ? (regions.find((r) => r.id === id) ?? (await regionById(id))) : await regionByCode(wanted)
    if (!region) {
      if (regions.length === 0) throw forbidden()
      throw new Response('Регион не найден.', { status: 404 })
    }
    if (!can(actor, 'region:manage', { regionId: region.id })) throw forbidden()
    return { actor, region, choices }
  }
  if (regions.length > 0) return { actor, region: regions[0], choices }
  if (can(actor, 'region:create', {})) return { actor, region: null, choices }
  throw forbidden()
}

/** The same, for screens that need a region (all but the hub): 404 when none exists yet. */
export async function requireSettingsRegionOf(request: Request, requested?: string | null) {
  const s = await requireSettingsRegion(request, requested)
  if (!s.region) throw new Response('Регион не найден.', { status: 404 })
  return { ...s, region: s.region }
}

