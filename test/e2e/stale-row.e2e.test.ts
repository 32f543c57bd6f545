import { expect, it } from 'vitest'
import { signIn, serverAndBrowser } from './browser'

// A row removed in another tab, then its button pressed with JavaScript on:
// the 404 makes the page read its data again (shouldRevalidate; single fetch
// does not after a 4xx action), so the row drops off and its refusal is said
// above the list, as on the page that comes back without JavaScript.

const e2e = serverAndBrowser('rma-e2e-stale-')

it('a group removed in another tab drops off the directions page when its button is pressed, and the refusal is said above the list', async () => {
  const context = await e2e.browser.newContext({ baseURL: e2e.server.url })
  const a = await signIn(context, 'coordinator@demo.rma')
  await a.goto('/settings/directions')
  await a.getByLabel(/Добавить группу в направление/).first().fill('Проверка строки')
  await a.getByRole('button', { name: 'Добавить группу' }).first().click()
  const up = a.getByRole('button', { name: 'Переместить выше: Проверка строки' })
  await up.waitFor()
  const id = await a.locator('form:has(input[value="Проверка строки"]) input[name="groupId"]').first().getAttribute('value')

  const b = await context.newPage()
  await b.goto(`/settings/directions?confirm=removeGroup-${id}`)
  await b.getByRole('button', { name: 'Да, удалить' }).click()
  await b.getByText('Изменения сохранены.').waitFor()

  await up.click()
  await expect.poll(() => up.count()).toBe(0)
  const said = a.locator('div[aria-live="polite"] > p.alert[role="alert"]', { hasText: 'Запись не найдена.' })
  expect(await said.count()).toBe(1)
  // above the directions, not beside a row
  expect(await said.evaluate((p) => p.parentElement!.nextElementSibling?.getAttribute('aria-labelledby')?.startsWith('direction-'))).toBe(true)
  await context.close()
})
