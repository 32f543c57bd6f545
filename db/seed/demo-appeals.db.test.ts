import { describe, expect, it } from 'vitest'
import { commissionAppeals } from '~/domain/appeals.server'
import { db } from '../client.server'
import { grantsOf } from '../queries/users.server'
import { DEMO_APPELLANT } from './demo-appeals.server'
import { seedDemo } from './demo.server'

describe('demo appeal', () => {
  it('waits for its meeting in Tomsk’s current campaign, on the secretary’s list; a re-run adds nothing', async () => {
    const sql = db()
    await seedDemo(sql, { members: 40 })
    await seedDemo(sql, { members: 40 })
    const rows = await sql<{ id: number; state: string; applicationState: string; campaignState: string; owner: string }[]>`
      select ap.id::int, ap.state, a.state as "applicationState", c.state as "campaignState", u.login as owner
      from appeals ap join applications a on a.id = ap.application_id join campaigns c on c.id = a.campaign_id
        join regions r on r.id = c.region_id join users u on u.id = ap.owner_user_id
      where r.code = 'tomsk'`
    expect(rows).toMatchObject([{ state: 'filed', applicationState: 'rejected', campaignState: 'open', owner: DEMO_APPELLANT }])
    const [secretary] = await sql<{ id: number; commissionId: number }[]>`
      select u.id::int, g.commission_id::int as "commissionId" from users u join role_grants g on g.user_id = u.id where u.login = 'secretary@demo.rma'`
    const list = await commissionAppeals({ userId: secretary.id, grants: await grantsOf(secretary.id) }, secretary.commissionId, { after: null, from: 1 })
    expect(list.rows.map((r) => r.id)).toEqual([rows[0].id])
  })
})
