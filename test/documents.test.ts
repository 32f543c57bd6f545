import { describe, expect, it } from 'vitest'
import { decideApplications } from '../app/domain/ministry.server'
import { publishApproved } from '../app/domain/publish.server'
import type { ProtocolContent } from '~/model/protocol'
import { db } from '../db/client.server'
import { loader as protocolDocx } from '../app/routes/protocols.$id[.]docx'
import { loader as orderDocx } from '../app/routes/orders.$id[.]docx'
import { loader as appendixDocx } from '../app/routes/orders.$id.appendix[.]docx'
import { loader as certificateDocx } from '../app/routes/members.$id.certificate[.]docx'
import { loader as myCertificateDocx } from '../app/routes/my.certificate[.]docx'
import { makeRegion } from './fixtures'
import { campaignToMinistry, candidate, forceCampaignState, get, orderNo, type Region } from './staff-helpers'
import { pageSetup, readDocx } from './support/docx'
import { renderRoute } from './render'
import * as dashboardRoute from '../app/routes/dashboard'
import * as memberRoute from '../app/routes/members.$id/route'
import { cookieFor, routeContext } from './support/session'

// The Word downloads: content type, a Russian file name, the document's
// content, and who may download them.

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
type Loader = Parameters<typeof get>[0]

async function fetchDocx(loader: Loader, actor: Parameters<typeof get>[1], path: string, params: Record<string, string> = {}) {
  const res = (await get(loader, actor, path, params)) as Response
  return res
}

async function paragraphsOf(res: Response) {
  expect(res.status).toBe(200)
  expect(res.headers.get('Content-Type')).toBe(DOCX)
  return readDocx(await res.arrayBuffer())
}

const anonymous = (loader: Loader, path: string, params: Record<string, string> = {}) =>
  (loader({ request: new Request(`http://localhost${path}`), params, context: routeContext() }) as Promise<Response>).catch((e) => e as Response)

async function composition(region: Region) {
  const b = await candidate(region, 'Яковлева')
  const a = await candidate(region, 'Антонова')
  const [direction] = await db()<{ id: number; name: string }[]>`select id::int, name from directions where region_id = ${region.regionId} order by position, id limit 1`
  const [group] = await db()<{ id: number; name: string }[]>`select id::int, name from roster_groups where direction_id = ${direction.id} order by position, id limit 1`
  await db()`update applications set direction_id = ${direction.id}, group_id = ${group.id} where id = ${a.id}`
  await forceCampaignState(region.campaignId, campaignToMinistry)
  const officer = await region.actor('ministryOfficer')
  const number = orderNo()
  const r = await decideApplications(officer, region.regionId, { intent: 'approve', ids: [a.id, b.id], orderNumber: number, orderDate: '2025-05-20', orderTitle: 'Об утверждении состава РМА' })
  return { a, b, officer, number, orderId: String(r.orderId), direction, group }
}

