import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import * as list from '../app/routes/reports._index'
import * as page from '../app/routes/reports.$id'
import * as value from '../app/routes/reports.$id_.value'
import * as evidence from '../app/routes/reports.$id_.evidence.$valueId'
import * as docx from '../app/routes/reports.$id[.]docx'
import * as xlsx from '../app/routes/reports.$id[.]xlsx'
import { zoneOfRegion } from '../app/domain/time-zone.server'
import { db } from '../db/client.server'
import type { Actor } from '~/model/permissions'
import { yearOf } from '~/utils/dates'
import { makeRegion } from './fixtures'
import { renderRoute } from './render'
import { readDocx } from './support/docx'
import { replyOf } from './support/form'
import { deliverBySmtp } from './support/mail'
import { cookieFor, routeContext } from './support/session'
import { get, post, statusOf } from './staff-helpers'
import { registryFixture } from './support/indicator-fixture'
import * as indicatorList from '../app/routes/reports.indicators._index'
import * as indicatorEdit from '../app/routes/reports.indicators.$indicatorId'
import { seedDemoReport } from '../db/seed/demo-report.server'
import { grantRole, insertUser } from '../db/queries/users.server'

// The yearly indicator report (issue 10 §2.5): computed from the registry,
// entered with evidence, municipal lines isolated, sent to the commission,
// printable and downloadable.

const ctx = routeContext()
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const idFrom = (res: unknown) => Number(/\/reports\/(\d+)/.exec((res as Response).headers.get('Location') ?? '')![1])

function multipart(cookie: string, url: string, fields: Record<string, string>, file?: Uint8Array) {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, v)
  if (file) fd.set('evidenceFile', new File([new Uint8Array(file)], 'приказ.pdf', { type: 'application/octet-stream' }))
  return new Request(`http://localhost${url}`, { method: 'POST', body: fd, headers: { Cookie: cookie } })
}

async function setUp(preset = 'tomsk') {
  const region = await makeRegion(preset)
  const year = yearOf(new Date(), await zoneOfRegion(region.regionId))
  const coordinator = await region.actor('regionalCoordinator')
  const created = await post(list.action, coordinator, '/reports', { intent: 'create', year, region: String(region.regionId) })
  return { region, year, coordinator, id: idFrom(created) }
}

const indicatorId = async (regionId: number, code: string) =>
  (await db()<{ id: number }[]>`select id::int from indicators where region_id = ${regionId} and code = ${code}`)[0].id

async function enter(actor: Actor, reportId: number, fields: Record<string, string>, file?: Uint8Array) {
  const q = `indicator=${fields.indicatorId}${fields.municipalityId ? `&municipality=${fields.municipalityId}` : ''}`
  return value.action({ request: multipart(await cookieFor(actor), `/reports/${reportId}/value?${q}`, { intent: 'value', ...fields }, file), params: { id: String(reportId) }, context: ctx })
}

type View = Awaited<ReturnType<typeof page.loader>>

