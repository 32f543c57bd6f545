import { describe, expect, it } from 'vitest'
import * as ministry from '../app/routes/ministry/route'
import * as operator from '../app/routes/settings.operator/route'
import { makeRegion } from './fixtures'
import { renderAfterPost, renderRoute } from './render'
import { campaignToMinistry, candidate, forceCampaignState } from './staff-helpers'
import { cookieFor } from './support/session'

// A field's error beside it is one sentence: the first of its schema's checks
// that failed. An empty ИНН read «ИНН — 10 цифр … ИНН с ошибкой: не сходится
// контрольная цифра», two refusals run together, the second one false.

const errorOf = (html: string, id: string): string | undefined => html.match(new RegExp(`<span id="${id}-error" class="error">([^<]*)</span>`))?.[1]

describe('a field’s error', () => {
  it('is the first failed check only, without JavaScript', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const headers = { Cookie: await cookieFor(coordinator) }
    const { status, html } = await renderAfterPost(operator, `http://localhost/settings/operator?region=${region.code}`, { name: '', inn: '', ogrn: '', address: '' }, headers)
    expect(status).toBe(400)
    expect(errorOf(html, 'operator-inn')).toBe('ИНН — 10 цифр для организации или 12 для индивидуального предпринимателя')
    expect(errorOf(html, 'operator-ogrn')).toBe('ОГРН — 13 цифр (ОГРНИП — 15)')
    expect(html).not.toContain('не сходится контрольная цифра')
  })
})

describe('a field the request lacks', () => {
  it('is refused in Russian, never in zod’s English (a choice URL without the order’s fields)', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    await candidate(region, 'Борисова')
    await forceCampaignState(region.campaignId, campaignToMinistry)
    const html = await renderRoute(ministry, `http://localhost/ministry?region=${region.regionId}&confirm=approve`, { Cookie: await cookieFor(officer) })
    expect(html).toContain('Отметьте хотя бы одного кандидата')
    expect(html).not.toMatch(/Invalid input|expected|received/)
    expect(errorOf(html, 'ministry-choice-orderNumber')).toBe('Заполните это поле')
  })

  it('is refused in Russian by an action too', async () => {
    const region = await makeRegion()
    const officer = await region.actor('ministryOfficer')
    const a = await candidate(region, 'Борисова')
    await forceCampaignState(region.campaignId, campaignToMinistry)
    const { status, html } = await renderAfterPost(ministry, `http://localhost/ministry?region=${region.regionId}`, { region: region.regionId, intent: 'return', confirmed: 'yes', ids: a.id }, { Cookie: await cookieFor(officer) })
    expect(status).toBe(400)
    expect(html).not.toMatch(/Invalid input|expected|received/)
    expect(html).toContain('Заполните это поле')
  })
})
