import { inTransaction, type Db } from '../../db/client.server'
import {
  countMembersOfRegion,
  memberById,
  memberHistory,
  memberHistoryCount,
  memberPageOfRegion,
  recordMemberChange,
  recordMemberGround,
  type MemberHistoryRow,
  type MemberRow,
} from '../../db/queries/members.server'
import { ordersOfRegion, type Order } from '../../db/queries/orders.server'
import { publiclyListed } from '../../db/queries/public-roster.server'
import { regionTimeZone } from '../../db/queries/regions.server'
import type { MemberEvent } from '../../workflows/member.machine'
import { AppError, Forbidden } from '../../workflows/errors'
import { allowedEvents, sendEvent, type TransitionResult } from '../../workflows/transition.server'
import { memberEvents, type MemberChange, type MemberEventType } from '~/model/inputs/coordinator'
import { can, type Actor } from '~/model/permissions'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { memberEventLabels, memberStateLabels } from '~/model/labels'
import { groundRefusal } from '~/model/refusals'
import { groundLabel, groundOfEvent, TERM_END_GROUND, type LeavingGround } from '~/model/leaving-grounds'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'
import { leavingGrounds } from './leaving-grounds.server'
import { createOrder, existingOrder } from './orders.server'
import { recordInScope } from './application-scope.server'

// Changes of the roster after publication (PRODUCT §1.6): every change of a
// member's state is made by an order of kind 'change', registered in the same
// transaction as the event. Staff see public fields only here.

/** One keyset page of the region's members, with the total (a lean count, cheap at a region's size). */
export async function rosterList(
  actor: Actor,
  regionId: number,
  f: { state: string | null; q: string | null; after: Cursor | null; from: number },
): Promise<Page<ListedMember>> {
  if (!can(actor, 'roster:change', { regionId })) throw new Forbidden('roster.list')
  const [rows, total] = await Promise.all([memberPageOfRegion(regionId, { ...f, limit: PAGE_SIZE }), countMembersOfRegion(regionId, f)])
  const page = toPage(rows, PAGE_SIZE, f.from, total, (m) => m.sortKey)
  const listed = await publiclyListed(page.rows.map((m) => m.id))
  return { ...page, rows: page.rows.map(({ sortKey: _k, ...m }) => ({ ...m, listed: listed.has(m.id) })) }
}

/**
 * `listed`: the public roster shows the member now (the public pages' own
 * rule). `public` is only the consent flag: an excluded member keeps it.
 */
export type ListedMember = MemberRow & { listed: boolean }

/**
 * `timeZone`: the member's region's, for the dates of the page; `grounds`:
 * the region's grounds a change may name now; history rows and the member
 * carry their ground's label (`groundLabel`, `changeGroundLabel`).
 */
export type MemberView = {
  member: ListedMember & { changeGroundLabel: string | null }
  /** One page of the history, oldest first: a member's history only grows (every change, reminder and reading). */
  history: (MemberHistoryRow & { groundLabel: string | null })[]
  historyPage: Omit<Page<unknown>, 'rows'>
  events: MemberEventType[]
  orders: Order[]
  grounds: { code: string; label: string }[]
  timeZone: string
}

export async function memberView(actor: Actor, id: number, historyPage: { after: Cursor | null; from: number } = { after: null, from: 1 }): Promise<MemberView> {
  const member = recordInScope('member', id, await memberById(id), (m) => can(actor, 'roster:change', { regionId: m.regionId }))
  const [historyRows, historyTotal, orders, timeZone, listed, grounds] = await Promise.all([
    memberHistory(id, historyPage.after, PAGE_SIZE),
    memberHistoryCount(id),
    ordersOfRegion(member.regionId, 'change', 50),
    regionTimeZone(member.regionId),
    publiclyListed([id]),
    leavingGrounds(member.regionId),
  ])
  const history = toPage(historyRows, PAGE_SIZE, historyPage.from, historyTotal, (h) => h.id)
  const allowed = allowedEvents('member', { state: member.state, regionId: member.regionId, municipalityId: member.municipalityId }, actor)
  return {
    member: { ...member, listed: listed.has(id), changeGroundLabel: groundLabel(grounds, member.changeGround) },
    history: history.rows.map((h) => ({ ...h, groundLabel: groundLabel(grounds, groundOfEvent(h.action, h.ground)) })),
    historyPage: { next: history.next, from: history.from, total: history.total },
    events: memberEvents.filter((e) => allowed.includes(e)),
    orders,
    grounds: grounds.filter((g) => g.active).map(({ code, label }) => ({ code, label })),
    timeZone: timeZone ?? FALLBACK_TIME_ZONE,
  }
}

