import type { IncomingMessage, ServerResponse } from 'node:http'
import { Transform, type TransformCallback } from 'node:stream'
import { encode } from 'turbo-stream'
import type { ErrorRequestHandler } from 'express'
import { factKeys } from '~/model/eligibility'
import { EVIDENCE_MAX_BYTES } from '~/model/inputs/application'
import { REPLY_MAX_FILES } from '~/model/inputs/application-page'
import { MAX_UPLOAD_BYTES } from '../app/imports/web.server'
import { FORM_MAX_ENTRIES, tooManyFields, tooManyFieldsMessage, urlencodedNames } from '~/http/form-limits'
import { prefersJson } from '~/http/public-paths'

// The HTTP edge: what every request must satisfy before any route or the
// database sees it, and the one way the server refuses a request — a Russian
// page for people (JSON with a stable code for scripts), never a stack trace.

export type Refusal = { status: number; code: string; message: string }

const MB = 1024 * 1024

export const refusals = {
  badUrl: { status: 400, code: 'BAD_URL', message: 'Адрес страницы содержит недопустимые символы. Проверьте ссылку.' },
  crossSite: {
    status: 403,
    code: 'CROSS_SITE_REQUEST',
    message: 'Запрос пришёл не с этого сайта и отклонён. Откройте страницу сайта и повторите действие.',
  },
  malformed: { status: 400, code: 'MALFORMED_REQUEST', message: 'Запрос составлен неверно и не может быть обработан.' },
  brokenForm: { status: 400, code: 'MALFORMED_FORM', message: 'Данные формы повреждены или пришли не полностью. Отправьте форму ещё раз.' },
  notFound: { status: 404, code: 'NOT_FOUND', message: 'Страница не найдена.' },
  methodNotAllowed: { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'Здесь нельзя выполнить это действие.' },
  unsupportedType: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Данные отправлены в неподдерживаемом формате. Отправьте форму со страницы сайта.',
  },
  failed: { status: 500, code: 'SERVER_ERROR', message: 'Что-то пошло не так. Попробуйте обновить страницу позже.' },
  unavailable: { status: 503, code: 'UNAVAILABLE', message: 'Сервис временно недоступен. Попробуйте позже.' },
  busy: { status: 503, code: 'BUSY', message: 'Сервер сейчас занят другими запросами. Повторите через несколько секунд.' },
  tooManyFields: { status: 413, code: 'TOO_MANY_FIELDS', message: tooManyFieldsMessage },
  tooLarge: (limit: number): Refusal => ({
    status: 413,
    code: 'TOO_LARGE',
    message: `Слишком большой запрос: не больше ${Math.round(limit / MB)} МБ. Сократите текст и отправьте форму ещё раз.`,
  }),
  /** An upload form past its limit: some file is over the per-file limit the form states. */
  fileTooLarge: (fileLimit: number): Refusal => ({
    status: 413,
    code: 'TOO_LARGE',
    message: `Слишком большой файл: каждый файл — не больше ${Math.round(fileLimit / MB)} МБ. Уменьшите файл или разделите его на части и отправьте форму ещё раз.`,
  }),
} as const

// ---------------------------------------------------------------- the URL

/**
 * A request line the app must not see: broken percent-encoding (or bytes
 * that do not decode as UTF-8) or U+0000 anywhere in the path or the query.
 * PostgreSQL refuses U+0000 in text, so it would otherwise surface as a 500
 * from deep inside a query; no link of this site ever contains it.
 */
export function urlRefusal(url: string): Refusal | null {
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  const query = q === -1 ? '' : url.slice(q + 1)
  try {
    if (decodeURIComponent(path).includes('\0')) return refusals.badUrl
    for (const part of query.split('&')) if (decodeURIComponent(part.replace(/\+/g, ' ')).includes('\0')) return refusals.badUrl
  } catch {
    return refusals.badUrl
  }
  return null
}

/**
 * The URL without `?_data=`: the data request of Remix before single fetch,
 * which this app's client never makes (single fetch asks for "<path>.data").
 * Remix still answered it, logging a warning with a stack for each (an
 * anonymous client could fill the log), rendering a public page as an empty
 * 200, and a POST so sent ended in a 500. The page is answered as the URL
 * without it. Only the `_data` pairs are dropped, as written: the rest of the
 * query keeps its exact bytes (`%20` stays `%20`).
 */
export function withoutRemixData(url: string): string {
  const q = url.indexOf('?')
  if (q === -1 || !new URLSearchParams(url.slice(q + 1)).has('_data')) return url
  const name = (part: string) => {
    const raw = part.split('=')[0].replace(/\+/g, ' ')
    try {
      return decodeURIComponent(raw)
    } catch {
      return raw
    }
  }
  const kept = url.slice(q + 1).split('&').filter((part) => name(part) !== '_data')
  return kept.length === 0 ? url.slice(0, q) : `${url.slice(0, q)}?${kept.join('&')}`
}

