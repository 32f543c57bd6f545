import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { evaluate, type Facts } from '~/model/eligibility'
import type { ReportTable } from '~/model/statistics'
import * as publicRoute from '../app/routes/regions.$code_.statistics'
import * as staffRoute from '../app/routes/statistics/route'
import { loader as docxLoader } from '../app/routes/statistics[.]docx'
import { loader as xlsxLoader } from '../app/routes/statistics[.]xlsx'
import { db } from '../db/client.server'
import { insertCampaign } from '../db/queries/campaigns.server'
import { initialRow } from '../workflows/snapshot'
import { preset } from '../db/presets'
import { strongFacts } from './fixtures'
import { renderRoute } from './render'
import { candidate, cookieFor, get, type Region } from './staff-helpers'
import { makeRegion } from './fixtures'
import { mm } from '~/exports/docx/layout.server'
import { pageSetup, readDocx } from './support/docx'

// The region's statistics (issue 12 §3): the staff page, its downloads and
// the public page of counts, against a region whose numbers are known.

type Page = Awaited<ReturnType<typeof staffRoute.loader>>

let region: Region
let other: Region
const rules = preset('khabarovsk').ruleSet

const rowsOf = (tables: ReportTable[], id: string) => tables.find((t) => t.id === id)!.rows

/** A member of the region in a municipality, with subjects, a term and a state; an application with a category when given. */
/** The campaign that admitted the members: not the one whose funnel is tested. */
let earlier: number

async function member(r: Region, o: { municipality: number; lastName: string; subjects: string[]; termEndsOn: string; state?: string; category?: string }) {
  const sql = db()
  const [p] = await sql<{ id: number }[]>`
    insert into people (region_id, municipality_id, last_name, first_name, subjects)
    values (${r.regionId}, ${r.municipalities[o.municipality].id}, ${o.lastName}, 'Анна', ${o.subjects}) returning id::int`
  let applicationId: number | null = null
  if (o.category) {
    const facts = { ...strongFacts(), qualificationCategory: { value: o.category, verified: true, source: 'self' } }
    const [a] = await sql<{ id: number }[]>`
      insert into applications (campaign_id, region_id, person_id, source, facts, snapshot, state, machine_version)
      select ${earlier}, ${r.regionId}, ${p.id}, 'registry', ${sql.json(facts as never)}, snapshot, 'published', machine_version
      from campaigns where id = ${r.campaignId} returning id::int`
    applicationId = a.id
  }
  await sql`
    insert into members (region_id, roster_id, person_id, application_id, subjects, term_ends_on, public, snapshot, state, machine_version)
    values (${r.regionId}, ${r.rosterId}, ${p.id}, ${applicationId}, ${o.subjects}, ${o.termEndsOn}, true, '{}', ${o.state ?? 'active'}, 'test')`
}

const toIneligible = [
  { type: 'SUBMIT' },
  { type: 'START_SCREENING', eligibility: 'fail', failedRules: ['experience'] },
  { type: 'MARK_INELIGIBLE', reasons: ['Стаж'] },
]
const reviewed = [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }]

async function applicant(r: Region, name: string, events: { type: string; [k: string]: unknown }[], submittedAt: string | null, facts?: Facts) {
  const { id } = await candidate(r, name, events)
  const sql = db()
  await sql`update applications set submitted_at = ${submittedAt} where id = ${id}`
  if (facts) await sql`update applications set eligibility = ${sql.json(evaluate(facts, rules) as never)} where id = ${id}`
  return id
}

beforeAll(async () => {
  region = await makeRegion('khabarovsk')
  other = await makeRegion('khabarovsk')
  earlier = await insertCampaign({
    initial: initialRow('campaign'),
    regionId: region.regionId,
    rosterId: region.rosterId,
    commissionId: region.commissionId,
    ruleSetId: region.ruleSetId,
    title: 'Прошлый отбор',
    opensOn: null,
    closesOn: null,
  })
  await member(region, { municipality: 0, lastName: 'Первая', subjects: ['Математика', 'Физика'], termEndsOn: '2028-09-12', category: 'highest' })
  await member(region, { municipality: 0, lastName: 'Вторая', subjects: ['Математика'], termEndsOn: '2028-09-12', category: 'first' })
  await member(region, { municipality: 0, lastName: 'Третья', subjects: [], termEndsOn: '2029-01-10' })
  await member(region, { municipality: 1, lastName: 'Четвёртая', subjects: ['Химия'], termEndsOn: '2029-01-10' })
  // not counted: suspended
  await member(region, { municipality: 1, lastName: 'Приостановлена', subjects: ['Химия'], termEndsOn: '2029-01-10', state: 'suspended' })
  await member(other, { municipality: 0, lastName: 'Чужая', subjects: ['Химия'], termEndsOn: '2030-01-10' })

  const weak = (over: Partial<Facts>): Facts => ({ ...strongFacts(), ...over })
  // Monday 05.10.2026 in Vladivostok (UTC+10), still Sunday in UTC: the region's week counts.
  await applicant(region, 'Стажёва', toIneligible, '2026-10-04T20:00:00Z', weak({ experienceYears: { value: 3, verified: true, source: 'self' } }))
  await applicant(region, 'Обеих', toIneligible, '2026-10-06T10:00:00Z',
    weak({ experienceYears: { value: 2, verified: true, source: 'self' }, contestWinner: { value: false, verified: true, source: 'self' } }))
  await applicant(region, 'Рассмотренная', reviewed, '2026-10-20T10:00:00Z')
  await applicant(region, 'Рекомендованная', [...reviewed, { type: 'RECOMMEND' }], '2026-10-20T11:00:00Z')
  await applicant(region, 'Согласованная', [...reviewed, { type: 'RECOMMEND' }, { type: 'SEND_TO_MINISTRY' }, { type: 'APPROVE' }], '2026-10-21T11:00:00Z')
  await applicant(region, 'Черновикова', [], null)
})

