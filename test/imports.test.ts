import { describe, expect, it } from 'vitest'
import type { Actor } from '~/model/permissions'
import { createApplication } from '../app/domain/applications.server'
import { csvFile, xlsxFile } from '../app/imports/testing'
import { action as importsAction, loader as importsLoader } from '../app/routes/imports/route'
import { loader as templateLoader } from '../app/routes/imports.template.$kind'
import { loader as exportLoader } from '../app/routes/exports.$kind[.]csv'
import { db } from '../db/client.server'
import { rowAfter } from '../workflows/snapshot'
import { forceApplicationState, makeRegion, strongFacts } from './fixtures'
import { cookieFor, routeContext } from './support/session'
import { flashOf, forceCampaignState } from './staff-helpers'
import { municipalSelection } from './municipal-support'
import { insertCampaign } from '../db/queries/campaigns.server'
import { initialRow } from '../workflows/snapshot'
import { replyOf } from './support/form'

// The upload page, the template downloads and the staff exports, called the
// way Remix calls them: a Request in, a Response (or data) out.

type Region = Awaited<ReturnType<typeof makeRegion>>
const ctx = routeContext()
const cookieOf = cookieFor

type ActionResult = {
  data: {
    preview?: {
      uploadId: number
      sha256: string
      errorsTotal: number
      warningsTotal: number
      report: {
        rows: number
        valid: number
        errors: { row: number; column: string; message: string }[]
        warnings: { row: number; code: string; message: string }[]
        eligibility: Record<string, number> | null
        municipality: string | null
        counts: Record<string, number>
      }
    }
  }
  init: { status?: number } | null
}

async function post(cookie: string, body: FormData | URLSearchParams): Promise<ActionResult | Response> {
  const request = new Request('http://localhost/imports', { method: 'POST', headers: { Cookie: cookie }, body })
  return (await importsAction({ request, params: {}, context: ctx }).catch((e) => e)) as ActionResult | Response
}

function upload(kind: string, campaignId: number, file: Buffer, name = 'представление.csv', municipalityId = '') {
  const form = new FormData()
  form.set('kind', kind)
  form.set('campaignId', String(campaignId))
  form.set('municipalityId', municipalityId)
  form.set('file', new File([new Uint8Array(file)], name, { type: 'text/csv' }))
  return form
}

const HEADER = ['Муниципалитет', 'ФИО', 'Электронная почта', 'Место работы', 'Должность', 'Стаж']
const person = (region: Region, m: number, name: string, email: string) => [region.municipalities[m].name, name, `${email}.${region.code}@school.test`, 'МАОУ СОШ № 5', 'учитель', '12,5']

async function campaignApps(region: Region) {
  const [{ n }] = await db()`select count(*)::int as n from applications where campaign_id = ${region.campaignId}`
  return n as number
}

