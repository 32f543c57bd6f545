import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { EVIDENCE_MAX_BYTES } from '../app/forms/application'
import { MAX_UPLOAD_BYTES } from '../app/imports/web.server'
import { bodyLimit, bodyRule, FORM_MAX_BYTES, formEncoding, formHasNul, isRefusal, urlRefusal } from './edge'
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
    expect(bodyLimit('/applications/7')).toBe(FORM_MAX_BYTES)
  })

  it('decides from the headers alone', () => {
    expect(bodyRule(req('GET', {}), '/login')).toBeNull()
    const refused = (r: ReturnType<typeof bodyRule>) => (r && isRefusal(r) ? r.status : null)
    expect(refused(bodyRule(req('POST', {}), '/login'))).toBe(415)
    expect(refused(bodyRule(req('POST', { ...urlencoded, 'content-length': String(FORM_MAX_BYTES + 1) }), '/login'))).toBe(413)
    // Files never come urlencoded: the small limit holds on upload paths too.
    expect(refused(bodyRule(req('POST', { ...urlencoded, 'content-length': String(2 * FORM_MAX_BYTES) }), '/imports'))).toBe(413)
    const multipart = { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(10 * 1024 * 1024) }
    expect(bodyRule(req('POST', multipart), '/imports')).toEqual({ encoding: 'multipart', limit: MAX_UPLOAD_BYTES + FORM_MAX_BYTES })
    expect(refused(bodyRule(req('POST', multipart), '/login'))).toBe(413)
  })

  it('finds U+0000 in an urlencoded form, raw or encoded', () => {
    expect(formHasNul(Buffer.from('a=1&b=%00'))).toBe(true)
    expect(formHasNul(Buffer.from([0x61, 0x3d, 0x00]))).toBe(true)
    expect(formHasNul(Buffer.from('a=%2500&b=%D0%98'))).toBe(false)
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
