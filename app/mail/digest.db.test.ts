import { describe, expect, it } from 'vitest'
import { submitApplication } from '~/domain/applications.server'
import { db } from '../../db/client.server'
import { makeApplication, makeRegion } from '../../test/fixtures'
import { enqueueDigests } from './digest.server'
import { renderMail } from './templates'

describe('staff digests', () => {
  it('lists what waits for each staff member, once a day, and skips those with nothing waiting', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const secretary = await region.actor('secretary')
    const member = await region.actor('commissionMember')
    const coordinator = await region.actor('regionalCoordinator')
    const id = await makeApplication(region, applicant)
    await submitApplication(id, applicant)
    await db()`insert into outbox (region_id, template, status, failure, last_error) values (${region.regionId}, 'published', 'failed', 'rejected', '550')`

    expect(await enqueueDigests({ regionId: region.regionId, day: '2026-05-01' })).toBe(2)
    expect(await enqueueDigests({ regionId: region.regionId, day: '2026-05-01' })).toBe(0)

    const rows = await db()<{ recipient_user_id: string; recipient_role: string; payload: Record<string, unknown> }[]>`
      select recipient_user_id, recipient_role, payload from outbox where region_id = ${region.regionId} and template = 'digest' order by id`
    expect(rows.map((r) => Number(r.recipient_user_id)).sort()).toEqual([secretary.userId, coordinator.userId].sort())
    expect(rows.map((r) => Number(r.recipient_user_id))).not.toContain(member.userId)

    const toSecretary = rows.find((r) => Number(r.recipient_user_id) === secretary.userId)!
    expect(toSecretary.recipient_role).toBe('secretary')
    const mail = renderMail({
      template: 'digest',
      payload: toSecretary.payload,
      context: {
        baseUrl: 'http://rma.test',
        recipientEmail: 's@test.rma',
        recipientName: null,
        recipientRole: 'secretary',
        regionName: null,
        timeZone: null,
        entity: 'user',
        entityId: secretary.userId,
        personName: null,
        applicationId: null,
        campaignTitle: null,
      },
    })
    expect(mail.subject).toBe('Ждут вашего внимания: 1')
    expect(mail.text).toContain(`Тестова Мария Ивановна — Проверка документов — http://rma.test/applications/${id}`)
    expect(mail.text).not.toContain('+7 900')

    const toCoordinator = rows.find((r) => Number(r.recipient_user_id) === coordinator.userId)!
    expect(JSON.stringify(toCoordinator.payload)).toContain('Недоставленные письма')
  })

  it('a new day starts at the region’s midnight: Khabarovsk’s, while UTC and Moscow are still on the old date', async () => {
    const region = await makeRegion('khabarovsk')
    const applicant = await region.actor('applicant')
    await region.actor('secretary')
    await submitApplication(await makeApplication(region, applicant), applicant)

    // 23:59 on 30 June in Khabarovsk (UTC+10), then 00:00 on 1 July there: 14:00 UTC, 17:00 Moscow, 30 June both.
    expect(await enqueueDigests({ regionId: region.regionId, now: new Date('2026-06-30T13:59:00Z') })).toBe(1)
    expect(await enqueueDigests({ regionId: region.regionId, now: new Date('2026-06-30T13:59:59Z') })).toBe(0)
    expect(await enqueueDigests({ regionId: region.regionId, now: new Date('2026-06-30T14:00:00Z') })).toBe(1)
    const days = await db()<{ day: string }[]>`
      select payload->>'day' as day from outbox where region_id = ${region.regionId} and template = 'digest' order by id`
    expect(days.map((d) => d.day)).toEqual(['2026-06-30', '2026-07-01'])
  })
})