/** Registers (or picks) the order and sends the member's event, all or nothing. */
export async function changeMember(actor: Actor, id: number, c: MemberChange, tx?: Db): Promise<TransitionResult> {
  return inTransaction(async (t) => {
    const member = recordInScope('member', id, await memberById(id, t), (m) => can(actor, 'roster:change', { regionId: m.regionId }))
    // Refused in the user's words before anything is written (the machine's own refusal names its events and states).
    if (!allowedEvents('member', { state: member.state, regionId: member.regionId, municipalityId: member.municipalityId }, actor).includes(c.event)) {
      throw new AppError(
        'MEMBER_CHANGE_NOT_ALLOWED',
        409,
        `Изменение «${memberEventLabels[c.event].toLowerCase()}» сейчас невозможно: состояние члена актива — «${(memberStateLabels[member.state] ?? '').toLowerCase()}». Обновите страницу.`,
        { state: member.state, event: c.event },
      )
    }
    // The ground before anything is written: one of the region's grounds on the list now.
    const ground = c.event === 'SUSPEND' || c.event === 'EXCLUDE' ? await groundFor(member.regionId, c.event, c.ground, t) : null
    const order =
      c.order.kind === 'existing'
        ? await existingOrder(member.regionId, c.order.id, 'change', t)
        : { id: await createOrder(member.regionId, c.order, 'change', actor.userId, t), number: c.order.number, date: c.order.date }
    const orderId = order.id
    const reason = c.reason ?? ''
    let event: MemberEvent
    switch (c.event) {
      case 'SUSPEND':
        event = { type: 'SUSPEND', ground: ground!, reason, orderId }
        break
      case 'EXCLUDE':
        event = { type: 'EXCLUDE', ground: ground!, reason, orderId }
        break
      case 'RESUME':
        event = { type: 'RESUME', orderId }
        break
      case 'EXPIRE':
        // Ended early by the coordinator's order of change; the scheduled job cites the admitting order instead (member-terms.server.ts).
        event = { type: 'EXPIRE', orderId }
        break
    }
    // why: a suspended, reinstated or excluded member's letter names the order (and the ground by the region's own list).
    const letter =
      c.event === 'SUSPEND' || c.event === 'RESUME'
        ? { orderNumber: order.number, orderDate: order.date, ...(ground ? { ground: groundLabel(await leavingGrounds(member.regionId, t), ground) } : {}) }
        : c.event === 'EXCLUDE'
          ? { orderNumber: order.number, orderDate: order.date }
          : undefined
    const result = await sendEvent({ entity: 'member', id, actor, event, reason: c.reason, expectedRowVersion: c.rowVersion, letter }, t)
    await recordMemberChange(id, orderId, c.reason, t)
    await recordMemberGround(id, c.event === 'EXPIRE' ? TERM_END_GROUND : ground, t)
    return result
  }, tx)
}

/** The ground's code when it is on the region's list now; refused in the coordinator's words otherwise. */
async function groundFor(regionId: number, event: 'SUSPEND' | 'EXCLUDE', code: string | null, t: Db): Promise<string> {
  const grounds: LeavingGround[] = await leavingGrounds(regionId, t)
  const found = code ? grounds.find((g) => g.code === code) : undefined
  if (!found || !found.active) {
    throw new AppError('GROUND_REQUIRED', 422, groundRefusal(event, Boolean(code)), { fields: { ground: code ? 'Это основание больше не входит в перечень' : 'Выберите основание' } })
  }
  // a term ends by «Завершить срок полномочий» (EXPIRE), not by suspending or excluding on its ground
  if (found.code === TERM_END_GROUND) {
    throw new AppError('GROUND_REQUIRED', 422, 'Истечение срока полномочий не основание для приостановления или исключения: срок завершается отдельным действием.', {
      fields: { ground: 'Выберите другое основание' },
    })
  }
  return found.code
}
