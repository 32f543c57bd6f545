import { decode } from 'turbo-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, tempDataDir, type RunningServer } from './support/server'

// Forms at the HTTP edge, from the outside (the outside walk of issue 21):
// a body of tens of thousands of entries is refused before conform's
// quadratic parse, refusals reach Remix's own client in the encoding it
// reads (not «Сбой на сервере»), NUL in a field is that field's error, and
// the router's 4xx leave one line in the log.

let server: RunningServer
const PASSWORD = 'demo-rma-2026'

beforeAll(async () => {
  server = await startServer({ dataDir: tempDataDir('rma-edge-forms-'), env: { OUTBOX_WORKER: 'off' } })
})

afterAll(async () => {
  await server?.stop()
})

const url = (path: string) => server.url + path

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const res = await fetch(url(path), { method: 'POST', redirect: 'manual', body, headers: { Origin: server.url, ...headers } })
  return { res, text: await res.text() }
}

async function signIn(login: string): Promise<string> {
  const { res } = await post('/login', new URLSearchParams({ login, password: PASSWORD }))
  expect(res.status, login).toBe(302)
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('__rma_session='))!
}

/** What Remix's browser client makes of a single-fetch answer (its own decoder's plugins). */
async function asRemixClient(res: Response) {
  const decoded = await decode(res.body!, {
    plugins: [
      (type: string, ...rest: unknown[]) => {
        if (type === 'ErrorResponse') return { value: { errorResponse: { data: rest[0], status: rest[1] } } }
        if (type === 'SingleFetchRedirect') return { value: { redirect: rest[0] } }
        return undefined
      },
    ],
  })
  await decoded.done
  return decoded.value as { error?: { errorResponse: { data: string; status: number } }; redirect?: { redirect: string; reload: boolean } }
}

const URLENCODED = { 'Content-Type': 'application/x-www-form-urlencoded' }

describe('a form of too many entries', () => {
  it('40,000 entries of one name are refused with 413 and a Russian message; other requests are served meanwhile', async () => {
    const body = 'zzz=a&'.repeat(40_000)
    const [refused, roster] = await Promise.all([post('/login', body, URLENCODED), fetch(url('/roster'))])
    expect(refused.res.status).toBe(413)
    expect(refused.text).toContain('слишком много полей')
    expect(roster.status).toBe(200)
    for (const path of ['/register', '/forgot']) expect((await post(path, body, URLENCODED)).res.status, path).toBe(413)
    // scripts get the stable code
    const json = await post('/login', body, { ...URLENCODED, Accept: 'application/json' })
    expect(JSON.parse(json.text)).toEqual({ error: { code: 'TOO_MANY_FIELDS', message: expect.stringContaining('слишком много полей') } })
  })

  it('also signed in, and as multipart', async () => {
    const cookie = await signIn('teacher@demo.rma')
    expect((await post('/my/consent', 'fields=a&'.repeat(100_000), { ...URLENCODED, Cookie: cookie })).res.status).toBe(413)
    const fd = new FormData()
    for (let i = 0; i < 6_000; i++) fd.append('zzz', 'a')
    const { res, text } = await post('/login', fd)
    expect(res.status).toBe(413)
    expect(text).toContain('слишком много полей')
  })

  it('a real form still works', async () => {
    const { res } = await post('/login', new URLSearchParams({ login: 'teacher@demo.rma', password: PASSWORD, redirectTo: '/dashboard' }))
    expect(res.status).toBe(302)
  })
})

describe('refusals for Remix’s own client (JavaScript on)', () => {
  it('a 7 MB file: 413 as an error response the page shows, quoting the 5 MB the form states', async () => {
    const cookie = await signIn('teacher@demo.rma')
    const fd = new FormData()
    fd.set('fact', 'contestWinner')
    fd.set('file', new Blob([new Uint8Array(7 * 1024 * 1024)], { type: 'application/pdf' }), 'big.pdf')
    const res = await fetch(url('/applications/1/evidence/new.data'), { method: 'POST', body: fd, headers: { Origin: server.url, Cookie: cookie } })
    expect(res.status).toBe(413)
    const value = await asRemixClient(res)
    expect(value.error?.errorResponse.status).toBe(413)
    expect(value.error?.errorResponse.data).toContain('не больше 5 МБ')
  })

  it('the same without JavaScript: a page with the 5 MB and the way back to the form', async () => {
    const cookie = await signIn('teacher@demo.rma')
    const fd = new FormData()
    fd.set('fact', 'contestWinner')
    fd.set('file', new Blob([new Uint8Array(7 * 1024 * 1024)], { type: 'application/pdf' }), 'big.pdf')
    const { res, text } = await post('/applications/1/evidence/new', fd, { Cookie: cookie, Referer: url('/applications/1/evidence/new') })
    expect(res.status).toBe(413)
    expect(text).toContain('не больше 5 МБ')
    expect(text).toContain('<a href="/applications/1/evidence/new">Вернуться к форме</a>')
    expect(text).not.toContain('6 МБ')
  })

  it('a bad URL asked by the client is loaded as a document, which shows the edge’s page', async () => {
    const res = await fetch(url('/roster.data?q=%00'))
    expect(res.status).toBe(400)
    expect((await asRemixClient(res)).redirect).toMatchObject({ redirect: '/roster?q=%00', reload: true })
  })
})

describe('NUL in a form value', () => {
  it('is that field’s error on the page, not an edge refusal', async () => {
    const { res, text } = await post('/login', 'login=a%00b%40demo.rma&password=x', URLENCODED)
    expect(res.status).toBe(400)
    expect(text).toContain('недопустимый символ')
    expect(text).toContain('value="ab@demo.rma"')
  })

  it('in a multipart field: that field’s error too', async () => {
    const fd = new FormData()
    fd.set('login', 'a\u0000b@demo.rma')
    fd.set('password', 'x')
    const { res, text } = await post('/login', fd)
    expect(res.status).toBe(400)
    expect(text).toContain('недопустимый символ')
  })
})

describe('conform’s reserved fields', () => {
  it.each(['login=a&password=b&__intent__=x', 'login=a&password=b&__state__=%7Bbad'])('%s → 400, nothing in the log', async (body) => {
    const before = server.output().length
    const { res, text } = await post('/login', body, URLENCODED)
    expect(res.status).toBe(400)
    expect(text).toContain('повреждены')
    expect(server.output().slice(before)).not.toMatch(/\n\s+at /)
  })
})

describe('the log', () => {
  it('a 404 or 405 leaves one line, no stack', async () => {
    const before = server.output().length
    expect((await fetch(url('/nope-nothing-here'))).status).toBe(404)
    expect((await post('/campaigns', new URLSearchParams({ a: '1' }))).res.status).toBe(405)
    await new Promise((r) => setTimeout(r, 200))
    const logged = server.output().slice(before)
    expect(logged).not.toMatch(/\n\s+at /)
    expect(logged.trim().split('\n').length).toBeLessThanOrEqual(2)
  })
})
