import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { forceApplicationState, makeApplication } from '../../test/fixtures'
import { setup } from '../../test/meeting-fixtures'
import { deliverBySmtp, outboxRows } from '../../test/support/mail'
import { applyApplicationEvent } from './application-view.server'

// A teacher who withdraws an application the commission already has (from
// submission on): the commission's secretary is told, so no one goes on
// screening or voting on it. A draft the commission never saw sends nothing.

const login = async (userId: number) => (await db()<{ login: string }[]>`select login from users where id = ${userId}`)[0].login

describe('the secretary hears of a withdrawn application', () => {
  it('withdrawn while the commission reviews it', async () => {
    const s = await setup({ members: 1, candidates: 1 })
    const before = await outboxRows('applicationWithdrawn', await login(s.secretary.userId))
    await applyApplicationEvent(s.applicant, s.apps[0], { event: 'WITHDRAW' })
    const rows = (await outboxRows('applicationWithdrawn', await login(s.secretary.userId))).filter((id) => !before.includes(id))
    expect(rows).toHaveLength(1)
    const [text] = await deliverBySmtp(rows)
    expect(text).toMatch(new RegExp(`Кандидат .+ отозвала? заявление № ${s.apps[0]}( \\(отбор «.+»\\))?\\.`))
    expect(text).toContain('Заявление снято с рассмотрения комиссией')
    expect(text).toContain(`http://rma.test/applications/${s.apps[0]}`)
    expect(text).not.toMatch(/WITHDRAW|inReview|withdrawn/)
    // the chair and the members are not written to: the secretary runs the application's paperwork
    expect(await db()`select 1 from outbox where template = 'applicationWithdrawn' and entity_id = ${s.apps[0]} and recipient_role <> 'secretary'`).toHaveLength(0)
  })

  it('withdrawn during screening; a draft withdrawn sends nothing', async () => {
    const s = await setup({ members: 1, candidates: 0 })
    const screened = await makeApplication(s.region, s.applicant)
    await forceApplicationState(screened, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }])
    await applyApplicationEvent(s.applicant, screened, { event: 'WITHDRAW' })
    const rows = await db()<{ id: number }[]>`select id::int from outbox where template = 'applicationWithdrawn' and entity_id = ${screened}`
    expect(rows).toHaveLength(1)
    const [text] = await deliverBySmtp(rows.map((r) => r.id))
    expect(text).toContain('Заявление снято с проверки')

    const draft = await makeApplication(s.region, s.applicant)
    await applyApplicationEvent(s.applicant, draft, { event: 'WITHDRAW' })
    expect(await db()`select 1 from outbox where template = 'applicationWithdrawn' and entity_id = ${draft}`).toHaveLength(0)
  })
})