describe('/imports', () => {
  it('is for coordinators only', async () => {
    const region = await makeRegion()
    const res = await importsLoader({ request: new Request('http://localhost/imports', { headers: { Cookie: await cookieOf(await region.actor('applicant')) } }), params: {}, context: ctx }).catch((e) => e)
    expect(res).toBeInstanceOf(Response)
    expect(res.status).toBe(403)
  })

  it('previews, then imports on confirmation: the file waits in the database, not in the server', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const cookie = await cookieOf(coordinator)
    const page = await importsLoader({ request: new Request('http://localhost/imports', { headers: { Cookie: cookie } }), params: {}, context: ctx })
    expect(page.kinds.map((k) => k.kind)).toEqual(['nominations', 'registry', 'qualification'])
    expect(page.scopes[0].campaigns.map((c) => c.id)).toContain(region.campaignId)

    const file = csvFile([HEADER, person(region, 0, 'Первова Анна Ивановна', 'a'), person(region, 1, 'Вторых Иван Петрович', 'b')], { encoding: 'windows-1251' })
    const preview = (await post(cookie, upload('nominations', region.campaignId, file))) as ActionResult
    expect(replyOf(preview).status).toBe(200)
    const p = preview.data.preview!
    expect(p.report).toMatchObject({ rows: 2, valid: 2, errors: [], counts: { created: 2 } })
    expect(await campaignApps(region)).toBe(0)
    const [stored] = await db()`select file_name, file_sha256, size_bytes from import_uploads where id = ${p.uploadId}`
    expect(stored).toEqual({ file_name: 'представление.csv', file_sha256: p.sha256, size_bytes: file.length })

    // Someone else cannot confirm another user's upload.
    const other = await cookieOf(await region.actor('regionalCoordinator'))
    const stolen = (await post(other, new URLSearchParams({ uploadId: String(p.uploadId), sha256: p.sha256, intent: 'confirm' }))) as ActionResult
    expect(replyOf(stolen).status).toBe(409)
    expect(await campaignApps(region)).toBe(0)

    const done = (await post(cookie, new URLSearchParams({ uploadId: String(p.uploadId), sha256: p.sha256, intent: 'confirm' }))) as Response
    expect(done.status).toBe(302)
    const location = done.headers.get('Location')!
    expect(location).toBe('/imports')
    expect(await flashOf(done)).toEqual({ kind: 'success', text: 'Файл «представление.csv» загружен: создано 2, изменено 0, без изменений 0, пропущено 0.' })
    expect(await campaignApps(region)).toBe(2)
    expect(await db()`select id from import_uploads where id = ${p.uploadId}`).toHaveLength(0)
    const after = await importsLoader({ request: new Request(`http://localhost${location}`, { headers: { Cookie: cookie } }), params: {}, context: ctx })
    expect(after.log[0]).toMatchObject({ kind: 'nominations', rowsTotal: 2, importedByName: 'regionalCoordinator' })

    // Confirming twice does nothing: the upload is gone.
    const again = (await post(cookie, new URLSearchParams({ uploadId: String(p.uploadId), sha256: p.sha256, intent: 'confirm' }))) as ActionResult
    expect(replyOf(again).status).toBe(409)
  })

  it('pages the import log by 50, newest first: every import once, the total, a municipal coordinator sees their own only, a tampered cursor is the first page', async () => {
    const region = await makeRegion()
    const own = region.municipalities[0]
    await db()`
      insert into imports (region_id, campaign_id, municipality_id, kind, file_name, file_sha256, rows_total, rows_changed)
      select ${region.regionId}, ${region.campaignId}, case when g % 3 = 0 then ${own.id}::bigint else null end, 'nominations', 'файл-' || g || '.csv', '', 1, 1
      from generate_series(1, 130) g`
    const ids = (await db()<{ id: number; municipalityId: number | null }[]>`
      select id::int, municipality_id::int as "municipalityId" from imports where region_id = ${region.regionId} order by id desc`)
    const load = async (cookie: string, path: string) =>
      importsLoader({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params: {}, context: ctx })
    const walk = async (cookie: string) => {
      const seen: number[] = []
      let path: string | null = '/imports'
      for (let guard = 0; path && guard < 10; guard++) {
        const page = await load(cookie, path)
        expect(page.logPager.from).toBe(seen.length + 1)
        expect(page.log.length).toBeLessThanOrEqual(50)
        seen.push(...page.log.map((r) => r.id))
        path = page.logPager.next
        if (!path) expect(page.logPager.total).toBe(seen.length)
      }
      return seen
    }
    const coordinator = await cookieOf(await region.actor('regionalCoordinator'))
    expect(await walk(coordinator)).toEqual(ids.map((r) => r.id))
    const municipal = await cookieOf(await region.actor('municipalCoordinator', { municipalityId: own.id }))
    expect(await walk(municipal)).toEqual(ids.filter((r) => r.municipalityId === own.id).map((r) => r.id))
    const tampered = await load(coordinator, '/imports?logAfter=W1tdXQ&logAfterN=51')
    expect(tampered.logPager).toMatchObject({ from: 1, total: 130 })
    expect(tampered.log[0].id).toBe(ids[0].id)
  })

  it("checks a municipal coordinator's scope on the server, row by row", async () => {
    const region = await makeRegion()
    const own = region.municipalities[0]
    const coordinator = await region.actor('municipalCoordinator', { municipalityId: own.id })
    const cookie = await cookieOf(coordinator)
    const page = await importsLoader({ request: new Request('http://localhost/imports', { headers: { Cookie: cookie } }), params: {}, context: ctx })
    expect(page.kinds.map((k) => k.kind)).toEqual(['nominations'])
    expect(page.scopes[0].label).toContain(own.name)

    const file = csvFile([HEADER, person(region, 0, 'Своя Анна Ивановна', 'own'), person(region, 1, 'Чужой Иван Петрович', 'alien')])
    const preview = (await post(cookie, upload('nominations', region.campaignId, file))) as ActionResult
    const p = preview.data.preview!
    expect(p.errorsTotal).toBe(1)
    expect(p.report.errors[0]).toEqual({
      row: 3,
      column: 'Муниципалитет',
      message: `Строка относится к муниципалитету «${region.municipalities[1].name}», а вы можете загружать только «${own.name}»`,
    })
    // A file with errors is not kept: there is nothing to confirm.
    expect(p.uploadId).toBeNull()
    expect(await db()`select id from import_uploads where campaign_id = ${region.campaignId}`).toHaveLength(0)
    expect(await campaignApps(region)).toBe(0)

    // A good file is kept for its uploader; if the campaign closes before the confirmation, nothing is written.
    const good = (await post(cookie, upload('nominations', region.campaignId, csvFile([HEADER, person(region, 0, 'Своя Анна Ивановна', 'own')])))) as ActionResult
    const kept = good.data.preview!
    expect(kept.uploadId).toEqual(expect.any(Number))
    await db()`update campaigns set state = 'closed' where id = ${region.campaignId}`
    const late = (await post(cookie, new URLSearchParams({ uploadId: String(kept.uploadId), sha256: kept.sha256, intent: 'confirm' }))) as ActionResult
    expect(replyOf(late).status).toBe(409)
    expect(replyOf(late).message).toBe('Приём заявлений в этот отбор не ведётся. Представления не принимаются.')
    expect(await campaignApps(region)).toBe(0)
    await db()`update campaigns set state = 'open' where id = ${region.campaignId}`

    const registry = (await post(cookie, upload('registry', region.campaignId, csvFile([['ФИО', 'Включён в реестр'], ['Своя Анна Ивановна', 'да']])))) as ActionResult
    expect(replyOf(registry).status).toBe(403)
    expect(replyOf(registry).message).toBe('Сведения реестров и итоги аттестации загружает региональный координатор.')

    const otherRegion = await makeRegion()
    const foreign = (await post(cookie, upload('nominations', otherRegion.campaignId, file))) as ActionResult
    expect(replyOf(foreign).status).toBe(403)
  })

  it('offers a municipal coordinator only the campaigns taking nominations: the region’s and its own municipality’s, never a closed one or another municipality’s', async () => {
    const region = await makeRegion()
    const own = await municipalSelection(region, 0)
    const other = await municipalSelection(region, 1)
    const closed = await insertCampaign({ initial: initialRow('campaign'), regionId: region.regionId, rosterId: region.rosterId, commissionId: region.commissionId, ruleSetId: region.ruleSetId, title: 'Закрытый отбор', opensOn: null, closesOn: null })
    await forceCampaignState(closed, [{ type: 'OPEN' }, { type: 'CLOSE' }])
    const offered = async (actor: Actor) => {
      const page = await importsLoader({ request: new Request('http://localhost/imports', { headers: { Cookie: await cookieOf(actor) } }), params: {}, context: ctx })
      return page.scopes.flatMap((s) => s.campaigns.map((c) => c.id)).sort((a, b) => a - b)
    }
    expect(await offered(own.coordinator)).toEqual([region.campaignId, own.campaignId].sort((a, b) => a - b))
    // the region's coordinator loads registry data into a closed campaign too
    expect(await offered(await region.actor('regionalCoordinator'))).toEqual([region.campaignId, own.campaignId, other.campaignId, closed].sort((a, b) => a - b))
    // and the server refuses what the page does not offer
    const file = csvFile([HEADER, person(region, 0, 'Своя Анна Ивановна', 'own')])
    const refused = replyOf((await post(await cookieOf(own.coordinator), upload('nominations', other.campaignId, file))) as ActionResult)
    expect([refused.status, refused.code]).toEqual([403, 'OTHER_MUNICIPALITY'])
  })

  it('a crafted file name (a NUL byte, bytes that are not UTF-8) is the client\'s error, never a 500', async () => {
    const region = await makeRegion()
    const cookie = await cookieOf(await region.actor('regionalCoordinator'))
    const file = csvFile([HEADER, person(region, 0, 'Нулева Анна Ивановна', 'nul')])
    const raw = (name: Buffer) => {
      const b = 'crafted-boundary'
      const body = Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nnominations\r\n--${b}\r\nContent-Disposition: form-data; name="campaignId"\r\n\r\n${region.campaignId}\r\n`),
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="`),
        name,
        Buffer.from(`"\r\nContent-Type: text/csv\r\n\r\n`),
        file,
        Buffer.from(`\r\n--${b}--\r\n`),
      ])
      const request = new Request('http://localhost/imports', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': `multipart/form-data; boundary=${b}` }, body })
      return importsAction({ request, params: {}, context: ctx }).catch((e) => e) as Promise<ActionResult | Response>
    }
    const withNul = (await raw(Buffer.from('список\0.csv'))) as ActionResult
    expect(replyOf(withNul).status).toBe(200)
    const [stored] = await db()`select file_name from import_uploads where id = ${withNul.data.preview!.uploadId}`
    expect(stored.file_name).toBe('список.csv')

    const notUtf8 = (await raw(Buffer.from([0xf1, 0xef, 0xe8, 0xf1, 0xee, 0xea, 0x2e, 0x63, 0x73, 0x76]))) as Response // «список.csv» in Windows-1251
    expect(notUtf8).toBeInstanceOf(Response)
    expect(notUtf8.status).toBe(400)
    expect(await notUtf8.text()).toMatch(/^Данные формы повреждены/)
  })

  it('asks for a file and a campaign in Russian', async () => {
    const region = await makeRegion()
    const cookie = await cookieOf(await region.actor('regionalCoordinator'))
    const form = new FormData()
    form.set('kind', 'nominations')
    const res = (await post(cookie, form)) as ActionResult
    expect(replyOf(res).status).toBe(400)
    expect(replyOf(res).fields).toEqual({ campaignId: 'Выберите отбор', file: 'Выберите файл' })
    // What a browser sends when no file is chosen: an unnamed empty part.
    const none = (await post(cookie, upload('nominations', region.campaignId, Buffer.alloc(0), ''))) as ActionResult
    expect(replyOf(none).fields).toEqual({ file: 'Выберите файл' })
  })

  it('says a chosen file is empty, as the CLI does — not that no file was chosen', async () => {
    const region = await makeRegion()
    const cookie = await cookieOf(await region.actor('regionalCoordinator'))
    const res = (await post(cookie, upload('nominations', region.campaignId, Buffer.alloc(0), 'пусто.csv'))) as ActionResult
    expect(replyOf(res).status).toBe(400)
    expect(replyOf(res).fields).toEqual({ file: 'Файл «пусто.csv» пустой: нет ни строки заголовка, ни данных' })
    expect(await campaignApps(region)).toBe(0)
  })

  it('takes an .xlsx workbook like a CSV file: the same preview, then the import on confirmation', async () => {
    const region = await makeRegion()
    const cookie = await cookieOf(await region.actor('regionalCoordinator'))
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Лист1')
    ws.addRow(HEADER)
    ws.addRow(person(region, 0, 'Книгова Анна Ивановна', 'k').map((v, i) => (HEADER[i] === 'Стаж' ? 12.5 : v)))
    const file = Buffer.from(await wb.xlsx.writeBuffer())
    const preview = (await post(cookie, upload('nominations', region.campaignId, file, 'кандидаты.xlsx'))) as ActionResult
    const p = preview.data.preview!
    expect(p.report).toMatchObject({ rows: 1, valid: 1, errors: [], format: 'xlsx', sheet: 'Лист1', counts: { created: 1 } })
    const done = (await post(cookie, new URLSearchParams({ uploadId: String(p.uploadId), sha256: p.sha256, intent: 'confirm' }))) as Response
    expect(done.status).toBe(302)
    expect(await campaignApps(region)).toBe(1)
  })

  it('says a broken workbook cannot be read and how to save it again; nothing is kept', async () => {
    const region = await makeRegion()
    const cookie = await cookieOf(await region.actor('regionalCoordinator'))
    const res = (await post(cookie, upload('nominations', region.campaignId, xlsxFile().subarray(0, 200), 'кандидаты.xlsx'))) as ActionResult
    const p = res.data.preview!
    expect(p.uploadId).toBeNull()
    expect(p.report.errors).toHaveLength(1)
    expect(p.report.errors[0].message).toMatch(/^Книгу Excel не удалось прочитать: файл повреждён или это не книга \.xlsx\. .*«Книга Excel \(\.xlsx\)»/)
    expect(await db()`select id from import_uploads where campaign_id = ${region.campaignId}`).toHaveLength(0)
  })

  it('shows eligibility remarks in the preview and still lets the file be imported', async () => {
    const region = await makeRegion()
    const cookie = await cookieOf(await region.actor('regionalCoordinator'))
    const res = (await post(cookie, upload('nominations', region.campaignId, csvFile([HEADER, person(region, 0, 'Стажева Анна Ивановна', 'st')])))) as ActionResult
    const p = res.data.preview!
    expect(p.errorsTotal).toBe(0)
    expect(p.warningsTotal).toBe(1)
    expect(p.report.warnings[0]).toMatchObject({ row: 2, code: 'ELIGIBILITY_FAIL' })
    expect(p.report.eligibility).toEqual({ pass: 0, unverified: 0, fail: 1 })
    expect(p.uploadId).toEqual(expect.any(Number))
  })
})

