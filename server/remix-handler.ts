import type { IncomingHttpHeaders, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  type AppLoadContext,
  type ServerBuild,
} from '@remix-run/node'
import type { NextFunction, Request, Response } from 'express'
import { REQUEST_ID_HEADER, SESSION_COOKIE } from '~/http/public-paths'
import { fileRefusalForScript } from '~/http/script-errors.server'
import { GateBusy, type Gate } from './gate'
import { bodyRule, discardRest, formTooLarge, isRefusal, multipartBoundary, multipartGuard, readLimited, refuse, refusals } from './edge'

// Express → Remix, like @remix-run/express's handler, with the edge's rules
// for bodies and caching in between:
// - a body must be a form (urlencoded, or multipart with a boundary): 415;
// - it may not exceed its path's limit (server/edge.ts): 413, checked from
//   Content-Length before anything is read, and counted while a chunked
//   body streams in;
// - an urlencoded form is read here (≤ 1 MB) and refused if it has more
//   entries than any page sends (app/http/form-limits.ts); a value holding
//   U+0000 goes on to parseSubmission, which answers with that field's error;
// - a multipart body streams on, refused if it is not framed as a form or
//   has too many parts;
// - a response to a signed-in visitor, or one that sets a cookie, is never stored by a cache.

type Handler = ReturnType<typeof createRequestHandler>

/** The `Allow` of a page or file without an action (server/options.ts answers OPTIONS with the same). */
const GET_ONLY = 'GET, HEAD, OPTIONS'

export function remixHandler(opts: {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode: 'production' | 'development'
  getLoadContext: (req: Request, res: Response) => AppLoadContext
  /** Reads (GET, HEAD) wait here for their turn until Remix answers (server/gate.ts). */
  gate?: Gate
  /** Then a download (Content-Disposition: attachment) waits here, and keeps its place until its last byte is sent. */
  files?: Gate
}) {
  const handle: Handler = createRequestHandler(opts.build, opts.mode)
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const controller = new AbortController()
      let body: Buffer | ReadableStream<Uint8Array> | undefined
      let guard: ReturnType<typeof multipartGuard> | undefined
      const rule = bodyRule(req, req.path)
      if (rule && isRefusal(rule)) return refuse(req, res, rule)
      if (rule) {
        const { encoding, limit, tooLarge } = rule
        if (encoding === 'urlencoded') {
          const read = await readLimited(req, limit)
          if (!read) return refuse(req, res, tooLarge)
          if (formTooLarge(read)) return refuse(req, res, refusals.tooManyFields)
          body = read
        } else {
          // Files stream on to the route's own per-file checks; past the
          // path's limit (or when the body is not a well-framed form) the edge
          // answers 413 (400) and the route's work is abandoned.
          const streamed = multipartGuard(multipartBoundary(req.get('content-type'))!, limit, (refusal) => {
            req.unpipe(streamed)
            refuse(req, res, refusal)
            controller.abort()
          }, tooLarge)
          guard = streamed
          body = createReadableStreamFromReadable(req.pipe(streamed))
        }
      }

      // Abort loaders and actions once the client is gone (as @remix-run/express does).
      let done = false
      res.on('finish', () => (done = true))
      res.on('close', () => done || controller.abort())

      const headers = headersOf(req.headers)
      headers.set(REQUEST_ID_HEADER, randomUUID())
      const request = new Request(requestUrl(req), {
        method: req.method,
        headers,
        signal: controller.signal,
        ...(body ? { body, duplex: 'half' } : {}),
      } as RequestInit)
      let response: globalThis.Response
      let release = () => {}
      try {
        if (opts.gate && (req.method === 'GET' || req.method === 'HEAD')) release = await opts.gate.enter(controller.signal)
        response = await handle(request, opts.getLoadContext(req, res))
      } catch (error) {
        if (controller.signal.aborted) return
        if (error instanceof GateBusy) return busy(req, res)
        throw error
      } finally {
        release()
      }
      if (res.headersSent || controller.signal.aborted) return
      // The route answered without reading the whole upload (signed out, no
      // right to act, no action): the rest is read and dropped, or the client's
      // next request on this kept-alive connection would meet a reset.
      if (guard && !req.complete) {
        req.unpipe(guard)
        discardRest(req)
      }
      // A file or open-data route has no action: the router's 405 for a POST
      // to it is English JSON («Unexpected Server Error»); the edge's is Russian.
      if (response.status === 405 && /^application\/json/i.test(response.headers.get('content-type') ?? '')) {
        await response.body?.cancel().catch(() => {})
        res.setHeader('Allow', GET_ONLY)
        return refuse(req, res, refusals.methodNotAllowed)
      }
      // A page without an action, asked with POST: its error page, and the methods it does answer (RFC 9110 §15.5.6).
      if (response.status === 405 && !response.headers.has('allow')) res.setHeader('Allow', GET_ONLY)
      // A file's refusal is plain text; a script that asks for JSON gets it as a page's refusal is given.
      response = await fileRefusalForScript(request, response)
      let releaseFile = () => {}
      let slot: Slot | undefined
      const files = opts.files
      if (files && response.body && /^attachment/i.test(response.headers.get('content-disposition') ?? '')) {
        // A streamed file reads and writes a batch per turn of the event loop
        // while it holds a place; waiting in line before its first read costs
        // nothing. While its client has not yet taken the last batch, the place
        // goes to the next download in line (a slow client holds no one up).
        try {
          releaseFile = await files.enter(controller.signal)
        } catch (error) {
          await response.body.cancel().catch(() => {})
          if (error instanceof GateBusy) busy(req, res)
          return
        }
        slot = {
          pause: () => releaseFile(),
          resume: async () => {
            releaseFile = await files.enter(controller.signal, { patient: true })
          },
        }
      }
      try {
        await send(res, privateWhenPersonal(req, response), slot)
      } finally {
        releaseFile()
      }
    } catch (error) {
      next(error)
    }
  }
}

