import { Agent, createServer, request, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { EVIDENCE_MAX_BYTES } from '~/model/inputs/application'
import { MAX_UPLOAD_BYTES } from '../app/imports/web.server'
import { Readable } from 'node:stream'
import { REPLY_MAX_FILES } from '~/model/inputs/application-page'
import { bodyLimit, bodyRule, FORM_MAX_BYTES, formEncoding, formTooLarge, isRefusal, multipartBoundary, multipartGuard, refusals, refuse, urlRefusal, withoutRemixData, type Refusal } from './edge'
import { originHost } from './security'

describe('urlRefusal', () => {
  it.each(['/', '/roster?q=%D0%98%D0%B2%D0%B0%D0%BD&page=2', '/roster?q=a+b', '/roster?q=%2500', '/regions/tomsk/coverage', '/a11y?on=1&back=%2Froster'])(
    'lets %s through',
    (url) => expect(urlRefusal(url)).toBeNull(),
  )
  it.each(['/roster?q=%00', '/roster?q=a%00', '/regions/%00', '/regions/tomsk%00/coverage', '/roster?%00=1', '/roster?q=%', '/roster?q=%zz', '/%C3%28', '/roster?q=%E0%A4%A'])(
    'refuses %s with 400',
    (url) => expect(urlRefusal(url)?.status).toBe(400),
  )
})

describe('body rules', () => {
  const req = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as IncomingMessage
  const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' }

  it('accepts only the two form encodings, multipart with its boundary', () => {
    expect(formEncoding('application/x-www-form-urlencoded')).toBe('urlencoded')
    expect(formEncoding('application/x-www-form-urlencoded;charset=UTF-8')).toBe('urlencoded')
    expect(formEncoding('multipart/form-data; boundary=----WebKitFormBoundaryabc')).toBe('multipart')
    expect(formEncoding('Multipart/Form-Data; boundary="a b"')).toBe('multipart')
    for (const bad of [undefined, '', 'text/plain', 'application/json', 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/mixed; boundary=x'])
      expect(formEncoding(bad), String(bad)).toBeNull()
  })

  it('keeps every limit in one table', () => {
    expect(bodyLimit('/login')).toBe(FORM_MAX_BYTES)
    expect(bodyLimit('/imports')).toBe(MAX_UPLOAD_BYTES + FORM_MAX_BYTES)
    expect(bodyLimit('/imports.data')).toBe(MAX_UPLOAD_BYTES + FORM_MAX_BYTES)
    expect(bodyLimit('/applications/7/evidence/new')).toBe(EVIDENCE_MAX_BYTES + FORM_MAX_BYTES)
    expect(bodyLimit('/apply/3')).toBeGreaterThan(10 * EVIDENCE_MAX_BYTES)
    expect(bodyLimit('/applications/7/edit/')).toBe(bodyLimit('/apply/3'))
    // the application page takes a reply to a request for information with its documents
    expect(bodyLimit('/applications/7')).toBe(REPLY_MAX_FILES * EVIDENCE_MAX_BYTES + FORM_MAX_BYTES)
    expect(bodyLimit('/applications/7.data')).toBe(bodyLimit('/applications/7'))
    // the year after's forms, one document of up to 5 MB each (they were held to 1 MB of text)
    for (const path of ['/my/activity/new', '/my/activity/new.data', '/activity/12', '/reports/1/value', '/reports/1/value.data'])
      expect(bodyLimit(path), path).toBe(EVIDENCE_MAX_BYTES + FORM_MAX_BYTES)
  })

  it('decides from the headers alone', () => {
    expect(bodyRule(req('GET', {}), '/login')).toBeNull()
    const refused = (r: ReturnType<typeof bodyRule>) => (r && isRefusal(r) ? r.status : null)
    expect(refused(bodyRule(req('POST', {}), '/login'))).toBe(415)
    expect(refused(bodyRule(req('POST', { ...urlencoded, 'content-length': String(FORM_MAX_BYTES + 1) }), '/login'))).toBe(413)
    // Files never come urlencoded: the small limit holds on upload paths too.
    expect(refused(bodyRule(req('POST', { ...urlencoded, 'content-length': String(2 * FORM_MAX_BYTES) }), '/imports'))).toBe(413)
    const multipart = { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(10 * 1024 * 1024) }
    expect(bodyRule(req('POST', multipart), '/imports')).toEqual({
      encoding: 'multipart',
      limit: MAX_UPLOAD_BYTES + FORM_MAX_BYTES,
      // the refusal quotes the per-file limit the form states, not the total
      tooLarge: expect.objectContaining({ status: 413, message: expect.stringContaining('каждый файл — не больше 20 МБ') }),
    })
    expect(refused(bodyRule(req('POST', multipart), '/login'))).toBe(413)
  })

  it('counts the entries of an urlencoded form, in all and per name (however the name is encoded)', () => {
    const body = (n: number, name: (i: number) => string) => Buffer.from(Array.from({ length: n }, (_, i) => `${name(i)}=a`).join('&'))
    expect(formTooLarge(body(1_000, () => 'ids'))).toBe(false)
    expect(formTooLarge(body(1_001, () => 'ids'))).toBe(true)
    expect(formTooLarge(body(1_001, (i) => (i % 2 ? 'ids' : '%69ds')))).toBe(true)
    expect(formTooLarge(body(4_999, (i) => `f${i}`))).toBe(false)
    expect(formTooLarge(body(5_001, (i) => `f${i}`))).toBe(true)
    expect(formTooLarge(Buffer.from('zzz=a&'.repeat(40_000)))).toBe(true)
    expect(formTooLarge(Buffer.from('a=%&b=1'))).toBe(false)
  })
})

describe('multipartGuard', () => {
  async function formBody() {
    const fd = new FormData()
    fd.set('fact', 'contestWinner')
    fd.set('file', new Blob([new Uint8Array(200_000).fill(7)], { type: 'application/pdf' }), 'диплом.pdf')
    const res = new Response(fd)
    return { bytes: Buffer.from(await res.arrayBuffer()), boundary: multipartBoundary(res.headers.get('content-type')!)! }
  }

  async function run(bytes: Buffer, boundary: string, limit = 1_000_000) {
    const refusals: Refusal[] = []
    const chunks: Buffer[] = []
    const pieces = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000))
    const guard = Readable.from(pieces).pipe(multipartGuard(boundary, limit, (r) => refusals.push(r)))
    try {
      for await (const c of guard) chunks.push(c as Buffer)
    } catch {
      // the refusal is what matters
    }
    return { out: Buffer.concat(chunks), refusals: refusals.map((r) => r.status) }
  }

  it('passes a well-framed form through unchanged', async () => {
    const { bytes, boundary } = await formBody()
    const { out, refusals } = await run(bytes, boundary)
    expect(refusals).toEqual([])
    expect(out.equals(bytes)).toBe(true)
  })

  it('refuses garbage, a truncated body and one over the limit', async () => {
    const { bytes, boundary } = await formBody()
    expect((await run(Buffer.from('garbage'), boundary)).refusals).toEqual([400])
    expect((await run(bytes.subarray(0, bytes.length - 100), boundary)).refusals).toEqual([400])
    expect((await run(Buffer.alloc(0), boundary)).refusals).toEqual([400])
    expect((await run(bytes, boundary, 100_000)).refusals).toEqual([413])
  })

  it('refuses a form of more parts than any page sends, counted across chunk edges', async () => {
    const form = async (n: number) => {
      const fd = new FormData()
      for (let i = 0; i < n; i++) fd.append('zzz', 'a')
      const res = new Response(fd)
      return { bytes: Buffer.from(await res.arrayBuffer()), boundary: multipartBoundary(res.headers.get('content-type')!)! }
    }
    const small = await form(4_999)
    expect((await run(small.bytes, small.boundary)).refusals).toEqual([])
    const big = await form(5_001)
    expect((await run(big.bytes, big.boundary)).refusals).toEqual([413])
  })
})

describe('originHost', () => {
  it.each([
    ['http://127.0.0.1:3000', '127.0.0.1:3000'],
    ['https://rma.example', 'rma.example'],
  ])('%s → %s', (origin, host) => expect(originHost(origin)).toBe(host))
  it.each(['foo', 'http://', 'null', 'http://127.0.0.1:3000.evil.example', 'http://rma.example/path', 'ftp://rma.example', ''])('%j is not an origin', (origin) =>
    expect(originHost(origin)).toBeNull(),
  )
})

describe('refuse', () => {
  it('leaves no listener behind on a kept-alive socket, however many requests it refuses', async () => {
    const counts: number[] = []
    const server = createServer((req, res) => {
      counts.push(req.socket.listenerCount('close'))
      refuse(req, res, refusals.badUrl)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const { port } = server.address() as AddressInfo
      for (let i = 0; i < 15; i++) {
        await new Promise<void>((resolve, reject) => {
          request({ port, host: '127.0.0.1', path: '/roster?q=%00', agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end()
        })
      }
    } finally {
      agent.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
    expect(counts).toHaveLength(15)
    expect(counts.at(-1)).toBe(counts[1])
  })
})

describe('withoutRemixData', () => {
  it.each([
    ['/roster?_data=routes%2Froster', '/roster'],
    ['/roster?region=tomsk&_data=root&q=%D0%98%20a', '/roster?region=tomsk&q=%D0%98%20a'],
    ['/login?%5Fdata=root', '/login'],
    ['/login?_data', '/login'],
    ['/commission?_data=a&_data=b&commission=1', '/commission?commission=1'],
  ])('%s → %s', (url, want) => expect(withoutRemixData(url)).toBe(want))
  it.each(['/roster', '/roster?q=a%20b&d', '/roster?my_data=1', '/roster?q=_data', '/_data'])('leaves %s as it is', (url) => expect(withoutRemixData(url)).toBe(url))
})