describe('/statistics for the region’s staff', () => {
  it('counts the region’s active members by municipality, subject, category, level and term year', async () => {
    const d = (await get<Page>(staffRoute.loader, await region.actor('regionalCoordinator'), '/statistics')) as Page
    expect(d.region.id).toBe(region.regionId)
    const [m0, m1] = region.municipalities
    expect(rowsOf(d.members, 'municipality')).toEqual([[m0.name, 3], [m1.name, 1]])
    expect(rowsOf(d.members, 'subject')).toEqual([['Математика', 2], ['Физика', 1], ['Химия', 1], ['предмет не указан', 1]])
    expect(rowsOf(d.members, 'qualification')).toEqual([['высшая', 1], ['первая', 1], ['нет сведений', 2]])
    expect(rowsOf(d.members, 'level')).toEqual([['региональный', 4]])
    expect(rowsOf(d.members, 'term')).toEqual([['2028', 2], ['2029', 2]])
    // coverage against the region's indicator, with the total
    const cov = d.coverage
    expect(cov.rows.find((r) => r[0] === m0.name)!.slice(2, 3)).toEqual([3])
    expect(cov.total![0]).toBe('Всего по региону')
    expect(cov.total![2]).toBe(4)
    expect(cov.note).toContain('не более 100')
  })

  it('gives the chosen campaign’s funnel, the refusals by rule with their clause, and submissions per week in the region’s zone', async () => {
    const d = (await get<Page>(staffRoute.loader, await region.actor('ministryOfficer'), `/statistics?campaign=${region.campaignId}`)) as Page
    expect(d.campaign?.id).toBe(region.campaignId)
    expect(rowsOf(d.selection, 'funnel').map((r) => r[1])).toEqual([5, 3, 2, 1])
    const refusals = rowsOf(d.selection, 'refusals')
    const experience = rules.required.find((r) => r.id === 'experience')!
    const group = rules.groups[0]
    expect(refusals).toEqual([
      [experience.label, experience.clause, 2],
      [group.label, group.clause, 1],
    ])
    expect(rowsOf(d.selection, 'weeks')).toEqual([['с 05.10.2026', 2], ['с 12.10.2026', 0], ['с 19.10.2026', 3]])
  })

  it('renders every chart as a titled image beside its table', async () => {
    const html = await renderRoute(staffRoute, `http://localhost/statistics?region=${region.regionId}`, { Cookie: await cookieFor(await region.actor('regionalCoordinator')) })
    const charts = html.match(/<svg[^>]*role="img"[^>]*>/g) ?? []
    expect(charts.length).toBe(11)
    for (const id of ['municipality', 'funnel', 'refusals', 'weeks', 'coverage']) {
      expect(html).toContain(`aria-labelledby="${id}-chart-title ${id}-chart-desc"`)
      expect(html).toContain(`<title id="${id}-chart-title">`)
    }
    // the latest campaign is the default, and the downloads keep it
    expect(html).toContain(`href="/statistics.xlsx?region=${region.regionId}&amp;campaign=${earlier}"`)
    expect(html).toContain(`href="/regions/${region.code}/statistics"`)
  })

  it('the administrator picks any region by code; a campaign of another region is not found', async () => {
    const admin = await region.actor('admin')
    const d = (await get<Page>(staffRoute.loader, admin, `/statistics?region=${region.code}`)) as Page
    expect(d.region.id).toBe(region.regionId)
    expect(d.choices.length).toBeGreaterThan(1)
    const coordinator = await region.actor('regionalCoordinator')
    const foreign = await get(staffRoute.loader, coordinator, `/statistics?campaign=${other.campaignId}`)
    expect((foreign as Response).status).toBe(404)
    // malformed or unknown choices are not found either
    for (const path of ['/statistics?campaign=abc', '/statistics?campaign=0', '/statistics?region=no-such-region']) {
      expect(((await get(staffRoute.loader, coordinator, path)) as Response).status, path).toBe(404)
    }
  })

  it('refuses an applicant, a municipal coordinator and the staff of another region, and a visitor is sent to sign in', async () => {
    for (const who of [await region.actor('applicant'), await region.actor('municipalCoordinator'), await region.actor('secretary')]) {
      for (const loader of [staffRoute.loader, xlsxLoader, docxLoader]) expect((await get(loader, who, '/statistics')) as Response).toMatchObject({ status: 403 })
    }
    const stranger = await other.actor('regionalCoordinator')
    for (const loader of [staffRoute.loader, xlsxLoader, docxLoader]) {
      expect(((await get(loader, stranger, `/statistics?region=${region.regionId}`)) as Response).status).toBe(403)
    }
    const visitor = await staffRoute.loader({ request: new Request('http://localhost/statistics'), params: {}, context: {} } as never).catch((e: Response) => e)
    expect((visitor as Response).status).toBe(302)
  })
})

