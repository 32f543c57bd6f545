import { describe, expect, it } from 'vitest'
import { dashboardFor } from '~/domain/dashboard.server'
import { sendTermReminders } from '~/domain/member-terms.server'
import { regionPublicPage } from '~/domain/public-change-log.server'
import { regionDay } from '~/utils/dates'
import { db } from '../client.server'
import { grantsOf, userById, userByLogin } from '../queries/users.server'
import { seedDemo } from './demo.server'

// The demo's terms and leaving (issue 10 §3.2, §4) on the first start: a
// Tomsk member whose term ends within 90 days of Tomsk's today, reminded of
// and listed on the coordinator's dashboard, and an excluded member on
// /regions/tomsk's change log with the ground and the order.

describe('demo terms', () => {
  it('has a term ending within 90 days and an exclusion on the public change log; a re-run adds nothing', async () => {
    const sql = db()
    await seedDemo(sql, { members: 40 })
    await seedDemo(sql, { members: 40 })
    const now = new Date()
    const [tomsk] = await sql<{ id: number; timeZone: string }[]>`select id::int, time_zone as "timeZone" from regions where code = 'tomsk'`
    const today = regionDay(now, tomsk.timeZone)
    const [{ ending }] = await sql<{ ending: number }[]>`
      select count(*)::int as ending from members where region_id = ${tomsk.id} and state = 'active' and term_ends_on between ${today}::date and ${today}::date + 90`
    expect(ending).toBeGreaterThanOrEqual(1)

    // every seeded term is its order's date plus the region's term, not a fixed date
    const [{ off }] = await sql<{ off: number }[]>`
      select count(*)::int as off from members m join orders o on o.id = m.admitted_order_id join regions r on r.id = m.region_id
      where r.code in ('tomsk', 'chelyabinsk', 'khabarovsk', 'yugra') -- other test files' regions share this database
        and m.state = 'active' and m.term_ends_on <> (o.date + make_interval(years => r.term_years))::date and m.term_ends_on > ${today}::date + 90`
    expect(off).toBe(0)

    const login = (await userByLogin('coordinator@demo.rma', sql))!
    const coordinator = { userId: login.id, grants: await grantsOf(login.id, sql), user: (await userById(login.id, sql))! }
    const { sections } = await dashboardFor(coordinator, undefined, now)
    const terms = sections.find((s) => s.kind === 'terms')
    expect(terms && 'total' in terms ? terms.total : 0).toBeGreaterThanOrEqual(1)
    expect(await sendTermReminders(now, { regionId: tomsk.id })).toBeGreaterThanOrEqual(1)
    const [{ letters }] = await sql<{ letters: number }[]>`
      select count(*)::int as letters from outbox where template = 'termReminder' and recipient_user_id = ${login.id}`
    expect(letters).toBeGreaterThanOrEqual(1)

    const page = (await regionPublicPage('tomsk', now))!
    const excluded = page.changes.filter((c) => c.orderNumber === '1873-р')
    expect(excluded).toHaveLength(1)
    expect(excluded[0]).toMatchObject({ change: 'Исключение из актива', ground: 'Смена места работы или должности', orderDate: '2026-10-05' })
    // no longer in the composition: not named (the consent covers the composition only)
    expect(excluded[0].fullName).toBeNull()
    expect(JSON.stringify(page)).not.toContain('другой регион')
  })
})
