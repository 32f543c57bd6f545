import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { strFromU8, unzipSync } from 'fflate'
import { startServer, tempDataDir, type RunningServer } from './support/server'

// An attacker's probes over plain HTTP against the real server on the demo
// data, and the leftovers of the edge they found: OPTIONS answered with a
// body, Remix's old `?_data=` filling the log, a rule set's code and a raw
// letter shown to people, and row actions that told which application ids
// exist.

let server: RunningServer
const PASSWORD = 'demo-rma-2026'

beforeAll(async () => {
  server = await startServer({ dataDir: tempDataDir('rma-probes-'), env: { OUTBOX_WORKER: 'on' } })
})

afterAll(async () => {
  await server?.stop()
})

const url = (path: string) => server.url + path

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(url(path), { redirect: 'manual', headers })
  return { res, text: await res.text() }
}

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const res = await fetch(url(path), { method: 'POST', redirect: 'manual', body, headers: { Origin: server.url, Accept: 'text/html', ...headers } })
  return { res, text: await res.text() }
}

const sessions = new Map<string, string>()
async function signIn(login: string): Promise<string> {
  const known = sessions.get(login)
  if (known) return known
  const { res } = await post('/login', new URLSearchParams({ login, password: PASSWORD, redirectTo: '' }))
  expect(res.status, `sign-in as ${login}`).toBe(302)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('__rma_session='))!
  sessions.set(login, cookie)
  return cookie
}

const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? ''
const alertOf = (html: string) => /role="alert">([^<]*)/.exec(html)?.[1] ?? null
const logSince = (from: number) => server.output().slice(from)
const settle = () => new Promise((r) => setTimeout(r, 200))

/** The first application id linked from a signed-in person's dashboard. */
async function applicationOf(login: string): Promise<number> {
  const { text } = await get('/dashboard', { Cookie: await signIn(login) })
  return Number(/href="\/applications\/(\d+)"/.exec(text)![1])
}