describe('the report downloads', () => {
  it('.xlsx: one sheet per table, each with its header row', async () => {
    const res = (await xlsxLoader({ request: new Request(`http://localhost/statistics.xlsx?region=${region.regionId}&campaign=${region.campaignId}`, { headers: { Cookie: await cookieFor(await region.actor('regionalCoordinator')) } }), params: {}, context: {} } as never)) as Response
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Муниципалитеты', 'Предметы', 'Направления', 'Группы', 'Категории', 'Уровень', 'Окончание срока', 'Обеспеченность', 'Этапы отбора', 'Основания отказа', 'Заявления по неделям',
    ])
    const header = (name: string) => (wb.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1)
    expect(header('Муниципалитеты')).toEqual(['Муниципалитет', 'Членов актива'])
    expect(header('Основания отказа')).toEqual(['Правило', 'Пункт положения', 'Заявлений'])
    expect(header('Обеспеченность')).toEqual(['Муниципалитет', 'Педагогов', 'Членов актива', 'Педагогов на одного члена актива', 'Соответствие показателю'])
    const funnel = wb.getWorksheet('Этапы отбора')!
    expect([2, 3, 4, 5].map((r) => funnel.getRow(r).getCell(2).value)).toEqual([5, 3, 2, 1])
  })

  it('.docx opens, in the house layout, with every table', async () => {
    const res = (await docxLoader({ request: new Request(`http://localhost/statistics.docx?region=${region.regionId}`, { headers: { Cookie: await cookieFor(await region.actor('ministryOfficer')) } }), params: {}, context: {} } as never)) as Response
    expect(res.status).toBe(200)
    const doc = await readDocx(new Uint8Array(await res.arrayBuffer()))
    expect(doc.styles).toContain('Times New Roman')
    // A4, margins 30/10/20/20 mm (layout.server.ts)
    expect(pageSetup(doc.xml).size).toMatchObject({ w: '11906', h: '16838' })
    expect(pageSetup(doc.xml).margins).toMatchObject({ left: String(mm(30)), right: String(mm(10)), top: String(mm(20)), bottom: String(mm(20)) })
    expect(doc.paragraphs).toContain('СТАТИСТИКА')
    for (const title of ['Члены актива по муниципалитетам', 'Этапы отбора', 'Основания отказа по правилам', 'Поданные заявления по неделям']) expect(doc.paragraphs).toContain(title)
    expect(doc.paragraphs).toContain('Всего по региону')
  })
})

describe('/regions/<code>/statistics for everyone', () => {
  it('shows the counts and no person', async () => {
    const html = await renderRoute(publicRoute, `http://localhost/regions/${region.code}/statistics`, {}, '/regions/:code/statistics')
    expect(html).toContain(region.municipalities[0].name)
    expect(html).toMatch(/<th scope="row">Математика<\/th><td[^>]*>2<\/td>/)
    expect(html).toContain('role="img"')
    for (const name of ['Первая', 'Вторая', 'Третья', 'Четвёртая', 'Стажёва', 'Согласованная', 'Анна']) expect(html).not.toContain(name)
    // nothing from the applications: neither the category nor the selection
    expect(html).not.toContain('квалификационн')
    expect(html).not.toContain('Этапы отбора')
  })

  it('is a 404 for an unknown region', async () => {
    const res = await publicRoute.loader({ request: new Request('http://localhost/regions/none/statistics'), params: { code: 'no-such' }, context: {} } as never).catch((e: Response) => e)
    expect((res as Response).status).toBe(404)
  })
})
