import { describe, expect, it } from 'vitest'
import { createReport } from '../app/domain/indicator-reports.server'
import { zoneOfRegion } from '../app/domain/time-zone.server'
import { db } from '../db/client.server'
import { makeRegion } from '../test/fixtures'
import { yearOf } from '~/utils/dates'
import { AppError } from './errors'
import { sendEvent, SYSTEM } from './transition.server'

// The indicator report under concurrency: the coordinator withdrawing it and
// the secretary putting it on an agenda at the same moment; one wins.

const auditCount = async (id: number) =>
  (await db()<{ n: number }[]>`select count(*)::int as n from audit_events where entity = 'indicatorReport' and entity_id = ${id} and from_state is not null`)[0].n

async function draftReport() {
  const region = await makeRegion()
  const coordinator = await region.actor('regionalCoordinator')
  const id = await createReport(coordinator, region.regionId, yearOf(new Date(), await zoneOfRegion(region.regionId)))
  return { coordinator, id }
}

describe('indicator report transitions', () => {
  it('50 conflicting events in parallel: exactly one wins, the others get the typed refusal, one audit row', async () => {
    const { coordinator, id } = await draftReport()
    await sendEvent({ entity: 'indicatorReport', id, event: { type: 'SUBMIT' }, actor: coordinator })
    const before = await auditCount(id)
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? sendEvent({ entity: 'indicatorReport', id, event: { type: 'WITHDRAW' }, actor: coordinator })
          : sendEvent({ entity: 'indicatorReport', id, event: { type: 'PUT_ON_AGENDA' }, actor: SYSTEM }),
      ),
    )
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(lost).toHaveLength(49)
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(AppError)
      expect([l.reason.code, l.reason.status]).toEqual(['TRANSITION_REFUSED', 409])
      expect(l.reason.message).toMatch(/^Нельзя (отозвать отчёт с утверждения|включить отчёт в повестку заседания): отчёт сейчас «/)
    }
    expect(await auditCount(id)).toBe(before + 1)
    const [row] = await db()<{ rowVersion: number }[]>`select row_version as "rowVersion" from indicator_reports where id = ${id}`
    expect(row.rowVersion).toBe(3)
  })

  it('50 identical submissions with the row version the callers saw: one wins', async () => {
    const { coordinator, id } = await draftReport()
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => sendEvent({ entity: 'indicatorReport', id, event: { type: 'SUBMIT' }, actor: coordinator, expectedRowVersion: 1 })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'STALE_ROW')).toBe(true)
  })

  it('the role table decides: the commission and the municipality cannot send it; the decision events are the app’s own', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const id = await createReport(coordinator, region.regionId, yearOf(new Date(), await zoneOfRegion(region.regionId)))
    for (const role of ['secretary', 'chair', 'municipalCoordinator', 'ministryOfficer'] as const) {
      await expect(sendEvent({ entity: 'indicatorReport', id, event: { type: 'SUBMIT' }, actor: await region.actor(role) })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    await sendEvent({ entity: 'indicatorReport', id, event: { type: 'SUBMIT' }, actor: coordinator })
    await expect(sendEvent({ entity: 'indicatorReport', id, event: { type: 'PUT_ON_AGENDA' }, actor: coordinator })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