describe('the order and its appendix as .docx', () => {
  it('list the approved people with direction and group, for staff of the order’s region only', async () => {
    const region = await makeRegion()
    const { officer, number, orderId, direction, group } = await composition(region)

    const order = await fetchDocx(orderDocx, officer, `/orders/${orderId}.docx`, { id: orderId })
    expect(order.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`Проект приказа № ${number} от 20.05.2025.docx`)}`)
    expect(order.headers.get('Cache-Control')).toBe('private, no-store')
    const o = await paragraphsOf(order)
    expect(o.paragraphs).toContain('ПРИКАЗ')
    expect(o.paragraphs).toContain(`20.05.2025\t№\u00A0${number}`)
    expect(o.paragraphs).toContain('Об утверждении состава РМА')
    expect(o.paragraphs.some((p) => p.startsWith('2. Установить срок полномочий') && p.endsWith('до 20.05.2028.'))).toBe(true)
    // the appendix is a landscape section of its own, from a new page
    expect(o.xml.match(/<w:sectPr/g)).toHaveLength(2)
    expect(o.xml).toMatch(/<w:pgSz [^>]*w:orient="landscape"/)
    expect(o.paragraphs).toContain(`от 20.05.2025 №\u00A0${number}`)
    const names = o.paragraphs.filter((p) => p.endsWith('Анна Петровна'))
    expect(names).toEqual(['Антонова Анна Петровна', 'Яковлева Анна Петровна'])
    expect(o.paragraphs).toContain('Направление, группа')
    expect(o.paragraphs).toContain(`${direction.name}, ${group.name}`)
    expect(o.xml).not.toContain('+7 900')

    const appendix = await fetchDocx(appendixDocx, officer, `/orders/${orderId}/appendix.docx`, { id: orderId })
    const ap = await paragraphsOf(appendix)
    expect(ap.paragraphs.slice(0, 3)).toEqual(['Приложение', expect.stringMatching(/^к приказу/), `от 20.05.2025 №\u00A0${number}`])
    expect(ap.paragraphs.filter((p) => p.endsWith('Анна Петровна'))).toEqual(['Антонова Анна Петровна', 'Яковлева Анна Петровна'])
    expect(ap.paragraphs).toContain('Всего: 2')
    expect(ap.paragraphs).not.toContain('ПРИКАЗ')
    // the table in 12 pt on a landscape page (its columns sized to their longest words: app/exports/docx/layout.server.ts)
    expect(ap.xml).toMatch(/<w:tc>[\s\S]*?<w:sz w:val="24"\/>/)
    expect(pageSetup(ap.xml).margins).toMatchObject({ left: '1701', right: '567', top: '1134', bottom: '1134' })
    expect(pageSetup(ap.xml).size).toMatchObject({ w: '16838', h: '11906', orient: 'landscape' })

    const strangers = [await (await makeRegion()).actor('ministryOfficer'), await region.actor('applicant'), await region.actor('secretary')]
    for (const s of strangers) {
      expect((await fetchDocx(orderDocx, s, `/orders/${orderId}.docx`, { id: orderId })).status).toBe(404)
      expect((await fetchDocx(appendixDocx, s, `/orders/${orderId}/appendix.docx`, { id: orderId })).status).toBe(404)
    }
    const anon = await anonymous(orderDocx, `/orders/${orderId}.docx`, { id: orderId })
    expect([302, 303]).toContain(anon.status)
    expect(anon.headers.get('Location')).toMatch(/^\/login/)
  })
})

describe('the draft of a change order', () => {
  it('lists the members the order excluded, not an empty appendix of approved candidates', async () => {
    const region = await makeRegion()
    const { a } = await composition(region)
    const coordinator = await region.actor('regionalCoordinator')
    await publishApproved(coordinator, region.campaignId)
    const [{ id: orderId }] = await db()<{ id: number }[]>`
      insert into orders (region_id, number, date, title, kind) values (${region.regionId}, ${orderNo()}, '2026-10-05', 'О внесении изменений в состав РМА', 'change') returning id::int`
    await db()`update members set state = 'excluded', changed_order_id = ${orderId}, change_ground = 'ownRequest' where application_id = ${a.id}`
    const o = await paragraphsOf(await fetchDocx(orderDocx, coordinator, `/orders/${orderId}.docx`, { id: String(orderId) }))
    const text = o.paragraphs.join('\n')
    expect(text).toMatch(/1\. Исключить из состава регионального методического актива:\n– Антонова Анна Петровна, учитель[^\n]*\(основание: по собственному желанию\)\./)
    expect(text).not.toMatch(/Утвердить состав|нет согласованных кандидатов/)
  })
})

describe('the certificate of membership', () => {
  it('names the order, the term and the direction; the member and the region’s staff may download it, nobody else', async () => {
    const region = await makeRegion()
    const { a, b, number, direction, group } = await composition(region)
    const coordinator = await region.actor('regionalCoordinator')
    await publishApproved(coordinator, region.campaignId)
    const [{ id }] = await db()<{ id: number }[]>`select id::int from members where application_id = ${a.id}`
    const memberId = String(id)
    const path = `/members/${memberId}/certificate.docx`

    const own = await fetchDocx(certificateDocx, a.applicant, path, { id: memberId })
    expect(own.headers.get('Content-Disposition')).toContain(encodeURIComponent('Справка о включении в РМА — Антонова Анна Петровна.docx'))
    const c = await paragraphsOf(own)
    const body = c.paragraphs.find((p) => p.startsWith('Настоящая справка подтверждает'))!
    expect(body).toContain('Антонова Анна Петровна (учитель, ')
    expect(body).toContain('Антонова Анна Петровна (учитель, ')
    expect(body).toMatch(new RegExp(`включена в состав регионального методического актива \\(.+\\) приказом .+ от 20\\.05\\.2025 №\u00A0${number} «Об утверждении состава РМА»`))
    expect(body).toContain(`по направлению «${direction.name}», группа «${group.name}»`)
    expect(c.paragraphs).toContain('Срок полномочий члена регионального методического актива: до 20.05.2028.')
    expect(c.paragraphs.some((p) => /^По состоянию на \d+\u00A0\S+\u00A0\d{4}\u00A0года членство действует\.$/.test(p))).toBe(true)
    expect(c.xml).not.toContain('+7 900')

    // both pages lead to the download: the member's dashboard (their term) and the member's page for staff
    const dashboard = await renderRoute(dashboardRoute, 'http://localhost/dashboard', { Cookie: await cookieFor(a.applicant) })
    expect(dashboard).toContain('href="/my/certificate.docx"')
    const memberPage = await renderRoute(memberRoute, `http://localhost${path.replace('/certificate.docx', '')}`, { Cookie: await cookieFor(coordinator) }, '/members/:id')
    expect(memberPage).toContain(`href="${path}"`)
    // the member's own link finds the same certificate
    const mine = await paragraphsOf(await fetchDocx(myCertificateDocx, a.applicant, '/my/certificate.docx'))
    expect(mine.paragraphs.find((p) => p.startsWith('Настоящая справка'))).toBe(body)

    // staff of the region: the coordinator and the ministry
    expect((await fetchDocx(certificateDocx, coordinator, path, { id: memberId })).status).toBe(200)
    expect((await fetchDocx(certificateDocx, await region.actor('ministryOfficer'), path, { id: memberId })).status).toBe(200)
    // another member, an applicant who is no member, a secretary, another region's coordinator: refused
    const refused = [b.applicant, await region.actor('applicant'), await region.actor('secretary'), await (await makeRegion()).actor('regionalCoordinator')]
    for (const s of refused) expect((await fetchDocx(certificateDocx, s, path, { id: memberId })).status).toBe(404)
    const none = await fetchDocx(myCertificateDocx, await region.actor('applicant'), '/my/certificate.docx')
    expect(none.status).toBe(404)
    expect(await none.text()).toContain('не состоите в региональном методическом активе')
    const anon = await anonymous(certificateDocx, path, { id: memberId })
    expect(anon.headers.get('Location')).toMatch(/^\/login/)
  })
})

