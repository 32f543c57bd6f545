import { describe, expect, it } from 'vitest'
import { db } from '../db/client.server'
import { meetingWithQuorum, setup } from './meeting-fixtures'
import { makeRegion } from './fixtures'
import { yearOf } from '~/utils/dates'
import type { ProtocolContent } from '~/model/protocol'
import * as page from '../app/routes/reports.$id'
import { renderAfterPost, renderRoute } from './render'
import { cookieFor } from './support/session'
import { createReport, reportStep, reportView } from '../app/domain/indicator-reports.server'
import { enterValue } from '../app/domain/indicator-values.server'
import type { Actor } from '~/model/permissions'
import { closeMeeting, meetingView } from '../app/domain/meetings.server'
import { addMotion, recordMotionVotes, removeMotion } from '../app/domain/motions.server'
import { reportMotions } from '../app/domain/report-motions.server'
import { zoneOfRegion } from '../app/domain/time-zone.server'

// The yearly indicator report on the regional commission's agenda (issue 10
// §2.5): sent by the coordinator, put on a meeting by the secretary, approved
// or returned by the vote, cited with its protocol on the report page.

/** The one regional value the template leaves to the coordinator, so the report may be sent. */
async function fill(coordinator: Actor, regionId: number, id: number) {
  const [indicator] = await db()<{ id: number }[]>`select id::int from indicators where region_id = ${regionId} and code = 'diagnostics-share'`
  await enterValue(coordinator, id, { intent: 'value', indicatorId: indicator.id, actual: 12, confirmation: 'Мониторинг ЦНППМ', evidenceUrl: 'https://example.org/monitoring' }, null)
}

const stateOf = async (id: number) => (await db()<{ state: string }[]>`select state from indicator_reports where id = ${id}`)[0].state

async function submitted() {
  const s = await setup({ members: 3, candidates: 1 })
  const coordinator = await s.region.actor('regionalCoordinator')
  const year = yearOf(new Date(), await zoneOfRegion(s.region.regionId))
  const id = await createReport(coordinator, s.region.regionId, year)
  await fill(coordinator, s.region.regionId, id)
  await reportStep(coordinator, id, { intent: 'event', event: 'SUBMIT' })
  return { s, coordinator, id, year }
}

async function vote(s: Awaited<ReturnType<typeof setup>>, meeting: number, motion: number, choice: 'for' | 'against') {
  const voters = await Promise.all(s.voters.map((a) => s.memberId(a)))
  await recordMotionVotes(s.secretary, meeting, motion, voters.map((memberId) => ({ memberId, choice })))
}

