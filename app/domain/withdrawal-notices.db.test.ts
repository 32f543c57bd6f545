import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { forceApplicationState, makeApplication, toAtMinistry } from '../../test/fixtures'
import { setup } from '../../test/meeting-fixtures'
import { deliverBySmtp, outboxRows } from '../../test/support/mail'
import { applyApplicationEvent } from './application-view.server'

// A teacher who withdraws an application the commission already has (from
// submission on): the commission's secretary is told, so no one goes on
// screening or voting on it. A draft the commission never saw sends nothing.
// At the ministry its officers are told too (they would decide on it), and once
// approved the region's coordinator as well (they would publish it).

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

  it('withdrawn at the ministry: the ministry officer is told as well, the coordinator is not', async () => {
    const s = await setup({ members: 1, candidates: 0 })
    const officer = await s.region.actor('ministryOfficer')
    const coordinator = await s.region.actor('regionalCoordinator')
    const app = await makeApplication(s.region, s.applicant)
    await forceApplicationState(app, toAtMinistry)
    await applyApplicationEvent(s.applicant, app, { event: 'WITHDRAW' })
    const rows = await db()<{ id: number; role: string; userId: number }[]>`
      select id::int, recipient_role as role, recipient_user_id::int as "userId" from outbox where template = 'applicationWithdrawn' and entity_id = ${app} order by id`
    expect(rows.map((r) => [r.role, r.userId])).toEqual([['secretary', s.secretary.userId], ['ministry', officer.userId]])
    expect(rows.map((r) => r.userId)).not.toContain(coordinator.userId)
    const [toSecretary, toMinistry] = await deliverBySmtp(rows.map((r) => r.id))
    expect(toSecretary).toContain('Заявление отозвано после решения комиссии')
    expect(toMinistry).toMatch(new RegExp(`Кандидат Тестова Мария Ивановна отозвала заявление № ${app} \\(отбор «Тестовый отбор»\\)\\.`))
    expect(toMinistry).toContain('Заявление снято с согласования: принимать по нему решение и включать кандидата в приказ не нужно.')
    expect(toMinistry).toContain(`http://rma.test/applications/${app}`)
    expect(toMinistry).not.toMatch(/WITHDRAW|atMinistry|withdrawn|\+7 900/)
  })

  it('withdrawn after the ministry approved it: the ministry and the coordinator who would publish it are told', async () => {
    const s = await setup({ members: 1, candidates: 0 })
    const officer = await s.region.actor('ministryOfficer')
    const coordinator = await s.region.actor('regionalCoordinator')
    const app = await makeApplication(s.region, s.applicant)
    await forceApplicationState(app, [...toAtMinistry, { type: 'APPROVE' }])
    await applyApplicationEvent(s.applicant, app, { event: 'WITHDRAW' })
    const rows = await db()<{ id: number; role: string; userId: number }[]>`
      select id::int, recipient_role as role, recipient_user_id::int as "userId" from outbox where template = 'applicationWithdrawn' and entity_id = ${app} order by id`
    expect(rows.map((r) => [r.role, r.userId])).toEqual([['secretary', s.secretary.userId], ['ministry', officer.userId], ['coordinator', coordinator.userId]])
    const [, toMinistry, toCoordinator] = await deliverBySmtp(rows.map((r) => r.id))
    expect(toMinistry).toContain('Кандидат был согласован органом управления образованием, но отозвал заявление до публикации')
    expect(toMinistry).toContain('приказ нужно изменить')
    expect(toCoordinator).toContain('при публикации отбора кандидат не будет включён в реестр методического актива')
    for (const text of [toMinistry, toCoordinator]) expect(text).not.toMatch(/approved|WITHDRAW|withdrawn/)
  })

  it('withdrawn after the approval under an order: the ministry’s and the coordinator’s letters name the order', async () => {
    const s = await setup({ members: 1, candidates: 0 })
    const officer = await s.region.actor('ministryOfficer')
    await s.region.actor('regionalCoordinator')
    const app = await makeApplication(s.region, s.applicant)
    await forceApplicationState(app, [...toAtMinistry, { type: 'APPROVE' }])
    const [{ id: orderId }] = await db()<{ id: number }[]>`
      insert into orders (region_id, number, date, title, kind) values (${s.region.regionId}, '0412-р', '2026-05-20', 'Об утверждении состава РМА', 'composition') returning id::int`
    await db()`
      insert into approvals (campaign_id, application_id, decision, order_id, decided_by)
      values (${s.region.campaignId}, ${app}, 'approved', ${orderId}, ${officer.userId})`
    await applyApplicationEvent(s.applicant, app, { event: 'WITHDRAW' })
    const rows = await db()<{ id: number }[]>`select id::int from outbox where template = 'applicationWithdrawn' and entity_id = ${app} order by id`
    const [toSecretary, toMinistry, toCoordinator] = await deliverBySmtp(rows.map((r) => r.id))
    expect(toMinistry).toContain('Кандидат назван в приказе об утверждении состава (приказ № 0412-р от 20.05.2026): приказ нужно изменить.')
    expect(toCoordinator).toContain('Заявление отозвано после согласования (приказ № 0412-р от 20.05.2026): при публикации отбора')
    expect(toSecretary).not.toContain('0412-р')
  })
})
