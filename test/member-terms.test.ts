import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { expireEndedTerms, sendTermReminders } from '../app/domain/member-terms.server'
import { memberView } from '../app/domain/roster-admin.server'
import { dashboardFor } from '../app/domain/dashboard.server'
import { grantsOf, userById } from '../db/queries/users.server'
import { renderMail, type MailContext } from '../app/mail/templates'
import { db } from '../db/client.server'
import { insertMember } from '../db/queries/members.server'
import { insertPerson } from '../db/queries/people.server'
import { grantRole, insertUser } from '../db/queries/users.server'
import { rowAfter } from '../workflows/snapshot'
import { makeRegion } from './fixtures'

// Terms (issue 10 §3.2–3.3): the reminders 90 and 30 days before a term ends
// and the end itself, both by the region's calendar. Khabarovsk
// (Asia/Vladivostok, UTC+10) is a day ahead of UTC and Moscow from 14:00 UTC,
// so every boundary below is checked on both sides of its midnight.

type Region = Awaited<ReturnType<typeof makeRegion>>

async function orderOf(region: Region, number: string, date: string): Promise<number> {
  const [o] = await db()<{ id: number }[]>`
    insert into orders (region_id, number, date, title, kind) values (${region.regionId}, ${number}, ${date}, 'Об утверждении состава', 'composition') returning id::int`
  return o.id
}

