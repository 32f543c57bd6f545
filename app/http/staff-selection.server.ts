import { can, roleTable, type Actor, type Permission } from '~/model/permissions'
import { regionById } from '~/domain/regions.server'
import { municipalityOf } from '~/domain/municipal-selection.server'
import { parseId } from '~/utils/parse-id'
import { requireSignedIn, type SignedIn } from '~/http/session.server'
import { forbidden } from '~/http/errors.server'
import { everywhereWith, regionsWith, staffRegion, type StaffRegion } from '~/http/staff-region.server'

// Screens of a selection (campaigns, the approval list) serve the region's
// selection and a municipality's own (issue 10 §6): `?municipality=<id>` (or
// the form's `municipality` field) picks a municipal one; without it a
// region-wide holder works on the region's, and the holder of a municipal
// grant only on their municipality's.

export type SelectionStaff = StaffRegion & { actor: SignedIn; municipality: { id: number; name: string } | null }

/** Municipalities where the actor holds `permission` through a municipality-scoped grant. */
export function municipalitiesWith(actor: Actor, permission: Permission): number[] {
  const ids = actor.grants
    .filter((g) => g.municipalityId != null && roleTable[g.role].scope === 'municipality' && roleTable[g.role].permissions.includes(permission))
    .map((g) => g.municipalityId as number)
  return [...new Set(ids)]
}

export async function requireSelection(request: Request, permission: Permission, form?: FormData): Promise<SelectionStaff> {
  const actor = await requireSignedIn(request)
  const params = new URL(request.url).searchParams
  const asked = form ? form.get('municipality') : params.get('municipality')
  const requestedRegion = form ? String(form.get('region') ?? '') : request
  let municipalityId = typeof asked === 'string' && asked !== '' ? parseId(asked) : null
  if (typeof asked === 'string' && asked !== '' && municipalityId === null) throw forbidden()
  const regionWide = everywhereWith(actor, permission) || regionsWith(actor, permission).length > 0
  if (municipalityId === null && !regionWide) municipalityId = municipalitiesWith(actor, permission)[0] ?? null
  if (municipalityId === null) return { actor, ...(await staffRegion(actor, permission, requestedRegion)), municipality: null }
  const municipality = await municipalityOf(municipalityId)
  if (!municipality || !can(actor, permission, { regionId: municipality.regionId, campaignMunicipalityId: municipality.id })) throw forbidden()
  const region = await regionById(municipality.regionId)
  if (!region) throw forbidden()
  return { actor, region, choices: [region], municipality: { id: municipality.id, name: municipality.name } }
}
