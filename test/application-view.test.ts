import { describe, expect, it } from 'vitest'
import { applicationView } from '../app/domain/application-view.server'
import { appendAudit } from '../db/queries/audit.server'
import { forceApplicationState, makeApplication, makeRegion } from './fixtures'

describe('the application page', () => {
  it('shows the applicant the decisions but not who reviewed them; the secretary sees both and the private fields', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const member = await region.actor('commissionMember')
    const secretary = await region.actor('secretary')
    const id = await makeApplication(region, applicant)
    // staff read what was submitted; a draft is the applicant's alone (test/evidence-access.test.ts)
    await forceApplicationState(id, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'unverified', failedRules: [] }])
    await appendAudit({ actorUserId: member.userId, regionId: region.regionId, entity: 'application', entityId: id, action: 'REVIEW', data: {} })
    await appendAudit({ actorUserId: secretary.userId, regionId: region.regionId, entity: 'application', entityId: id, action: 'REQUEST_INFO', fromState: 'screening', toState: 'needsInformation' })

    const own = await applicationView(applicant, id)
    expect(own.timeline.map((t) => t.action)).toEqual(['CREATE', 'REQUEST_INFO'])
    expect(own.timeline.find((t) => t.action === 'REQUEST_INFO')!.actorName).toBeNull()
    expect(own.timeline.find((t) => t.action === 'CREATE')!.actorName).not.toBeNull()
    expect(own.privateData?.phone).toBe('+7 900 000-00-00')

    const staff = await applicationView(secretary, id)
    expect(staff.timeline.map((t) => t.action)).toEqual(['CREATE', 'REVIEW', 'REQUEST_INFO'])
    expect(staff.timeline.find((t) => t.action === 'REVIEW')!.actorName).not.toBeNull()
    expect(staff.privateData?.phone).toBe('+7 900 000-00-00')

    // a commission member reads the application but not the private fields
    const byMember = await applicationView(member, id)
    expect(byMember.privateData).toBeNull()
  })

  it('answers someone outside the application’s scope as if it did not exist', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const applicant = await region.actor('applicant')
    const outsider = await other.actor('secretary')
    const id = await makeApplication(region, applicant)
    await expect(applicationView(outsider, id)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'Запись не найдена.' })
    await expect(applicationView(outsider, id + 1_000_000)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404, message: 'Запись не найдена.' })
  })
})
