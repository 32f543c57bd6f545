import { dashboardFor } from '~/domain/dashboard.server'
import type { Role } from '~/model/permissions'
import { applicationStateLabels } from '~/model/labels'
import { regionDay } from '~/utils/dates'
import { db, type Db } from '../../db/client.server'
import { enqueue, type OutboxInput } from '../../db/queries/outbox.server'
import { regionTimeZone } from '../../db/queries/regions.server'
import { grantsOf, userById } from '../../db/queries/users.server'
import type { Recipient } from '../../workflows/notify'
import type { DigestSection } from './templates'

// Staff digests (issue 5): one mail per staff member listing what waits for
// them — the same lists as their dashboard, so the two never disagree.
// Meant for a daily scheduled job; a second run on the same day adds nothing.

const ITEMS_PER_SECTION = 10

const recipientOf: Partial<Record<Role, Recipient>> = {
  municipalCoordinator: 'municipality',
  secretary: 'secretary',
  commissionMember: 'commission',
  chair: 'commission',
  ministryOfficer: 'ministry',
  regionalCoordinator: 'coordinator',
}

/**
 * "Once a day" is the region's calendar day (PRODUCT §12): a run just after
 * midnight in Khabarovsk starts Khabarovsk's new day, whatever Moscow's date.
 * `now` is the clock (tests pass their own); `day` overrides the day outright.
 */
export async function enqueueDigests(opts: { regionId: number; day?: string; now?: Date }, tx: Db = db()): Promise<number> {
  const timeZone = await regionTimeZone(opts.regionId, tx)
  if (!timeZone) return 0
  const day = opts.day ?? regionDay(opts.now ?? new Date(), timeZone)
  const staff = await tx<{ userId: number; role: Role }[]>`
    select distinct on (u.id) u.id::int as "userId", g.role
    from role_grants g join users u on u.id = g.user_id
    where g.region_id = ${opts.regionId} and g.role <> 'applicant' and u.active
      and not exists (
        select 1 from outbox o
        where o.template = 'digest' and o.recipient_user_id = u.id and o.region_id = ${opts.regionId} and o.payload->>'day' = ${day})
    order by u.id, g.id`
  const rows: OutboxInput[] = []
  for (const s of staff) {
    const user = await userById(s.userId, tx)
    if (!user) continue
    const grants = (await grantsOf(s.userId, tx)).filter((g) => g.regionId === opts.regionId)
    const sections = await sectionsFor({ userId: s.userId, grants, user }, opts.regionId, s.role, tx)
    if (sections.length === 0) continue
    rows.push({
      regionId: opts.regionId,
      template: 'digest',
      to: { userId: s.userId, email: user.login, role: recipientOf[s.role] ?? 'coordinator' },
      entity: 'user',
      entityId: s.userId,
      payload: { day, sections },
    })
  }
  await enqueue(rows, tx)
  return rows.length
}

async function sectionsFor(actor: Parameters<typeof dashboardFor>[0], regionId: number, role: Role, tx: Db): Promise<DigestSection[]> {
  const { sections } = await dashboardFor(actor)
  const out: DigestSection[] = []
  for (const s of sections) {
    if (s.kind === 'applications' && s.items.length > 0) {
      out.push({
        title: s.title,
        count: s.items.length,
        items: s.items.slice(0, ITEMS_PER_SECTION).map((a) => ({
          label: `${a.fullName} — ${applicationStateLabels[a.state] ?? a.state}`,
          path: `/applications/${a.id}`,
        })),
      })
    }
    if (s.kind === 'reviews' && s.items.length > 0) {
      out.push({
        title: s.title,
        count: s.items.length,
        items: s.items.slice(0, ITEMS_PER_SECTION).map((r) => ({ label: r.fullName, path: `/applications/${r.applicationId}` })),
      })
    }
  }
  if (role === 'regionalCoordinator') {
    const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from outbox where region_id = ${regionId} and status = 'failed'`
    if (n > 0) out.push({ title: 'Недоставленные письма', count: n, items: [{ label: 'Проверьте очередь уведомлений', path: '/outbox' }] })
  }
  return out
}
