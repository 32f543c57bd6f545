import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, tempDataDir, type RunningServer } from './support/server'

// The HTTP edge from the outside (issue 8): one real server on the demo
// data, started the way a careless operator might (NODE_ENV=test) and with
// an https PUBLIC_URL, hit with the malformed requests that used to end in
// a 500, a stack trace, an open redirect or NUL bytes in the page.

let server: RunningServer
const errorBodies: [string, string][] = []
const PASSWORD = 'demo-rma-2026'
const HUGE = '99999999999999999999'

beforeAll(async () => {
  server = await startServer({ dataDir: tempDataDir('rma-edge-'), env: { NODE_ENV: 'test', PUBLIC_URL: 'https://rma.example', OUTBOX_WORKER: 'off' } })
})

afterAll(async () => {
  await server?.stop()
})

const url = (path: string) => server.url + path
const origin = () => ({ Origin: server.url })

/** Every answer with a 4xx/5xx status is kept for the stack-trace check at the end. */
async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(url(path), { redirect: 'manual', headers })
  const body = Buffer.from(await res.arrayBuffer())
  if (res.status >= 400) errorBodies.push([`GET ${path}`, body.toString('utf8')])
  return { res, body, text: body.toString('utf8') }
}

async function post(path: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  const res = await fetch(url(path), { method: 'POST', redirect: 'manual', body, headers: { ...origin(), ...headers } })
  const text = await res.text()
  if (res.status >= 400) errorBodies.push([`POST ${path}`, text])
  return { res, text }
}

const form = (values: Record<string, string>) => new URLSearchParams(values)

async function signIn(login: string, redirectTo = ''): Promise<{ cookie: string; location: string | null }> {
  const { res } = await post('/login', form({ login, password: PASSWORD, redirectTo }))
  expect(res.status, `sign-in as ${login}`).toBe(302)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('__rma_session='))
  expect(cookie).toBeTruthy()
  return { cookie: cookie!, location: res.headers.get('location') }
}

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1])
}

describe('pages carry no NUL bytes (React 18 buffer boundaries)', () => {
  it('public pages, each longer than several 2 KB buffers of Cyrillic text', async () => {
    for (const path of ['/', '/roster', '/roster?region=tomsk', '/roster?page=2', '/regions/tomsk', '/regions/tomsk/coverage', '/register']) {
      const { res, body } = await get(path)
      expect(res.status, path).toBe(200)
      expect(body.indexOf(0), `${path}: NUL at byte`).toBe(-1)
    }
    // The check would have caught the bug: the roster is many buffers long.
    expect((await get('/roster')).body.length).toBeGreaterThan(20_000)
  })

  it('signed-in pages', async () => {
    const { cookie } = await signIn('secretary@demo.rma')
    const dashboard = await get('/dashboard', { Cookie: cookie })
    const ids = [...new Set([...dashboard.text.matchAll(/href="\/applications\/(\d+)"/g)].map((m) => m[1]))]
    expect(ids.length).toBeGreaterThan(0)
    for (const path of ['/dashboard', '/commission', '/meetings', ...ids.map((id) => `/applications/${id}`)]) {
      const { res, body } = await get(path, { Cookie: cookie })
      expect(res.status, path).toBe(200)
      expect(body.indexOf(0), `${path}: NUL at byte`).toBe(-1)
    }
  })
})

const bypasses = [
  '//evil.example',
  '/\\evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/x/..//evil.example',
  '/%2F/evil.example',
  '/%5Cevil.example',
  '/%2e%2e//evil.example',
  '/\t/evil.example',
  '/%09/evil.example',
  '/\n/evil.example',
  'https://evil.example',
  'javascript:alert(1)',
]

