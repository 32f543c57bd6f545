import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as ranking from '../app/routes/evaluation._index'
import * as activityQueue from '../app/routes/activity._index'
import * as settings from '../app/routes/settings.evaluation/route'
import * as mine from '../app/routes/my.activity._index'
import * as create from '../app/routes/my.activity.new'
import { evaluationRanking, yearContext } from '../app/domain/evaluation.server'
import { saveEvaluationSettings } from '../app/domain/evaluation-catalogue.server'
import * as memberPage from '../app/routes/members.$id/route'
import { db } from '../db/client.server'
import { insertActivity } from '../db/queries/activity-records.server'
import { insertMember } from '../db/queries/members.server'
import { insertPerson } from '../db/queries/people.server'
import { grantRole, grantsOf, insertUser } from '../db/queries/users.server'
import { rowAfter } from '../workflows/snapshot'
import { roles, type Actor, type Role } from '~/model/permissions'
import { makeRegion } from './fixtures'
import { renderRoute } from './render'
import { replyOf } from './support/form'
import { cookieFor, routeContext } from './support/session'

// The evaluation of members' activity (issue 10 §2): the catalogue's
// versions, scores from confirmed records in the region's school year, the
// ranking's filters and scope, and who may read or manage it.

type Region = Awaited<ReturnType<typeof makeRegion>>
const ctx = routeContext()
const get = async (actor: Actor, url: string) => new Request(`http://localhost${url}`, { headers: { Cookie: await cookieFor(actor) } })
const post = async (actor: Actor, url: string, fields: Record<string, string>) =>
  new Request(`http://localhost${url}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: await cookieFor(actor) } })

async function member(region: Region, o: { name: string; municipalityId: number; groupId?: number | null; subjects?: string[] }) {
  const personId = await insertPerson({ regionId: region.regionId, municipalityId: o.municipalityId, lastName: o.name, firstName: 'Анна', middleName: '', organisationId: null, position: '', workEmail: null, subjects: o.subjects ?? [] })
  const userId = await insertUser({ login: `m.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: o.name, personId })
  await grantRole(userId, { role: 'applicant' })
  const row = rowAfter('member', [])
  const memberId = await insertMember({ regionId: region.regionId, rosterId: region.rosterId, personId, applicationId: null, directionId: null, groupId: o.groupId ?? null, subjects: o.subjects ?? [], admittedOrderId: null, termEndsOn: null, public: false, snapshot: row.snapshot, state: row.state, machineVersion: row.machineVersion })
  return { userId, grants: await grantsOf(userId), memberId, personId, municipalityId: o.municipalityId }
}

const states = { confirmed: [{ type: 'SUBMIT' }, { type: 'CONFIRM' }], submitted: [{ type: 'SUBMIT' }], draft: [] }
async function record(region: Region, m: Awaited<ReturnType<typeof member>>, r: { kind: string; level: string; heldOn: string; state?: keyof typeof states }) {
  return insertActivity(
    { kind: r.kind, level: r.level, heldOn: r.heldOn, audience: 10, description: 'Работа', evidenceUrl: 'https://example.org', regionId: region.regionId, memberId: m.memberId, municipalityId: m.municipalityId, createdBy: m.userId, file: null },
    rowAfter('activity', states[r.state ?? 'confirmed']),
  )
}
const groupOf = async (regionId: number) =>
  (await db()<{ id: number }[]>`select g.id::int from roster_groups g join directions d on d.id = g.direction_id where d.region_id = ${regionId} order by g.id limit 1`)[0].id

