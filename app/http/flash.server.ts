import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { cookieSecrets, secureCookies } from '~/http/session.server'

// A confirmation after a redirect (post → redirect → get), shown once on the
// next page: a signed cookie holding one message, read and cleared by the
// root loader, instead of flags in the address that show the confirmation
// again on every reload or shared link. Modelled on the Epic Stack's toast
// (app/utils/toast.server.ts).

export type Flash = { kind: 'success' | 'error'; text: string }

const FLASH_COOKIE = 'rma_flash'
const KEY = 'message' as const

type FlashData = { [KEY]: Flash }

let storage: ReturnType<typeof createCookieSessionStorage<FlashData, FlashData>> | undefined

function flashes() {
  storage ??= createCookieSessionStorage<FlashData, FlashData>({
    cookie: { name: FLASH_COOKIE, httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookies(), secrets: cookieSecrets() },
  })
  return storage
}

/** A redirect that shows `text` once on the page it leads to. */
export async function redirectWithFlash(url: string, text: string, kind: Flash['kind'] = 'success'): Promise<Response> {
  const session = await flashes().getSession()
  session.flash(KEY, { kind, text } satisfies Flash)
  return redirect(url, { headers: { 'Set-Cookie': await flashes().commitSession(session) } })
}

/**
 * The message waiting for this request, if any, and the Set-Cookie header
 * that clears it (null when there was none: nothing to clear).
 */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const cookie = request.headers.get('Cookie')
  if (!cookie?.includes(`${FLASH_COOKIE}=`)) return { flash: null, setCookie: null }
  const session = await flashes().getSession(cookie)
  const value = session.get(KEY) as Partial<Flash> | undefined
  const flash = value && typeof value.text === 'string' ? { kind: value.kind === 'error' ? ('error' as const) : ('success' as const), text: value.text } : null
  return { flash, setCookie: await flashes().destroySession(session) }
}
