import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, tempDataDir, type RunningServer } from './support/server'

// Conditional GETs of the public cache, from the outside (decision 0005): a
// 304 never confirms a copy that lacks a change. A real server with the demo
// data; the demo expert saves and withdraws their consent over HTTP.

const EXPERT = 'Никитина'
let server: RunningServer
let cookie = ''

async function post(path: string, form: Record<string, string | string[]>): Promise<Response> {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x)
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) },
  })
}

const roster = (headers: Record<string, string> = {}) => fetch(`${server.url}/roster.json?region=tomsk`, { headers })

beforeAll(async () => {
  server = await startServer({ dataDir: tempDataDir('rma-304-') })
  const login = await post('/login', { login: 'expert@demo.rma', password: 'demo-rma-2026' })
  expect(login.status).toBe(302)
  cookie = login.headers.get('Set-Cookie')!.split(';')[0]
})

afterAll(async () => {
  await server?.stop()
})

describe('conditional GET of open data', () => {
  it('a consent withdrawn right after a GET is never confirmed by If-Modified-Since, nor by an old ETag', async () => {
    expect((await post('/my/consent', { fields: ['fullName', 'workplace', 'subjects'], conditions: '', validUntil: '' })).status).toBe(302)
    const first = await roster()
    expect(first.status).toBe(200)
    expect(await first.text()).toContain(EXPERT)
    const lastModified = first.headers.get('Last-Modified')!
    const etag = first.headers.get('ETag')!
    expect(lastModified).toBeTruthy()
    expect(etag).toBeTruthy()

    // Usually within the same second as the save, so Last-Modified does not move.
    expect((await post('/my/consent', { intent: 'withdraw', confirmed: 'yes' })).status).toBe(302)

    const byDate = await roster({ 'If-Modified-Since': lastModified })
    expect(byDate.status).toBe(200)
    expect(await byDate.text()).not.toContain(EXPERT)

    const future = await roster({ 'If-Modified-Since': new Date(Date.now() + 86_400_000).toUTCString() })
    expect(future.status).toBe(200)
    expect(await future.text()).not.toContain(EXPERT)

    const byOldTag = await roster({ 'If-None-Match': etag })
    expect(byOldTag.status).toBe(200)
    const current = byOldTag.headers.get('ETag')!
    expect(current).not.toBe(etag)
    expect(await byOldTag.text()).not.toContain(EXPERT)

    // The current tag is still confirmed cheaply, whatever date comes with it.
    const same = await roster({ 'If-None-Match': current, 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' })
    expect(same.status).toBe(304)
    expect(same.headers.get('ETag')).toBe(current)
  })

  it('the RFC 4180 file never stands in for the Excel one, nor the other way, whichever is asked first', async () => {
    const csv = async (query: string) => new Uint8Array(await (await fetch(`${server.url}/roster.csv${query}`)).arrayBuffer())
    const bom = (b: Uint8Array) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf
    const header = (b: Uint8Array) => new TextDecoder().decode(b).replace(/^\uFEFF/, '').split('\r\n')[0]
    for (const region of ['', 'region=tomsk']) {
      const rfc = await csv(`?format=rfc${region ? `&${region}` : ''}`)
      expect(bom(rfc)).toBe(false)
      expect(header(rfc)).toMatch(/^ФИО,Место работы,/)
      const excel = await csv(region ? `?${region}` : '')
      expect(bom(excel)).toBe(true)
      expect(header(excel)).toMatch(/^ФИО;Место работы;/)
      const again = await csv(`?${region ? `${region}&` : ''}format=rfc`)
      expect(bom(again)).toBe(false)
      expect(header(again)).toMatch(/^ФИО,Место работы,/)
    }
  })
})