describe('scores', () => {
  it('points are kind × level from the catalogue, of confirmed records in the school year only, the year decided by the region’s clock', async () => {
    const region = await makeRegion('tomsk')
    const m = await member(region, { name: 'Баллова', municipalityId: region.municipalities[0].id })
    // Tomsk is UTC+7: 17:00 UTC on 31 August is already 1 September there
    const before = new Date('2026-08-31T16:59:00Z')
    const after = new Date('2026-08-31T17:00:00Z')
    expect((await yearContext(region.regionId, null, before)).year).toBe(2025)
    expect((await yearContext(region.regionId, null, after)).year).toBe(2026)

    await record(region, m, { kind: 'seminar', level: 'regional', heldOn: '2025-09-01' }) // 3 × 3 = 9, first day
    await record(region, m, { kind: 'consultation', level: 'school', heldOn: '2026-08-31' }) // 1, last day
    await record(region, m, { kind: 'course', level: 'federal', heldOn: '2025-08-31' }) // the year before
    await record(region, m, { kind: 'course', level: 'federal', heldOn: '2026-09-01' }) // the year after
    await record(region, m, { kind: 'jury', level: 'federal', heldOn: '2026-01-10', state: 'submitted' }) // not confirmed
    await record(region, m, { kind: 'mentoring', level: 'municipal', heldOn: '2026-02-10', state: 'draft' })

    const coordinator = await region.actor('regionalCoordinator')
    const y2025 = await evaluationRanking(coordinator, region.regionId, { year: 2025, municipalityId: null, groupId: null, subject: null }, { after: null, from: 1 }, after)
    expect(y2025.page.rows.map((r) => [r.confirmed, r.points, r.low])).toEqual([[2, 10, false]])
    const y2026 = await evaluationRanking(coordinator, region.regionId, { year: null, municipalityId: null, groupId: null, subject: null }, { after: null, from: 1 }, after)
    expect(y2026.year.year).toBe(2026)
    expect(y2026.page.rows.map((r) => [r.confirmed, r.points, r.low])).toEqual([[1, 16, false]])
  })

  it('the coordinator saves a new catalogue version; a finished year keeps the version in force at its end, the current year takes the new one', async () => {
    const region = await makeRegion('chelyabinsk')
    const coordinator = await region.actor('regionalCoordinator')
    const m = await member(region, { name: 'Версиева', municipalityId: region.municipalities[0].id })
    const current = await yearContext(region.regionId, null)
    await record(region, m, { kind: 'seminar', level: 'school', heldOn: `${current.year - 1}-10-01` })
    await record(region, m, { kind: 'seminar', level: 'school', heldOn: current.from })
    // version 1 (the preset's) was in force when the last year ended
    await db()`update evaluation_catalogues set created_at = ${`${current.year - 1}-09-01T00:00:00Z`} where region_id = ${region.regionId}`

    const page = await settings.loader({ request: await get(coordinator, `/settings/evaluation?region=${region.code}`), params: {}, context: ctx })
    expect(page.version).toBe(1)
    expect(page.source.note).toMatch(/№ 20/)
    const values = page.values
    const kinds = values.kinds.map((k) => (k.code === 'seminar' ? { ...k, school: '7' } : k))
    const fields: Record<string, string> = { region: region.code, month: '9', day: '1', threshold: '5' }
    kinds.forEach((k, i) => Object.entries(k).forEach(([key, v]) => (fields[`kinds[${i}].${key}`] = String(v))))
    fields[`kinds[${kinds.length - 1}].label`] = 'Выступление на радио'
    for (const l of ['school', 'municipal', 'regional', 'federal']) fields[`kinds[${kinds.length - 1}].${l}`] = '1'
    // a threshold of its own for the current year; a finished year is not re-scored by a later version
    fields['years[0].year'] = String(current.year)
    fields['years[0].value'] = '6'
    fields['years[1].year'] = String(current.year - 1)
    fields['years[1].value'] = '1'
    const saved = await settings.action({ request: await post(coordinator, '/settings/evaluation', fields), params: {}, context: ctx })
    expect((saved as Response).status).toBe(302)

    const versions = await db()<{ version: number; kinds: number }[]>`
      select version, jsonb_array_length(document->'kinds')::int as kinds from evaluation_catalogues where region_id = ${region.regionId} order by version`
    expect(versions).toEqual([{ version: 1, kinds: 9 }, { version: 2, kinds: 10 }])
    const audit = await db()<{ action: string }[]>`select action from audit_events where region_id = ${region.regionId} and entity = 'evaluationCatalogue'`
    expect(audit.map((a) => a.action)).toEqual(['CREATE_VERSION'])

    const rank = (year: number) => evaluationRanking(coordinator, region.regionId, { year, municipalityId: null, groupId: null, subject: null }, { after: null, from: 1 })
    const last = await rank(current.year - 1)
    expect([last.year.version, last.page.rows[0].points, last.year.threshold]).toEqual([1, 3, 10])
    const now = await rank(current.year)
    expect([now.year.version, now.page.rows[0].points, now.year.threshold]).toEqual([2, 7, 6])

    // the member's form offers the new kind
    const form = await create.loader({ request: await get(m, '/my/activity/new'), params: {}, context: ctx })
    expect(form.kinds.map((k) => k.label)).toContain('Выступление на радио')
    expect(form.kinds).toHaveLength(10)

    const invalid = replyOf(await settings.action({ request: await post(coordinator, '/settings/evaluation', { ...fields, day: '30' }), params: {}, context: ctx }))
    expect([invalid.status, invalid.fields.day]).toEqual([400, 'Не более 28'])
  })

  it('the member sees their own score and the flag, without any consequence', async () => {
    const region = await makeRegion('tomsk')
    const m = await member(region, { name: 'Своя', municipalityId: region.municipalities[0].id })
    const y = await yearContext(region.regionId, null)
    await record(region, m, { kind: 'openLesson', level: 'school', heldOn: y.from })
    const data = await mine.loader({ request: await get(m, '/my/activity'), params: {}, context: ctx })
    expect(data.score?.current).toMatchObject({ points: 2, threshold: 10, low: true, confirmed: 1 })
    const html = await renderRoute(mine, 'http://localhost/my/activity', { Cookie: await cookieFor(m) }, '/my/activity')
    expect(/<dd id="my-score">([^]*?)<\/dd>/.exec(html)![1].replace(/<[^>]+>/g, '')).toBe('2 балла; порог — 10 (низкая активность)')
  })
})

