import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import { startServer, tempDataDir, type RunningServer } from '../support/server'
import { axe, launch, letterTo as letterToIn, registerTeacher, signIn, submitAndWait } from './browser'

// An appeal upheld at a meeting (issue 10 §5), on the demo data of `npm
// start`: a teacher applies and is found ineligible; she appeals with a
// document (JavaScript on); the secretary puts the appeal on a meeting's
// agenda, records the votes and closes the meeting (JavaScript off); the
// teacher reads that the appeal was upheld and her application is back in
// screening.

let server: RunningServer
let browser: Browser
let pdf: string

beforeAll(async () => {
  server = await startServer({ dataDir: tempDataDir('rma-e2e-appeal-') })
  browser = await launch()
  pdf = join(server.dataDir, 'letter.pdf')
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const session = (javaScriptEnabled: boolean): Promise<BrowserContext> => browser.newContext({ javaScriptEnabled, baseURL: server.url, bypassCSP: true })
const letterTo = (to: string, pattern: RegExp) => letterToIn(server.dataDir, to, pattern)

const who = { last: 'Апелляционная', first: 'Вера', login: 'appeal.vera@school.example' }

describe('an appeal upheld at a meeting', () => {
  let applicationPath = ''

  it('a teacher applies and the secretary finds her ineligible', async () => {
    const ctx = await session(true)
    const page = await ctx.newPage()
    await registerTeacher(page, server.dataDir, who)
    await page.goto('/campaigns')
    await page.getByRole('link', { name: 'Подать заявление' }).first().click()
    await page.waitForURL('**/apply/**')
    await page.locator('#workEmail').fill(who.login)
    await page.locator('#municipalityId').selectOption({ label: 'Город Томск' })
    await page.locator('#organisationId').selectOption({ index: 1 })
    await page.locator('#position').fill('учитель химии')
    await page.locator('#educationLevel-higher').check()
    await page.locator('#educationPedagogical').check()
    await page.locator('#qualificationCategory-first').check()
    await page.locator('#experienceYears').fill('3')
    await page.getByRole('checkbox', { name: 'Химия', exact: true }).check()
    await page.locator('#groupId').selectOption({ index: 1 })
    await page.locator('#processingConsent').check()
    await submitAndWait(page, page.getByRole('button', { name: 'Сохранить черновик' }))
    await page.waitForURL(/\/applications\/\d+$/)
    applicationPath = new URL(page.url()).pathname
    await submitAndWait(page, page.getByRole('button', { name: 'Подать заявление' }))
    await expect.poll(() => page.locator('[data-state]').first().textContent()).toBe('Проверка документов')
    await ctx.close()

    const secretaryCtx = await session(false)
    const secretary = await signIn(secretaryCtx, 'secretary@demo.rma')
    await secretary.goto(applicationPath)
    await secretary.getByLabel('Невыполненные требования, каждое с новой строки').fill('Стаж работы по специальности не менее 5 лет')
    await submitAndWait(secretary, secretary.getByRole('button', { name: 'Признать не соответствующим требованиям' }))
    await expect.poll(() => secretary.locator('[data-state]').first().textContent()).toBe('Не соответствует требованиям')
    await secretaryCtx.close()
  })

  it('she files an appeal with a document (JavaScript on) and gets a letter', async () => {
    const ctx = await session(true)
    const page = await signIn(ctx, who.login)
    await page.goto(applicationPath)
    await expect.poll(() => page.getByText(/подайте апелляцию до \d\d\.\d\d\.\d{4} включительно/).count()).toBe(1)
    expect(await axe(page)).toEqual([])
    await page.getByLabel('Доводы апелляции').fill('Стаж в должности педагога дополнительного образования не учтён; справка приложена.')
    await page.getByLabel('Документы (PDF, JPEG или PNG, до 5 МБ каждый)').setInputFiles(pdf)
    await submitAndWait(page, page.getByRole('button', { name: 'Подать апелляцию' }))
    await expect.poll(() => page.getByText('Подана, ждёт заседания комиссии').count()).toBe(1)
    expect(await page.getByRole('link', { name: 'letter.pdf' }).count()).toBe(1)
    expect(await page.getByRole('button', { name: 'Подать апелляцию' }).count()).toBe(0)
    await letterTo(who.login, /апелляция на решение по заявлению № \d+/)
    await ctx.close()
  })

  it('the secretary puts it on a meeting’s agenda, records the votes and closes the meeting (JavaScript off)', async () => {
    const ctx = await session(false)
    const page = await signIn(ctx, 'secretary@demo.rma')
    await page.goto('/commission/appeals')
    expect(await page.locator('main').textContent()).toContain(`${who.last} ${who.first}`)
    await page.goto('/meetings')
    await page.getByLabel('Дата и время заседания (местное время, UTC+7)').fill('2026-11-27T15:00')
    await page.getByLabel('Место проведения').fill('г. Томск, ул. Пирогова, 10')
    await submitAndWait(page, page.getByRole('button', { name: 'Создать заседание' }))
    await page.waitForURL(/\/meetings\/\d+$/)
    for (const radio of await page.locator('input[type="radio"][value="present"]').all()) await radio.check()
    await submitAndWait(page, page.getByRole('button', { name: 'Сохранить присутствие' }))
    await expect.poll(() => page.getByText('Кворум есть: голосование возможно.').count()).toBe(1)
    const picker = page.getByLabel('Вопрос, ожидающий рассмотрения')
    const option = await picker.locator('option', { hasText: `${who.last} ${who.first}` }).getAttribute('value')
    await picker.selectOption(option!)
    await submitAndWait(page, page.getByRole('button', { name: 'Включить в повестку' }))
    const motion = page.locator('article', { hasText: `Апелляция заявителя ${who.last} ${who.first}` })
    for (const radio of await motion.locator('input[type="radio"][value="for"]').all()) await radio.check()
    await submitAndWait(page, motion.getByRole('button', { name: 'Записать голоса' }))
    await expect.poll(() => motion.textContent()).toMatch(/«за» – [1-9]/)
    await page.getByRole('link', { name: 'Закрыть заседание и оформить протокол' }).click()
    await submitAndWait(page, page.getByRole('button', { name: 'Да, закрыть и оформить протокол' }))
    await page.waitForURL(/\/protocols\/\d+$/)
    const protocol = (await page.locator('main').textContent()) ?? ''
    expect(protocol).toContain(`Апелляция заявителя ${who.last} ${who.first}`)
    expect(protocol).toContain('Апелляцию удовлетворить')
    await ctx.close()
  })

  it('the teacher sees the appeal upheld and her application back in screening', async () => {
    const ctx = await session(true)
    const page = await signIn(ctx, who.login)
    await page.goto(applicationPath)
    await expect.poll(() => page.getByText('Апелляция удовлетворена').count()).toBeGreaterThan(0)
    expect(await page.locator('[data-state]').first().textContent()).toBe('Проверка документов')
    await letterTo(who.login, /удовлетворила вашу апелляцию/)
    await letterTo(who.login, /рассмотрит отборочная комиссия на заседании 27 ноября 2026/)
    await ctx.close()
  })
})
