import { describe, expect, it } from 'vitest'
import * as operator from '../app/routes/settings.operator/route'
import { makeRegion } from './fixtures'
import { renderAfterPost } from './render'
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
