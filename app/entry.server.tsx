import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceContext } from '~/ui/nonce-context'
import { dropNulBytes } from '~/http/nul-free.server'
import { scriptErrorResponse, wantsJson } from '~/http/script-errors.server'

const ABORT_DELAY = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A script asking for JSON gets the refusal as JSON, not the error page (app/http/script-errors.server.ts);
  // a cache in between keeps the two apart (a 404 may be cached without being told).
  if (responseStatusCode >= 400) {
    responseHeaders.append('Vary', 'Accept')
    if (wantsJson(request)) return scriptErrorResponse(responseStatusCode, remixContext.staticHandlerContext, responseHeaders)
  }
  const nonce = loadContext?.cspNonce ?? ''
  // Bots and no-JS clients get the whole document at once.
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          // React 18 leaks zero bytes at its buffer boundaries: see dropNulBytes.
          const body = dropNulBytes()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

/** Server errors are logged once, with the path but not the query (it may hold personal data). */
export const handleError: HandleErrorFunction = (error, { request }) => {
  // An aborted request (the client left, or the server refused its body as too large) is not a server fault.
  if (request.signal.aborted) return
  const where = `${request.method} ${new URL(request.url).pathname}`
  // The router's own 4xx (no such route: 404, no action: 405) is the client's doing: one line, no stack.
  if (isRouteErrorResponse(error) && error.status < 500) return void console.warn(`${where}: ${error.status} ${error.statusText}`.trim())
  console.error(`Ошибка при обработке ${where}:`, error)
}