describe('/imports: a municipality\'s own file', () => {
  const ownFile = (region: Region, name: string, email: string) => csvFile([HEADER.slice(1), person(region, 0, name, email).slice(1)])

  it('a regional coordinator chooses the municipality; the confirmation imports for it', async () => {
    const region = await makeRegion()
    const chosen = region.municipalities[1]
    const cookie = await cookieOf(await region.actor('regionalCoordinator'))
    const page = await importsLoader({ request: new Request('http://localhost/imports', { headers: { Cookie: cookie } }), params: {}, context: ctx })
    expect(page.scopes[0].municipalities.map((m) => m.id)).toContain(chosen.id)

    const withoutChoice = (await post(cookie, upload('nominations', region.campaignId, ownFile(region, 'Своя Анна Ивановна', 'own')))) as ActionResult
    expect(withoutChoice.data.preview!.report.errors[0].message).toBe('Нет столбца «Муниципалитет»: он обязателен при загрузке на весь регион')

    const preview = (await post(cookie, upload('nominations', region.campaignId, ownFile(region, 'Своя Анна Ивановна', 'own'), 'мо.csv', String(chosen.id)))) as ActionResult
    const p = preview.data.preview!
    expect(p.report.errors).toEqual([])
    expect(p.report.municipality).toBe(chosen.name)
    const done = (await post(cookie, new URLSearchParams({ uploadId: String(p.uploadId), sha256: p.sha256, intent: 'confirm' }))) as Response
    expect(done.status).toBe(302)
    const apps = await db()`select municipality_id::int as m from applications where campaign_id = ${region.campaignId}`
    expect(apps).toEqual([{ m: chosen.id }])

    const facts = (await post(cookie, upload('registry', region.campaignId, csvFile([['ФИО', 'Включён в реестр'], ['Своя Анна Ивановна', 'да']]), 'р.csv', String(chosen.id)))) as ActionResult
    expect(replyOf(facts).status).toBe(400)
    expect(replyOf(facts).fields).toEqual({ municipalityId: 'Муниципалитет выбирается только для представлений кандидатов' })
  })

  it("a municipal coordinator's file needs no municipality column, and cannot claim another municipality", async () => {
    const region = await makeRegion()
    const [own, other] = region.municipalities
    const cookie = await cookieOf(await region.actor('municipalCoordinator', { municipalityId: own.id }))
    const page = await importsLoader({ request: new Request('http://localhost/imports', { headers: { Cookie: cookie } }), params: {}, context: ctx })
    expect(page.scopes.map((s) => s.municipalities)).toEqual([[]])

    const preview = (await post(cookie, upload('nominations', region.campaignId, ownFile(region, 'Своя Анна Ивановна', 'own')))) as ActionResult
    const p = preview.data.preview!
    expect(p.report.errors).toEqual([])
    expect(p.report.municipality).toBe(own.name)
    expect(((await post(cookie, new URLSearchParams({ uploadId: String(p.uploadId), sha256: p.sha256, intent: 'confirm' }))) as Response).status).toBe(302)
    expect(await db()`select municipality_id::int as m from applications where campaign_id = ${region.campaignId}`).toEqual([{ m: own.id }])

    const forged = (await post(cookie, upload('nominations', region.campaignId, ownFile(region, 'Чужая Анна Ивановна', 'alien'), 'x.csv', String(other.id)))) as ActionResult
    expect(replyOf(forged).status).toBe(403)
    expect(replyOf(forged).message).toBe(`Вы можете загружать представления только за «${own.name}».`)
  })
})

