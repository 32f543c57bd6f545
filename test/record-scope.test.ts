import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { loader as memberPage, action as memberAction } from '../app/routes/members.$id/route'
import { loader as certificateDocx } from '../app/routes/members.$id.certificate[.]docx'
import { loader as meetingPage, action as meetingAction } from '../app/routes/meetings.$id/route'
import { loader as protocolPage } from '../app/routes/protocols.$id'
import { loader as protocolDocx } from '../app/routes/protocols.$id[.]docx'
import { loader as appendixPage } from '../app/routes/orders.$id.appendix'
import { loader as orderDocx } from '../app/routes/orders.$id[.]docx'
import { loader as appealLink } from '../app/routes/appeals.$id'
import { loader as activityPage, action as activityAction } from '../app/routes/activity.$id'
import { loader as activityFile } from '../app/routes/activity.$id_.evidence'
import { loader as campaignPage } from '../app/routes/campaigns.manage.$id'
import { loader as reviewFormPage } from '../app/routes/campaigns.manage.$id_.review-form/route'
import { loader as ruleSetPage } from '../app/routes/rule-sets.$id'
import { loader as ruleSetJson } from '../app/routes/rule-sets.$id[.]json'
import { loader as consentsPage } from '../app/routes/people.$id.consents'
import { action as reportAction } from '../app/routes/reports.$id'
import { fileAppeal } from '../app/domain/appeals.server'
import { createReport } from '../app/domain/indicator-reports.server'
import { insertActivity } from '../db/queries/activity-records.server'
import { db } from '../db/client.server'
import { rowAfter } from '../workflows/snapshot'
import type { Actor } from '~/model/permissions'
import { makeRegion } from './fixtures'
import { candidate, get, post, type Region } from './staff-helpers'

// A record named by id in a URL answers someone outside its scope exactly as
// a missing id: 404 «Запись не найдена.», so no answer tells which ids exist
// (recordInScope, app/domain/application-scope.server.ts).

type Route = Parameters<typeof get>[0]
const MISSING = '987654321'
const toRejected = [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }, { type: 'REJECT' }]

async function answer(r: Response | unknown): Promise<{ status: number; body: string }> {
  expect(r).toBeInstanceOf(Response)
  const res = r as Response
  return { status: res.status, body: await res.text() }
}

/** The region's records, one of each kind with an id in its URL. */
async function records(region: Region) {
  const secretary = await region.actor('secretary')
  const coordinator = await region.actor('regionalCoordinator')
  // a member and an order: an order row and a member admitted by it
  const [{ id: orderId }] = await db()<{ id: number }[]>`
    insert into orders (region_id, number, date, title, kind) values (${region.regionId}, ${randomUUID().slice(0, 6)}, '2026-05-20', 'Об утверждении состава РМА', 'composition') returning id::int`
  const { id: applicationId, applicant } = await candidate(region, 'Отклонённая', toRejected)
  const appealId = await fileAppeal(applicant, applicationId, { body: 'Прошу пересмотреть' }, [])
  const [{ personId }] = await db()<{ personId: number }[]>`select person_id::int as "personId" from applications where id = ${applicationId}`
  const memberRow = rowAfter('member', [])
  const [{ id: memberId }] = await db()<{ id: number }[]>`
    insert into members (region_id, roster_id, person_id, subjects, admitted_order_id, public, snapshot, state, machine_version)
    values (${region.regionId}, ${region.rosterId}, ${personId}, '{}', ${orderId}, false, ${db().json(memberRow.snapshot as never)}, ${memberRow.state}, ${memberRow.machineVersion}) returning id::int`
  const activityId = await insertActivity(
    { kind: 'seminar', level: 'regional', heldOn: '2026-03-01', audience: 10, description: 'Работа', evidenceUrl: 'https://example.org', regionId: region.regionId, memberId, municipalityId: region.municipalities[0].id, createdBy: applicant.userId, file: null },
    rowAfter('activity', [{ type: 'SUBMIT' }]),
  )
  const [{ id: meetingId }] = await db()<{ id: number }[]>`
    insert into meetings (commission_id, held_at, place, status) values (${region.commissionId}, '2099-06-10T08:30:00Z', 'г. Томск', 'planned') returning id::int`
  const [{ id: protocolId }] = await db()<{ id: number }[]>`
    insert into protocols (meeting_id, commission_id, year, number, content) values (${meetingId}, ${region.commissionId}, 2026, 1, ${db().json({ number: 1, year: 2026, items: [] } as never)}) returning id::int`
  const reportId = await createReport(coordinator, region.regionId, 2025)
  return { secretary, coordinator, orderId, memberId, personId, appealId, activityId, meetingId, protocolId, reportId }
}

