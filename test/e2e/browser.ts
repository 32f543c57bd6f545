import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { parseEml } from '../../app/mail/eml.server'
import { startServer, tempDataDir, type RunningServer } from '../support/server'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
}

/**
 * The real server (demo data in a fresh directory named by `dataDirPrefix`)
 * and Chromium for one test file: started before its tests, stopped after
 * them. Read the fields inside tests, once `beforeAll` has set them.
 */
export function serverAndBrowser(dataDirPrefix: string): { server: RunningServer; browser: Browser } {
  const e2e = {} as { server: RunningServer; browser: Browser }
  beforeAll(async () => {
    e2e.server = await startServer({ dataDir: tempDataDir(dataDirPrefix) })
    e2e.browser = await launch()
  })
  afterAll(async () => {
    await e2e.browser?.close()
    await e2e.server?.stop()
  })
  return e2e
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] }

/**
 * Runs axe-core in the page for WCAG 2.1 A/AA. The page's CSP forbids
 * scripts, so the script is added through the DevTools protocol, which CSP
 * does not govern (bypassCSP on the context).
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })
}

/** The demo accounts' password (db/seed/demo.server.ts). */
export const DEMO_PASSWORD = 'demo-rma-2026'

/** The newest letter to `to` whose text matches, from the outbox folder the server writes without SMTP. */
export async function letterTo(dataDir: string, to: string, pattern: RegExp): Promise<string> {
  const dir = join(dataDir, 'outbox')
  let found = ''
  await expect
    .poll(
      () => {
        let names: string[] = []
        try {
          names = readdirSync(dir).filter((n) => n.endsWith('.eml'))
        } catch {
          return ''
        }
        for (const n of names) {
          const mail = parseEml(readFileSync(join(dir, n), 'utf8'))
          if (mail.to.includes(to) && pattern.test(mail.text)) found = mail.text
        }
        return found
      },
      { timeout: 30_000 },
    )
    .not.toBe('')
  return found
}

/** The path of the first link to `path` (e.g. /invitations/) in a letter. */
export function linkIn(letter: string, path: string): string {
  const m = new RegExp(`https?://\\S+(${path.replace(/\//g, '\\/')}[A-Za-z0-9_-]+)`).exec(letter)
  if (!m) throw new Error(`no ${path} link in the letter`)
  return m[1]
}

export async function signIn(context: BrowserContext, login: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('Логин (адрес электронной почты)').fill(login)
  await page.getByLabel('Пароль').fill(password)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL('**/dashboard')
  return page
}

export type Teacher = { last: string; first: string; login: string }

/**
 * A teacher registers on /register and confirms the address by the link in
 * the letter the server wrote to `dataDir` (an application is submitted only
 * from a confirmed address). The page is left on the confirmation's answer.
 */
export async function registerTeacher(page: Page, dataDir: string, who: Teacher, region = 'Томская область'): Promise<void> {
  await page.goto('/register')
  await page.getByLabel('Адрес электронной почты (он же логин)').fill(who.login)
  await page.getByLabel('Фамилия').fill(who.last)
  await page.getByLabel('Имя').fill(who.first)
  await page.getByLabel('Регион').selectOption({ label: region })
  await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByLabel('Пароль ещё раз').fill(DEMO_PASSWORD)
  await submitAndWait(page, page.getByRole('button', { name: 'Зарегистрироваться' }))
  await page.waitForURL('**/campaigns')
  const letter = await letterTo(dataDir, who.login, /\/confirm\//)
  await page.goto(linkIn(letter, '/confirm/'))
  await submitAndWait(page, page.getByRole('button', { name: 'Подтвердить адрес' }))
  await expect.poll(() => page.getByText('Адрес электронной почты подтверждён').count()).toBeGreaterThan(0)
}

/** Clicks a submit button and waits for the page it leads to (with or without JavaScript). */
export async function submitAndWait(page: Page, button: ReturnType<Page['getByRole']>) {
  await Promise.all([page.waitForLoadState('load'), button.click()])
  await page.waitForLoadState('networkidle')
}