describe('/imports/template/:kind (private columns)', () => {
  it('leaves the birth date out of the template, while the page names the column', async () => {
    const res = await templateLoader({ request: new Request('http://localhost/imports/template/nominations'), params: { kind: 'nominations' }, context: ctx })
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).not.toContain('Дата рождения')
  })
})

describe('/imports/template/:kind', () => {
  it('serves each template with Russian headers, UTF-8 with BOM or Windows-1251', async () => {
    const res = await templateLoader({ request: new Request('http://localhost/imports/template/nominations'), params: { kind: 'nominations' }, context: ctx })
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.subarray(3).toString('utf8')).toMatch(/^Муниципалитет;ФИО;Электронная почта;Место работы;Должность;.*Стаж работы по специальности;.*\r\n$/)
    const cp = await templateLoader({ request: new Request('http://localhost/imports/template/qualification?encoding=windows-1251'), params: { kind: 'qualification' }, context: ctx })
    expect(cp.headers.get('Content-Type')).toBe('text/csv; charset=windows-1251')
    expect(new TextDecoder('windows-1251').decode(await cp.arrayBuffer())).toBe('ФИО;Электронная почта;Муниципалитет;Место работы;Квалификационная категория;Дата присвоения категории;Номер приказа\r\n')
    const missing = await templateLoader({ request: new Request('http://localhost/imports/template/x'), params: { kind: 'x' }, context: ctx }).catch((e) => e)
    expect(missing.status).toBe(404)
  })
})