describe('records named by id in a URL', () => {
  it('answer another municipality’s coordinator, another region’s staff and a missing id alike: 404 «Запись не найдена.»', async () => {
    const region = await makeRegion()
    const r = await records(region)
    const other = await makeRegion()
    // the records above are in the region's first municipality
    const outsiders: Actor[] = [
      await region.actor('municipalCoordinator', { municipalityId: region.municipalities[1].id }),
      await other.actor('regionalCoordinator'),
      await other.actor('secretary'),
      await other.actor('ministryOfficer'),
    ]
    const pages: { route: Route; path: (id: string) => string; id: number; reader: Actor }[] = [
      { route: memberPage, path: (id) => `/members/${id}`, id: r.memberId, reader: r.coordinator },
      { route: certificateDocx, path: (id) => `/members/${id}/certificate.docx`, id: r.memberId, reader: r.coordinator },
      { route: meetingPage, path: (id) => `/meetings/${id}`, id: r.meetingId, reader: r.secretary },
      { route: protocolPage, path: (id) => `/protocols/${id}`, id: r.protocolId, reader: r.secretary },
      { route: protocolDocx, path: (id) => `/protocols/${id}.docx`, id: r.protocolId, reader: r.secretary },
      { route: appendixPage, path: (id) => `/orders/${id}/appendix`, id: r.orderId, reader: r.coordinator },
      { route: orderDocx, path: (id) => `/orders/${id}.docx`, id: r.orderId, reader: r.coordinator },
      { route: appealLink, path: (id) => `/appeals/${id}`, id: r.appealId, reader: r.secretary },
      { route: activityPage, path: (id) => `/activity/${id}`, id: r.activityId, reader: r.coordinator },
      { route: activityFile, path: (id) => `/activity/${id}/evidence`, id: r.activityId, reader: r.coordinator },
      { route: campaignPage, path: (id) => `/campaigns/manage/${id}`, id: region.campaignId, reader: r.coordinator },
      { route: reviewFormPage, path: (id) => `/campaigns/manage/${id}/review-form`, id: region.campaignId, reader: r.coordinator },
      { route: ruleSetPage, path: (id) => `/rule-sets/${id}`, id: region.ruleSetId, reader: r.coordinator },
      { route: ruleSetJson, path: (id) => `/rule-sets/${id}.json`, id: region.ruleSetId, reader: r.coordinator },
      { route: consentsPage, path: (id) => `/people/${id}/consents`, id: r.personId, reader: r.coordinator },
    ]
    for (const p of pages) {
      const id = String(p.id)
      // the reader gets the page (the files are the pages' own checks: test/documents.test.ts)
      if (!/\.docx$|\/evidence$/.test(p.path(id))) {
        const own = await get(p.route, p.reader, p.path(id), { id })
        expect(own instanceof Response ? own.status : 200, p.path(id)).toBeLessThan(400)
      }
      const missing = await answer(await get(p.route, p.reader, p.path(MISSING), { id: MISSING }))
      expect(missing, p.path(MISSING)).toEqual({ status: 404, body: 'Запись не найдена.' })
      for (const o of outsiders) expect(await answer(await get(p.route, o, p.path(id), { id })), p.path(id)).toEqual(missing)
    }

    // the actions answer the same before reading the form
    const actions: { route: Route; path: string; id: number; form: Record<string, string>; readers?: number }[] = [
      { route: memberAction, path: `/members/${r.memberId}`, id: r.memberId, form: { event: 'SUSPEND', ground: 'ownRequest', reason: 'Причина', orderChoice: 'existing', orderId: String(r.orderId) } },
      { route: meetingAction, path: `/meetings/${r.meetingId}`, id: r.meetingId, form: { intent: 'deleteMeeting', confirmed: 'yes' } },
      { route: activityAction, path: `/activity/${r.activityId}`, id: r.activityId, form: { intent: 'decide', decision: 'confirm', rowVersion: '1' } },
      // every municipal coordinator of the region reads the report (their own lines) and is refused its steps (403)
      { route: reportAction, path: `/reports/${r.reportId}`, id: r.reportId, form: { intent: 'event', event: 'RECOMPUTE' }, readers: 1 },
    ]
    for (const a of actions) {
      const statuses = new Set<number>()
      for (const o of outsiders.slice(a.readers ?? 0)) {
        const res = await post(a.route, o, a.path, a.form, { id: String(a.id) })
        statuses.add(res instanceof Response ? res.status : res.init.status)
      }
      const none = await post(a.route, outsiders[1], a.path.replace(String(a.id), MISSING), a.form, { id: MISSING })
      statuses.add(none instanceof Response ? none.status : none.init.status)
      expect([...statuses], a.path).toEqual([404])
    }
  })
})
