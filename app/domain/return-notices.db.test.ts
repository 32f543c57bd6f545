import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { forceApplicationState, makeApplication, toAtMinistry } from '../../test/fixtures'
import { setup } from '../../test/meeting-fixtures'
import { deliverBySmtp } from '../../test/support/mail'
import { decideApplications } from './ministry.server'

// The ministry returns a candidate to the commission with a reason: the
// secretary, whose desk it is back on, and the applicant, who was told the
// commission recommended them, both hear of it.

describe('letters on the ministry returning an application', () => {
  it('the applicant is told in plain words with the reason; the secretary is told too', async () => {
    const s = await setup({ members: 1, candidates: 0 })
    const officer = await s.region.actor('ministryOfficer')
    const app = await makeApplication(s.region, s.applicant)
    await forceApplicationState(app, toAtMinistry)
    await decideApplications(officer, s.region.regionId, { intent: 'return', ids: [app], reason: 'Нет подтверждения стажа.' })
    const rows = await db()<{ id: number; template: string; role: string; userId: number }[]>`
      select id::int, template, recipient_role as role, recipient_user_id::int as "userId"
      from outbox where entity = 'application' and entity_id = ${app} order by id`
    expect(rows.map((r) => [r.template, r.role, r.userId])).toEqual([
      ['ministryReturned', 'secretary', s.secretary.userId],
      ['returnedToCommission', 'applicant', s.applicant.userId],
    ])
    const [toSecretary, toApplicant] = await deliverBySmtp(rows.map((r) => r.id))
    expect(toSecretary).toContain('вернул на повторное рассмотрение кандидата Тестова Мария Ивановна')
    expect(toApplicant).toContain(
      `Орган управления образованием не принял решения о включении вас в методический актив (Томская область) и вернул ваше заявление № ${app} в отборочную комиссию на повторное рассмотрение.`,
    )
    expect(toApplicant).toContain('> Нет подтверждения стажа.')
    expect(toApplicant).toContain('комиссия рассмотрит заявление снова, о её решении мы сообщим отдельным письмом')
    expect(toApplicant).toContain(`http://rma.test/applications/${app}`)
    expect(toApplicant).not.toMatch(/RETURN|returned|atMinistry|\+7 900/)
  })
})