describe('the yearly indicator report', () => {
  it('computes the registry’s indicators in the report’s year: exact figures from the fixture', async () => {
    const region = await makeRegion('tomsk')
    const year = yearOf(new Date(), await zoneOfRegion(region.regionId))
    await registryFixture(region, year)
    const coordinator = await region.actor('regionalCoordinator')
    const id = idFrom(await post(list.action, coordinator, '/reports', { intent: 'create', year, region: String(region.regionId) }))
    const v = (await get<View>(page.loader, coordinator, `/reports/${id}`, { id: String(id) })) as View
    const row = (code: string) => v.rows.find((r) => r.code === code)!
    expect([row('teachers-per-member').actual, row('teachers-per-member').met]).toEqual([200, false]) // 600 teachers, 3 members
    expect(row('municipalities-with-members').actual).toBe(10) // 2 of 20
    expect(['activity-school', 'activity-municipal', 'activity-regional', 'activity-federal'].map((c) => row(c).actual)).toEqual([1, 2, 1, 1])
    const per100 = row('members-per-100')
    const [a, b, c] = region.municipalities
    const line = (id: number) => per100.municipalities.find((l) => l.municipalityId === id)!
    expect([a, b, c].map((m) => [line(m.id).actual, line(m.id).met])).toEqual([[1, true], [0.33, false], [0, false]])
    // a municipality without teachers has no figure and is not counted
    expect(per100.municipalities.filter((l) => l.actual === null)).toHaveLength(region.municipalities.length - 3)
    expect([per100.actual, per100.met]).toEqual([33.3, false])
  })

  it('a regional value is entered with evidence (a file or a link) and shows as met; the file is downloadable', async () => {
    const { region, coordinator, id } = await setUp()
    const c = await cookieFor(coordinator)
    const indicator = String(await indicatorId(region.regionId, 'diagnostics-share'))
    const none = replyOf(await enter(coordinator, id, { indicatorId: indicator, actual: '10,5', confirmation: 'Мониторинг ЦНППМ' }))
    expect(none.fields.evidenceUrl).toMatch(/Приложите подтверждающий документ или укажите ссылку/)
    const saved = await enter(coordinator, id, { indicatorId: indicator, actual: '10,5', confirmation: 'Мониторинг ЦНППМ: 2036 педагогов' }, PDF)
    expect((saved as Response).status).toBe(302)
    const v = (await get<View>(page.loader, coordinator, `/reports/${id}`, { id: String(id) })) as View
    const row = v.rows.find((r) => r.code === 'diagnostics-share')!
    expect([row.actual, row.met, row.confirmation, row.hasFile]).toEqual([10.5, true, 'Мониторинг ЦНППМ: 2036 педагогов', true])
    const file = await evidence.loader({ request: new Request(`http://localhost/reports/${id}/evidence/${row.valueId}`, { headers: { Cookie: c } }), params: { id: String(id), valueId: String(row.valueId) }, context: ctx })
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF)
    // a computed indicator is never entered by hand
    const computed = replyOf(await enter(coordinator, id, { indicatorId: String(await indicatorId(region.regionId, 'teachers-per-member')), actual: '5', confirmation: 'Вручную', evidenceUrl: 'https://example.org' }))
    expect([computed.status, computed.code]).toEqual([409, 'INDICATOR_COMPUTED'])
    const audit = await db()<{ action: string }[]>`select action from audit_events where entity = 'indicatorReport' and entity_id = ${id} order by id`
    expect(audit.map((a) => a.action)).toEqual(['CREATE', 'ENTER_VALUE'])
  })

  it('a municipal coordinator sees and edits only their municipality’s values', async () => {
    const { region, coordinator, id } = await setUp()
    const [a, b] = region.municipalities
    const ma = await region.actor('municipalCoordinator', { municipalityId: a.id })
    const mb = await region.actor('municipalCoordinator', { municipalityId: b.id })
    const indicator = String(await indicatorId(region.regionId, 'municipal-model'))
    expect(statusOf((await enter(ma, id, { indicatorId: indicator, municipalityId: String(a.id), actual: '1', confirmation: 'Приказ МОУО № 12' }, PDF)) as Response)).toBe(302)
    // B's line: neither the form nor the write
    expect(statusOf((await get(value.loader, ma, `/reports/${id}/value?indicator=${indicator}&municipality=${b.id}`, { id: String(id) })) as Response)).toBe(404)
    expect(replyOf(await enter(ma, id, { indicatorId: indicator, municipalityId: String(b.id), actual: '1', confirmation: 'Чужой', evidenceUrl: 'https://example.org' })).status).toBe(403)
    // nor a regional value
    expect(replyOf(await enter(ma, id, { indicatorId: String(await indicatorId(region.regionId, 'diagnostics-share')), actual: '50', confirmation: 'Чужой', evidenceUrl: 'https://example.org' })).status).toBe(403)
    const seenBy = async (who: Actor) => ((await get<View>(page.loader, who, `/reports/${id}`, { id: String(id) })) as View).rows
    const rowsA = await seenBy(ma)
    expect(rowsA.every((r) => r.level === 'municipal')).toBe(true)
    expect(rowsA.flatMap((r) => r.municipalities.map((l) => l.municipalityId))).toEqual(rowsA.map(() => a.id))
    const line = rowsA.find((r) => r.code === 'municipal-model')!.municipalities[0]
    expect([line.actual, line.met, line.confirmation]).toEqual([1, true, 'Приказ МОУО № 12'])
    // B sees its own empty line and cannot open A's document
    expect((await seenBy(mb)).find((r) => r.code === 'municipal-model')!.municipalities.map((l) => [l.municipalityId, l.actual])).toEqual([[b.id, null]])
    expect(statusOf((await get(evidence.loader, mb, `/reports/${id}/evidence/${line.valueId}`, { id: String(id), valueId: String(line.valueId) })) as Response)).toBe(404)
    // the region's coordinator sees A's answer among all
    const all = (await seenBy(coordinator)).find((r) => r.code === 'municipal-model')!
    expect(all.municipalities).toHaveLength(region.municipalities.length)
    expect(all.actualText).toBe('в 1 из 1 муниципалитета, представивших сведения (100 %)')
    // another region's coordinator: as if it did not exist
    const stranger = await (await makeRegion('yugra')).actor('regionalCoordinator')
    expect(statusOf((await get(page.loader, stranger, `/reports/${id}`, { id: String(id) })) as Response)).toBe(404)
  })

  it('report:manage — role × action over all 8 roles', async () => {
    const { region, id } = await setUp()
    const indicator = String(await indicatorId(region.regionId, 'diagnostics-share'))
    const municipal = String(await indicatorId(region.regionId, 'municipal-model'))
    const expected: Record<string, [list: number, view: number, create: number, regional: number, municipalValue: number, submit: number]> = {
      applicant: [403, 404, 403, 404, 404, 404],
      municipalCoordinator: [200, 200, 403, 403, 302, 403],
      secretary: [403, 200, 403, 403, 403, 403],
      commissionMember: [403, 200, 403, 403, 403, 403],
      chair: [403, 200, 403, 403, 403, 403],
      ministryOfficer: [403, 404, 403, 404, 404, 404],
      regionalCoordinator: [200, 200, 409, 302, 302, 302],
      admin: [403, 404, 403, 404, 404, 404],
    }
    const code = (r: unknown) => (r instanceof Response ? r.status : 'init' in (r as object) ? statusOf(r as never) : 200)
    const seen: Record<string, number[]> = {}
    // submit last: the report leaves the draft for good after the coordinator's row
    for (const role of Object.keys(expected)) {
      const actor = await region.actor(role as never)
      const { year } = { year: yearOf(new Date(), await zoneOfRegion(region.regionId)) }
      seen[role] = [
        code(await get(list.loader, actor, '/reports')),
        code(await get(page.loader, actor, `/reports/${id}`, { id: String(id) })),
        code(await post(list.action, actor, '/reports', { intent: 'create', year, region: String(region.regionId) })),
        code(await enter(actor, id, { indicatorId: indicator, actual: '12', confirmation: 'Сведения ЦНППМ', evidenceUrl: 'https://example.org/a' })),
        code(await enter(actor, id, { indicatorId: municipal, municipalityId: String(region.municipalities[0].id), actual: '1', confirmation: 'Приказ', evidenceUrl: 'https://example.org/b' })),
        code(await post(page.action, actor, `/reports/${id}`, { intent: 'event', event: 'RECOMPUTE' }, { id: String(id) })),
      ]
    }
    expect(seen).toEqual(expected)
  })

  it('once frozen, a municipal coordinator’s page data still holds only their lines; a municipal commission never reads the report', async () => {
    const { region, coordinator, id } = await setUp()
    const [a, b] = region.municipalities
    await enter(coordinator, id, { indicatorId: String(await indicatorId(region.regionId, 'diagnostics-share')), actual: '12', confirmation: 'Мониторинг ЦНППМ', evidenceUrl: 'https://example.org/m' })
    expect(statusOf(await post(page.action, coordinator, `/reports/${id}`, { intent: 'event', event: 'SUBMIT' }, { id: String(id) }))).toBe(302)
    const ma = await region.actor('municipalCoordinator', { municipalityId: a.id })
    const data = JSON.stringify(await get(page.loader, ma, `/reports/${id}`, { id: String(id) }))
    expect(data).toContain(a.name)
    expect(data).not.toContain(b.name)
    expect(data).not.toContain('Мониторинг ЦНППМ')
    // a member of a municipal selection's commission in the same region: as if the report did not exist
    const [{ id: municipalCommission }] = await db()<{ id: number }[]>`
      insert into commissions (region_id, municipality_id, name) values (${region.regionId}, ${a.id}, 'Муниципальная комиссия') returning id::int`
    const user = await insertUser({ login: `mmember.${id}@test.rma`, passwordHash: 'x', displayName: 'Член муниципальной комиссии' })
    await grantRole(user, { role: 'commissionMember', regionId: region.regionId, commissionId: municipalCommission })
    const outsider: Actor = { userId: user, grants: [{ role: 'commissionMember', regionId: region.regionId, municipalityId: null, commissionId: municipalCommission }] }
    expect(statusOf((await get(page.loader, outsider, `/reports/${id}`, { id: String(id) })) as Response)).toBe(404)
    // the region's own commission reads it
    expect(((await get<View>(page.loader, await region.actor('secretary'), `/reports/${id}`, { id: String(id) })) as View).rows.length).toBeGreaterThan(0)
  })

  it('goes to the commission with its form frozen, can be withdrawn; downloads open and the print page has one h1 and table headers', async () => {
    const { region, coordinator, id } = await setUp('khabarovsk')
    await region.actor('secretary')
    const c = await cookieFor(coordinator)
    const r1 = String(await indicatorId(region.regionId, 'khv-r1-diagnostics'))
    await enter(coordinator, id, { indicatorId: r1, actual: '10,5', confirmation: 'в 2022 – 2023 учебном году – 2036 педагогов – 10,5%', evidenceUrl: 'https://obr-khv.ru/monitoring' })
    // a regional value still missing: named, nothing sent
    const early = replyOf(await post(page.action, coordinator, `/reports/${id}`, { intent: 'event', event: 'SUBMIT' }, { id: String(id) }))
    expect([early.status, early.code]).toEqual([422, 'REPORT_INCOMPLETE'])
    expect(early.message).toBe(
      'Перед направлением комиссии внесите значения региональных показателей: «Доля педагогических работников и управленческих кадров Хабаровского края, для которых были разработаны индивидуальные образовательные маршруты на основе результатов диагностики профессиональных дефицитов в ЦНППМ».',
    )
    const r2 = String(await indicatorId(region.regionId, 'khv-r2-routes'))
    await enter(coordinator, id, { indicatorId: r2, actual: '10', confirmation: '1980 педагогов - более 10%', evidenceUrl: 'https://obr-khv.ru/iom' })
    const sent = await post(page.action, coordinator, `/reports/${id}`, { intent: 'event', event: 'SUBMIT' }, { id: String(id) })
    expect(statusOf(sent)).toBe(302)
    const [row] = await db()<{ state: string; frozen: boolean }[]>`select state, content is not null as frozen from indicator_reports where id = ${id}`
    expect(row).toEqual({ state: 'submitted', frozen: true })
    expect((await db()<{ template: string; role: string }[]>`select template, recipient_role as role from outbox where entity = 'indicatorReport' and entity_id = ${id}`).map((o) => `${o.template}→${o.role}`)).toEqual([
      'reportSubmitted→secretary',
    ])
    // no value can change while the commission has it
    const locked = replyOf(await enter(coordinator, id, { indicatorId: r1, actual: '11', confirmation: 'Позже', evidenceUrl: 'https://example.org' }))
    expect([locked.status, locked.code]).toEqual([409, 'REPORT_LOCKED'])

    const html = await renderRoute(page, `http://localhost/reports/${id}`, { Cookie: c }, '/reports/:id')
    expect(html.match(/<h1[ >]/g)).toHaveLength(1)
    for (const head of ['Наименование показателя', 'Характеристика показателя / минимальное значение в год', 'Фактическое значение', 'Подтверждение показателя']) {
      expect(html).toContain(`<th scope="col">${head}</th>`)
    }
    expect(html).toContain('направлен на утверждение комиссией')
    expect(html.replace(/<[^>]+>/g, ' ')).not.toMatch(/submitted|SUBMIT|khv-|teachersPerMember/)

    const book = new ExcelJS.Workbook()
    const xl = await xlsx.loader({ request: new Request(`http://localhost/reports/${id}.xlsx`, { headers: { Cookie: c } }), params: { id: String(id) }, context: ctx })
    expect(xl.headers.get('Content-Type')).toContain('spreadsheetml')
    await book.xlsx.load(Buffer.from(await xl.arrayBuffer()) as never)
    const regional = book.getWorksheet('Региональные')!
    expect(regional.getCell('B1').value).toBe('Наименование показателя')
    expect(regional.getCell('B2').value).toBe('Доля педагогических работников и управленческих кадров Хабаровского края, прошедших диагностику профессиональных дефицитов в ЦНППМ')
    expect([regional.getCell('C2').value, regional.getCell('D2').value, regional.getCell('E2').value]).toEqual(['10 %', '10,5 %', 'достигнут'])
    expect(regional.getCell('C4').value).toBe('сформирован (не более 100 педагогических работников на одного представителя актива)')
    expect(book.getWorksheet('Муниципальные')!.rowCount).toBe(5)

    const doc = await docx.loader({ request: new Request(`http://localhost/reports/${id}.docx`, { headers: { Cookie: c } }), params: { id: String(id) }, context: ctx })
    const parts = await readDocx(await doc.arrayBuffer())
    expect(parts.paragraphs).toContain('ОТЧЁТ О ДОСТИЖЕНИИ ПОКАЗАТЕЛЕЙ ЗА ' + (await db()<{ year: number }[]>`select year from indicator_reports where id = ${id}`)[0].year + ' ГОД')
    expect(parts.paragraphs).toContain('Выполнение региональных показателей')
    expect(parts.paragraphs).toContain('в 2022 – 2023 учебном году – 2036 педагогов – 10,5%')

    await post(page.action, coordinator, `/reports/${id}`, { intent: 'event', event: 'WITHDRAW' }, { id: String(id) })
    expect((await db()<{ state: string; frozen: boolean }[]>`select state, content is not null as frozen from indicator_reports where id = ${id}`)[0]).toEqual({ state: 'draft', frozen: false })
    // the secretary, asked to put it on an agenda, hears it was taken back
    const [withdrawn] = await db()<{ id: number; role: string }[]>`
      select id::int, recipient_role as role from outbox where entity = 'indicatorReport' and entity_id = ${id} and template = 'reportWithdrawn'`
    expect(withdrawn.role).toBe('secretary')
    const [letter] = await deliverBySmtp([withdrawn.id])
    expect(letter).toContain('Региональный координатор отозвал отчёт о достижении показателей (Хабаровский край) с утверждения комиссией')
    expect(letter).toContain(`http://rma.test/reports/${id}`)
    expect(letter).not.toMatch(/WITHDRAW|submitted|draft/)
  })

  it('before it is sent, the page names the municipalities that have not entered their values (it may still be sent)', async () => {
    const { region, coordinator, id } = await setUp('khabarovsk')
    await region.actor('secretary')
    const [a, ...rest] = region.municipalities
    const entered = await db()<{ id: number }[]>`select id::int from indicators where region_id = ${region.regionId} and level = 'municipal' and computation is null order by id`
    expect(entered.length).toBeGreaterThan(1)
    for (const i of entered) {
      const res = await enter(coordinator, id, { indicatorId: String(i.id), municipalityId: String(a.id), actual: '1', confirmation: 'Приказ МОУО', evidenceUrl: 'https://example.org/prikaz' })
      expect(statusOf(res as Response)).toBe(302)
    }
    // one indicator of the second municipality is not enough: it is still named
    await enter(coordinator, id, { indicatorId: String(entered[0].id), municipalityId: String(rest[0].id), actual: '1', confirmation: 'Приказ', evidenceUrl: 'https://example.org/p' })
    const words = async () => (await renderRoute(page, `http://localhost/reports/${id}`, { Cookie: await cookieFor(coordinator) }, '/reports/:id')).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
    const total = region.municipalities.length
    expect(await words()).toContain(`Не внесли данные: ${rest.length} из ${total} муниципалитетов — ${rest.map((m) => m.name).join(', ')}.`)
    // a municipal coordinator cannot send it, so is not told
    const municipalActor = await region.actor('municipalCoordinator', { municipalityId: rest[0].id })
    const municipal = (await get<View>(page.loader, municipalActor, `/reports/${id}`, { id: String(id) })) as View
    expect(municipal.unanswered).toBeNull()
    // each value's cell: its evidence, and the link to enter or change it only where the reader may
    const links = (html: string) => [...html.matchAll(/aria-label="((?:Внести значение|Изменить): [^"]+)"/g)].map((m) => m[1])
    const regionWide = links(await renderRoute(page, `http://localhost/reports/${id}`, { Cookie: await cookieFor(coordinator) }, '/reports/:id'))
    const r1Title = (await db()<{ title: string }[]>`select title from indicators where id = ${await indicatorId(region.regionId, 'khv-r1-diagnostics')}`)[0].title
    expect(regionWide).toContain(`Внести значение: ${r1Title}`)
    expect(regionWide).toContain(`Изменить: ${a.name}`)
    expect(regionWide).toContain(`Внести значение: ${rest[1].name}`)
    const own = links(await renderRoute(page, `http://localhost/reports/${id}`, { Cookie: await cookieFor(municipalActor) }, '/reports/:id'))
    expect(new Set(own)).toEqual(new Set([`Изменить: ${rest[0].name}`, `Внести значение: ${rest[0].name}`]))
    // once sent (the regional values are the region's to enter first), the warning is gone
    for (const code of ['khv-r1-diagnostics', 'khv-r2-routes']) {
      await enter(coordinator, id, { indicatorId: String(await indicatorId(region.regionId, code)), actual: '10', confirmation: 'Мониторинг', evidenceUrl: 'https://example.org/m' })
    }
    expect(statusOf(await post(page.action, coordinator, `/reports/${id}`, { intent: 'event', event: 'SUBMIT' }, { id: String(id) }))).toBe(302)
    expect(await words()).not.toContain('Не внесли данные')
  })

  it('indicators are region data: the coordinator edits one (it stops being a template), a municipal coordinator cannot', async () => {
    const region = await makeRegion('tomsk')
    const coordinator = await region.actor('regionalCoordinator')
    const listed = (await get<{ indicators: { id: number; code: string; template: boolean }[] }>(indicatorList.loader, coordinator, '/reports/indicators')) as { indicators: { id: number; code: string; template: boolean }[] }
    expect(listed.indicators.every((i) => i.template)).toBe(true)
    const id = listed.indicators.find((i) => i.code === 'diagnostics-share')!.id
    const form = { intent: 'indicator', indicatorId: id, title: 'Доля педагогов, прошедших диагностику дефицитов', unit: '%', comparison: 'atLeast', minimum: '12,5', minimumText: 'не менее 12,5 %', source: 'Распоряжение Департамента № 1' }
    const municipal = await region.actor('municipalCoordinator')
    expect(statusOf(await post(indicatorEdit.action, municipal, `/reports/indicators/${id}`, form, { indicatorId: String(id) }))).toBe(404)
    expect(statusOf(await get(indicatorList.loader, municipal, '/reports/indicators'))).toBe(403)
    expect(statusOf(await post(indicatorEdit.action, coordinator, `/reports/indicators/${id}`, form, { indicatorId: String(id) }))).toBe(302)
    const [row] = await db()<{ minimum: number; template: boolean; source: string }[]>`select minimum::float8 as minimum, template, source from indicators where id = ${id}`
    expect(row).toEqual({ minimum: 12.5, template: false, source: 'Распоряжение Департамента № 1' })
  })

  it('the demo step makes the year’s draft report once, computed, with one entered value', async () => {
    const region = await makeRegion('tomsk')
    const login = `coordinator.${Date.now()}.${Math.random().toString(36).slice(2)}@test.rma`
    const userId = await insertUser({ login, passwordHash: 'x', displayName: 'Координатор' })
    await grantRole(userId, { role: 'regionalCoordinator', regionId: region.regionId })
    await seedDemoReport(db(), region.regionId, login)
    await seedDemoReport(db(), region.regionId, login)
    const reports = await db()<{ id: number; state: string; year: number }[]>`select id::int, state, year from indicator_reports where region_id = ${region.regionId}`
    expect(reports.map((r) => [r.state, r.year])).toEqual([['draft', yearOf(new Date(), await zoneOfRegion(region.regionId))]])
    const values = await db()<{ computed: boolean; confirmation: string }[]>`select computed, confirmation from indicator_values where report_id = ${reports[0].id}`
    expect(values.filter((v) => !v.computed).map((v) => v.confirmation)).toEqual([expect.stringMatching(/^Мониторинг ЦНППМ ТОИПКРО/)])
    expect(values.filter((v) => v.computed).length).toBeGreaterThan(6)
  })
})
