import { describe, expect, it } from 'vitest'
import { createApplication, submitApplication, verifyFact } from '../app/domain/applications.server'
import { db } from '../db/client.server'
import { forceApplicationState, makeApplication, makeRegion, strongFacts, toAtMinistry } from '../test/fixtures'
import { AppError } from './errors'
import { allowedEvents, sendEvent, SYSTEM } from './transition.server'

const auditCount = async (id: number) =>
  (await db()<{ n: number }[]>`select count(*)::int as n from audit_events where entity = 'application' and entity_id = ${id}`)[0].n

describe('transition service', () => {
  it('submits, runs eligibility, and writes snapshot, state, audit and outbox in one go', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const secretary = await region.actor('secretary')
    const id = await makeApplication(region, applicant, strongFacts(false))
    const result = await submitApplication(id, applicant)
    expect(result.to).toBe('screening')
    const [row] = await db()`select state, row_version, snapshot, eligibility, eligibility_rule_set_id, machine_version from applications where id = ${id}`
    expect(row.state).toBe('screening')
    expect(row.snapshot.value).toBe('screening')
    expect(row.snapshot.context.eligibility).toBe('unverified')
    expect(row.eligibility.outcome).toBe('unverified')
    expect(row.eligibility.ruleSet).toEqual({ code: 'rma-tomsk', version: 1 })
    expect(Number(row.eligibility_rule_set_id)).toBe(region.ruleSetId)
    expect(row.row_version).toBe(3)
    const audit = await db()`select action, from_state, to_state, actor_user_id from audit_events where entity = 'application' and entity_id = ${id} order by id`
    expect(audit.map((a) => [a.action, a.from_state, a.to_state])).toEqual([
      ['CREATE', null, 'draft'],
      ['SUBMIT', 'draft', 'submitted'],
      ['START_SCREENING', 'submitted', 'screening'],
    ])
    expect(Number(audit[1].actor_user_id)).toBe(applicant.userId)
    expect(audit[2].actor_user_id).toBeNull()
    const outbox = await db()`select template, recipient_user_id, recipient_role from outbox where entity = 'application' and entity_id = ${id} order by id`
    expect(outbox.map((o) => [o.template, Number(o.recipient_user_id), o.recipient_role])).toEqual([
      ['applicationReceived', applicant.userId, 'applicant'],
      ['screeningWaiting', secretary.userId, 'secretary'],
    ])
  })

  it('verifying facts re-evaluates eligibility and then allows admission', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const secretary = await region.actor('secretary')
    const id = await makeApplication(region, applicant, strongFacts(false))
    await submitApplication(id, applicant)
    await expect(sendEvent({ entity: 'application', id, event: { type: 'ADMIT' }, actor: secretary })).rejects.toMatchObject({ code: 'TRANSITION_REFUSED', status: 409 })
    for (const fact of ['qualificationCategory', 'educationLevel', 'educationPedagogical', 'experienceYears', 'contestWinner'] as const) {
      await verifyFact(id, fact, secretary)
    }
    const done = await sendEvent({ entity: 'application', id, event: { type: 'ADMIT' }, actor: secretary })
    expect(done.to).toBe('inReview')
  })

  it('refuses an event the machine does not accept with a typed error and writes nothing', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const id = await makeApplication(region, applicant)
    const before = await auditCount(id)
    const err = await sendEvent({ entity: 'application', id, event: { type: 'APPROVE' }, actor: SYSTEM }).catch((e) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'TRANSITION_REFUSED', status: 409, details: { state: 'draft', event: 'APPROVE' } })
    // the user reads why in domain words; the ids stay in `details`
    expect(err.message).toBe('Нельзя согласовать кандидата: заявление сейчас на этапе «Черновик».')
    expect(await auditCount(id)).toBe(before)
    const [row] = await db()`select state, row_version from applications where id = ${id}`
    expect(row).toEqual({ state: 'draft', row_version: 1 })
  })

  it('checks the role table on the server: a member cannot approve, another applicant cannot submit', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const other = await region.actor('applicant')
    const member = await region.actor('commissionMember')
    const id = await makeApplication(region, applicant)
    await expect(sendEvent({ entity: 'application', id, event: { type: 'SUBMIT' }, actor: other })).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 })
    await expect(sendEvent({ entity: 'application', id, event: { type: 'WITHDRAW' }, actor: member })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    // system-only events are never accepted from a person, whatever their roles
    const admin = await region.actor('admin')
    await expect(
      sendEvent({ entity: 'application', id, event: { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, actor: admin }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('refuses a stale row version (optimistic locking)', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const id = await makeApplication(region, applicant)
    await expect(
      sendEvent({ entity: 'application', id, event: { type: 'WITHDRAW' }, actor: applicant, expectedRowVersion: 7 }),
    ).rejects.toMatchObject({ code: 'STALE_ROW', status: 409 })
    const ok = await sendEvent({ entity: 'application', id, event: { type: 'WITHDRAW' }, actor: applicant, expectedRowVersion: 1 })
    expect(ok).toMatchObject({ from: 'draft', to: 'withdrawn', rowVersion: 2 })
  })

  it('rolls back the whole transition when a later step fails', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const id = await makeApplication(region, applicant)
    await expect(
      db().begin(async (tx) => {
        await sendEvent({ entity: 'application', id, event: { type: 'SUBMIT' }, actor: applicant }, tx)
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const [row] = await db()`select state from applications where id = ${id}`
    expect(row.state).toBe('draft')
    expect(await auditCount(id)).toBe(1)
    const [{ n }] = await db()`select count(*)::int as n from outbox where entity_id = ${id} and entity = 'application'`
    expect(n).toBe(0)
  })

  it('50 conflicting events in parallel: exactly one wins, the others get the typed error, one audit row', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const ministry = await region.actor('ministryOfficer')
    const id = await makeApplication(region, applicant)
    await forceApplicationState(id, toAtMinistry)
    const before = await auditCount(id)
    // approve and return exclude each other: after either, the other is refused
    const events = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? { type: 'APPROVE' as const } : { type: 'RETURN' as const, reason: `Причина ${i}` },
    )
    const results = await Promise.allSettled(events.map((event) => sendEvent({ entity: 'application', id, event, actor: ministry })))
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(49)
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(AppError)
      expect(l.reason.code).toBe('TRANSITION_REFUSED')
      expect(l.reason.status).toBe(409)
    }
    expect(await auditCount(id)).toBe(before + 1)
    const [row] = await db()`select row_version from applications where id = ${id}`
    expect(row.row_version).toBe(2)
  })

  it('50 identical events with the row version the callers saw: one wins', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const id = await makeApplication(region, applicant)
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => sendEvent({ entity: 'application', id, event: { type: 'SUBMIT' }, actor: applicant, expectedRowVersion: 1 })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'STALE_ROW')).toBe(true)
  })

  it('offers the UI only the events the machine and the role table allow', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const secretary = await region.actor('secretary')
    const row = { state: 'screening', regionId: region.regionId, commissionId: region.commissionId, ownerUserId: applicant.userId }
    expect(allowedEvents('application', row, secretary).sort()).toEqual(['ADMIT', 'MARK_INELIGIBLE', 'REQUEST_INFO'])
    expect(allowedEvents('application', row, applicant)).toEqual(['WITHDRAW'])
  })

  it('a closed campaign refuses new applications', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const applicant = await region.actor('applicant')
    await sendEvent({ entity: 'campaign', id: region.campaignId, event: { type: 'CLOSE' }, actor: coordinator })
    await expect(makeApplication(region, applicant)).rejects.toMatchObject({ code: 'CAMPAIGN_NOT_OPEN', status: 409 })
  })

  it('after the last day ends at the region’s midnight, a draft is neither created nor submitted, before the deadline job runs', async () => {
    const region = await makeRegion('khabarovsk')
    const applicant = await region.actor('applicant')
    const id = await makeApplication(region, applicant)
    await db()`update campaigns set closes_on = '2026-06-30' where id = ${region.campaignId}`
    // 00:00 on 1 July in Khabarovsk; still 30 June in UTC and in Moscow
    const after = new Date('2026-06-30T14:00:00Z')
    await expect(submitApplication(id, applicant, undefined, undefined, after)).rejects.toMatchObject({ code: 'DEADLINE_PASSED', status: 409 })
    const [{ state }] = await db()<{ state: string }[]>`select state from applications where id = ${id}`
    expect(state).toBe('draft')
    const input = { campaignId: region.campaignId, source: 'self' as const, person: { municipalityId: region.municipalities[0].id, lastName: 'Поздняя', firstName: 'Ольга', middleName: 'Ивановна', organisationId: null, position: 'учитель', workEmail: 'late@test.rma', subjects: ['Математика'] }, private: {}, facts: strongFacts() }
    await expect(createApplication(input, applicant, undefined, after)).rejects.toMatchObject({ code: 'DEADLINE_PASSED' })
    // one second earlier is still the last day there
    await expect(submitApplication(id, applicant, undefined, undefined, new Date('2026-06-30T13:59:59Z'))).resolves.toBeTruthy()
  })

  it('member exclusion by order notifies the member and records reason and order', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const sql = db()
    const [person] = await sql`insert into people (region_id, last_name, first_name) values (${region.regionId}, 'Петров', 'Пётр') returning id`
    const { rowAfter } = await import('./snapshot')
    const init = rowAfter('member', [])
    const [m] = await sql`
      insert into members (region_id, roster_id, person_id, snapshot, state, machine_version)
      values (${region.regionId}, ${region.rosterId}, ${person.id}, ${sql.json(init.snapshot as never)}, ${init.state}, ${init.machineVersion})
      returning id::int`
    const [order] = await sql`insert into orders (region_id, number, date, title, kind) values (${region.regionId}, '15-о', '2026-11-01', 'Об изменении состава', 'change') returning id::int`
    const r = await sendEvent({ entity: 'member', id: m.id, event: { type: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение', orderId: order.id }, actor: coordinator })
    expect(r).toMatchObject({ from: 'active', to: 'excluded', context: { reason: 'Увольнение', orderId: order.id } })
    const [audit] = await sql`select reason from audit_events where entity = 'member' and entity_id = ${m.id}`
    expect(audit.reason).toBe('Увольнение')
  })
})

describe('municipal coordinators', () => {
  it('act on the candidates their municipality nominated, never on a teacher’s own application', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const coordinator = await region.actor('municipalCoordinator', { municipalityId: region.municipalities[0].id })
    const own = await makeApplication(region, applicant)
    await expect(sendEvent({ entity: 'application', id: own, event: { type: 'SUBMIT' }, actor: coordinator })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(allowedEvents('application', { state: 'draft', source: 'self', regionId: region.regionId, municipalityId: region.municipalities[0].id, ownerUserId: applicant.userId }, coordinator)).toEqual([])
    const { createApplication } = await import('../app/domain/applications.server')
    const nominated = await createApplication(
      {
        campaignId: region.campaignId,
        source: 'municipality',
        person: { municipalityId: region.municipalities[0].id, lastName: 'Выдвинутая', firstName: 'Ольга', middleName: '', organisationId: null, position: 'учитель', workEmail: null, subjects: [] },
        facts: strongFacts(),
      },
      coordinator,
    )
    const r = await sendEvent({ entity: 'application', id: nominated, event: { type: 'SUBMIT' }, actor: coordinator })
    expect(r.to).toBe('submitted')
  })
})
