import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as record from '../app/routes/activity.$id'
import * as queue from '../app/routes/activity._index'
import * as mine from '../app/routes/my.activity._index'
import * as create from '../app/routes/my.activity.new'
import * as evidence from '../app/routes/activity.$id_.evidence'
import { db } from '../db/client.server'
import { insertMember } from '../db/queries/members.server'
import { insertPerson } from '../db/queries/people.server'
import { grantRole, grantsOf, insertUser } from '../db/queries/users.server'
import { rowAfter } from '../workflows/snapshot'
import type { Actor } from '~/model/permissions'
import { makeRegion } from './fixtures'
import { replyOf } from './support/form'
import { renderAfterPost, renderRoute } from './render'
import { cookieFor, routeContext } from './support/session'

// A member's records of methodological work (issue 10 §1): the member records
// and submits; the coordinator of the member's municipality (or the region's)
// confirms or returns with a reason; a returned record is corrected and sent
// again. Every step through the activity machine, audited, with letters.

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

async function memberOf(region: Awaited<ReturnType<typeof makeRegion>>, municipalityId: number, state: 'active' | 'excluded' = 'active'): Promise<Actor & { memberId: number }> {
  const personId = await insertPerson({ regionId: region.regionId, municipalityId, lastName: 'Светлова', firstName: 'Анна', middleName: '', organisationId: null, position: '', workEmail: null, subjects: [] })
  const userId = await insertUser({ login: `member.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: 'Светлова Анна', personId })
  await grantRole(userId, { role: 'applicant' })
  const row = rowAfter('member', state === 'active' ? [] : [{ type: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение', orderId: 1 }])
  const memberId = await insertMember({ regionId: region.regionId, rosterId: region.rosterId, personId, applicationId: null, directionId: null, groupId: null, subjects: [], admittedOrderId: null, termEndsOn: null, public: false, snapshot: row.snapshot, state: row.state, machineVersion: row.machineVersion })
  return { userId, grants: await grantsOf(userId), memberId }
}

function multipart(cookie: string, url: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, v)
  if (file) fd.set('evidenceFile', new File([new Uint8Array(file.bytes)], file.name, { type: 'application/octet-stream' }))
  return new Request(`http://localhost${url}`, { method: 'POST', body: fd, headers: { Cookie: cookie } })
}
const form = (cookie: string, url: string, fields: Record<string, string>) =>
  new Request(`http://localhost${url}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: cookie } })
const get = (cookie: string, url: string) => new Request(`http://localhost${url}`, { headers: { Cookie: cookie } })
const ctx = routeContext()

const fields = { kind: 'seminar', heldOn: '2026-10-15', level: 'municipal', audience: '24', description: 'Семинар для учителей математики района' }
const idFrom = (res: unknown) => Number(/\/activity\/(\d+)/.exec((res as Response).headers.get('Location') ?? '')![1])
const stateOf = async (id: number) => (await db()<{ state: string }[]>`select state from activity_records where id = ${id}`)[0].state
const lettersAbout = async (id: number) =>
  (await db()<{ template: string; role: string }[]>`select template, recipient_role as role from outbox where entity = 'activity' and entity_id = ${id} order by id`).map((r) => `${r.template}→${r.role}`)

describe('activity records', () => {
  it('a member submits with a file, the municipal coordinator returns it with a reason, the member corrects and resubmits, the regional coordinator confirms', async () => {
    const region = await makeRegion('tomsk')
    const [home, other] = region.municipalities
    const member = await memberOf(region, home.id)
    const municipal = await region.actor('municipalCoordinator', { municipalityId: home.id })
    const otherMunicipal = await region.actor('municipalCoordinator', { municipalityId: other.id })
    const coordinator = await region.actor('regionalCoordinator')
    const [m, mc, omc, rc] = await Promise.all([member, municipal, otherMunicipal, coordinator].map((a) => cookieFor(a)))

    const created = await create.action({ request: multipart(m, '/my/activity/new', { ...fields, intent: 'submit' }, { name: 'программа.pdf', bytes: PDF }), params: {}, context: ctx })
    expect((created as Response).status).toBe(302)
    const id = idFrom(created)
    expect(await stateOf(id)).toBe('submitted')
    expect(await lettersAbout(id)).toEqual(['activitySubmitted→municipality', 'activitySubmitted→coordinator'])

    // the member's list and the municipal queue; another municipality's coordinator sees nothing of it
    expect((await mine.loader({ request: get(m, '/my/activity'), params: {}, context: ctx })).page.rows.map((r) => r.id)).toEqual([id])
    expect((await queue.loader({ request: get(mc, '/activity'), params: {}, context: ctx })).page.rows.map((r) => r.id)).toEqual([id])
    expect((await queue.loader({ request: get(omc, '/activity'), params: {}, context: ctx })).page.rows).toEqual([])
    await expect(record.loader({ request: get(omc, `/activity/${id}`), params: { id: String(id) }, context: ctx })).rejects.toMatchObject({ status: 404 })

    // the evidence file: the member and the deciding coordinator, nobody else
    const file = await evidence.loader({ request: get(mc, `/activity/${id}/evidence`), params: { id: String(id) }, context: ctx })
    expect(file.headers.get('Content-Type')).toBe('application/pdf')
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF)
    await expect(evidence.loader({ request: get(omc, `/activity/${id}/evidence`), params: { id: String(id) }, context: ctx })).rejects.toMatchObject({ status: 404 })

    // a return needs a reason; then it goes back to the member
    const noReason = replyOf(await record.action({ request: form(mc, `/activity/${id}`, { intent: 'decide', decision: 'return', reason: '' }), params: { id: String(id) }, context: ctx }))
    expect(noReason.fields.reason).toBe('Укажите, что нужно исправить')
    expect(await stateOf(id)).toBe('submitted')
    await record.action({ request: form(mc, `/activity/${id}`, { intent: 'decide', decision: 'return', reason: 'Уточните число участников' }), params: { id: String(id) }, context: ctx })
    expect(await stateOf(id)).toBe('returned')
    const html = await renderRoute(record, `http://localhost/activity/${id}`, { Cookie: m }, '/activity/:id')
    expect(html).toContain('Уточните число участников')
    expect(html).toContain('Исправить запись')
    // what a reader sees (not the form's option values) carries no internal word
    expect(html.replace(/<[^>]+>/g, ' ')).not.toMatch(/returned|RESUBMIT|seminar|municipal\b/)

    // the coordinator cannot decide while it is with the member
    const early = replyOf(await record.action({ request: form(rc, `/activity/${id}`, { intent: 'decide', decision: 'confirm' }), params: { id: String(id) }, context: ctx }))
    expect(early.status).toBe(409)
    expect(early.message).toMatch(/^Нельзя подтвердить запись: запись сейчас «возвращена на доработку»/)

    await record.action({ request: multipart(m, `/activity/${id}`, { ...fields, audience: '31', intent: 'submit' }), params: { id: String(id) }, context: ctx })
    expect(await stateOf(id)).toBe('resubmitted')
    const confirmed = await record.action({ request: form(rc, `/activity/${id}`, { intent: 'decide', decision: 'confirm' }), params: { id: String(id) }, context: ctx })
    expect((confirmed as Response).status).toBe(302)
    expect(await stateOf(id)).toBe('confirmed')
    const [row] = await db()<{ audience: number; evidence: boolean }[]>`select audience, evidence_content is not null as evidence from activity_records where id = ${id}`
    expect(row).toEqual({ audience: 31, evidence: true })
    expect(await lettersAbout(id)).toEqual([
      'activitySubmitted→municipality',
      'activitySubmitted→coordinator',
      'activityReturned→member',
      'activitySubmitted→municipality',
      'activitySubmitted→coordinator',
      'activityConfirmed→member',
    ])
    const audit = await db()<{ action: string }[]>`select action from audit_events where entity = 'activity' and entity_id = ${id} order by id`
    expect(audit.map((a) => a.action)).toEqual(['CREATE', 'SUBMIT', 'RETURN', 'EDIT', 'RESUBMIT', 'CONFIRM'])

    // a confirmed record is closed to edits
    const late = replyOf(await record.action({ request: multipart(m, `/activity/${id}`, { ...fields, intent: 'save' }), params: { id: String(id) }, context: ctx }))
    expect([late.status, late.code]).toEqual([409, 'ACTIVITY_LOCKED'])
  })

  it('a decision from a stale tab (the record already confirmed) is refused where the coordinator sees it, not silently', async () => {
    const region = await makeRegion('tomsk')
    const [home] = region.municipalities
    const member = await memberOf(region, home.id)
    const municipal = await region.actor('municipalCoordinator', { municipalityId: home.id })
    const [m, mc] = await Promise.all([member, municipal].map((a) => cookieFor(a)))
    const id = idFrom(await create.action({ request: multipart(m, '/my/activity/new', { ...fields, intent: 'submit' }, { name: 'программа.pdf', bytes: PDF }), params: {}, context: ctx }))
    const [{ version }] = await db()<{ version: number }[]>`select row_version::int as version from activity_records where id = ${id}`
    expect((await record.action({ request: form(mc, `/activity/${id}`, { intent: 'decide', decision: 'confirm', rowVersion: String(version) }), params: { id: String(id) }, context: ctx })) as Response).toMatchObject({ status: 302 })

    // the other tab still shows the decision form with the old version and sends «Вернуть на доработку»
    const { status, html } = await renderAfterPost(record, `http://localhost/activity/${id}`, { intent: 'decide', decision: 'return', reason: 'Нужен другой документ', rowVersion: version }, { Cookie: mc }, '/activity/:id')
    expect(status).toBe(409)
    expect(html).not.toContain('Решение координатора')
    const alert = /<p class="alert" role="alert">([^<]+)<\/p>/.exec(html)
    expect(alert?.[1]).toMatch(/изменена другим пользователем|Нельзя/)
    expect(await stateOf(id)).toBe('confirmed')
  })

  it('refuses bad input in Russian and writes nothing', async () => {
    const region = await makeRegion('chelyabinsk')
    const member = await memberOf(region, region.municipalities[0].id)
    const m = await cookieFor(member)
    const count = async () => (await db()<{ n: number }[]>`select count(*)::int as n from activity_records where member_id = ${member.memberId}`)[0].n
    const send = (f: Record<string, string>, file?: { name: string; bytes: Uint8Array }) => create.action({ request: multipart(m, '/my/activity/new', f, file), params: {}, context: ctx }).then(replyOf)

    const noEvidence = await send({ ...fields, intent: 'submit' })
    expect(noEvidence.fields.evidenceUrl).toMatch(/приложите подтверждающий документ или укажите ссылку/)
    const future = await send({ ...fields, heldOn: '2999-01-01', intent: 'save' })
    expect(future.fields.heldOn).toMatch(/не может быть позже сегодняшней/)
    const badFile = await send({ ...fields, intent: 'submit' }, { name: 'скан.pdf', bytes: new TextEncoder().encode('MZ not a pdf') })
    expect(badFile.fields.evidenceFile).toBeTruthy()
    const badFields = await send({ kind: 'party', heldOn: '15.10.2026', level: 'world', audience: '-1', description: '', intent: 'save', evidenceUrl: 'javascript:alert(1)' })
    expect(Object.keys(badFields.fields).sort()).toEqual(['audience', 'description', 'evidenceUrl', 'heldOn', 'kind', 'level'])
    expect(Object.values(badFields.fields).join(' ')).not.toMatch(/party|world|Invalid|expected|option/i)
    expect(await count()).toBe(0)

    // a saved draft with a link can be sent later
    const draft = await create.action({ request: multipart(m, '/my/activity/new', { ...fields, intent: 'save', evidenceUrl: 'https://example.org/seminar' }), params: {}, context: ctx })
    expect(await stateOf(idFrom(draft))).toBe('draft')
  })

  it('is for active members only; a coordinator never confirms their own record; staff of another region see nothing', async () => {
    const region = await makeRegion('tomsk')
    const excluded = await memberOf(region, region.municipalities[0].id, 'excluded')
    const refused = replyOf(await create.action({ request: multipart(await cookieFor(excluded), '/my/activity/new', { ...fields, intent: 'save' }), params: {}, context: ctx }))
    expect([refused.status, refused.code]).toEqual([403, 'NOT_A_MEMBER'])

    // a member who is also the municipality's coordinator
    const both = await memberOf(region, region.municipalities[0].id)
    await grantRole(both.userId, { role: 'municipalCoordinator', regionId: region.regionId, municipalityId: region.municipalities[0].id })
    const c = await cookieFor(both.userId)
    const id = idFrom(await create.action({ request: multipart(c, '/my/activity/new', { ...fields, intent: 'submit', evidenceUrl: 'https://example.org/a' }), params: {}, context: ctx }))
    const own = replyOf(await record.action({ request: form(c, `/activity/${id}`, { intent: 'decide', decision: 'confirm' }), params: { id: String(id) }, context: ctx }))
    expect([own.status, own.code]).toEqual([403, 'OWN_ACTIVITY'])
    expect(await stateOf(id)).toBe('submitted')

    const elsewhere = await makeRegion('khabarovsk')
    const stranger = await cookieFor(await elsewhere.actor('regionalCoordinator'))
    await expect(record.loader({ request: get(stranger, `/activity/${id}`), params: { id: String(id) }, context: ctx })).rejects.toMatchObject({ status: 404 })
    const foreign = replyOf(await record.action({ request: form(stranger, `/activity/${id}`, { intent: 'decide', decision: 'confirm' }), params: { id: String(id) }, context: ctx }))
    expect(foreign.status).toBe(404)
    await expect(queue.loader({ request: get(await cookieFor(await region.actor('ministryOfficer')), '/activity'), params: {}, context: ctx })).rejects.toMatchObject({ status: 403 })
  })
})