describe('OPTIONS', () => {
  it('is 204 with the resource’s Allow and no body, for pages, files and open data alike', async () => {
    const before = server.output().length
    for (const [path, allow] of [
      ['/roster.json', 'GET, HEAD, OPTIONS'],
      ['/roster.csv?region=tomsk', 'GET, HEAD, OPTIONS'],
      ['/roster', 'GET, HEAD, OPTIONS'],
      ['/regions/tomsk', 'GET, HEAD, OPTIONS'],
      ['/healthz', 'GET, HEAD, OPTIONS'],
      ['/login', 'GET, HEAD, POST, OPTIONS'],
      ['/applications/1', 'GET, HEAD, POST, OPTIONS'],
    ]) {
      const res = await fetch(url(path), { method: 'OPTIONS' })
      expect(res.status, path).toBe(204)
      expect(res.headers.get('allow'), path).toBe(allow)
      expect(await res.text(), path).toBe('')
      expect(res.headers.get('content-type'), path).toBeNull()
    }
    // the router never sees it: no «405» line for a page asked with OPTIONS
    await settle()
    expect(logSince(before)).toBe('')
  })

  it('a path no route has is the usual 404; a preflight from another site is granted nothing', async () => {
    expect((await fetch(url('/nope-nothing-here'), { method: 'OPTIONS' })).status).toBe(404)
    const preflight = await fetch(url('/login'), { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('a POST to a page or a file without an action names the methods it answers', async () => {
    const page = await post('/campaigns', new URLSearchParams({ a: '1' }))
    expect(page.res.status).toBe(405)
    expect(page.res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    const file = await post('/roster.json', new URLSearchParams({ a: '1' }))
    expect(file.res.status).toBe(405)
    expect(file.res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })
})

describe('Remix’s old «?_data=»', () => {
  it('is answered as the page, for a visitor and for staff, and leaves nothing in the log', async () => {
    const before = server.output().length
    const plain = await get('/roster')
    for (let i = 0; i < 5; i++) {
      const withData = await get(`/roster?_data=routes%2Froster${i}`)
      expect(withData.res.status).toBe(200)
      expect(withData.text).toBe(plain.text)
    }
    const cookie = await signIn('secretary@demo.rma')
    const staff = await get('/commission?_data=routes%2Fcommission', { Cookie: cookie })
    expect(staff.res.status).toBe(200)
    expect(mainOf(staff.text)).toContain('<h1')
    await settle()
    expect(logSince(before)).not.toMatch(/_data|Single fetch|\n\s+at /)
  })

  it('leaves the client’s own data requests (single fetch, "<path>.data") as they were', async () => {
    const cookie = await signIn('secretary@demo.rma')
    const res = await fetch(url('/commission.data?_routes=routes%2Fcommission'), { headers: { Cookie: cookie } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/x-script/)
    const body = await res.text()
    expect(body).toContain('routes/commission')
  })
})

describe('what people read', () => {
  it('the rule sets name their region, never the set’s code', async () => {
    const cookie = await signIn('coordinator@demo.rma')
    const list = mainOf((await get('/rule-sets', { Cookie: cookie })).text)
    expect(list).toContain('Томская область')
    expect(list).not.toMatch(/rma-tomsk|<code>/)
    const id = /href="\/rule-sets\/(\d+)"/.exec(list)![1]
    const one = mainOf((await get(`/rule-sets/${id}`, { Cookie: cookie })).text)
    expect(/<p class="muted">([^<]*)/.exec(one)![1]).toBe('Томская область, версия 1')
  })

  it('a letter of the outbox reads as a letter; its source is a download with a name and type', async () => {
    const cookie = await signIn('coordinator@demo.rma')
    const list = (await get('/outbox', { Cookie: cookie })).text
    const id = /href="\/outbox\?eml=(\d+)"/.exec(list)![1]
    const page = mainOf((await get(`/outbox?eml=${id}`, { Cookie: cookie })).text)
    expect(page).toContain('Здравствуйте!')
    // the date in the region's zone, with its offset; no MIME on the page
    expect(page).toMatch(/<dt>Дата<\/dt><dd>\d\d\.\d\d\.\d{4}, \d\d:\d\d \(UTC\+7\)<\/dd>/)
    expect(page).not.toMatch(/=\?UTF-8\?|Content-Transfer-Encoding|base64|boundary=/i)
    expect(page).toContain(`href="/outbox/${id}.eml"`)

    const file = await fetch(url(`/outbox/${id}.eml`), { headers: { Cookie: cookie } })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('message/rfc822')
    expect(file.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; .*filename\\*=UTF-8''%D0%BF%D0%B8%D1%81%D1%8C%D0%BC%D0%BE-${id}\\.eml$`))
    expect(file.headers.get('cache-control')).toContain('no-store')
    expect(await file.text()).toMatch(/^Auto-Submitted: auto-generated\r?\n/)

    // a teacher has no outbox; a visitor is sent to sign in
    expect((await get(`/outbox/${id}.eml`, { Cookie: await signIn('teacher@demo.rma') })).res.status).toBe(403)
    expect((await get(`/outbox/${id}.eml`)).res.status).toBe(302)
  })
})

describe('row actions on another’s application', () => {
  const MISSING = 99_999_999

  /** The answer to a row action, as the person sees it. */
  async function act(login: string, path: string, form: Record<string, string>, multipart = false) {
    const body = multipart ? Object.entries(form).reduce((fd, [k, v]) => (fd.append(k, v), fd), new FormData()) : new URLSearchParams(form)
    const { res, text } = await post(path, body, { Cookie: await signIn(login) })
    return { status: res.status, message: alertOf(text) }
  }

  it('another applicant’s application is answered exactly as one that does not exist', async () => {
    const theirs = await applicationOf('teacher@demo.rma')
    for (const intent of ['withdraw', 'submit']) {
      const other = await act('appellant@demo.rma', `/applications/${theirs}`, { intent }, true)
      const none = await act('appellant@demo.rma', `/applications/${MISSING}`, { intent }, true)
      expect(other, intent).toEqual(none)
      expect(other.status).toBe(404)
    }
    // and its page
    const page = await get(`/applications/${theirs}`, { Cookie: await signIn('appellant@demo.rma') })
    const missing = await get(`/applications/${MISSING}`, { Cookie: await signIn('appellant@demo.rma') })
    expect(page.res.status).toBe(404)
    expect(mainOf(page.text)).toBe(mainOf(missing.text))
  })

  it('staff of another commission: the same, for the board, the reviews and the agenda', async () => {
    const regional = await applicationOf('teacher@demo.rma')
    for (const [path, form] of [
      ['/commission', { intent: 'addReviewer', memberId: '1' }],
      ['/reviews', { intent: 'review', recommendation: 'recommend', comment: 'Хорошо', score: '5' }],
    ] as const) {
      const login = path === '/commission' ? 'msecretary@demo.rma' : 'mmember@demo.rma'
      const other = await act(login, path, { ...form, applicationId: String(regional) })
      const none = await act(login, path, { ...form, applicationId: String(MISSING) })
      expect(other, path).toEqual(none)
      expect(other.status, path).toBe(404)
    }
  })

  it('a real conflict on a row the user may act on stays 409', async () => {
    // the teacher's application waits for information: not in review
    const regional = await applicationOf('teacher@demo.rma')
    const conflict = await act('secretary@demo.rma', '/commission', { intent: 'addReviewer', applicationId: String(regional), memberId: '1' })
    expect(conflict.status).toBe(409)
    expect(conflict.message).toContain('не находится на рассмотрении')
  })
})

describe('probes that hold', () => {
  it('the session cookie is HttpOnly, SameSite=Lax, for the whole site; a new one at each sign-in', async () => {
    const { res } = await post('/login', new URLSearchParams({ login: 'teacher@demo.rma', password: PASSWORD, redirectTo: '' }), {
      Cookie: '__rma_session=fixed-by-attacker',
    })
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__rma_session='))!
    expect(cookie).toMatch(/; HttpOnly/i)
    expect(cookie).toMatch(/; SameSite=Lax/i)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).not.toContain('fixed-by-attacker')
  })

  it('a mutation from another site, or with a malformed Origin, is refused before any route', async () => {
    const cookie = await signIn('teacher@demo.rma')
    for (const origin of ['https://evil.example', 'null', `${server.url}.evil.example`]) {
      const { res } = await post('/logout', new URLSearchParams({}), { Cookie: cookie, Origin: origin })
      expect(res.status, origin).toBe(403)
    }
    const { res } = await post('/logout', new URLSearchParams({}), { Cookie: cookie, Origin: '', 'Sec-Fetch-Site': 'cross-site' })
    expect(res.status).toBe(403)
    // still signed in
    expect((await get('/dashboard', { Cookie: cookie })).res.status).toBe(200)
  })

  it('a file name with a path in it reaches no file', async () => {
    const cookie = await signIn('coordinator@demo.rma')
    for (const path of ['/outbox/..%2F..%2Fsession-secret.eml', '/outbox/1%00.eml', '/rule-sets/..%2F1.json', '/exports/..%2F..%2Fetc%2Fpasswd.csv', '/assets/..%2F..%2Fpackage.json']) {
      const { res, text } = await get(path, { Cookie: cookie })
      expect([400, 403, 404], path).toContain(res.status)
      expect(text, path).not.toMatch(/SESSION|"dependencies"|root:/)
    }
  })

  it('a name written as markup is shown as text on every page that shows it, to its owner and to staff', async () => {
    const login = `xss.${Date.now()}@demo.rma`
    const form = { login, lastName: '<img src=x onerror=alert(1)>', firstName: '"><script>alert(2)</script>', middleName: '', regionId: '1', password: 'пароль-для-проверки', passwordConfirm: 'пароль-для-проверки' }
    const { res } = await post('/register', new URLSearchParams(form))
    expect(res.status).toBe(302)
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('__rma_session='))!
    const staff = await signIn('admin@demo.rma')
    let seen = 0
    for (const [path, who] of [['/dashboard', cookie], ['/my/sessions', cookie], ['/my/consent', cookie], ['/people', staff], ['/outbox', staff]] as const) {
      const { text } = await get(path, { Cookie: who })
      expect(text, path).not.toMatch(/<img src=x|<script>alert/)
      if (text.includes('&lt;img src=x onerror=alert(1)&gt;')) seen++
    }
    // the check would have caught it: the name is on these pages, escaped
    expect(seen).toBeGreaterThanOrEqual(2)
  })

  it('a name with a line break is refused by the registration form, in Russian', async () => {
    const form = { login: `crlf.${Date.now()}@demo.rma`, lastName: 'Иванова\r\nBcc: evil@example.com', firstName: 'Анна', middleName: '', regionId: '1', password: 'пароль-для-проверки', passwordConfirm: 'пароль-для-проверки' }
    const { res, text } = await post('/register', new URLSearchParams(form))
    expect(res.status).toBe(400)
    expect(text).toContain('Уберите из имени переносы строк')
  })
})

describe('found by the probes of 1.12.2026', () => {
  const registration = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    post('/register', new URLSearchParams({ lastName: 'Иванова', firstName: 'Анна', middleName: '', regionId: '1', password: 'пароль-для-проверки', passwordConfirm: 'пароль-для-проверки', ...fields }), headers)

  it('a page’s refusal reaches a script as JSON with a code, field errors included; a browser still gets the page', async () => {
    const teacher = await signIn('teacher@demo.rma')
    const json = { Accept: 'application/json' }
    const cases: [string, Record<string, string>, number, object][] = [
      ['/applications/99999999', { Cookie: teacher }, 404, { code: 'NOT_FOUND', message: 'Запись не найдена.' }],
      ['/commission', { Cookie: teacher }, 403, { code: 'FORBIDDEN', message: expect.stringContaining('прав') }],
      ['/nope-nothing-here', {}, 404, { code: 'NOT_FOUND', message: expect.stringContaining('Такой страницы нет') }],
    ]
    for (const [path, headers, status, error] of cases) {
      const { res, text } = await get(path, { ...headers, ...json })
      expect(res.status, path).toBe(status)
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/)
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'")
      // a cache in between never hands the JSON to a browser, nor the page to a script
      expect(res.headers.get('vary'), path).toMatch(/\bAccept\b(?!-)/)
      expect(JSON.parse(text), path).toEqual({ error: error })
    }
    const wrong = await post('/login', new URLSearchParams({ login: 'teacher@demo.rma', password: 'не-тот-пароль' }), json)
    expect(wrong.res.status).toBe(401)
    expect(JSON.parse(wrong.text)).toEqual({ error: { code: 'BAD_CREDENTIALS', message: expect.stringContaining('Неверный логин или пароль') } })
    const invalid = await registration({ login: 'не адрес' }, json)
    expect(invalid.res.status).toBe(400)
    expect(JSON.parse(invalid.text)).toEqual({ error: { code: 'INVALID_FORM', message: expect.any(String), fields: { login: expect.stringContaining('адрес электронной почты') } } })
    // the password typed is never echoed back
    expect(invalid.text).not.toContain('пароль-для-проверки')
    // a browser (Accept: text/html) gets the Russian page
    const page = await get('/nope-nothing-here', { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' })
    expect(page.res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.res.headers.get('vary')).toMatch(/\bAccept\b(?!-)/)
  })

  it('no second account under a login that reads like another’s; no name that reads reversed', async () => {
    for (const login of ['teacher\u200b@demo.rma', 'teacher@demo.rma\u00ad', '\u202eamr.omed@rehcaet']) {
      const { res, text } = await registration({ login })
      expect(res.status, JSON.stringify(login)).toBe(400)
      expect(text).toContain('Введите адрес электронной почты')
    }
    // a full-width letter is the letter it looks like: the account exists
    const fullWidth = await registration({ login: '\uff54eacher@demo.rma' })
    expect(fullWidth.res.status).toBe(409)
    const reversed = await registration({ login: `bidi.${Date.now()}@demo.rma`, lastName: 'Иванова\u202e' })
    expect(reversed.res.status).toBe(400)
    expect(reversed.text).toContain('Уберите из имени переносы строк и другие служебные символы')
  })

  it('/forgot takes as long for an address without an account as for one with it', async () => {
    for (const login of ['member3@demo.rma', `nobody.${Date.now()}@demo.rma`]) {
      const started = performance.now()
      const { res } = await post('/forgot', new URLSearchParams({ login }))
      expect(res.status).toBe(302)
      expect(performance.now() - started, login).toBeGreaterThanOrEqual(300)
    }
  })

  it('a character XML may not hold, typed into a municipality’s name, leaves the statistics workbook readable', async () => {
    const cookie = await signIn('coordinator@demo.rma')
    const renamed = await post(
      '/settings/municipalities?region=tomsk',
      new URLSearchParams({ region: 'tomsk', intent: 'edit', municipalityId: '5', name: 'Александровский\ufffe район', teachersCount: '60', teachersYear: '2025', teachersSource: 'Пресет региона', teachersEstimated: 'on' }),
      { Cookie: cookie },
    )
    expect(renamed.res.status).toBe(302)
    const res = await fetch(url('/statistics.xlsx'), { headers: { Cookie: cookie } })
    expect(res.status).toBe(200)
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
    const xml = Object.entries(files).filter(([name]) => name.endsWith('.xml')).map(([, bytes]) => strFromU8(bytes)).join('\n')
    expect(xml).toContain('Александровский район')
    expect(xml).not.toMatch(/[\ufffe\uffff]/)
  })

  it('a document whose name holds «;» or «=» (browsers send them as they are) is stored, not a 500', async () => {
    const cookie = await signIn('teacher@demo.rma')
    const id = await applicationOf('teacher@demo.rma')
    const before = server.output().length
    for (const name of ['Диплом; копия.pdf', 'a=b.pdf']) {
      const fd = new FormData()
      fd.set('fact', 'giaCommission')
      fd.set('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), name)
      const { res } = await post(`/applications/${id}/evidence/new`, fd, { Cookie: cookie })
      expect(res.status, name).toBe(302)
    }
    const page = mainOf((await get(`/applications/${id}`, { Cookie: cookie })).text)
    expect(page).toContain('Диплом; копия.pdf')
    expect(page).toContain('a=b.pdf')
    await settle()
    expect(logSince(before)).not.toMatch(/\n\s+at /)
  })
})

describe('found by the second probes of 1.12.2026', () => {
  const json = { Accept: 'application/json' }
  const english = /[A-Za-z]{3,}/

  it('a file’s or open data’s refusal reaches a script as JSON too; a browser still gets the plain text', async () => {
    const teacher = await signIn('teacher@demo.rma')
    for (const [path, status, code] of [
      ['/exports/applications.csv', 403, 'FORBIDDEN'],
      ['/statistics.xlsx', 403, 'FORBIDDEN'],
      ['/orders/1.docx', 404, 'NOT_FOUND'],
      ['/my/certificate.docx', 404, 'NOT_FOUND'],
      ['/rule-sets/1.json', 404, 'NOT_FOUND'],
      ['/applications/1/evidence/1', 404, 'NOT_FOUND'],
    ] as const) {
      const { res, text } = await get(path, { Cookie: teacher, ...json })
      expect(res.status, path).toBe(status)
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/)
      expect(res.headers.get('vary'), path).toMatch(/\bAccept\b(?!-)/)
      const body = JSON.parse(text)
      expect(body, path).toEqual({ error: { code, message: expect.stringMatching(/[а-яё]/i) } })
      expect(body.error.message, path).not.toMatch(english)
    }
    const plain = await get('/exports/applications.csv', { Cookie: teacher })
    expect(plain.res.status).toBe(403)
    expect(plain.res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(plain.res.headers.get('vary')).toMatch(/\bAccept\b(?!-)/)
    expect(plain.text).toContain('Недостаточно прав')
  })

  it('a signed-out script is told 401 in JSON (a page, a file, an action); a signed-out browser is still sent to sign in', async () => {
    for (const [method, path] of [['GET', '/dashboard'], ['GET', '/applications/1'], ['GET', '/exports/applications.csv'], ['POST', '/my/notifications']] as const) {
      const { res, text } = method === 'GET' ? await get(path, json) : await post(path, new URLSearchParams({ intent: 'all' }), json)
      expect(res.status, path).toBe(401)
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/)
      expect(JSON.parse(text), path).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.stringContaining('после входа') } })
    }
    const { res } = await get('/dashboard', { Accept: 'text/html' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fdashboard')
    expect(res.headers.get('vary')).toMatch(/\bAccept\b(?!-)/)
  })

  it('invitations to one address are limited: one for every municipality no longer floods a mailbox', async () => {
    const cookie = await signIn('coordinator@demo.rma')
    const email = `flood.${Date.now()}@example.org`
    const statuses: number[] = []
    let last = ''
    for (let municipalityId = 1; municipalityId <= 7; municipalityId++) {
      const { res, text } = await post(
        '/people/invitations',
        new URLSearchParams({ region: '1', intent: 'invite', email, displayName: 'Проверка Приглашений', role: 'municipalCoordinator', municipalityId: String(municipalityId), commissionId: '' }),
        { Cookie: cookie, ...json },
      )
      statuses.push(res.status)
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      last = text
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429, 429])
    expect(JSON.parse(last)).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('Слишком много приглашений') } })
  })

  it('a hand-made form (a field left out, a value no page sends) is answered in Russian, not in zod’s English', async () => {
    const secretary = await signIn('secretary@demo.rma')
    const expert = await signIn('expert@demo.rma')
    for (const [path, body, cookie] of [
      ['/meetings/1', { intent: 'nonsense' }, secretary],
      ['/forgot', {}, undefined],
      ['/register', { firstName: 'Анна' }, undefined],
      ['/my/consent', { intent: 'zzz' }, expert],
    ] as const) {
      const { res, text } = await post(path, new URLSearchParams(body), { ...json, ...(cookie ? { Cookie: cookie } : {}) })
      expect(res.status, path).toBe(400)
      const { error } = JSON.parse(text)
      expect(error.code, path).toBe('INVALID_FORM')
      for (const [field, message] of Object.entries(error.fields ?? {})) expect(message, `${path} ${field}`).not.toMatch(english)
    }
  })
})