describe('the ranking', () => {
  it('filters on the server, pages by keyset with «N из M», and keeps a municipal coordinator to their municipality', async () => {
    const region = await makeRegion('tomsk')
    const [home, away] = region.municipalities
    const groupId = await groupOf(region.regionId)
    const y = await yearContext(region.regionId, null)
    const a = await member(region, { name: 'Альфа', municipalityId: home.id, groupId, subjects: ['Математика'] })
    const b = await member(region, { name: 'Бета', municipalityId: away.id, subjects: ['Физика'] })
    const c = await member(region, { name: 'Гамма', municipalityId: home.id })
    await record(region, a, { kind: 'course', level: 'federal', heldOn: y.from })
    await record(region, b, { kind: 'seminar', level: 'municipal', heldOn: y.from })

    const coordinator = await region.actor('regionalCoordinator')
    const load = async (actor: Actor, q: string) => ranking.loader({ request: await get(actor, `/evaluation${q}`), params: {}, context: ctx })
    const all = await load(coordinator, '')
    expect(all.page.rows.map((r) => [r.name.split(' ')[0], r.points, r.low])).toEqual([['Альфа', 16, false], ['Бета', 6, true], ['Гамма', 0, true]])
    expect(all.page.total).toBe(3)
    expect((await load(coordinator, `?municipality=${away.id}`)).page.rows.map((r) => r.id)).toEqual([b.memberId])
    expect((await load(coordinator, `?group=${groupId}`)).page.rows.map((r) => r.id)).toEqual([a.memberId])
    expect((await load(coordinator, `?subject=${encodeURIComponent('Физика')}`)).page.rows.map((r) => r.id)).toEqual([b.memberId])

    // keyset on (points, id): the page after Альфа goes on with Бета and Гамма
    const after = await evaluationRanking(coordinator, region.regionId, { year: null, municipalityId: null, groupId: null, subject: null }, { after: { key: 16, id: a.memberId }, from: 2 })
    expect(after.page.rows.map((r) => r.id)).toEqual([b.memberId, c.memberId])
    expect([after.page.from, after.page.total]).toEqual([2, 3])

    const municipal = await region.actor('municipalCoordinator', { municipalityId: home.id })
    const own = await load(municipal, '')
    expect(own.page.rows.map((r) => r.id)).toEqual([a.memberId, c.memberId])
    expect(own.lists.municipalities.map((m) => m.id)).toEqual([home.id])
    // asking for another municipality shows nobody of it
    expect((await load(municipal, `?municipality=${away.id}`)).page.rows).toEqual([])

    const stranger = await (await makeRegion('khabarovsk')).actor('regionalCoordinator')
    await expect(load(stranger, `?region=${region.regionId}`)).rejects.toMatchObject({ status: 403 })
  })
})

