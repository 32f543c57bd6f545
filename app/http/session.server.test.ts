import { describe, expect, it } from 'vitest'
import { REQUEST_ID_HEADER } from '~/http/public-paths'
import { getSignedIn } from '~/http/session.server'

// No cookie, so no database: what is tested is which calls share one read.
const req = (method: string, id?: string) => new Request('http://127.0.0.1/commission', { method, headers: id ? { [REQUEST_ID_HEADER]: id } : {} })

describe('the signed-in actor is read once per request', () => {
  it('the loaders of one request share the read, whichever copy of the Request each was given', async () => {
    const first = getSignedIn(req('GET', 'a1'))
    expect(getSignedIn(req('GET', 'a1'))).toBe(first)
    expect(getSignedIn(req('GET', 'b2'))).not.toBe(first)
    expect(await first).toBeNull()
  })

  it('an action reads afresh: what it changes must show in the loaders after it', () => {
    const action = req('POST', 'c3')
    const read = getSignedIn(action)
    expect(getSignedIn(action)).toBe(read)
    expect(getSignedIn(req('POST', 'c3'))).not.toBe(read)
    expect(getSignedIn(req('GET', 'c3'))).not.toBe(read)
  })

  it('a Request without the server’s id keys by itself', () => {
    const r = req('GET')
    expect(getSignedIn(r)).toBe(getSignedIn(r))
    expect(getSignedIn(req('GET'))).not.toBe(getSignedIn(r))
  })
})
