import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { demoSignIns } from '../../db/seed/demo.server'
import { axe, signIn, serverAndBrowser } from './browser'

// A phone held upright (375 px): no page may scroll sideways; a wide table
// scrolls inside its own focusable region instead. Pages an outside walk
// found too wide, each as the role that sees it, with JavaScript on and off.

const e2e = serverAndBrowser('rma-e2e-narrow-')

/** The page's width and, when it is too wide, the widest elements that stick out (for the failure message). */
async function overflow(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth
    const culprits: string[] = []
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect()
      if (r.right > limit + 1 && culprits.length < 5) culprits.push(`${el.tagName.toLowerCase()}.${el.className} → ${Math.round(r.right)}`)
    }
    return { width: document.documentElement.scrollWidth, culprits }
  })
}

const byRole: [login: string, paths: string[]][] = [
  ['teacher@demo.rma', ['/apply/2']],
  ['municipal@demo.rma', ['/nominate/2']],
  ['ministry@demo.rma', ['/ministry', '/statistics']],
  ['expert@demo.rma', ['/my/activity/new', '/my/consent']],
  ['coordinator@demo.rma', ['/members', '/reports/1/value', '/rule-sets/1/edit', '/coordinator/commission', '/settings/evaluation', '/campaigns/manage?municipality=', '/outbox']],
  ['secretary@demo.rma', ['/commission']],
]

describe('at 375 px no page scrolls sideways', () => {
  for (const javaScriptEnabled of [true, false]) {
    it.each(byRole)(`as %s (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async (login, paths) => {
      const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 375, height: 800 }, javaScriptEnabled })
      const page = await signIn(context, login)
      const wide: Record<string, unknown> = {}
      const visit = async (path: string) => {
        await page.goto(path)
        const o = await overflow(page)
        if (o.width > 375) wide[path] = o
      }
      for (const path of paths) await visit(path)
      if (login === 'coordinator@demo.rma') {
        // a member's card, reached from the list
        const href = await page.goto('/members').then(() => page.locator('main table a[href^="/members/"]').first().getAttribute('href'))
        await visit(href!)
      }
      if (login === 'secretary@demo.rma') {
        // an application with its claims table, reached from the commission's board
        const href = await page.goto('/commission').then(() => page.locator('main a[href^="/applications/"]').first().getAttribute('href'))
        await visit(href!)
      }
      await context.close()
      expect(wide).toEqual({})
    })
  }

  it('the roster in the version for the visually impaired fits too', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 375, height: 800 } })
    const page = await context.newPage()
    await page.goto(`/a11y?on=1&back=${encodeURIComponent('/roster')}`)
    expect(await page.getAttribute('html', 'class')).toBe('a11y')
    const o = await overflow(page)
    await context.close()
    expect(o.width, o.culprits.join('\n')).toBeLessThanOrEqual(375)
  })

  it('the rule-set editor in the version for the visually impaired fits: a long choice wraps beside its box', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 375, height: 800 } })
    const page = await signIn(context, 'coordinator@demo.rma')
    await page.goto(`/a11y?on=1&back=${encodeURIComponent('/rule-sets/1/edit')}`)
    expect(await page.getAttribute('html', 'class')).toBe('a11y')
    const o = await overflow(page)
    await context.close()
    expect(o.width, o.culprits.join('\n')).toBeLessThanOrEqual(375)
  })

  it('headings in the version for the visually impaired break between words, never inside one («Обеспеченно-сть»)', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 375, height: 800 } })
    const page = await context.newPage()
    await page.goto(`/a11y?on=1&back=${encodeURIComponent('/')}`)
    const split: Record<string, string[]> = {}
    for (const path of ['/regions/tomsk/coverage', '/regions/yugra/statistics', '/selections', '/roster?region=yugra']) {
      await page.goto(path)
      // a word laid out on two lines has two boxes
      const broken = await page.evaluate(() =>
        Array.from(document.querySelectorAll('main h1, main h2')).flatMap((h) => {
          const node = document.createTreeWalker(h, NodeFilter.SHOW_TEXT)
          const words: string[] = []
          for (let t = node.nextNode(); t; t = node.nextNode()) {
            for (const m of (t.textContent ?? '').matchAll(/[^\s–—-]+/g)) {
              const r = document.createRange()
              r.setStart(t, m.index!)
              r.setEnd(t, m.index! + m[0].length)
              const lines = new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top)))
              if (lines.size > 1) words.push(m[0])
            }
          }
          return words
        }),
      )
      if (broken.length) split[path] = broken
    }
    await context.close()
    expect(split).toEqual({})
  })

  it('a search box in an inline form is a field like the others, not the browser\'s small default', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 375, height: 800 } })
    const page = await signIn(context, 'member1@demo.rma')
    await page.goto('/reviews?confirm=conflict')
    const look = (sel: string) =>
      page.locator(sel).first().evaluate((el) => {
        const s = getComputedStyle(el)
        return { fontSize: s.fontSize, padding: s.paddingTop, height: Math.round(el.getBoundingClientRect().height) }
      })
    const search = await look('#conflict-q')
    const field = await look('.field textarea')
    await context.close()
    expect(search.fontSize).toBe(field.fontSize)
    expect(search.padding).toBe(field.padding)
    expect(search.height).toBeGreaterThanOrEqual(36)
  })

  it('tables on a phone (consent history, an application\'s claims, a rule set, an order\'s appendix) scroll in a region a keyboard can reach (axe: scrollable-region-focusable)', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 375, height: 800 }, bypassCSP: true })
    const violations: Record<string, string[]> = {}
    for (const [login, paths] of [
      ['expert@demo.rma', ['/my/consent', '/applications/1']],
      ['secretary@demo.rma', ['/applications/18']],
      ['coordinator@demo.rma', ['/rule-sets/1', '/orders/1/appendix']],
    ] as const) {
      const page = await signIn(context, login)
      for (const path of paths) {
        await page.goto(path)
        const found = (await axe(page)).map((v) => v.id)
        if (found.length) violations[path] = found
      }
      await context.clearCookies()
    }
    await context.close()
    expect(violations).toEqual({})
  })

  it('a wide table scrolls inside a region a keyboard can reach and a screen reader names', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 375, height: 800 } })
    const page = await signIn(context, 'coordinator@demo.rma')
    await page.goto('/members')
    const region = page.locator('main .table-wrap').first()
    expect(await region.getAttribute('role')).toBe('region')
    expect(await region.getAttribute('tabindex')).toBe('0')
    expect(await region.getAttribute('aria-label')).toBeTruthy()
    await context.close()
  })
})

// Not about width, but this server started on demo data anyway.
it('the startup console lists every demo account, the appellant and the municipal ones too', () => {
  for (const login of ['teacher@demo.rma', 'appellant@demo.rma', 'msecretary@demo.rma', 'mchair@demo.rma', 'mmember@demo.rma', 'mapprover@demo.rma']) {
    expect(demoSignIns.map((a) => a.login)).toContain(login)
  }
  for (const a of demoSignIns) expect(e2e.server.output()).toContain(a.login)
})