describe('the ranking’s region', () => {
  it('a municipal coordinator of two regions picks the region, as regional staff do; a region they do not work in is refused', async () => {
    const [first, second, third] = [await makeRegion('tomsk'), await makeRegion('khabarovsk'), await makeRegion('tomsk')]
    const y = await yearContext(second.regionId, null)
    const there = await member(second, { name: 'Дальняя', municipalityId: second.municipalities[0].id })
    await record(second, there, { kind: 'course', level: 'federal', heldOn: y.from })
    const coordinator = await first.actor('municipalCoordinator')
    await grantRole(coordinator.userId, { role: 'municipalCoordinator', regionId: second.regionId, municipalityId: second.municipalities[0].id })
    const load = async (q: string) => ranking.loader({ request: await get(coordinator, `/evaluation${q}`), params: {}, context: ctx })
    const home = await load('')
    expect(home.region.id).toBe(first.regionId)
    expect(home.choices.map((r) => r.id)).toEqual([first.regionId, second.regionId])
    const other = await load(`?region=${second.regionId}`)
    expect(other.region.id).toBe(second.regionId)
    expect(other.page.rows.map((r) => r.id)).toEqual([there.memberId])
    await expect(load(`?region=${third.regionId}`)).rejects.toMatchObject({ status: 403 })
    // the activity queue picks its region the same way
    const queue = await activityQueue.loader({ request: await get(coordinator, `/activity?region=${second.regionId}`), params: {}, context: ctx })
    expect([queue.region.id, queue.choices.length]).toEqual([second.regionId, 2])
  })
})

describe('the pages', () => {
  it('render in Russian: the settings with every kind and level labelled, the ranking with the flag and the note that it has no consequence', async () => {
    const region = await makeRegion('chelyabinsk')
    const coordinator = await region.actor('regionalCoordinator')
    const cookie = { Cookie: await cookieFor(coordinator) }
    const zero = await member(region, { name: 'Нулева', municipalityId: region.municipalities[0].id })
    const visible = (html: string) => html.replace(/<[^>]+>/g, ' ')

    const settingsHtml = await renderRoute(settings, `http://localhost/settings/evaluation?region=${region.code}`, cookie, '/settings/evaluation')
    expect(settingsHtml).toContain('Оценка эффективности: Челябинская область')
    expect(settingsHtml).toContain('Проведённый семинар или вебинар: региональный уровень, баллов')
    expect(visible(settingsHtml)).toMatch(/Основание:.*№ 20/)
    const labelFor = [...settingsHtml.matchAll(/<label[^>]*for="([^"]+)"/g)].map((m) => m[1])
    const inputs = [...settingsHtml.matchAll(/<(?:input|select)(?![^>]*type="hidden")[^>]*id="([^"]+)"/g)].map((m) => m[1])
    expect(inputs.filter((id) => !labelFor.includes(id))).toEqual([])

    const staff = await memberPage.loader({ request: await get(coordinator, `/members/${zero.memberId}`), params: { id: String(zero.memberId) }, context: ctx })
    expect(staff.score).toMatchObject({ points: 0, low: true })

    const rankingHtml = await renderRoute(ranking, `http://localhost/evaluation?region=${region.regionId}`, cookie, '/evaluation')
    expect(rankingHtml).toContain('низкая активность')
    expect(rankingHtml).toContain('ничего не меняет сама по себе')
    expect(visible(rankingHtml)).not.toMatch(/seminar|openLesson|evaluation|undefined|NaN/)

    // the threshold's noun agrees with the number the region set («21 балл», «3 балла», not «21 баллов»)
    for (const [threshold, words] of [[21, '21 балл;'], [3, '3 балла;'], [10, '10 баллов;']] as const) {
      await db()`update evaluation_catalogues set document = jsonb_set(document, '{threshold,default}', ${threshold}::text::jsonb) where region_id = ${region.regionId}`
      const html = visible(await renderRoute(ranking, `http://localhost/evaluation?region=${region.regionId}`, cookie, '/evaluation'))
      expect(html).toContain(`Порог учебного года — ${words}`)
    }
  })
})