describe('the indicator report as an agenda motion', () => {
  it('a withdrawal from a stale page, after the secretary put the report on an agenda, is refused where the coordinator sees it (no step is left to show it beside)', async () => {
    const { s, coordinator, id } = await submitted()
    const meeting = await meetingWithQuorum(s)
    await addMotion(s.secretary, meeting, 'indicatorReport', id)
    const [{ version }] = await db()<{ version: number }[]>`select row_version::int as version from indicator_reports where id = ${id}`
    // the coordinator's page, opened before, still offers «Отозвать с утверждения»; sent without JavaScript, the answer is a whole page
    const { status, html } = await renderAfterPost(page, `http://localhost/reports/${id}`, { intent: 'event', event: 'WITHDRAW', rowVersion: version }, { Cookie: await cookieFor(coordinator) }, '/reports/:id')
    expect(status).toBe(409)
    expect(html).not.toContain('Работа с отчётом')
    expect(/<p class="alert" role="alert">([^<]+)<\/p>/.exec(html)?.[1]).toContain('Нельзя отозвать отчёт с утверждения')
    expect(await stateOf(id)).toBe('onAgenda')
  })

  it('waits in the regional commission’s picker, is approved by the vote and cites its protocol', async () => {
    const { s, coordinator, id, year } = await submitted()
    const meeting = await meetingWithQuorum(s)
    const title = `Отчёт о достижении показателей за ${year} год (Томская область)`
    expect((await meetingView(s.secretary, meeting)).pendingMotions).toEqual([{ kind: 'indicatorReport', label: 'Отчёты о достижении показателей', subjects: [{ subjectId: id, applicationId: null, title }] }])
    // another region's commission never sees it, nor can put it on its agenda
    const other = await setup({ members: 3, candidates: 1 })
    const otherMeeting = await meetingWithQuorum(other)
    expect((await meetingView(other.secretary, otherMeeting)).pendingMotions).toEqual([])
    await expect(addMotion(other.secretary, otherMeeting, 'indicatorReport', id)).rejects.toMatchObject({ status: 404 })

    const motion = await addMotion(s.secretary, meeting, 'indicatorReport', id)
    expect(await stateOf(id)).toBe('onAgenda')
    // the voters read what «за» decides, not just the kind of question
    expect((await meetingView(s.secretary, meeting)).motions[0].voteMeaning).toBe('Отчёт о достижении показателей. «За» — утвердить отчёт; иначе отчёт возвращается на доработку.')
    expect((await reportView(coordinator, id)).agendaMeeting?.id).toBe(meeting)
    expect((await meetingView(s.secretary, meeting)).pendingMotions).toEqual([])
    // on the agenda, the coordinator can no longer withdraw it
    await expect(reportStep(coordinator, id, { intent: 'event', event: 'WITHDRAW' })).rejects.toMatchObject({ code: 'TRANSITION_REFUSED', message: 'Нельзя отозвать отчёт с утверждения: отчёт сейчас «в повестке заседания комиссии».' })
    await vote(s, meeting, motion, 'for')
    const { protocolId } = await closeMeeting(s.secretary, meeting)
    expect(await stateOf(id)).toBe('approved')
    const [p] = await db()<{ content: ProtocolContent; number: number }[]>`select content, number from protocols where id = ${protocolId}`
    expect(p.content.motions).toEqual([
      {
        position: 1,
        kind: 'indicatorReport',
        title,
        heard: `О достижении показателей эффективности региональной системы научно-методического сопровождения педагогических работников и управленческих кадров за ${year} год.`,
        decided: `Утвердить отчёт о достижении показателей за ${year} год.`,
        adopted: true,
        votes: { for: 4, against: 0, abstain: 0 },
      },
    ])
    const v = await reportView(coordinator, id)
    expect([v.report.protocolNumber, v.report.protocolId, v.events]).toEqual([p.number, protocolId, []])
    const html = await renderRoute(page, `http://localhost/reports/${id}`, { Cookie: await cookieFor(coordinator) }, '/reports/:id')
    expect(html).toContain(`Утверждён протоколом № ${p.number} от 20.05.2026`)
    const letters = await db()<{ template: string; role: string }[]>`select template, recipient_role as role from outbox where entity = 'indicatorReport' and entity_id = ${id} order by id`
    expect(letters.map((l) => `${l.template}→${l.role}`)).toEqual(['reportSubmitted→secretary', 'reportApproved→coordinator'])
  })

  it('not adopted: returned with the decision, reworked in draft; taken off the agenda: waits again', async () => {
    const { s, coordinator, id, year } = await submitted()
    const meeting = await meetingWithQuorum(s)
    await vote(s, meeting, await addMotion(s.secretary, meeting, 'indicatorReport', id), 'against')
    await closeMeeting(s.secretary, meeting)
    expect(await stateOf(id)).toBe('returned')
    expect((await reportView(coordinator, id)).report.returnReason).toBe(`Отчёт о достижении показателей за ${year} год не утверждён; вернуть его на доработку.`)
    expect(await reportStep(coordinator, id, { intent: 'event', event: 'REWORK' })).toBe('draft')
    expect(await reportStep(coordinator, id, { intent: 'event', event: 'SUBMIT' })).toBe('submitted')

    const next = await meetingWithQuorum(s, '2026-06-20T16:00')
    const motion = await addMotion(s.secretary, next, 'indicatorReport', id)
    await removeMotion(s.secretary, next, motion)
    expect(await stateOf(id)).toBe('submitted')
    expect((await meetingView(s.secretary, next)).pendingMotions[0].subjects.map((x) => x.subjectId)).toEqual([id])
    const audit = await db()<{ action: string }[]>`select action from audit_events where entity = 'indicatorReport' and entity_id = ${id} and from_state is not null order by id`
    expect(audit.map((a) => a.action)).toEqual(['SUBMIT', 'PUT_ON_AGENDA', 'RETURN', 'REWORK', 'SUBMIT', 'PUT_ON_AGENDA', 'TAKE_OFF_AGENDA'])
  })

  it('a report of a region whose commission is not the first is not offered to a later commission', async () => {
    const region = await makeRegion()
    const [{ id: later }] = await db()<{ id: number }[]>`insert into commissions (region_id, name) values (${region.regionId}, 'Муниципальная комиссия') returning id::int`
    const coordinator = await region.actor('regionalCoordinator')
    const id = await createReport(coordinator, region.regionId, yearOf(new Date(), await zoneOfRegion(region.regionId)))
    await fill(coordinator, region.regionId, id)
    await reportStep(coordinator, id, { intent: 'event', event: 'SUBMIT' })
    const pending = await db().begin((tx) => Promise.all([reportMotions.pending(region.commissionId, tx), reportMotions.pending(later, tx)]))
    expect(pending.map((p) => p.map((x) => x.subjectId))).toEqual([[id], []])
  })
})