/** Every place was taken for the gate's whole wait: 503, to try again shortly. */
function busy(req: Request, res: Response): void {
  res.setHeader('Retry-After', '10')
  refuse(req, res, refusals.busy)
}

function headersOf(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers()
  for (const [key, value] of Object.entries(incoming)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v)
    else if (value !== undefined) headers.set(key, value)
  }
  return headers
}

async function send(res: Response, response: globalThis.Response, slot?: Slot): Promise<void> {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [key, value] of response.headers.entries()) res.append(key, value)
  if (response.body) await pipeBody(response.body, res, slot)
  else res.end()
}

/** A gate's place that a download gives up while its client catches up, and takes back to go on. */
export type Slot = { pause: () => void; resume: () => Promise<void> }

/**
 * Remix's writeReadableStreamToWritable writes without waiting: a slow client
 * would have the whole file queued in memory. Here the next piece is read
 * only once the socket took the last one (a streamed export reads its next
 * batch only then), and a client that leaves cancels the stream, which stops
 * its reads.
 *
 * No Promise.race against one promise that lives as long as the response:
 * each race leaves a reaction on it that keeps that race's result — every
 * piece of the file — until the response closes (5 parallel exports of
 * 8.6 MB kept ≈ 45 MB of pieces, issue 14). The listeners here are removed
 * after each wait.
 */
export async function pipeBody(body: ReadableStream<Uint8Array>, res: ServerResponse & { flush?: () => void }, slot?: Slot): Promise<void> {
  const reader = body.getReader()
  let gone = false
  let corked = false
  const uncork = () => {
    corked = false
    res.uncork()
  }
  // A pending read ends (done) when the stream is cancelled.
  const leave = () => {
    gone = true
    reader.cancel().catch(() => {})
  }
  res.once('close', leave)
  try {
    for (;;) {
      const next = await reader.read()
      if (gone || res.destroyed) return leave()
      if (next.done) return void res.end()
      // React writes a page in pieces of about 2 KB, all in one turn: one
      // system call for the turn's pieces instead of one each (a secretary's
      // queue was 60 writes, ≈ 5 ms of the event loop under load; issue 14).
      if (!corked) {
        corked = true
        res.cork()
        setImmediate(uncork)
      }
      const room = res.write(next.value)
      res.flush?.()
      if (!room) {
        slot?.pause()
        await drained(res)
        if (gone || res.destroyed) return leave()
        // Rejects only when the client has left while this waited in line.
        if (slot) await slot.resume().catch(() => (gone = true))
      }
      if (gone || res.destroyed) return leave()
    }
  } catch (error) {
    res.destroy(error as Error)
    throw error
  } finally {
    res.off('close', leave)
  }
}

/** The socket took what was written, or closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    // once: with gzip, compression() hands 'drain' listeners to its stream, where only a fired one removes itself
    res.once('drain', done)
    res.once('close', done)
  })
}

/** The URL as @remix-run/express builds it: host and protocol respect "trust proxy". */
function requestUrl(req: Request): string {
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(':')[1] ?? '', 10)
  const port = [portOf(req.get('x-forwarded-host')), portOf(req.get('host'))].find((p) => Number.isSafeInteger(p))
  // `?_data=` never gets here: the edge drops it (withoutRemixData, server/edge.ts).
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`).href
}

const sessionCookie = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=[^;]`)

/**
 * "no-store" on everything a visitor sees signed in (their applications,
 * phone numbers, birth dates) and on every response that sets a cookie, so
 * no browser or proxy cache keeps it. Public pages are served by the public
 * cache before this point and keep their own caching.
 */
function privateWhenPersonal(req: Request, response: globalThis.Response): globalThis.Response {
  const personal = sessionCookie.test(req.headers.cookie ?? '') || response.headers.has('set-cookie')
  if (!personal || /\bno-store\b/.test(response.headers.get('cache-control') ?? '')) return response
  const headers = new Headers(response.headers)
  headers.set('Cache-Control', 'no-store')
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}