describe('redirects stay on this site', () => {
  it.each(bypasses)('/a11y?back=%j', async (back) => {
    const { res } = await get(`/a11y?on=1&back=${encodeURIComponent(back)}`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/')
  })

  it('keeps a real same-site target', async () => {
    const { res } = await get(`/a11y?on=1&back=${encodeURIComponent('/roster?region=tomsk')}`)
    expect(res.headers.get('location')).toBe('/roster?region=tomsk')
  })

  it('signing in with a hostile redirectTo lands on the dashboard', async () => {
    for (const to of bypasses) expect((await signIn('teacher@demo.rma', to)).location, to).toBe('/dashboard')
    expect((await signIn('teacher@demo.rma', '/my/consent')).location).toBe('/my/consent')
  })
})

describe('malformed requests get a 4xx with a Russian page', () => {
  it.each(['foo', 'http://', 'null', 'http://127.0.0.1:1.evil.example', 'https://evil.example'])('Origin %j → 403', async (bad) => {
    for (const path of ['/login', '/register', '/logout']) {
      const { res, text } = await post(path, form({ login: 'a@b.ru', password: 'x' }), { Origin: bad })
      expect(res.status, path).toBe(403)
      expect(text).toContain('не с этого сайта')
    }
  })

  it.each(['/roster?q=%00', '/roster?subject=%00', '/roster.json?q=%00', '/regions/%00', '/regions/tomsk%00/coverage', '/login?redirectTo=%00', '/roster?q=%E0%A4%A', '/%C3%28'])(
    'NUL or broken encoding in %s → 400',
    async (path) => {
      const { res, text } = await get(path, { Accept: 'text/html' })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(text).toContain('недопустимые символы')
    },
  )

  // A NUL in a form value (urlencoded or multipart) is the field's error: test/edge-forms.crawl.test.ts.

  it('scripts get the refusal as JSON with a stable code', async () => {
    const res = await fetch(url('/roster.json?q=%00'), { headers: { Accept: 'application/json' } })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: { code: 'BAD_URL', message: expect.stringContaining('недопустимые символы') } })
  })

  it('ids beyond the database range → 404', async () => {
    const { cookie } = await signIn('coordinator@demo.rma')
    const paths = [
      `/applications/${HUGE}`,
      `/applications/${HUGE}/edit`,
      `/applications/${HUGE}/evidence/new`,
      `/apply/${HUGE}`,
      `/nominate/${HUGE}`,
      `/campaigns/manage/${HUGE}`,
      `/members/${HUGE}`,
      `/people/${HUGE}/consents`,
      `/protocols/${HUGE}`,
      `/meetings/${HUGE}`,
      `/rule-sets/${HUGE}`,
      `/rule-sets/${HUGE}/edit`,
      `/orders/${HUGE}/appendix`,
      '/applications/1e3',
      '/applications/9007199254740992',
    ]
    for (const path of paths) expect((await get(path, { Cookie: cookie })).res.status, path).toBe(404)
    expect((await get(`/members?page=${HUGE}`, { Cookie: cookie })).res.status).toBe(200)
    const members = await get(`/members/${HUGE}`, { Cookie: cookie })
    expect(members.text).toContain('Страница не найдена')
  })

  it('a notification link to an appeal that is gone or not the reader\'s shows the site\'s error page, not a bare line of text', async () => {
    const { cookie } = await signIn('teacher@demo.rma')
    for (const [path, status, heading] of [
      ['/appeals/99999', 404, 'Страница не найдена'],
      // another person's appeal is answered as missing (recordInScope): no id is revealed
      ['/appeals/1', 404, 'Страница не найдена'],
    ] as const) {
      const { res, text } = await get(path, { Cookie: cookie })
      expect(res.status, path).toBe(status)
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/)
      expect(text, path).toContain(heading)
      expect(text, path).toContain('На главную')
    }
  })

  it.each([
    ['text/plain', 'login=a'],
    ['application/json', '{"login":"a"}'],
    ['multipart/form-data', 'x'],
    ['multipart/form-data; boundary=', 'x'],
  ])('a POST of %s → 415', async (type, body) => {
    for (const path of ['/login', '/register', '/logout', '/applications/1']) {
      const { res, text } = await post(path, body, { 'Content-Type': type })
      expect(res.status, path).toBe(415)
      expect(text).toContain('неподдерживаемом формате')
    }
  })

  it('a multipart body that is not a form → 400', async () => {
    for (const path of ['/login', '/register']) {
      const { res, text } = await post(path, 'garbage', { 'Content-Type': 'multipart/form-data; boundary=xyz' })
      expect(res.status, path).toBe(400)
      expect(text).toContain('повреждены')
    }
  })

  it('a POST without any body type → 415', async () => {
    const { res } = await post('/logout', null)
    expect(res.status).toBe(415)
  })

  it('a POST with Remix\'s old «?_data=» (never sent by the app) is answered as the page, not with a 500', async () => {
    const { cookie } = await signIn('secretary@demo.rma')
    const { res, text } = await post('/commission?_data=routes%2Fcommission', form({ intent: 'addReviewer', applicationId: 'abc', memberId: '1' }), { Cookie: cookie })
    expect(res.status).toBe(400)
    expect(text).toContain('<h1>')
    const got = await get('/login?_data=root')
    expect(got.res.status).toBe(200)
    expect(got.text).toContain('<h1>')
  })

  it('a POST to a page without an action shows a Russian message, not the router\'s', async () => {
    const { res, text } = await post('/campaigns', form({ a: '1' }))
    expect(res.status).toBe(405)
    const main = /<main[\s\S]*<\/main>/.exec(text)![0]
    expect(main).not.toContain('routes/')
    expect(main).toContain('нельзя выполнить')
  })
})