async function memberWithTerm(region: Region, o: { lastName: string; termEndsOn: string; orderId: number | null; state?: 'active' | 'suspended'; account?: boolean }) {
  const personId = await insertPerson({ regionId: region.regionId, municipalityId: region.municipalities[0].id, lastName: o.lastName, firstName: 'Анна', middleName: 'Петровна', organisationId: null, position: 'учитель', workEmail: null, subjects: [] })
  let userId: number | null = null
  if (o.account !== false) {
    userId = await insertUser({ login: `term.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: o.lastName, personId })
    await grantRole(userId, { role: 'applicant' })
  }
  const row = rowAfter('member', o.state === 'suspended' ? [{ type: 'SUSPEND', ground: 'ownRequest', orderId: 1 }] : [])
  const memberId = await insertMember({ regionId: region.regionId, rosterId: region.rosterId, personId, applicationId: null, directionId: null, groupId: null, subjects: [], admittedOrderId: o.orderId, termEndsOn: o.termEndsOn, public: false, snapshot: row.snapshot, state: row.state, machineVersion: row.machineVersion })
  return { memberId, userId }
}

const lettersIn = (region: Region) =>
  db()<{ template: string; memberId: number; userId: number | null; role: string; days: number; daysLeft: number }[]>`
    select template, entity_id::int as "memberId", recipient_user_id::int as "userId", recipient_role as role,
           (payload->>'days')::int as days, (payload->>'daysLeft')::int as "daysLeft"
    from outbox where region_id = ${region.regionId} and template in ('termReminder', 'termExpired') order by id`

const stateOf = async (id: number) => (await db()<{ state: string }[]>`select state from members where id = ${id}`)[0].state

const mailContext = (o: Partial<MailContext>): MailContext => ({
  baseUrl: 'http://rma.test',
  recipientEmail: 'x@test.rma',
  recipientName: null,
  recipientRole: 'member',
  regionName: 'Хабаровский край',
  timeZone: 'Asia/Vladivostok',
  entity: 'member',
  entityId: 1,
  personName: 'Орлова Анна Петровна',
  applicationId: null,
  campaignTitle: null,
  ...o,
})

describe('term reminders', () => {
  it('remind the member and the coordinators 90 and 30 days before the last day, by the region’s calendar, once each', async () => {
    const region = await makeRegion('khabarovsk')
    const coordinator = await region.actor('regionalCoordinator')
    const order = await orderOf(region, '1-к', '2023-09-28')
    const { memberId, userId } = await memberWithTerm(region, { lastName: 'Орлова', termEndsOn: '2026-09-28', orderId: order })
    // far away: never reminded in this test
    await memberWithTerm(region, { lastName: 'Дальняя', termEndsOn: '2027-09-28', orderId: order })

    // 23:59 on 29 June in Vladivostok: 91 days left, nothing yet
    expect(await sendTermReminders(new Date('2026-06-29T13:59:00Z'), { regionId: region.regionId })).toBe(0)
    // 00:00 on 30 June there (still 29 June in UTC and in Moscow): 90 days. Two servers at once, then a restart: one set.
    const at = new Date('2026-06-29T14:00:00Z')
    const runs = await Promise.all([sendTermReminders(at, { regionId: region.regionId }), sendTermReminders(at, { regionId: region.regionId })])
    expect(await sendTermReminders(at, { regionId: region.regionId })).toBe(0)
    expect(runs[0] + runs[1]).toBe(2)
    expect(await lettersIn(region)).toEqual([
      { template: 'termReminder', memberId, userId, role: 'member', days: 90, daysLeft: 90 },
      { template: 'termReminder', memberId, userId: coordinator.userId, role: 'coordinator', days: 90, daysLeft: 90 },
    ])
    // The next days: nothing more until the 30th day before.
    expect(await sendTermReminders(new Date('2026-08-28T13:59:00Z'), { regionId: region.regionId })).toBe(0)
    expect(await sendTermReminders(new Date('2026-08-28T14:00:00Z'), { regionId: region.regionId })).toBe(2)
    expect(await sendTermReminders(new Date('2026-08-30T14:00:00Z'), { regionId: region.regionId })).toBe(0)
    expect((await lettersIn(region)).slice(2).map((l) => [l.role, l.days, l.daysLeft])).toEqual([
      ['member', 30, 30],
      ['coordinator', 30, 30],
    ])

    // A term moved later (renewal) is reminded of again for its new end.
    await db()`update members set term_ends_on = '2026-12-01' where id = ${memberId}`
    expect(await sendTermReminders(new Date('2026-09-10T14:00:00Z'), { regionId: region.regionId })).toBe(2)
  })

  it('a job that missed the 90th day sends the 90-day reminder late, once, and never both when it wakes inside 30 days', async () => {
    const region = await makeRegion('tomsk')
    const order = await orderOf(region, '2-к', '2023-09-28')
    const late = await memberWithTerm(region, { lastName: 'Поздняя', termEndsOn: '2026-09-28', orderId: order, account: false })
    const near = await memberWithTerm(region, { lastName: 'Близкая', termEndsOn: '2026-07-20', orderId: order, state: 'suspended', account: false })
    // 10 July in Tomsk: 80 days for one, 10 for the other; no coordinator and no account: the member's letter only, to nobody's address
    expect(await sendTermReminders(new Date('2026-07-10T05:00:00Z'), { regionId: region.regionId })).toBe(2)
    expect((await lettersIn(region)).map((l) => [l.memberId, l.days, l.daysLeft])).toEqual([
      [near.memberId, 30, 10],
      [late.memberId, 90, 80],
    ])
    expect(await sendTermReminders(new Date('2026-07-11T05:00:00Z'), { regionId: region.regionId })).toBe(0)
  })

  it('the letters say the day and what follows, in Russian, to the member and to the coordinator', () => {
    const payload = { days: 30, daysLeft: 30, termEndsOn: '2026-09-28' }
    const member = renderMail({ template: 'termReminder', payload, context: mailContext({}) })
    expect(member.subject).toBe('Срок полномочий члена актива истекает 28.09.2026')
    expect(member.text).toContain('Срок ваших полномочий члена методического актива (Хабаровский край) истекает 28.09.2026: осталось 30 дней.')
    const staff = renderMail({ template: 'termReminder', payload, context: mailContext({ recipientRole: 'coordinator', entityId: 42 }) })
    expect(staff.subject).toBe('Срок полномочий члена актива истекает 28.09.2026: Орлова Анна Петровна')
    expect(staff.text).toContain('http://rma.test/members/42')
    // the member named in the genitive, not «… актива (Хабаровский край) Орлова Анна Петровна истекает»
    expect(staff.text).toContain('Срок полномочий члена методического актива (Хабаровский край) Орловой Анны Петровны истекает 28.09.2026 (осталось 30 дней).')
  })
})

describe('the end of a term', () => {
  it('the day after the last day in the region, the system ends the term through the member machine, citing the order that set it', async () => {
    const region = await makeRegion('khabarovsk')
    const coordinator = await region.actor('regionalCoordinator')
    const order = await orderOf(region, '1645-р', '2023-09-28')
    const active = await memberWithTerm(region, { lastName: 'Орлова', termEndsOn: '2026-09-28', orderId: order })
    const suspended = await memberWithTerm(region, { lastName: 'Сомова', termEndsOn: '2026-09-28', orderId: order, state: 'suspended' })
    const later = await memberWithTerm(region, { lastName: 'Позднее', termEndsOn: '2026-09-29', orderId: order })
    const noOrder = await memberWithTerm(region, { lastName: 'Безприказа', termEndsOn: '2026-09-01', orderId: null })

    // 23:59:59 on 28 September in Vladivostok: still the last day
    expect(await expireEndedTerms(new Date('2026-09-28T13:59:59Z'), { regionId: region.regionId })).toEqual([])
    // 00:00 on 29 September there, still 28 September in UTC and in Moscow
    const ended = await expireEndedTerms(new Date('2026-09-28T14:00:00Z'), { regionId: region.regionId })
    expect(ended.sort()).toEqual([active.memberId, suspended.memberId].sort())
    expect(await stateOf(active.memberId)).toBe('expired')
    expect(await stateOf(suspended.memberId)).toBe('expired')
    expect(await stateOf(later.memberId)).toBe('active')
    // a term no order set is left to the coordinator
    expect(await stateOf(noOrder.memberId)).toBe('active')

    const [audit] = await db()`
      select actor_user_id, action, from_state, to_state, reason, data from audit_events where entity = 'member' and entity_id = ${active.memberId}`
    expect(audit).toMatchObject({ actor_user_id: null, action: 'EXPIRE', from_state: 'active', to_state: 'expired', data: { orderId: order } })
    expect(audit.reason).toBe('Срок полномочий истёк 28.09.2026 (срок установлен приказом № 1645-р от 28.09.2023)')
    const [row] = await db()`select changed_order_id::int as "orderId", change_ground as ground, snapshot from members where id = ${active.memberId}`
    expect(row).toMatchObject({ orderId: order, ground: 'termEnd', snapshot: { context: { orderId: order, ground: 'termEnd' } } })

    // the member hears of it; the staff page's history names the order and the ground
    expect((await lettersIn(region)).filter((l) => l.template === 'termExpired').map((l) => [l.memberId, l.role])).toEqual(
      expect.arrayContaining([
        [active.memberId, 'member'],
        [suspended.memberId, 'member'],
      ]),
    )
    const view = await memberView(coordinator, active.memberId)
    expect(view.history.map((h) => [h.action, h.order?.number, h.groundLabel])).toEqual([['EXPIRE', '1645-р', 'Истечение срока полномочий']])
    expect(view.events).toEqual([])

    // a second run finds nothing to do
    expect(await expireEndedTerms(new Date('2026-09-28T15:00:00Z'), { regionId: region.regionId })).toEqual([])
  })

  it('50 runs at once (several servers, restarts): each term ends exactly once, with one audit row and one letter', async () => {
    const region = await makeRegion('khabarovsk')
    const order = await orderOf(region, '7-р', '2023-05-31')
    const members = await Promise.all(['Первая', 'Вторая', 'Третья'].map((lastName) => memberWithTerm(region, { lastName, termEndsOn: '2026-05-31', orderId: order })))
    const now = new Date('2026-05-31T14:00:00Z')
    const runs = await Promise.allSettled(Array.from({ length: 50 }, () => expireEndedTerms(now, { regionId: region.regionId })))
    expect(runs.every((r) => r.status === 'fulfilled')).toBe(true)
    const moved = runs.flatMap((r) => (r.status === 'fulfilled' ? r.value : []))
    expect(moved.sort()).toEqual(members.map((m) => m.memberId).sort())
    for (const m of members) {
      expect(await stateOf(m.memberId)).toBe('expired')
      const [{ n }] = await db()<{ n: number }[]>`select count(*)::int as n from audit_events where entity = 'member' and entity_id = ${m.memberId} and action = 'EXPIRE'`
      expect(n).toBe(1)
      const [{ rv }] = await db()<{ rv: number }[]>`select row_version as rv from members where id = ${m.memberId}`
      expect(rv).toBe(2)
    }
    expect((await lettersIn(region)).filter((l) => l.template === 'termExpired')).toHaveLength(3)
  })
})

describe('terms on the dashboard', () => {
  it('the coordinator sees the terms ending within 90 days of the region’s today; the member sees their own', async () => {
    const region = await makeRegion('khabarovsk')
    const c = await region.actor('regionalCoordinator')
    const coordinator = { ...c, user: (await userById(c.userId))! }
    const order = await orderOf(region, '3-к', '2023-09-28')
    const soon = await memberWithTerm(region, { lastName: 'Скорая', termEndsOn: '2026-09-28', orderId: order })
    await memberWithTerm(region, { lastName: 'Нескорая', termEndsOn: '2026-12-28', orderId: order })
    // 00:30 on 30 June in Vladivostok: 90 days to 28 September there (89 would be the UTC reading of the same instant)
    const now = new Date('2026-06-29T14:30:00Z')
    const terms = (await dashboardFor(coordinator, undefined, now)).sections.find((s) => s.kind === 'terms')
    expect(terms).toMatchObject({ total: 1, items: [{ id: soon.memberId, termEndsOn: '2026-09-28', state: 'active' }] })
    const before = (await dashboardFor(coordinator, undefined, new Date('2026-06-29T13:30:00Z'))).sections.find((s) => s.kind === 'terms')
    expect(before).toMatchObject({ total: 0 })

    const member = { userId: soon.userId!, grants: await grantsOf(soon.userId!), user: (await userById(soon.userId!))! }
    const mine = (await dashboardFor(member, undefined, now)).sections.find((s) => s.kind === 'myTerm')
    expect(mine).toMatchObject({ termEndsOn: '2026-09-28', daysLeft: 90, memberState: 'active' })
  })
})
