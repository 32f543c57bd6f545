import { isRouteErrorResponse } from '@remix-run/react'
import { errorMessage, errorMessages } from '~/model/error-messages'
import { prefersJson } from './public-paths'

// A page's refusal for a script: a client that asks for JSON (Accept names
// json and not text/html: what the edge's own refusals answer in JSON,
// server/edge.ts) gets {"error": {"code", "message"[, "fields"]}} with the
// page's status instead of the HTML error page. People's browsers always send
// text/html and see the page; Remix's own client asks for `.data` and is not
// answered here.

export type ScriptError = { code: string; message: string; fields?: Record<string, string> }

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
}

/** The refusal's machine-readable code: the one the route set (X-Error-Code), else its status's. */
const codeOf = (status: number, headers: Headers) => headers.get('X-Error-Code') ?? (status >= 500 ? 'SERVER_ERROR' : (CODES[status] ?? 'ERROR'))

export const wantsJson = (request: Request) => prefersJson(request.headers.get('accept'))

type Rendered = {
  errors?: Record<string, unknown> | null
  actionData?: Record<string, unknown> | null
  loaderData?: Record<string, unknown>
}

/** What a page answered with `status` says to a script: the thrown refusal, else the form's reply (field errors with it), else the status's words. */
export function scriptError(status: number, page: Rendered, headers: Headers): ScriptError {
  const root = page.loaderData?.root as { user?: unknown } | undefined
  const signedIn = Boolean(root?.user)
  const code = codeOf(status, headers)
  const error = Object.values(page.errors ?? {})[0]
  if (error !== undefined) {
    // the router's own refusals (no route, no action) carry English text naming route files: never shown
    const own = isRouteErrorResponse(error) && !(error as { internal?: boolean }).internal && typeof error.data === 'string' && error.data !== '' ? error.data : null
    return { code: status >= 500 ? 'SERVER_ERROR' : code, message: errorMessage(status, own, signedIn) }
  }
  const reply = Object.values(page.actionData ?? {}).find((v): v is { code?: unknown; error?: Record<string, string[] | null> } => typeof v === 'object' && v !== null && 'error' in v)
  if (reply) {
    const { '': formErrors, ...fieldErrors } = reply.error ?? {}
    const fields: Record<string, string> = {}
    for (const [name, messages] of Object.entries(fieldErrors)) if (messages?.[0]) fields[name] = messages[0]
    return {
      code: typeof reply.code === 'string' ? reply.code : code,
      message: formErrors?.[0] ?? errorMessages.invalidForm,
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
    }
  }
  return { code, message: errorMessage(status, null, signedIn) }
}

/** The JSON answer itself, with the page's headers (its cookies, caching and security headers stay). */
export function scriptErrorResponse(status: number, page: Rendered, headers: Headers): Response {
  const body = JSON.stringify({ error: scriptError(status, page, headers) })
  headers.set('Content-Type', 'application/json; charset=utf-8')
  headers.delete('X-Error-Code')
  return new Response(body, { status, headers })
}

/**
 * A file's or open data's refusal (a resource route throws `new Response(russianText, {status})`,
 * which Remix hands back as it is, past handleRequest) for a script that asks for JSON:
 * the same {"error": {"code", "message"}} as a page's; anything else unchanged.
 */
export async function fileRefusalForScript(request: Request, response: Response): Promise<Response> {
  if (response.status < 400) return response
  if (!/^text\/plain/i.test(response.headers.get('content-type') ?? '')) return response
  const headers = new Headers(response.headers)
  headers.append('Vary', 'Accept')
  if (!wantsJson(request)) return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  const text = (await response.text()).trim()
  const code = codeOf(response.status, headers)
  headers.delete('X-Error-Code')
  headers.delete('Content-Length')
  headers.set('Content-Type', 'application/json; charset=utf-8')
  return new Response(JSON.stringify({ error: { code, message: errorMessage(response.status, text || null, false) } }), { status: response.status, headers })
}
