import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serverAndBrowser, submitAndWait } from './browser'

// A teacher new to the registry applies with JavaScript off: the page that
// answers a refused form comes anew, the typed values in it, but a browser
// never refills a file input, so the page must say which documents to choose again.

const e2e = serverAndBrowser('rma-e2e-apply-form-')

describe('the application form without JavaScript', () => {
  it('after a refusal keeps what was typed and names the attached documents to choose again', async () => {
    const scan = join(e2e.server.dataDir, 'Аттестационный лист.pdf')
    writeFileSync(scan, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    const context = await e2e.browser.newContext({ javaScriptEnabled: false, baseURL: e2e.server.url })
    const page = await context.newPage()
    await page.goto('/selections')
    await page.getByRole('link', { name: 'Подать заявление' }).first().click()
    await page.getByRole('main').getByRole('link', { name: 'Зарегистрироваться' }).click()
    await page.getByLabel('Адрес электронной почты (он же логин)').fill('new.teacher@school.example')
    await page.getByLabel('Фамилия').fill('Проверкина')
    await page.getByLabel('Имя', { exact: true }).fill('Анна')
    await page.getByLabel('Регион').selectOption({ label: 'Томская область' })
    await page.getByLabel('Пароль', { exact: true }).fill('пароль-учителя-2026')
    await page.getByLabel('Пароль ещё раз').fill('пароль-учителя-2026')
    await submitAndWait(page, page.getByRole('button', { name: 'Зарегистрироваться' }))
    await page.waitForURL('**/apply/*')

    // no municipality chosen: the server refuses the form
    await page.locator('#position').fill('учитель математики')
    await page.locator('#evidence_qualificationCategory').setInputFiles(scan)
    await submitAndWait(page, page.getByRole('button', { name: 'Сохранить черновик' }))

    expect(await page.getByText('Выберите муниципалитет').count()).toBeGreaterThan(0)
    expect(await page.locator('#position').inputValue()).toBe('учитель математики')
    // (Playwright's text locators skip <noscript>; the page's text is what a reader sees)
    expect(await page.locator('main').innerText()).toContain('приложенные документы тоже не сохранены: выберите их снова (Аттестационный лист.pdf)')
    await context.close()
  })
})