describe('saving at the same time', () => {
  it('parallel saves each get their own version or a Russian refusal; none is lost or doubled', async () => {
    const region = await makeRegion('khabarovsk')
    const coordinator = await region.actor('regionalCoordinator')
    const input = { month: 9, day: 1, threshold: 8, kinds: [{ code: 'seminar', label: 'Семинар', school: 1, municipal: 2, regional: 3, federal: 4 }], years: [] }
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => saveEvaluationSettings(coordinator, region.regionId, input)))
    const saved = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)
    for (const e of refused) expect(e).toMatchObject({ code: 'CATALOGUE_VERSION_TAKEN', status: 409 })
    const versions = (await db()<{ version: number }[]>`select version from evaluation_catalogues where region_id = ${region.regionId} order by version`).map((v) => v.version)
    expect(versions).toEqual(Array.from({ length: saved.length + 1 }, (_, i) => i + 1))
    expect(new Set(saved).size).toBe(saved.length)
  })
})

describe('who may read the evaluation and manage its catalogue', () => {
  const expected: Record<Role, { read: boolean; manage: boolean }> = {
    applicant: { read: false, manage: false },
    municipalApprover: { read: false, manage: false },
    municipalCoordinator: { read: true, manage: false },
    secretary: { read: false, manage: false },
    commissionMember: { read: false, manage: false },
    chair: { read: false, manage: false },
    ministryOfficer: { read: true, manage: false },
    regionalCoordinator: { read: true, manage: true },
    admin: { read: false, manage: false },
  }
  it.each(roles.map((role) => ({ role, ...expected[role] })))('$role: read $read, manage $manage', async ({ role, read, manage }) => {
    const region = await makeRegion('yugra')
    const actor = await region.actor(role)
    const status = (p: Promise<unknown>) => p.then((r) => (r instanceof Response ? r.status : 200), (e) => (e instanceof Response ? e.status : 500))
    expect(await status(ranking.loader({ request: await get(actor, `/evaluation?region=${region.regionId}`), params: {}, context: ctx }))).toBe(read ? 200 : 403)
    expect(await status(settings.loader({ request: await get(actor, `/settings/evaluation?region=${region.code}`), params: {}, context: ctx }))).toBe(manage ? 200 : 403)
    const before = (await db()<{ n: number }[]>`select count(*)::int as n from evaluation_catalogues where region_id = ${region.regionId}`)[0].n
    const saved = await status(settings.action({ request: await post(actor, '/settings/evaluation', { region: region.code, month: '9', day: '1', threshold: '3', 'kinds[0].code': 'seminar', 'kinds[0].label': 'Семинар', 'kinds[0].school': '1', 'kinds[0].municipal': '1', 'kinds[0].regional': '1', 'kinds[0].federal': '1' }), params: {}, context: ctx }))
    expect(saved).toBe(manage ? 302 : 403)
    const after = (await db()<{ n: number }[]>`select count(*)::int as n from evaluation_catalogues where region_id = ${region.regionId}`)[0].n
    expect(after - before).toBe(manage ? 1 : 0)
  })
})