describe('the protocol as .docx', () => {
  it('is the issued protocol, for those who may read it', async () => {
    const region = await makeRegion()
    const secretary = await region.actor('secretary')
    const [{ id: meetingId }] = await db()<{ id: number }[]>`
      insert into meetings (commission_id, held_at, place, status) values (${region.commissionId}, '2026-06-10T08:30:00Z', 'г. Томск', 'closed') returning id::int`
    const content: ProtocolContent = {
      number: 3, year: 2026, commissionName: 'Комиссия по отбору', regionName: 'Томская область', heldAt: '2026-06-10T08:30:00.000Z',
      dateText: '10 июня 2026 года', timeText: '15.30', zoneText: 'местное время, UTC+7', place: 'г. Томск',
      chair: { name: 'Замятина Оксана Михайловна', position: null }, secretary: { name: 'Иванова Ольга Георгиевна', position: null },
      present: [{ name: 'Замятина Оксана Михайловна', position: null }, { name: 'Иванова Ольга Георгиевна', position: null }],
      absent: [{ name: 'Беляева Татьяна Алексеевна', position: null }],
      quorum: { members: 3, present: 2, required: 2, reached: true }, agendaText: '',
      items: [{ position: 1, applicationId: 1, fullName: 'Петрова Анна Сергеевна', organisationName: null, personPosition: 'учитель', heard: 'Сведения о кандидате.',
        decided: 'Рекомендовать к включению в состав методического актива: Петрова Анна Сергеевна.', decision: 'recommended', votes: { for: 2, against: 0, abstain: 1 }, recused: [] }],
    }
    const [{ id }] = await db()<{ id: number }[]>`
      insert into protocols (meeting_id, commission_id, year, number, content) values (${meetingId}, ${region.commissionId}, 2026, 3, ${db().json(content as never)}) returning id::int`
    const protocolId = String(id)
    const path = `/protocols/${protocolId}.docx`
    const res = await fetchDocx(protocolDocx, secretary, path, { id: protocolId })
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="________ _ 3 __ 10 ____ 2026.docx"; filename*=UTF-8''${encodeURIComponent('Протокол № 3 от 10 июня 2026.docx').replace(/'/g, '%27')}`,
    )
    const p = await paragraphsOf(res)
    expect(p.paragraphs).toContain('ПРИСУТСТВОВАЛИ: 2\u00A0человека: Замятина Оксана Михайловна, Иванова Ольга Георгиевна.')
    expect(p.paragraphs).toContain('ОТСУТСТВОВАЛИ: 1\u00A0человек: Беляева Татьяна Алексеевна.')
    expect(p.paragraphs).toContain('Голосовали: «за» – 2\u00A0чел.; «против» – 0\u00A0чел.; «воздержались» – 1\u00A0чел.')

    expect((await fetchDocx(protocolDocx, await region.actor('chair'), path, { id: protocolId })).status).toBe(200)
    expect((await fetchDocx(protocolDocx, await region.actor('applicant'), path, { id: protocolId })).status).toBe(404)
    expect((await fetchDocx(protocolDocx, await (await makeRegion()).actor('secretary'), path, { id: protocolId })).status).toBe(404)
    expect((await anonymous(protocolDocx, path, { id: protocolId })).headers.get('Location')).toMatch(/^\/login/)
  })
})