/** A request fetch() will not send (TRACE, a method Node's parser does not know), over a bare socket. */
function rawRequest(method: string, path: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url)
    const socket = connect(Number(port), hostname, () => socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${server.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`))
    const chunks: Buffer[] = []
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', reject)
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [head, ...rest] = text.split('\r\n\r\n')
      errorBodies.push([`${method} ${path}`, text])
      resolve({ status: Number(head.split(' ')[1]), head, body: rest.join('\r\n\r\n') })
    })
  })
}

describe('methods no route answers', () => {
  it('TRACE → 405 in Russian, not a 500', async () => {
    for (const path of ['/roster', '/roster.json', '/login', '/nope']) {
      const { status, head, body } = await rawRequest('TRACE', path)
      expect(status, path).toBe(405)
      expect(head, path).toMatch(/content-security-policy:/i)
      expect(head, path).toMatch(/^allow: GET, HEAD, POST/im)
      expect(body, path).toContain('нельзя выполнить')
    }
  })

  it('a method Node does not know → 400 with a Russian JSON body and this site\'s headers', async () => {
    const { status, head, body } = await rawRequest('FOO', '/roster')
    expect(status).toBe(400)
    expect(head).toMatch(/x-content-type-options: nosniff/i)
    expect(head).toMatch(/content-security-policy:/i)
    expect(JSON.parse(body)).toEqual({ error: { code: 'MALFORMED_REQUEST', message: expect.stringContaining('Запрос составлен неверно') } })
  })

  it('an address longer than Node takes → 431 with a Russian JSON body and this site\'s headers', async () => {
    const { status, head, body } = await rawRequest('GET', `/roster?q=${'a'.repeat(20_000)}`)
    expect(status).toBe(431)
    expect(head).toMatch(/content-security-policy:/i)
    expect(JSON.parse(body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.stringContaining('Слишком длинный адрес') } })
  })

  it('a POST to a file or open data (no action) → 405 in Russian, JSON with a code for scripts', async () => {
    for (const path of ['/roster.json', '/roster.csv', '/healthz', '/imports/template/activity']) {
      const res = await fetch(url(path), { method: 'POST', body: form({ a: '1' }), headers: { ...origin(), Accept: 'application/json' } })
      expect(res.status, path).toBe(405)
      expect(res.headers.get('allow'), path).toBe('GET, HEAD, OPTIONS')
      expect(await res.json(), path).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: 'Здесь нельзя выполнить это действие.' } })
    }
    const { res, text } = await post('/roster.csv', form({ a: '1' }))
    expect(res.status).toBe(405)
    expect(text).toContain('нельзя выполнить')
    expect(text).not.toContain('Unexpected Server Error')
  })
})

describe('an upload the route does not read', () => {
  it('leaves the kept-alive connection usable for the next request (no reset)', async () => {
    const { cookie } = await signIn('teacher@demo.rma')
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const { hostname, port } = new URL(server.url)
    const send = (method: string, path: string, headers: Record<string, string | number> = {}, body?: Buffer) =>
      new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
        const req = request({ host: hostname, port, method, path, agent, headers: { Cookie: cookie, Origin: server.url, ...headers } }, (res) => {
          res.resume().on('end', () => resolve({ status: res.statusCode!, socket: req.socket }))
        })
        req.on('error', reject)
        req.end(body)
      })
    const boundary = 'edgetestboundary'
    // a reply with a document to somebody else's application: refused before the body is read
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nreply\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.alloc(2 * 1024 * 1024, 0x41),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    try {
      const refused = await send('POST', '/applications/1', { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': body.length }, body)
      // somebody else's application is answered as missing
      expect(refused.status).toBe(404)
      const next = await send('GET', '/roster')
      expect(next.status).toBe(200)
      expect(next.socket).toBe(refused.socket)
    } finally {
      agent.destroy()
    }
  })
})

describe('body limits', () => {
  it('5 × 20 MB of form data → 413 from Content-Length, nothing read', async () => {
    const body = `login=a&password=${'a'.repeat(20 * 1024 * 1024)}`
    // the first refusal warms up its code path; what is measured is what further ones keep
    expect((await post('/login', body, { 'Content-Type': 'application/x-www-form-urlencoded' })).res.status).toBe(413)
    const before = rssKb(server.child.pid!)
    for (let i = 0; i < 5; i++) {
      const { res, text } = await post('/login', body, { 'Content-Type': 'application/x-www-form-urlencoded' })
      expect(res.status).toBe(413)
      expect(text).toContain('Слишком большой запрос')
    }
    // Reading the bodies would keep tens of megabytes (100 MB arrived); what is
    // left is the socket buffers' and the collector's slack.
    expect(rssKb(server.child.pid!) - before).toBeLessThan(40_000)
  })

  it('a chunked body is cut off at the limit while it streams', async () => {
    const before = rssKb(server.child.pid!)
    const chunk = new Uint8Array(64 * 1024).fill(97)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 40 * 1024 * 1024) return controller.close()
        sent += chunk.length
        controller.enqueue(chunk)
      },
    })
    const res = await fetch(url('/login'), {
      method: 'POST',
      body: stream,
      headers: { ...origin(), 'Content-Type': 'application/x-www-form-urlencoded' },
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(await res.text()).toContain('не больше 1 МБ')
    const grown = rssKb(server.child.pid!) - before
    console.log("RSS growth KB", grown)
    expect(grown).toBeLessThan(20_000)
  })

  it('an upload larger than its documented limit → 413 before it is read', async () => {
    const { cookie } = await signIn('teacher@demo.rma')
    const fd = new FormData()
    fd.set('fact', 'contestWinner')
    fd.set('file', new Blob([new Uint8Array(7 * 1024 * 1024)], { type: 'application/pdf' }), 'big.pdf')
    const { res, text } = await post('/applications/1/evidence/new', fd, { Cookie: cookie })
    expect(res.status).toBe(413)
    // the limit the form states, per file
    expect(text).toContain('не больше 5 МБ')
  })

  it('a member\'s activity record takes a document of a few megabytes, as its form says (up to 5 МБ), not only 1 МБ', async () => {
    const { cookie } = await signIn('expert@demo.rma')
    const pdf = new Uint8Array(2_500_000).fill(0x20)
    pdf.set(new TextEncoder().encode('%PDF-1.4\n'), 0)
    pdf.set(new TextEncoder().encode('\n%%EOF\n'), pdf.length - 7)
    const fd = new FormData()
    for (const [k, v] of Object.entries({ kind: 'seminar', heldOn: '2026-10-05', level: 'municipal', audience: '20', description: 'Семинар с документом 2,5 МБ', intent: 'save' })) fd.set(k, v)
    fd.set('evidenceFile', new Blob([pdf], { type: 'application/pdf' }), 'программа.pdf')
    const { res, text } = await post('/my/activity/new', fd, { Cookie: cookie })
    expect(res.status, text.slice(0, 300)).toBe(302)
    const big = new FormData()
    big.set('evidenceFile', new Blob([new Uint8Array(7 * 1024 * 1024)], { type: 'application/pdf' }), 'big.pdf')
    const refused = await post('/reports/1/value', big, { Cookie: cookie })
    expect(refused.res.status).toBe(413)
    expect(refused.text).toContain('не больше 5 МБ')
  })
})

describe('headers', () => {
  it('signed-in answers are never stored; public pages keep their caching', async () => {
    const { cookie } = await signIn('secretary@demo.rma')
    for (const path of ['/dashboard', '/applications/2', '/commission']) {
      expect((await get(path, { Cookie: cookie })).res.headers.get('cache-control'), path).toBe('no-store')
    }
    const login = await post('/login', form({ login: 'secretary@demo.rma', password: PASSWORD }))
    expect(login.res.headers.get('cache-control')).toBe('no-store')
    const roster = await get('/roster', { Cookie: cookie })
    expect(roster.res.headers.get('cache-control')).toBe('public, no-cache')
    expect(roster.res.headers.get('etag')).toBeTruthy()
  })

  it('HSTS, Permissions-Policy and COOP on every kind of answer', async () => {
    const answers = [await get('/roster'), await get('/login'), await get('/nope'), await get('/roster?q=%00'), await get('/a11y?on=1')]
    for (const { res } of answers) {
      expect(res.headers.get('strict-transport-security'), res.url).toBe('max-age=31536000; includeSubDomains')
      expect(res.headers.get('permissions-policy'), res.url).toContain('camera=()')
      expect(res.headers.get('cross-origin-opener-policy'), res.url).toBe('same-origin')
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff')
      expect(res.headers.get('content-security-policy'), res.url).toContain("frame-ancestors 'none'")
    }
  })
})

describe('error answers', () => {
  it('never show a stack trace or a server path', async () => {
    await get('/nope')
    await get(`/protocols/${HUGE}`)
    expect(errorBodies.length).toBeGreaterThan(20)
    for (const [what, body] of errorBodies) {
      expect(body, what).not.toMatch(/<pre|\n\s+at |\/work\/|node_modules|file:\/\//)
    }
  })
})
