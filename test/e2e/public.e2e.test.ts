import { describe, expect, it } from 'vitest'
import { axe, serverAndBrowser } from './browser'

const e2e = serverAndBrowser('rma-e2e-public-')

const publicPages = ['/', '/selections', '/selections?region=tomsk', '/roster', '/roster?region=tomsk', '/roster?region=chelyabinsk', '/roster?page=2', '/regions/tomsk', '/regions/khabarovsk/coverage', '/login', '/no-such-page']

describe('public pages in Chromium', () => {
  it.each(publicPages)('%s has no WCAG 2.1 AA violations (axe-core)', async (path) => {
    const context = await e2e.browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    await page.goto(e2e.server.url + path)
    const violations = await axe(page)
    await context.close()
    expect(violations).toEqual([])
  })

  it.each(['/roster?region=tomsk', '/regions/khabarovsk/coverage'])('%s in the version for the visually impaired has no violations either', async (path) => {
    const context = await e2e.browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    await page.goto(`${e2e.server.url}/a11y?on=1&back=${encodeURIComponent(path)}`)
    expect(await page.getAttribute('html', 'class')).toBe('a11y')
    expect(await axe(page)).toEqual([])
    await context.close()
  })

  it('the visually-impaired toggle is remembered in a cookie and switched back', async () => {
    const context = await e2e.browser.newContext()
    const page = await context.newPage()
    await page.goto(`${e2e.server.url}/roster`)
    await page.getByRole('link', { name: 'Версия для слабовидящих' }).click()
    await page.waitForURL(/\/roster$/)
    expect(await page.getAttribute('html', 'class')).toBe('a11y')
    await page.goto(`${e2e.server.url}/regions/tomsk`)
    expect(await page.getAttribute('html', 'class')).toBe('a11y')
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('24px')
    await page.getByRole('link', { name: 'Обычная версия сайта' }).click()
    expect(await page.getAttribute('html', 'class')).toBeNull()
    await context.close()
  })

  it('a visitor with JavaScript off finds a member by name in a filtered, paginated list, by keyboard only', async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${e2e.server.url}/roster?region=tomsk`)
    const firstName = (await page.locator('table.roster tbody th').first().textContent())!.trim()
    const lastName = firstName.split(' ')[0]
    // keyboard only: tab to the search box, type, submit with Enter
    await page.locator('body').focus()
    let focused = ''
    for (let i = 0; i < 30 && focused !== 'f-q'; i++) {
      await page.keyboard.press('Tab')
      focused = await page.evaluate(() => document.activeElement?.id ?? '')
    }
    expect(focused).toBe('f-q')
    await page.keyboard.type(`  ${lastName.toUpperCase().replaceAll('Ё', 'Е')}  `)
    await page.keyboard.press('Enter')
    await page.waitForURL(/q=/)
    expect(page.url()).toContain('region=tomsk')
    const names = await page.locator('table.roster tbody th').allTextContents()
    expect(names.length).toBeGreaterThan(0)
    expect(names.every((n) => n.toLowerCase().replaceAll('ё', 'е').includes(lastName.toLowerCase().replaceAll('ё', 'е')))).toBe(true)
    // public pages ship no React; the only script is the filters' auto-submit, which is not needed here
    expect(await page.locator('script:not([src="/auto-submit.js"])').count()).toBe(0)
    await context.close()
  })

  it('pagination has stable URLs and marks the current page', async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${e2e.server.url}/roster`)
    await page.getByRole('link', { name: 'Страница 2' }).click()
    expect(new URL(page.url()).search).toBe('?page=2')
    expect(await page.locator('[aria-current="page"]').textContent()).toBe('2')
    await context.close()
  })

  it.each([
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ])('the roster and the public pages never scroll sideways at $width px', async (viewport) => {
    const context = await e2e.browser.newContext({ viewport })
    const page = await context.newPage()
    for (const path of ['/', '/selections', '/roster?region=chelyabinsk', '/roster?region=tomsk', '/regions/tomsk', '/regions/khabarovsk/coverage']) {
      await page.goto(e2e.server.url + path)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow, `${path} at ${viewport.width} px`).toBeLessThanOrEqual(0)
    }
    if (viewport.width < 500) {
      // on a phone each member is a card: rows and cells are blocks, each cell labelled
      await page.goto(`${e2e.server.url}/roster?region=tomsk`)
      const cell = page.locator('table.roster tbody td[data-label]').first()
      expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe('block')
      expect(await page.locator('table.roster tbody tr').first().evaluate((tr) => getComputedStyle(tr).display)).toBe('block')
    }
    await context.close()
  })

  it('a teacher finds an open selection and its requirements without an account, then signs in and lands on the form', async () => {
    const context = await e2e.browser.newContext()
    const page = await context.newPage()
    await page.goto(`${e2e.server.url}/campaigns`)
    await page.waitForURL(/\/selections/)
    const selection = page.locator('article.selection').first()
    expect(await selection.locator('details.requirements-details').count()).toBe(1)
    const apply = selection.locator('a.button.apply')
    const href = (await apply.getAttribute('href'))!
    const target = new URL(href, e2e.server.url).searchParams.get('redirectTo')!
    expect(target).toMatch(/^\/apply\/\d+$/)
    await apply.click()
    await page.getByLabel('Логин (адрес электронной почты)').fill('expert@demo.rma')
    await page.getByLabel('Пароль').fill('demo-rma-2026')
    await page.getByRole('button', { name: 'Войти' }).click()
    await page.waitForURL((url) => url.pathname === target)
    await context.close()
  })
})
