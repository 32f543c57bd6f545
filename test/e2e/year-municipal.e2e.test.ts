import { describe, expect, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { axe, signIn, submitAndWait, serverAndBrowser } from './browser'

// The municipal active's selection in the browser (issue 10 §6), on the demo
// data of `npm start`: Город Томск's additional selection waits at the
// city's education authority; its approver approves a candidate under the
// authority's own order, the city's coordinator publishes, and a visitor
// finds the member on the municipal roster — not on the regional one. Run
// with JavaScript on and off, one candidate each.

const e2e = serverAndBrowser('rma-e2e-municipal-')

const session = (javaScriptEnabled: boolean): Promise<BrowserContext> =>
  e2e.browser.newContext({ javaScriptEnabled, baseURL: e2e.server.url, bypassCSP: true })

const campaignTitle = 'Дополнительный отбор в муниципальный методический актив г. Томска, 2026/2027 учебный год'

describe.each([
  { js: true, name: 'Харитонова Дарья Алексеевна', order: '77-м' },
  { js: false, name: 'Цветков Максим Андреевич', order: '78-м' },
])('a municipal selection published to the municipal roster (JavaScript $js)', ({ js, name, order }) => {
  it('the municipal authority’s approver approves the candidate under its own order', async () => {
    const ctx = await session(js)
    const page = await signIn(ctx, 'mapprover@demo.rma')
    await page.getByRole('link', { name: 'Согласование состава и приказы' }).click()
    await page.waitForURL('**/ministry**')
    // with JavaScript the address changes before the new page is drawn
    await expect.poll(() => page.locator('h1').textContent()).toBe('Согласование состава муниципального методического актива: Город Томск')
    // only the city's own selection: nothing of the region's campaigns at the ministry
    expect(await page.locator('main').textContent()).not.toContain('региональный методический актив Томской области')
    await page.getByRole('checkbox', { name: `Выбрать: ${name}` }).check()
    await page.getByLabel('Номер приказа').fill(order)
    await page.getByLabel('Дата приказа').fill('2026-11-27')
    expect(await page.getByLabel('Название приказа').inputValue()).toBe('Об утверждении состава муниципального методического актива')
    await submitAndWait(page, page.getByRole('button', { name: 'Согласовать выбранных' }))
    await submitAndWait(page, page.getByRole('button', { name: 'Да, согласовать' }))
    await expect.poll(() => page.getByText('Согласовано кандидатов: 1.', { exact: false }).count()).toBe(1)
    await expect.poll(() => page.getByText(`Приказ № ${order} от 27.11.2026`, { exact: false }).count()).toBeGreaterThan(0)
    if (js) expect(await axe(page)).toEqual([])
    await ctx.close()

    // the region's ministry does not see the municipal candidate
    const ministryCtx = await session(js)
    const ministry = await signIn(ministryCtx, 'ministry@demo.rma')
    await ministry.goto('/ministry')
    expect(await ministry.locator('main').textContent()).not.toContain('Дополнительный отбор в муниципальный')
    await ministryCtx.close()
  })

  it('the city’s municipal coordinator publishes, and a visitor finds the member at /roster?level=municipal', async () => {
    const ctx = await session(js)
    const page = await signIn(ctx, 'municipal@demo.rma')
    await page.getByRole('link', { name: 'Управление отборами и публикация' }).click()
    await page.waitForURL('**/campaigns/manage**')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Отборы в муниципальный методический актив: Город Томск')
    await page.getByRole('link', { name: campaignTitle }).click()
    await page.waitForURL(/\/campaigns\/manage\/\d+$/)
    await expect.poll(() => page.locator('h1').textContent()).toBe(campaignTitle)
    await page.getByRole('link', { name: 'Опубликовать утверждённый состав' }).click()
    await submitAndWait(page, page.getByRole('button', { name: 'Да, опубликовать' }))
    await expect.poll(() => page.getByText('Утверждённый состав опубликован.').count()).toBe(1)
    if (js) expect(await axe(page)).toEqual([])
    await ctx.close()

    const visitor = await (await session(js)).newPage()
    await visitor.goto('/roster?region=tomsk&level=municipal')
    const municipal = await visitor.locator('table.roster tbody th').allTextContents()
    expect(municipal.some((n) => n.startsWith(name.split(' ').slice(0, 2).join(' ')))).toBe(true)
    // the demo's published city active is there too, and the level filter keeps the choice
    expect(municipal.length).toBeGreaterThanOrEqual(4)
    expect(await visitor.locator('#f-level').inputValue()).toBe('municipal')
    await visitor.goto('/roster?region=tomsk&level=regional')
    expect(await visitor.locator('table.roster').textContent()).not.toContain(name.split(' ')[0])
    const json = await visitor.request.get('/roster.json?region=tomsk&level=municipal')
    expect(json.status()).toBe(200)
    expect(await json.text()).toContain(name.split(' ')[0])
  })
})
