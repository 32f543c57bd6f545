import { endingTermsOfRegion, memberById, memberIdsOfUser, type EndingTerm } from '../../db/queries/members.server'
import type { Role } from '~/model/permissions'
import { daysUntil } from '~/model/campaign-stages'
import { regionDay } from '~/utils/dates'
import type { SessionActor } from './sessions.server'
import { zoneOfRegion } from './time-zone.server'

// Terms on the dashboard (issue 10 §3.2): the regional coordinator sees the
// terms ending within 90 days of the region's today; a member sees their own
// term's end.

/** How far ahead the coordinator's list looks, and how many it names before pointing to the members list. */
export const TERMS_AHEAD_DAYS = 90
const TERMS_LISTED = 10

export type TermsSection = { role: Role; kind: 'terms'; title: string; empty: string; items: EndingTerm[]; total: number }
export type MyTermSection = { role: Role; kind: 'myTerm'; title: string; empty: string; items: []; termEndsOn: string; daysLeft: number; memberState: string }

export async function termSectionsFor(actor: SessionActor, now: Date): Promise<(TermsSection | MyTermSection)[]> {
  const sections: (TermsSection | MyTermSection)[] = []
  for (const g of actor.grants) {
    if (g.role !== 'regionalCoordinator' || g.regionId === null) continue
    const { rows, total } = await endingTermsOfRegion(g.regionId, now, TERMS_AHEAD_DAYS, TERMS_LISTED)
    sections.push({
      role: g.role,
      kind: 'terms',
      title: 'Сроки полномочий, истекающие в ближайшие 90 дней',
      empty: 'В ближайшие 90 дней сроки полномочий членов актива не истекают.',
      items: rows,
      total,
    })
  }
  const [mine] = await memberIdsOfUser(actor.userId)
  const member = mine ? await memberById(mine) : undefined
  if (member?.termEndsOn && (member.state === 'active' || member.state === 'suspended')) {
    const today = regionDay(now, await zoneOfRegion(member.regionId))
    sections.push({
      role: actor.grants.find((g) => g.role === 'applicant')?.role ?? 'applicant',
      kind: 'myTerm',
      title: 'Мой срок полномочий в методическом активе',
      empty: '',
      items: [],
      termEndsOn: member.termEndsOn,
      daysLeft: daysUntil(today, member.termEndsOn),
      memberState: member.state,
    })
  }
  return sections
}
