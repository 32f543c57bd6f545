import { commissionsWhere } from '~/domain/commission.server'
import type { Permission } from '~/model/permissions'
import { forbidden, requirePermission } from '~/http/errors.server'
import { requireSignedIn, type SignedIn } from '~/http/session.server'

// Commission staff screens (the secretary's workspace, reviews, meetings)
// work on one commission at a time: the one asked for with ?commission= if
// the actor holds the permission there, else their first such commission.

/**
 * The signed-in actor and the commission of this request. `permission` picks
 * the commissions the screen is for (any of several); `also` are further
 * permissions the screen needs there. A 403 page otherwise.
 */
export async function requireCommission(
  request: Request,
  permission: Permission | readonly Permission[],
  also: readonly Permission[] = [],
): Promise<{ actor: SignedIn; commissionId: number }> {
  const actor = await requireSignedIn(request)
  const ids = [...new Set((typeof permission === 'string' ? [permission] : permission).flatMap((p) => commissionsWhere(actor, p)))]
  const requested = new URL(request.url).searchParams.get('commission')
  const asked = Number(requested)
  const commissionId = requested && ids.includes(asked) ? asked : ids[0]
  if (commissionId === undefined) throw forbidden()
  for (const p of also) requirePermission(actor, p, { commissionId })
  return { actor, commissionId }
}
