import { describe, expect, it } from 'vitest'
import { loader as rootLoader } from '../app/root'
import { redirectWithFlash } from '~/http/flash.server'
import { z } from 'zod'
import { handleForm } from '~/http/form.server'
import { replyOf } from './support/form'
import { AppError } from '../workflows/errors'

// The confirmation after a form: carried by a signed cookie to the next page,
// shown there once by the root loader, never by a public (shared, cached) page.

const ctx = { cspNonce: 'n', clientAddress: '127.0.0.1' }
type RootAnswer = { data: { flash: { kind: string; text: string } | null }; init: { headers?: Record<string, string> } | null }

async function root(path: string, cookie: string | null) {
  const request = new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} })
  return (await rootLoader({ request, params: {}, context: ctx })) as unknown as RootAnswer
}

describe('flash messages', () => {
  it('show the confirmation once on the next page, then clear it', async () => {
    const res = await redirectWithFlash('/members/7', 'Изменение внесено.')
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/members/7')
    const setCookie = res.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/HttpOnly/i)
    const cookie = setCookie.split(';')[0]

    // A public page leaves the message for the next page that is not public.
    const pub = await root('/roster', cookie)
    expect(pub.data.flash).toBeNull()
    expect(pub.init?.headers?.['Set-Cookie']).toBeUndefined()

    const page = await root('/members/7', cookie)
    expect(page.data.flash).toEqual({ kind: 'success', text: 'Изменение внесено.' })
    const cleared = page.init!.headers!['Set-Cookie']
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/)

    const again = await root('/members/7', cleared.split(';')[0])
    expect(again.data.flash).toBeNull()
  })

  it('ignore a forged message', async () => {
    const forged = `rma_flash=${Buffer.from(JSON.stringify({ __flash_message__: { kind: 'success', text: 'Подделка' } })).toString('base64')}`
    expect((await root('/dashboard', forged)).data.flash).toBeNull()
  })
})

describe('handleForm', () => {
  const schema = z.object({ login: z.string().trim().min(1, 'Введите логин') })
  const form = (values: Record<string, string>) => {
    const fd = new FormData()
    for (const [k, v] of Object.entries(values)) fd.set(k, v)
    return fd
  }

  it('answers a refusal with its status, code, Russian message, field errors and Retry-After, keeping the values', async () => {
    const refused = await handleForm(form({ login: 'a@b.ru', intent: 'signIn' }), schema, async () => {
      throw new AppError('RATE_LIMITED', 429, 'Слишком много попыток.', { retryAfterSeconds: 30, fields: { login: 'Подождите' } })
    })
    expect(replyOf(refused)).toMatchObject({ status: 429, code: 'RATE_LIMITED', message: 'Слишком много попыток.', fields: { login: 'Подождите' }, values: { login: 'a@b.ru' } })
    expect((refused as { init: { headers: Record<string, string> } }).init.headers['Retry-After']).toBe('30')
    expect((refused as { data: { form?: string } }).data.form).toBe('signIn')
  })

  it('refuses what the schema refuses with 400 before any work, passes the parsed value, and rethrows a real failure', async () => {
    let ran = false
    const invalid = await handleForm(form({ login: '  ' }), schema, async () => {
      ran = true
    })
    expect(ran).toBe(false)
    expect(replyOf(invalid)).toMatchObject({ status: 400, code: 'INVALID_FORM', fields: { login: 'Введите логин' } })
    expect(await handleForm(form({ login: ' a@b.ru ' }), schema, async (v) => v.login)).toBe('a@b.ru')
    await expect(handleForm(form({ login: 'x' }), schema, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down')
  })

  it('never echoes a hidden field', async () => {
    const refused = await handleForm(form({ login: 'a', password: 'секрет' }), schema.extend({ password: z.string() }), async () => {
      throw new AppError('BAD_CREDENTIALS', 401, 'Неверный логин или пароль.')
    }, { hideFields: ['password'] })
    expect(JSON.stringify(replyOf(refused).values)).not.toContain('секрет')
  })
})
