import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { axe, signIn, submitAndWait, serverAndBrowser } from './browser'

// The active's year (issue 10 §1–2) in the browser: the member (expert, a
// member of Tomsk's active in the demo) records a course they taught, the
// regional coordinator confirms it, and the member's score for the school
// year on /my/activity grows by the catalogue's points (course × federal =
// 16 in Tomsk's preset). With JavaScript on and off.

const e2e = serverAndBrowser('rma-e2e-year-activity-')

const session = (javaScriptEnabled: boolean): Promise<BrowserContext> => e2e.browser.newContext({ javaScriptEnabled, baseURL: e2e.server.url, bypassCSP: true })

/** The points of this school year on the member's page: «N баллов; порог — M …». */
async function points(page: Page): Promise<number> {
  await page.goto('/my/activity')
  const text = (await page.locator('#my-score').textContent()) ?? ''
  const m = /^(\d[\d\s\u00a0]*) балл(?:а|ов)?; порог — /.exec(text)
  if (!m) throw new Error(`no score in «${text}»`)
  return Number(m[1].replace(/\D/g, ''))
}

// today in Tomsk, where the demo member works
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tomsk' })

describe.each([{ js: true }, { js: false }])('a recorded and confirmed activity counts in the score (JavaScript $js)', ({ js }) => {
  it('the member records, the coordinator confirms, the score grows', async () => {
    const member = await signIn(await session(js), 'expert@demo.rma')
    const before = await points(member)

    await member.goto('/my/activity/new')
    await member.getByLabel('Вид работы').selectOption({ label: 'Проведённые курсы' })
    await member.getByLabel('Дата проведения').fill(today())
    await member.getByLabel('Уровень').selectOption({ label: 'федеральный' })
    await member.getByLabel('Число участников (слушателей)').fill('25')
    await member.getByLabel('Краткое описание: тема, для кого, где проводилось').fill(`Курсы повышения квалификации (JavaScript ${js ? 'вкл.' : 'выкл.'})`)
    await member.getByLabel('или ссылка на материал (страница мероприятия, публикация)').fill('https://example.org/course')
    await submitAndWait(member, member.getByRole('button', { name: 'Отправить на подтверждение' }))
    await member.waitForURL(/\/activity\/\d+$/)
    const path = new URL(member.url()).pathname
    await expect.poll(() => member.getByText('на подтверждении').count()).toBeGreaterThan(0)
    // a pending record does not count yet
    expect(await points(member)).toBe(before)

    const coordinator = await signIn(await session(js), 'coordinator@demo.rma')
    await coordinator.goto(path)
    await submitAndWait(coordinator, coordinator.getByRole('button', { name: 'Подтвердить' }))
    await expect.poll(() => coordinator.getByText('Запись подтверждена.').count(), { timeout: 15_000 }).toBeGreaterThan(0)

    expect(await points(member)).toBe(before + 16)

    // the coordinator's ranking shows the member with the new points
    await coordinator.goto('/evaluation')
    await expect.poll(() => coordinator.getByRole('row', { name: /Никитина Светлана Павловна/ }).count()).toBe(1)
    if (js) expect(await axe(coordinator)).toEqual([])

    // the coordinator changes the default threshold: a new version of the catalogue, which the current year uses at once
    await coordinator.goto('/settings/evaluation')
    if (js) expect(await axe(coordinator)).toEqual([])
    await coordinator.getByLabel('Порог по умолчанию, баллов за учебный год').fill(js ? '11' : '12')
    await submitAndWait(coordinator, coordinator.getByRole('button', { name: 'Сохранить новую версию' }))
    await expect.poll(() => coordinator.getByText(/Сохранена версия \d+ перечня оценки\./).count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const text = (await member.goto('/my/activity'), (await member.locator('#my-score').textContent()) ?? '')
    expect(text).toContain(`порог — ${js ? 11 : 12}`)
    await member.context().close()
    await coordinator.context().close()
  })
})