describe('/exports/:kind.csv', () => {
  async function get(actor: Actor, path: string) {
    const url = new URL(`http://localhost${path}`)
    const kind = url.pathname.replace(/^\/exports\//, '').replace(/\.csv$/, '')
    return (await exportLoader({ request: new Request(url, { headers: { Cookie: await cookieOf(actor) } }), params: { kind }, context: ctx }).catch((e) => e)) as Response
  }

  async function nominate(region: Region, m: number, over: { org?: string; position?: string; last?: string } = {}) {
    const municipal = await region.actor('municipalCoordinator', { municipalityId: region.municipalities[m].id })
    const [org] = await db()`
      insert into organisations (region_id, municipality_id, name) values (${region.regionId}, ${region.municipalities[m].id}, ${over.org ?? 'МАОУ СОШ № 1'})
      on conflict (region_id, name) do update set name = excluded.name returning id::int`
    return createApplication(
      {
        campaignId: region.campaignId,
        source: 'municipality',
        person: {
          municipalityId: region.municipalities[m].id,
          lastName: over.last ?? 'Экспортова',
          firstName: 'Анна',
          middleName: 'Ивановна',
          organisationId: org.id,
          position: over.position ?? 'учитель',
          workEmail: 'anna@school.test',
          subjects: ['Математика', 'Физика'],
        },
        private: { phone: '+7 913 000-00-01', birthDate: '1980-05-06' },
        facts: strongFacts(),
      },
      municipal,
    )
  }

  it('opens in Excel with a Russian locale: BOM, «;», CRLF; formulas escaped', async () => {
    const region = await makeRegion()
    const id = await nominate(region, 0, { org: '=HYPERLINK("http://evil.example";"Школа")', position: '+79130000000', last: '@Злова' })
    const res = await get(await region.actor('regionalCoordinator'), '/exports/applications.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').split('\r\n')
    expect(lines[0]).toBe('№ заявления;Отбор;ФИО;Муниципалитет;Место работы;Должность;Предметная область;Электронная почта;Основание;Состояние;Подано;Проверка требований;Направление;Группа')
    expect(lines[1]).toBe(
      `${id};Тестовый отбор;'@Злова Анна Ивановна;${region.municipalities[0].name};"'=HYPERLINK(""http://evil.example"";""Школа"")";'+79130000000;Математика, Физика;anna@school.test;Представление МОУО;Черновик;;;;`,
    )
    expect(lines[2]).toBe('')
    expect(lines).toHaveLength(3)
  })

  it('keeps each role to its scope; private columns only with privateData:read, each read audited', async () => {
    const region = await makeRegion()
    const other = await makeRegion()
    const mine = await nominate(region, 0, { last: 'Своя' })
    await nominate(region, 1, { last: 'Соседняя' })
    await nominate(other, 0, { last: 'Чужая' })
    const municipal = await region.actor('municipalCoordinator', { municipalityId: region.municipalities[0].id })
    const list = await (await get(municipal, '/exports/applications.csv')).text()
    expect(list).toContain('Своя')
    expect(list).not.toContain('Соседняя')
    expect(list).not.toContain('Чужая')
    expect(list).not.toContain('+7 913')

    const refused = await get(municipal, '/exports/applications.csv?private=1')
    expect(refused.status).toBe(403)

    const coordinator = await region.actor('regionalCoordinator')
    const full = await (await get(coordinator, `/exports/applications.csv?private=1&campaign=${region.campaignId}`)).text()
    expect(full.split('\r\n')[0]).toMatch(/;Телефон;Дата рождения;Личная электронная почта$/)
    expect(full).toContain('+7 913 000-00-01;06.05.1980;')
    expect(full).not.toContain('Чужая')
    const audits = await db()`select entity, action, data from audit_events where actor_user_id = ${coordinator.userId} order by id`
    expect(audits).toHaveLength(2)
    expect(audits[0]).toMatchObject({ entity: 'person', action: 'READ_PRIVATE', data: { export: 'applications', campaignId: region.campaignId } })

    const plain = await region.actor('regionalCoordinator')
    await get(plain, '/exports/applications.csv')
    expect(await db()`select id from audit_events where actor_user_id = ${plain.userId}`).toHaveLength(0)

    const applicant = await get(await region.actor('applicant'), '/exports/applications.csv')
    expect(applicant.status).toBe(403)
    expect((await get(coordinator, '/exports/nothing.csv')).status).toBe(404)
    expect(mine).toBeGreaterThan(0)
  })

  it('exports members and commission decisions', async () => {
    const region = await makeRegion()
    const app = await nominate(region, 0, { last: 'Решённая' })
    await forceApplicationState(app, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }, { type: 'RECOMMEND' }])
    const sql = db()
    const [meeting] = await sql`insert into meetings (commission_id, held_at, place, status) values (${region.commissionId}, '2026-03-10T10:00:00+07:00', 'Томск', 'closed') returning id::int`
    await sql`insert into meeting_items (meeting_id, application_id, decision) values (${meeting.id}, ${app}, 'recommended')`
    const members = []
    for (const role of ['chair', 'commissionMember', 'commissionMember'] as const) members.push(await region.actor(role))
    const cms = await sql`select id::int from commission_members where commission_id = ${region.commissionId} order by id`
    const choices = ['for', 'for', 'against']
    for (const [i, cm] of cms.slice(0, 3).entries()) {
      await sql`insert into votes (meeting_id, application_id, commission_member_id, choice) values (${meeting.id}, ${app}, ${cm.id}, ${choices[i]})`
    }
    await sql`insert into protocols (meeting_id, commission_id, year, number, content) values (${meeting.id}, ${region.commissionId}, 2026, 3, '{}')`
    const secretary = await region.actor('secretary')
    const decisions = (await (await get(secretary, '/exports/decisions.csv')).text()).split('\r\n')
    expect(decisions[0]).toBe('Дата заседания;Протокол;Отбор;№ заявления;ФИО;Муниципалитет;Место работы;Должность;Решение;За;Против;Воздержались')
    expect(decisions[1]).toBe(`10.03.2026;3/2026;Тестовый отбор;${app};Решённая Анна Ивановна;${region.municipalities[0].name};МАОУ СОШ № 1;учитель;рекомендовать;2;1;0`)

    const [{ personId }] = await sql`select person_id::int as "personId" from applications where id = ${app}`
    const row = rowAfter('member', [])
    await sql`
      insert into members (region_id, roster_id, person_id, application_id, subjects, public, snapshot, state, machine_version)
      values (${region.regionId}, ${region.rosterId}, ${personId}, ${app}, ${['Математика']}, true, ${sql.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})`
    const roster = (await (await get(await region.actor('ministryOfficer'), '/exports/members.csv')).text()).split('\r\n')
    expect(roster[0]).toBe('ФИО;Муниципалитет;Место работы;Должность;Предметная область;Электронная почта;Направление;Группа;Состояние;Номер приказа;Дата приказа;Срок полномочий до;Опубликован')
    expect(roster[1]).toBe(`Решённая Анна Ивановна;${region.municipalities[0].name};МАОУ СОШ № 1;учитель;Математика;anna@school.test;;;Действует;;;;да`)
    expect((await get(secretary, '/exports/members.csv')).status).toBe(403)
  })
})
