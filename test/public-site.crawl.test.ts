import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, tempDataDir, type RunningServer } from './support/server'

// What a public site serves besides its pages (issue 9, items 6, 7 and 10),
// over HTTP from the production build: public/ files with their content
// types, the open selections for a visitor, and error pages that know who is
// signed in.

let server: RunningServer

beforeAll(async () => {
  server = await startServer({ dataDir: tempDataDir('rma-site-'), env: { PUBLIC_URL: 'https://rma.example.org', SECURITY_CONTACT: 'mailto:security@example.org' } })
})

afterAll(async () => {
  await server?.stop()
})

const get = (path: string, init: RequestInit = {}) => fetch(server.url + path, { redirect: 'manual', ...init })

async function signIn(login: string): Promise<string> {
  const res = await get('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password: 'demo-rma-2026' }),
  })
  expect(res.status).toBe(302)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]
}

describe('public/ files', () => {
  it('robots.txt keeps crawlers off every staff path and lets them into the public ones', async () => {
    const res = await get('/robots.txt')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    const body = await res.text()
    expect(body).toMatch(/^User-agent: \*$/m)
    for (const path of ['/dashboard', '/applications', '/commission', '/meetings', '/ministry', '/campaigns', '/imports', '/outbox', '/members', '/people', '/reviews', '/protocols', '/orders', '/rule-sets', '/exports', '/statistics', '/my', '/login', '/register', '/apply/']) {
      expect(body, path).toMatch(new RegExp(`^Disallow: ${path}$`, 'm'))
    }
    for (const path of ['/roster', '/regions/', '/selections']) expect(body, path).toMatch(new RegExp(`^Allow: ${path}$`, 'm'))
  })

  it('the favicon is served as an icon (with an SVG one) and every page links it', async () => {
    const ico = await get('/favicon.ico')
    expect(ico.status).toBe(200)
    expect(ico.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/)
    expect([...new Uint8Array(await ico.arrayBuffer()).slice(0, 4)]).toEqual([0, 0, 1, 0])
    const svg = await get('/favicon.svg')
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    for (const page of ['/', '/roster', '/selections']) {
      const html = await (await get(page)).text()
      expect(html, page).toContain('rel="icon" href="/favicon.ico"')
      expect(html, page).toContain('rel="icon" href="/favicon.svg" type="image/svg+xml"')
    }
  })

  it('/.well-known/security.txt follows RFC 9116 and expires within a year', async () => {
    const res = await get('/.well-known/security.txt')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    const body = await res.text()
    expect(body).toMatch(/^Contact: mailto:security@example\.org$/m)
    expect(body).toMatch(/^Preferred-Languages: ru, en$/m)
    expect(body).toMatch(/^Canonical: https:\/\/rma\.example\.org\/\.well-known\/security\.txt$/m)
    const expires = new Date(/^Expires: (\S+)$/m.exec(body)![1])
    expect(expires.getTime()).toBeGreaterThan(Date.now())
    expect(expires.getTime()).toBeLessThanOrEqual(Date.now() + 365 * 86_400_000)
  })

  it('the filter script is a same-origin file that the public pages’ CSP allows, with no inline script', async () => {
    const js = await get('/auto-submit.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toMatch(/javascript/)
    const roster = await get('/roster?region=tomsk')
    const csp = roster.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    const html = await roster.text()
    expect(html).toContain('<script src="/auto-submit.js" defer="">')
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([])
  })
})

describe('a visitor finds the open selections', () => {
  it('/campaigns leads a visitor to the public list, which offers sign-in and registration back to the form', async () => {
    const res = await get('/campaigns')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/selections')
    const html = await (await get('/selections')).text()
    const id = /href="\/login\?redirectTo=\/apply\/(\d+)"/.exec(html)?.[1]
    expect(id).toBeDefined()
    expect(html).toContain(`href="/register?redirectTo=/apply/${id}"`)
    const one = await get(`/selections/${id}`)
    expect(one.status).toBe(200)
    expect(await one.text()).toContain('Требования к кандидатам')
    // the sign-in form keeps where to go next
    const login = await (await get(`/login?redirectTo=/apply/${id}`)).text()
    expect(login).toContain(`name="redirectTo" value="/apply/${id}"`)
  })

  it('the home page links every region to its page and the open selections', async () => {
    const html = await (await get('/')).text()
    for (const code of ['tomsk', 'chelyabinsk', 'khabarovsk', 'yugra']) expect(html).toContain(`href="/regions/${code}"`)
    expect(html).toContain('href="/selections"')
  })
})

describe('the region’s statistics', () => {
  it('a visitor reaches the public figures from the region page: counts, charts with tables, no person; the staff report asks to sign in', async () => {
    const region = await (await get('/regions/tomsk')).text()
    expect(region).toContain('href="/regions/tomsk/statistics"')
    const res = await get('/regions/tomsk/statistics')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toMatch(/public/)
    expect(res.headers.get('etag')).toBeTruthy()
    const html = await res.text()
    expect(html).toContain('Члены актива по муниципалитетам')
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="municipality-chart-title municipality-chart-desc"/)
    expect(html).toContain('<th scope="row">Город Томск</th>')
    // no JavaScript on a public page, and no one's name: the demo expert is on the roster, not here
    expect(html.match(/<script(?![^>]*auto-submit)[^>]*>/g) ?? []).toEqual([])
    expect(html).not.toContain('Никитина')
    const staff = await get('/statistics')
    expect(staff.status).toBe(302)
    expect(staff.headers.get('location')).toMatch(/^\/login/)
  })

  it('the coordinator opens the report and downloads it as Excel and Word', async () => {
    const cookie = await signIn('coordinator@demo.rma')
    const dashboard = await (await get('/dashboard', { headers: { cookie } })).text()
    expect(dashboard).toContain('href="/statistics"')
    const page = await get('/statistics', { headers: { cookie } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Этапы отбора')
    const xlsx = /href="(\/statistics\.xlsx\?[^"]+)"/.exec(html)![1].replaceAll('&amp;', '&')
    const docx = /href="(\/statistics\.docx\?[^"]+)"/.exec(html)![1].replaceAll('&amp;', '&')
    for (const [href, type] of [[xlsx, /spreadsheetml/], [docx, /wordprocessingml/]] as const) {
      const res = await get(href, { headers: { cookie } })
      expect(res.status, href).toBe(200)
      expect(res.headers.get('content-type'), href).toMatch(type)
      expect(res.headers.get('cache-control'), href).toMatch(/no-store/)
    }
  })
})

describe('error pages know who is signed in', () => {
  it('a signed-in teacher refused a staff page is offered their own page, not «Войти»', async () => {
    const cookie = await signIn('expert@demo.rma')
    const res = await get('/ministry', { headers: { cookie } })
    expect(res.status).toBe(403)
    const html = await res.text()
    const main = html.slice(html.indexOf('<main'))
    expect(main).toContain('Нет доступа')
    expect(main).toContain('href="/dashboard"')
    expect(html).not.toMatch(/>Войти</)
  })

  it('a visitor on a missing page is offered the home page and the open selections', async () => {
    const res = await get('/no-such-page')
    expect(res.status).toBe(404)
    const main = (await res.text()).split('<main')[1]
    expect(main).toContain('Страница не найдена')
    expect(main).toContain('href="/selections"')
    expect(main).not.toContain('href="/dashboard"')
  })

  it('a folder of static files is a missing page in Russian, not an English redirect to the folder', async () => {
    for (const path of ['/assets', '/assets/']) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      const body = await res.text()
      expect(body, path).toContain('Страница не найдена')
      expect(body, path).not.toMatch(/Redirecting|Cannot GET/)
    }
  })
})