// ---------------------------------------------------------------- methods

/**
 * The methods a page, a file or a form is asked with. Others (TRACE, and
 * WebDAV's) reach no route: the Fetch API the app runs on cannot even
 * represent TRACE, which ended in a 500.
 */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
/** The `Allow` header of a method refused at the edge. */
export const ALLOWED_METHODS = [...METHODS].join(', ')

export function methodRefusal(method: string | undefined): Refusal | null {
  return METHODS.has(method ?? 'GET') ? null : refusals.methodNotAllowed
}

/**
 * What Node's HTTP parser itself refuses (an unknown method such as FOO, a
 * malformed request line, headers past its limit) never reaches the app:
 * Node would answer a bare «400 Bad Request» without a body or this site's
 * headers. The same refusal as the app's, written on the socket.
 */
export function clientErrorAnswer(code: string | undefined): Buffer {
  const [status, reason, r]: [number, string, Refusal] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', { status: 431, code: 'HEADERS_TOO_LARGE', message: 'Слишком длинный адрес страницы или слишком большие заголовки запроса. Проверьте ссылку; если она верна, удалите cookie этого сайта в браузере и повторите.' }]
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', { status: 408, code: 'REQUEST_TIMEOUT', message: 'Запрос не пришёл целиком вовремя. Повторите его.' }]
        : [400, 'Bad Request', refusals.malformed]
  const body = Buffer.from(JSON.stringify({ error: { code: r.code, message: r.message } }))
  const head = [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${body.length}`,
    'Cache-Control: no-store',
    "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options: nosniff',
    'X-Frame-Options: DENY',
    'Connection: close',
  ]
  return Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n'), body])
}

// ---------------------------------------------------------------- bodies

/** Every body that carries no file: forms of text fields are a few kilobytes. */
export const FORM_MAX_BYTES = 1 * MB

// Forms that upload files may carry their files' documented limits on top of
// the form itself. The application form has at most one file input per fact.
// Past the limit, some file is over the per-file limit its form states, and
// the refusal quotes that one (the form says «до 5 МБ», not the total).
const UPLOAD_LIMITS: [RegExp, number, number][] = [
  [/^\/imports$/, MAX_UPLOAD_BYTES + FORM_MAX_BYTES, MAX_UPLOAD_BYTES],
  [/^\/applications\/[^/]+\/evidence\/new$/, EVIDENCE_MAX_BYTES + FORM_MAX_BYTES, EVIDENCE_MAX_BYTES],
  // the application page: a reply to a request for information carries its documents
  [/^\/applications\/[^/]+$/, REPLY_MAX_FILES * EVIDENCE_MAX_BYTES + FORM_MAX_BYTES, EVIDENCE_MAX_BYTES],
  [/^\/(?:apply|nominate)\/[^/]+$|^\/applications\/[^/]+\/edit$/, factKeys.length * EVIDENCE_MAX_BYTES + FORM_MAX_BYTES, EVIDENCE_MAX_BYTES],
  // the year after: an activity record (new, or returned and corrected) and an indicator's value, one document each
  [/^\/my\/activity\/new$|^\/activity\/[^/]+$|^\/reports\/[^/]+\/value$/, EVIDENCE_MAX_BYTES + FORM_MAX_BYTES, EVIDENCE_MAX_BYTES],
]

/** Remix's client posts to "<path>.data" (single fetch); the rules are the page's. */
const pageOf = (pathname: string) => pathname.replace(/\.data$/, '').replace(/(.)\/$/, '$1')

/** The most bytes a request body to this path may have: the one table of limits. */
export function bodyLimit(pathname: string): number {
  const page = pageOf(pathname)
  for (const [re, limit] of UPLOAD_LIMITS) if (re.test(page)) return limit
  return FORM_MAX_BYTES
}

/** The refusal of a body past its path's limit. */
export function tooLargeFor(pathname: string, encoding: FormEncoding): Refusal {
  const page = pageOf(pathname)
  const upload = encoding === 'multipart' ? UPLOAD_LIMITS.find(([re]) => re.test(page)) : undefined
  return upload ? refusals.fileTooLarge(upload[2]) : refusals.tooLarge(FORM_MAX_BYTES)
}

export type FormEncoding = 'urlencoded' | 'multipart'

/** The boundary of a multipart/form-data body (1–70 characters, RFC 2046), or null. */
export function multipartBoundary(contentType: string | undefined): string | null {
  const [type, ...params] = (contentType ?? '').split(';').map((s) => s.trim())
  if (type.toLowerCase() !== 'multipart/form-data') return null
  const boundary = params.find((p) => /^boundary=/i.test(p))?.slice('boundary='.length).replace(/^"(.*)"$/, '$1')
  return boundary && boundary.length <= 70 ? boundary : null
}

/** The two encodings an HTML form sends; anything else is not for this app's actions. */
export function formEncoding(contentType: string | undefined): FormEncoding | null {
  if (!contentType) return null
  if (contentType.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded') return 'urlencoded'
  return multipartBoundary(contentType) ? 'multipart' : null
}

/** The declared length, or null when the body is chunked (or the header is unusable). */
export function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length']
  if (raw === undefined || !/^\d+$/.test(raw)) return null
  return Number(raw)
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

export type BodyRule = { encoding: FormEncoding; limit: number; tooLarge: Refusal }

/**
 * What the request line and headers already decide about a body: null for
 * a method without one, a refusal (415 not a form, 413 declared too large),
 * or how to read it. Runs before a single byte of the body is read.
 */
export function bodyRule(req: IncomingMessage, pathname: string): BodyRule | Refusal | null {
  if (BODYLESS.has(req.method ?? 'GET')) return null
  const encoding = formEncoding(req.headers['content-type'])
  if (!encoding) return refusals.unsupportedType
  // Files come only in multipart forms; an urlencoded form is text.
  const limit = encoding === 'urlencoded' ? FORM_MAX_BYTES : bodyLimit(pathname)
  const tooLarge = tooLargeFor(pathname, encoding)
  const length = declaredLength(req)
  if (length !== null && length > limit) return tooLarge
  return { encoding, limit, tooLarge }
}

export const isRefusal = (r: BodyRule | Refusal): r is Refusal => 'status' in r

/** Reads a body of at most `limit` bytes; null as soon as it grows past it (the rest is not kept). */
export function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      done()
      req.pause()
      resolve(null)
    }
    const onEnd = () => {
      done()
      resolve(Buffer.concat(chunks, size))
    }
    const onError = (error: Error) => {
      done()
      reject(error)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

/**
 * Passes a multipart body on as it streams in, and refuses it (through
 * `onRefused`, then by failing the stream) once it grows past `limit` or is
 * not framed as every form client frames it: starting with "--boundary" and
 * ending with "--boundary--". The route's own parser would otherwise fail
 * with an internal error.
 */
export function multipartGuard(boundary: string, limit: number, onRefused: (r: Refusal) => void, tooLarge = refusals.tooLarge(limit)): Transform {
  const opening = Buffer.from(`--${boundary}`)
  const closing = Buffer.from(`--${boundary}--`)
  // Each part starts after "\r\n--boundary"; counted across chunk edges.
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let parts = 0
  let seen = 0
  let head = Buffer.alloc(0)
  let tail = Buffer.alloc(0)
  const fail = (r: Refusal, callback: TransformCallback) => {
    onRefused(r)
    callback(new Error(`request body refused: ${r.code}`))
  }
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length
      if (seen > limit) return fail(tooLarge, callback)
      if (head.length < opening.length) {
        head = Buffer.concat([head, chunk.subarray(0, opening.length - head.length)])
        if (!head.equals(opening.subarray(0, head.length))) return fail(refusals.brokenForm, callback)
      }
      const scan = Buffer.concat([tail.subarray(-(delimiter.length - 1)), chunk])
      for (let i = scan.indexOf(delimiter); i !== -1; i = scan.indexOf(delimiter, i + delimiter.length)) parts++
      // the last delimiter closes the form; the first part follows the opening line
      if (parts > FORM_MAX_ENTRIES) return fail(refusals.tooManyFields, callback)
      tail = Buffer.concat([tail, chunk.subarray(-(closing.length + 2))]).subarray(-(closing.length + 2))
      callback(null, chunk)
    },
    flush(callback) {
      const end = tail.subarray(0, tail.length - (tail.subarray(-2).toString('latin1') === '\r\n' ? 2 : 0))
      if (head.length < opening.length || !end.subarray(-closing.length).equals(closing)) return fail(refusals.brokenForm, callback)
      callback()
    },
  })
}

/**
 * An urlencoded form with more entries than any form of the site has: its
 * "&"s are counted first (a byte scan), then its names, in one pass each.
 */
export function formTooLarge(body: Buffer): boolean {
  let amps = 0
  for (let i = body.indexOf(38); i !== -1; i = body.indexOf(38, i + 1)) if (++amps >= FORM_MAX_ENTRIES) return true
  return tooManyFields(urlencodedNames(body.toString('utf8')))
}

// ---------------------------------------------------------------- answers

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const wantsJson = (req: IncomingMessage) => prefersJson(req.headers.accept)

/** The form the refused request came from: the same-site page that sent it (its Referer). */
export function formPage(req: IncomingMessage): string | null {
  if (BODYLESS.has(req.method ?? 'GET')) return null
  const referer = req.headers.referer
  if (!referer) return null
  try {
    const from = new URL(referer)
    if (from.host !== req.headers.host || !/^https?:$/.test(from.protocol)) return null
    return from.pathname + from.search
  } catch {
    return null
  }
}

export function refusalPage(r: Refusal, back: string | null = null): string {
  const title = r.status === 404 ? 'Страница не найдена' : `Ошибка ${r.status}`
  // Going back (the browser keeps what was typed) is the way to the form; the link is for when there is no history.
  const toForm = back ? `<p><a href="${escapeHtml(back)}">Вернуться к форме</a> (или кнопка «Назад» браузера — так введённый текст сохранится)</p>\n` : ''
  return `<!DOCTYPE html>
<html lang="ru">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Реестр методического актива</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(r.message)}</p>
${toForm}<p><a href="/">На главную</a></p>
</main>
</body>
</html>
`
}

/** Remix's own client (single fetch) asks for "<path>.data" and reads only its turbo-stream answers. */
export function isSingleFetch(req: IncomingMessage): boolean {
  return /\.data$/.test((req.url ?? '/').split('?')[0])
}

class RouteError {
  constructor(
    readonly message: string,
    readonly status: number,
  ) {}
}

class Reload {
  constructor(readonly to: string) {}
}

/**
 * The refusal in the encoding Remix's client decodes (as @remix-run/server-runtime
 * encodes it): an action gets it as a thrown error response, so the page's
 * error boundary shows the Russian message and status instead of «Сбой на
 * сервере»; a loader request (a bad URL) is sent to load the page as a
 * document, which shows the edge's own page.
 */
export async function singleFetchBody(req: IncomingMessage, r: Refusal): Promise<Buffer> {
  const url = new URL(req.url ?? '/', 'http://x')
  url.searchParams.delete('_routes')
  const page = url.pathname === '/_root.data' ? '/' : url.pathname.replace(/\.data$/, '')
  const value = BODYLESS.has(req.method ?? 'GET') ? new Reload(page + url.search) : { error: new RouteError(r.message, r.status) }
  const stream = encode(value, {
    plugins: [
      (v: unknown) => {
        if (v instanceof RouteError) return ['ErrorResponse', v.message, v.status, '']
        if (v instanceof Reload) return ['SingleFetchRedirect', { redirect: v.to, status: 302, revalidate: false, reload: true, replace: true }]
        return undefined
      },
    ],
  })
  return Buffer.from(await new Response(stream).arrayBuffer())
}

/**
 * Answers with the refusal and ends the exchange; a body still in flight is
 * thrown away unread.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, r: Refusal): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (!req.complete) discardRest(req)
  if (isSingleFetch(req)) {
    singleFetchBody(req, r).then(
      (body) => send(req, res, r.status, 'text/x-script', body),
      () => res.destroy(),
    )
    return
  }
  const json = wantsJson(req)
  const body = Buffer.from(json ? JSON.stringify({ error: { code: r.code, message: r.message } }) : refusalPage(r, formPage(req)))
  send(req, res, r.status, json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8', body)
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer): void {
  if (res.headersSent || res.destroyed) return
  res.statusCode = status
  res.setHeader('Content-Type', type)
  res.setHeader('Content-Length', body.length)
  res.setHeader('Cache-Control', 'no-store')
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** How long the rest of a refused body is read and thrown away, so the client gets to read the answer. */
const DISCARD_MS = 5_000

/**
 * The rest of a refused body is read and dropped (no memory is kept) for a
 * few seconds, as nginx's lingering close does: closing at once would reset
 * the connection while the client is still sending, and it would never see
 * the 413. A client that keeps sending longer is cut off.
 */
export function discardRest(req: IncomingMessage): void {
  const socket = req.socket
  const timer = setTimeout(() => socket.destroy(), DISCARD_MS)
  timer.unref()
  // Both listeners go once the body has ended: a kept-alive socket serves
  // request after request, and each refused one would leave one behind.
  const stop = () => {
    clearTimeout(timer)
    req.off('end', stop)
    socket.off('close', stop)
  }
  req.once('end', stop)
  socket.once('close', stop)
  req.removeAllListeners('data')
  req.resume()
}

/** Express's last handler: logs the error, answers with a Russian page, never with a stack. */
export function errorHandler(): ErrorRequestHandler {
  return (error, req, res, _next) => {
    // The client went away mid-request (its body never finished): nobody to answer, nothing to report.
    if (req.socket.destroyed) return void res.destroy()
    // Express's own 4xx errors (a malformed parameter, …) are the client's.
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? (error.status as number) : 500
    if (status === 500) console.error(`Ошибка при обработке ${req.method} ${req.path}:`, error)
    refuse(req, res, status === 500 ? refusals.failed : status === 404 ? refusals.notFound : { ...refusals.badUrl, status })
  }
}
