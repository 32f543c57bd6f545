import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { letterTo as letterToIn, linkIn, signIn, submitAndWait, serverAndBrowser } from './browser'

// Running a region without a developer (issue 11): an administrator creates a
// region from a preset and invites its coordinator; the coordinator accepts
// by the link in the letter, invites a secretary and a member, sets the
// municipalities' teacher counts, edits a rule in the structured editor and
// opens a campaign with stage deadlines and a review form. No CLI anywhere.
// Run with JavaScript on and off.

const PASSWORD = 'новый-пароль-2026'
const e2e = serverAndBrowser('rma-e2e-self-service-')

const session = (javaScriptEnabled: boolean): Promise<BrowserContext> => e2e.browser.newContext({ javaScriptEnabled, baseURL: e2e.server.url })
const letterTo = (to: string, pattern: RegExp) => letterToIn(e2e.server.dataDir, to, pattern)
const flash = (page: Page, text: string | RegExp) => expect.poll(() => page.getByText(text).count(), { timeout: 15_000 }).toBeGreaterThan(0)

/** Follows the invitation in the newest letter to `email` and creates the account; returns the signed-in page. */
async function acceptInvitation(js: boolean, email: string): Promise<Page> {
  const letter = await letterTo(email, /\/invitations\//)
  const ctx = await session(js)
  const page = await ctx.newPage()
  await page.goto(linkIn(letter, '/invitations/'))
  await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Пароль ещё раз').fill(PASSWORD)
  await submitAndWait(page, page.getByRole('button', { name: 'Создать учётную запись и принять приглашение' }))
  await page.waitForURL('**/dashboard')
  return page
}

async function invite(page: Page, region: string, who: { email: string; name: string; role: string; commission?: boolean }) {
  await page.goto(`/people/invitations?region=${region}`)
  await page.getByLabel('Адрес электронной почты (он же логин)').fill(who.email)
  await page.getByLabel('Фамилия, имя и отчество').fill(who.name)
  await page.getByLabel('Роль', { exact: true }).selectOption({ label: who.role })
  if (who.commission) await page.getByLabel('Комиссия').selectOption({ index: 1 })
  await submitAndWait(page, page.getByRole('button', { name: 'Отправить приглашение' }))
  await flash(page, `Приглашение отправлено на ${who.email}.`)
}

describe.each([
  { js: true, code: 'tomsk-new', coordinator: 'coordinator@tomsk-new.example' },
  { js: false, code: 'tomsk-nojs', coordinator: 'coordinator@tomsk-nojs.example' },
])('a region set up from the e2e.browser (JavaScript $js)', ({ js, code, coordinator }) => {
  let coord: Page

  it('an administrator creates a region from a preset and invites its coordinator', async () => {
    const admin = await signIn(await session(js), 'admin@demo.rma')
    await admin.goto('/settings/regions/new')
    await admin.getByLabel('С чего начать').selectOption({ value: 'tomsk' })
    await admin.getByLabel('Код региона').fill(code)
    await admin.getByLabel('Название').fill(`Новый регион (${js ? 'с' : 'без'} JavaScript)`)
    await submitAndWait(admin, admin.getByRole('button', { name: 'Создать регион' }))
    await admin.waitForURL(`**/settings?region=${code}`)
    await invite(admin, code, { email: coordinator, name: 'Орлова Вера Николаевна', role: 'Региональный координатор' })
  })

  it('the coordinator accepts by the link in the letter and invites a secretary and a member of the commission', async () => {
    coord = await acceptInvitation(js, coordinator)
    await invite(coord, code, { email: `secretary@${code}.example`, name: 'Лебедева Ольга', role: 'Секретарь комиссии', commission: true })
    await invite(coord, code, { email: `member@${code}.example`, name: 'Соколов Пётр', role: 'Член комиссии', commission: true })
    const secretary = await acceptInvitation(js, `secretary@${code}.example`)
    await expect.poll(() => secretary.getByRole('link', { name: /Комиссия/ }).count()).toBeGreaterThan(0)
    await secretary.context().close()
  })

  it('sets a municipality’s teacher count', async () => {
    await coord.goto(`/settings/municipalities?region=${code}`)
    await coord.getByRole('link', { name: /^Изменить: / }).first().click()
    await coord.waitForLoadState('load')
    const edit = coord.getByRole('region', { name: /^Изменить муниципалитет/ })
    await edit.getByLabel('Число педагогических работников').fill('1234')
    await edit.getByLabel('Год, к которому относится число').fill('2026')
    await edit.getByLabel('Источник числа').fill('Форма ОО-1, 2026')
    const estimated = edit.getByLabel('Число приблизительное (оценка)')
    if (await estimated.isChecked()) await estimated.uncheck()
    await submitAndWait(coord, edit.getByRole('button', { name: 'Сохранить' }))
    await expect.poll(() => coord.getByText('1 234').count()).toBeGreaterThan(0)
  })

  it('edits a rule’s threshold in the structured editor, which saves a new version', async () => {
    await coord.goto(`/rule-sets?region=${code}`)
    await coord.getByRole('table').getByRole('link').first().click()
    await coord.getByRole('link', { name: 'Изменить (создать новую версию)' }).click()
    await coord.waitForURL('**/edit')
    const minimum = coord.getByLabel('Не менее').first()
    await minimum.fill('3')
    await submitAndWait(coord, coord.getByRole('button', { name: 'Сохранить как новую версию' }))
    await flash(coord, 'Изменения сохранены как новая версия.')
    await expect.poll(() => coord.getByText(/не менее 3/).count()).toBeGreaterThan(0)
  })

  it('opens a campaign with stage deadlines and a review form', async () => {
    await coord.goto(`/campaigns/manage?region=${code}`)
    await coord.getByLabel('Название отбора').fill('Отбор 2027 года')
    await coord.getByLabel('Набор требований (версия)').selectOption({ index: 1 })
    // the region's only commission is already chosen
    expect(await coord.getByLabel('Комиссия').inputValue()).not.toBe('')
    const days: [string, string][] = [
      ['Дата начала приёма заявлений', '2027-05-15'],
      ['Последний день приёма заявлений', '2027-06-16'],
      ['Проверка заявлений до', '2027-06-30'],
      ['Отзывы членов комиссии до', '2027-08-20'],
      ['Дата заседания комиссии', '2027-09-01'],
      ['Решение министерства до', '2027-09-15'],
    ]
    for (const [label, day] of days) await coord.getByLabel(label).first().fill(day)
    await submitAndWait(coord, coord.getByRole('button', { name: 'Создать отбор' }))
    await flash(coord, 'Отбор создан.')
    await coord.waitForURL(/\/campaigns\/manage\/\d+/)
    const campaignPath = new URL(coord.url()).pathname

    await coord.getByRole('link', { name: 'Форма отзыва рецензента' }).click()
    await coord.waitForURL('**/review-form')
    for (const [title, max] of [
      ['Методическая компетентность', '5'],
      ['Опыт распространения практик', '10'],
    ]) {
      await coord.getByLabel('Название критерия').last().fill(title)
      await coord.getByLabel('Максимальный балл').last().fill(max)
      await submitAndWait(coord, coord.getByRole('button', { name: 'Добавить критерий' }))
      await flash(coord, 'Критерий добавлен в форму отзыва.')
    }
    await expect.poll(() => coord.getByText('2. Опыт распространения практик').count()).toBeGreaterThan(0)

    await coord.goto(campaignPath)
    await submitAndWait(coord, coord.getByRole('button', { name: 'Открыть приём заявлений' }))
    await expect.poll(() => coord.getByText(/Приём заявлений/).count()).toBeGreaterThan(0)
    // the public page of the new region lists the campaign with its later stages
    const visitor = await (await session(js)).newPage()
    await visitor.goto(`/selections?region=${code}`)
    await expect.poll(() => visitor.getByText('Отбор 2027 года').count()).toBeGreaterThan(0)
  })
})
