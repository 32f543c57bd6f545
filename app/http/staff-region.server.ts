import { can, roleTable, type Actor, type Permission } from '~/model/permissions'
import { listRegions, regionById, type Region } from '~/domain/regions.server'
import { parseId } from '~/utils/parse-id'
import { requireSignedIn, type SignedIn } from '~/http/session.server'
import { forbidden } from '~/http/errors.server'

// Region-scoped staff screens (ministry, coordinator) work in one region at a
// time: the one the person's grant names, or the one picked with ?region=
// when they hold the permission in several.

/**
 * How a screen is reached: region-wide only, or also through a municipality's
 * grant (a screen the domain narrows to the municipality, such as the ranking
 * or the activity queue) — then the municipality's region is one of the choices.
 */
export type RegionReach = { municipal?: boolean }

/** Regions where the actor holds `permission` through a region-scoped grant (or, with `municipal`, a municipality-scoped one there). */
export function regionsWith(actor: Actor, permission: Permission, reach: RegionReach = {}): number[] {
  const scoped = (g: Actor['grants'][number]) => roleTable[g.role].scope === 'region' || (reach.municipal === true && roleTable[g.role].scope === 'municipality')
  const ids = actor.grants.filter((g) => g.regionId != null && scoped(g) && roleTable[g.role].permissions.includes(permission)).map((g) => g.regionId as number)
  return [...new Set(ids)]
}

export type StaffRegion = { region: Region; choices: Region[] }

/** Whether the actor holds `permission` over every region (an administrator's 'all'-scoped grant). */
export function everywhereWith(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => roleTable[g.role].scope === 'all' && roleTable[g.role].permissions.includes(permission))
}

/**
 * The region of this request for a staff screen: `?region=<id or code>` when
 * the actor holds `permission` there, otherwise their first such region (an
 * administrator chooses among all regions). A 403 page when they hold it
 * nowhere (or not in the requested region).
 */
export async function staffRegion(actor: Actor, permission: Permission, request: Request | string | null, reach: RegionReach = {}): Promise<StaffRegion> {
  const requested =
    request === null ? null : typeof request === 'string' ? request : new URL(request.url).searchParams.get('region')
  const all = everywhereWith(actor, permission) ? await listRegions() : null
  const ids = all ? all.map((r) => r.id) : regionsWith(actor, permission, reach)
  const regions = all ?? (await Promise.all(ids.map((r) => regionById(r)))).filter((r): r is Region => r !== undefined)
  let id = ids[0]
  if (requested) {
    const n = parseId(requested) ?? regions.find((r) => r.code === requested)?.id ?? null
    if (n === null || !(ids.includes(n) || can(actor, permission, { regionId: n }))) throw forbidden()
    id = n
  }
  if (id === undefined) throw forbidden()
  const region = regions.find((r) => r.id === id) ?? (await regionById(id))
  if (!region) throw new Response('Регион не найден.', { status: 404 })
  return { region, choices: regions }
}

/**
 * The opening of a region-scoped staff screen: the signed-in actor and the
 * region they work in (see staffRegion). Loaders take the region from
 * `?region=`; actions pass the form's `region` field as `requested`.
 */
export async function requireRegion(request: Request, permission: Permission, requested?: string | null, reach: RegionReach = {}): Promise<StaffRegion & { actor: SignedIn }> {
  const actor = await requireSignedIn(request)
  const { region, choices } = await staffRegion(actor, permission, requested === undefined ? request : (requested ?? ''), reach)
  return { actor, region, choices }
}
