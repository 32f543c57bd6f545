import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startServer, tempDataDir, type RunningServer } from '../support/server'
import { axe, launch, registerTeacher, signIn, submitAndWait } from './browser'

// The selection pipeline end to end, every role in its own browser session,
// on the demo data of `npm start`: a teacher registers and applies → the
// secretary screens → three members review, one recused → a meeting votes
// with quorum → the ministry approves with an order → the coordinator
// publishes → a visitor finds the teacher on /roster. Run with JavaScript
// on and off.

let server: RunningServer
let browser: Browser
let pdf: string

beforeAll(async () => {
  server = await startServer({ dataDir: tempDataDir('rma-e2e-journey-') })
  browser = await launch()
  pdf = join(server.dataDir, 'diploma.pdf')
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function session(javaScriptEnabled: boolean): Promise<BrowserContext> {
  // bypassCSP only lets axe-core be injected for the accessibility checks
  return browser.newContext({ javaScriptEnabled, baseURL: server.url, bypassCSP: true })
}

// README screenshots (docs/screenshots), taken on the JavaScript-on run.
const SHOTS = join(process.cwd(), 'docs', 'screenshots')
async function screenshot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false })
}

describe.each([
  { js: true, who: { last: 'Журавлёва', first: 'Полина', login: 'zhuravleva@school.example' }, order: '501-о' },
  { js: false, who: { last: 'Воронцова', first: 'Дарья', login: 'vorontsova@school.example' }, order: '502-о' },
])('the selection journey (JavaScript $js)', ({ js, who, order }) => {
  let applicationPath = ''
  let campaignPath = ''

  it('a teacher registers, applies with evidence and both consents, and submits', async () => {
    const ctx = await session(js)
    const page = await ctx.newPage()
    // the address is confirmed by the link in the letter before an application can be submitted
    await registerTeacher(page, server.dataDir, who)
    await page.goto('/campaigns')

    await page.getByRole('link', { name: 'Подать заявление' }).first().click()
    await page.waitForURL('**/apply/**')
    campaignPath = new URL(page.url()).pathname
    await page.locator('#workEmail').fill(who.login)
    await page.locator('#municipalityId').selectOption({ label: 'Город Томск' })
    // the school where member3 works too: a recusal case for the commission step
    await page.locator('#organisationId').selectOption({ label: 'МБОУ «Основная общеобразовательная школа № 3»' })
    await page.locator('#position').fill('учитель математики')
    await page.locator('#educationLevel-higher').check()
    await page.locator('#educationPedagogical').check()
    await page.locator('#qualificationCategory-highest').check()
    await page.locator('#experienceYears').fill('12')
    await page.getByRole('checkbox', { name: 'Математика', exact: true }).check()
    await page.locator('#groupId').selectOption({ index: 1 })
    await page.locator('#claim-contestWinner').check()
    await page.locator('input[name="evidence_contestWinner"]').setInputFiles(pdf)
    await page.locator('#processingConsent').check()
    for (const box of await page.locator('input[name="dissemination"]').all()) await box.check()
    await submitAndWait(page, page.getByRole('button', { name: 'Сохранить черновик' }))
    await page.waitForURL(/\/applications\/\d+$/)
    applicationPath = new URL(page.url()).pathname
    await expect.poll(() => page.locator('[data-state]').textContent()).toBe('Черновик')

    await submitAndWait(page, page.getByRole('button', { name: 'Подать заявление' }))
    await expect.poll(() => page.locator('[data-state]').textContent()).toBe('Проверка документов')
    // eligibility is shown as reasons: claims are not yet backed by documents
    await expect.poll(() => page.getByText('требуется подтверждение документами').count()).toBeGreaterThan(0)
    if (js) {
      expect(await axe(page)).toEqual([])
      await page.goto('/dashboard')
      expect(await axe(page)).toEqual([])
      await page.goto(applicationPath)
    }

    // one active application per campaign: a second one is refused with a link to the first
    await page.goto(campaignPath)
    await expect.poll(() => page.getByText('У вас уже есть заявление на этот отбор').count()).toBeGreaterThan(0)
    const existing = page.getByRole('link', { name: /Открыть заявление № \d+/ })
    expect(await existing.getAttribute('href')).toBe(applicationPath)
    await ctx.close()
  })

  it('the secretary asks for information; the teacher finds the request at the top and answers with a document', async () => {
    const secretaryCtx = await session(js)
    const secretary = await signIn(secretaryCtx, 'secretary@demo.rma')
    await secretary.goto(applicationPath)
    await secretary.getByLabel('Какие сведения или документы нужны').fill('Приложите копию диплома о высшем образовании.')
    await submitAndWait(secretary, secretary.getByRole('button', { name: 'Запросить сведения' }))
    await expect.poll(() => secretary.getByText('Ожидается ответ заявителя.').count()).toBe(1)
    await secretaryCtx.close()

    const teacherCtx = await session(js)
    const teacher = await signIn(teacherCtx, who.login)
    await teacher.goto(applicationPath)
    const request = teacher.locator('main section, main div.card').filter({ hasText: 'Комиссия запросила сведения' }).first()
    await expect.poll(() => request.textContent()).toContain('Приложите копию диплома о высшем образовании.')
    // the request comes before everything else on the page
    const order = await teacher.locator('main').evaluate((main) => {
      const text = main.textContent ?? ''
      return [text.indexOf('Комиссия запросила сведения'), text.indexOf('Соответствие требованиям')]
    })
    expect(order[0]).toBeGreaterThanOrEqual(0)
    expect(order[0]).toBeLessThan(order[1])
    await teacher.getByLabel('Ответ', { exact: true }).fill('Копия диплома приложена.')
    const fact = teacher.getByLabel('Что подтверждают документы')
    if (await fact.count()) await fact.selectOption({ index: 1 })
    await teacher.locator('#reply-files').setInputFiles(pdf)
    await submitAndWait(teacher, teacher.getByRole('button', { name: 'Отправить ответ' }))
    await expect.poll(() => teacher.locator('[data-state]').textContent()).toBe('Проверка документов')
    await teacherCtx.close()

    const backCtx = await session(js)
    const back = await signIn(backCtx, 'secretary@demo.rma')
    await back.goto(applicationPath)
    const thread = (await back.locator('main').textContent()) ?? ''
    expect(thread).toContain('Приложите копию диплома о высшем образовании.')
    expect(thread).toContain('Копия диплома приложена.')
    await backCtx.close()
  })

  it('the secretary verifies every claim against the evidence and admits the candidate', async () => {
    const ctx = await session(js)
    const page = await signIn(ctx, 'secretary@demo.rma')
    await page.goto(applicationPath)
    // the document from the application, and the one from the reply (in the facts and in the thread)
    const download = page.getByRole('link', { name: 'diploma.pdf' })
    expect(await download.count()).toBeGreaterThanOrEqual(2)
    const verify = page.getByRole('button', { name: /^Подтвердить по документам/ })
    for (let n = await verify.count(); n > 0; n--) {
      await verify.first().click()
      await expect.poll(() => verify.count()).toBe(n - 1)
    }
    await expect.poll(() => page.getByText('Кандидат соответствует требованиям').count()).toBe(1)
    if (js) await screenshot(page, 'application')
    await submitAndWait(page, page.getByRole('button', { name: 'Допустить к рассмотрению комиссией' }))
    await expect.poll(() => page.locator('[data-state]').textContent()).toBe('На рассмотрении комиссии')
    await ctx.close()
  })

  it('reviewers are assigned automatically; the member from the same school is recused', async () => {
    const ctx = await session(js)
    const page = await signIn(ctx, 'secretary@demo.rma')
    await page.goto('/commission')
    await submitAndWait(page, page.getByRole('button', { name: 'Распределить автоматически' }))
    const row = page.locator('tr', { hasText: `${who.last} ${who.first}` }).first()
    const cells = await row.textContent()
    expect(cells).toContain('Морозов Павел Юрьевич') // member3: recused, not a reviewer
    for (const reviewer of ['Кузнецов Андрей Викторович', 'Соколова Елена Ивановна', 'Замятина Оксана Михайловна']) expect(cells).toContain(reviewer)
    await ctx.close()
  })

  it('three members review the candidate', async () => {
    for (const login of ['member1@demo.rma', 'member2@demo.rma', 'chair@demo.rma']) {
      const ctx = await session(js)
      const page = await signIn(ctx, login)
      await page.goto('/reviews')
      const form = page.locator('article, section, div.card', { hasText: `${who.last} ${who.first}` }).locator('form', { has: page.locator('input[name="intent"][value="review"]') }).first()
      await form.locator('input[name="recommendation"][value="recommend"]').check()
      await form.locator('textarea[name="comment"]').fill('Опытный педагог, рекомендую.')
      await submitAndWait(page, form.getByRole('button', { name: 'Сохранить отзыв' }))
      await expect.poll(() => page.getByText('Отзыв сохранён.').count()).toBe(1)
      await ctx.close()
    }
  })

  it('a member cannot do what only the secretary may: refused on the server', async () => {
    const ctx = await session(js)
    const page = await signIn(ctx, 'member1@demo.rma')
    const id = applicationPath.split('/').pop()
    // the button is not there for a member…
    await page.goto(applicationPath)
    expect(await page.getByRole('button', { name: 'Допустить к рассмотрению комиссией' }).count()).toBe(0)
    // …and a forged request is refused by the role table
    const forged = await page.request.post(`/applications/${id}`, { form: { event: 'SEND_TO_MINISTRY' }, headers: { Origin: server.url } })
    expect(forged.status()).toBe(403)
    const ministry = await page.goto('/ministry')
    expect(ministry?.status()).toBe(403)
    await ctx.close()
  })

  it('a meeting with quorum votes and issues the protocol', async () => {
    const ctx = await session(js)
    const page = await signIn(ctx, 'secretary@demo.rma')
    await page.goto('/meetings')
    await page.getByLabel('Дата и время заседания (местное время, UTC+7)').fill('2026-11-25T16:00')
    await page.getByLabel('Место проведения').fill('г. Томск, ул. Пирогова, 10')
    await submitAndWait(page, page.getByRole('button', { name: 'Создать заседание' }))
    await page.waitForURL(/\/meetings\/\d+$/)
    await page.getByRole('button', { name: 'Сохранить присутствие' }).waitFor()
    for (const radio of await page.locator('input[type="radio"][value="present"]').all()) await radio.check()
    await submitAndWait(page, page.getByRole('button', { name: 'Сохранить присутствие' }))
    await expect.poll(() => page.getByText('Кворум есть: голосование возможно.').count()).toBe(1)
    const option = await page.locator('#add-item option', { hasText: `${who.last} ${who.first}` }).getAttribute('value')
    await page.locator('#add-item').selectOption(option!)
    await submitAndWait(page, page.getByRole('button', { name: 'Добавить кандидата в повестку' }))
    const item = page.locator('article', { hasText: `${who.last} ${who.first}` })
    await expect.poll(() => item.textContent()).toContain('Морозов Павел Юрьевич') // listed as recused, no vote for him
    for (const radio of await item.locator('input[type="radio"][value="for"]').all()) await radio.check()
    await submitAndWait(page, item.getByRole('button', { name: 'Записать голоса' }))
    // an irreversible step: first the question, then the real button (a link without JavaScript too)
    await page.getByRole('link', { name: 'Закрыть заседание и оформить протокол' }).click()
    await submitAndWait(page, page.getByRole('button', { name: 'Да, закрыть и оформить протокол' }))
    // closing decides by majority and opens the issued protocol
    await page.waitForURL(/\/protocols\/\d+$/)
    // With JavaScript the URL changes a moment before the new page is rendered.
    await expect.poll(() => page.locator('main').textContent(), { timeout: 15_000 }).toContain('ПРОТОКОЛ')
    const protocol = (await page.locator('main').textContent()) ?? ''
    expect(protocol).toContain('ПРОТОКОЛ')
    expect(protocol).toMatch(/«за» – 3/)
    expect(protocol).toContain(`${who.last} ${who.first}`)
    if (js) await screenshot(page, 'protocol')
    // the protocol for signing, as Word
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Скачать для подписи/ }).click()])
    expect(docx.suggestedFilename()).toMatch(/\.docx$/)
    const docxBytes = readFileSync((await docx.path())!)
    expect(docxBytes.subarray(0, 2).toString()).toBe('PK')
    await page.goto('/commission')
    await page.getByRole('link', { name: 'Направить рекомендованных на согласование' }).first().click()
    await submitAndWait(page, page.getByRole('button', { name: 'Да, направить на согласование' }))
    await page.goto(applicationPath)
    await expect.poll(() => page.locator('[data-state]').textContent()).toBe('На согласовании в министерстве')
    await ctx.close()
  })

  it('the ministry approves with an order and the coordinator publishes', async () => {
    const ministryCtx = await session(js)
    const ministry = await signIn(ministryCtx, 'ministry@demo.rma')
    await ministry.goto('/ministry')
    await ministry.getByRole('checkbox', { name: new RegExp(`${who.last} ${who.first}`) }).check()
    await ministry.getByLabel('Номер приказа').fill(order)
    await ministry.getByLabel('Дата приказа').fill('2026-11-27')
    await submitAndWait(ministry, ministry.getByRole('button', { name: 'Согласовать выбранных' }))
    // the decision is shown in full before it is made
    await submitAndWait(ministry, ministry.getByRole('button', { name: 'Да, согласовать' }))
    await expect.poll(() => ministry.getByText(/Согласовано кандидатов: \d+/).count()).toBe(1)
    await ministryCtx.close()

    const coordCtx = await session(js)
    const coord = await signIn(coordCtx, 'coordinator@demo.rma')
    await coord.goto('/campaigns/manage')
    await coord.getByRole('link', { name: /Отбор в региональный методический актив Томской области/ }).first().click()
    await coord.getByRole('link', { name: 'Опубликовать утверждённый состав' }).click()
    await submitAndWait(coord, coord.getByRole('button', { name: 'Да, опубликовать' }))
    await expect.poll(() => coord.getByText('Утверждённый состав опубликован.').count()).toBe(1)
    // a staff list as an Excel workbook
    await coord.goto('/dashboard')
    const [xlsx] = await Promise.all([coord.waitForEvent('download'), coord.locator('a[href^="/exports/"][href*=".xlsx"]').first().click()])
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK')
    await coordCtx.close()
  })

  it('a visitor finds the teacher on the public roster', async () => {
    const ctx = await session(js)
    const page = await ctx.newPage()
    await page.goto('/roster?region=tomsk')
    await page.getByLabel('Поиск по ФИО или месту работы').fill(who.last.toLowerCase().replace('ё', 'е'))
    await submitAndWait(page, page.getByRole('button', { name: 'Найти' }))
    const names = await page.locator('table.roster tbody th').allTextContents()
    expect(names).toContain(`${who.last} ${who.first}`)
    if (js) await screenshot(page, 'roster')
    expect(await page.locator('table.roster').textContent()).toContain(who.login)
    await ctx.close()
  })
})
