import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import { gunzip as gunzipCb, gzip as gzipCb, constants } from 'node:zlib'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { a11yFromCookie, isPublicPath, REQUEST_ID_HEADER } from '~/http/public-paths'
import { parseRosterFilter, rosterHref } from '~/model/roster-filter'
import { readingFrom } from '../db/client.server'
import { freshRosterState } from '../db/queries/roster-state.server'
import { storePublicFile, storedPublicFile } from '../db/queries/public-files.server'
import type { Replica } from '../db/replica.server'
import { ByteLru } from './byte-lru'
import { pipeBody } from './remix-handler'
import { dayBoundary, isNotModified } from './conditional'

// Public pages and open data are the same for every visitor and change only
// when the roster does, so they are rendered once per roster version and
// served from memory. Every request still reads the version (coalesced, see
// freshRosterState): a withdrawal committed before a request arrives is
// always reflected in its answer. ETag / Last-Modified come from the same
// version and the regions' day (a consent «until D» ends at its region's
// midnight without any row changing), so browsers and CDNs revalidate with a
// cheap 304 that never confirms a changed page.
//
// With a read replica (DATABASE_READ_URL), a page that must be rendered is
// rendered from the replica only when the replica has applied the version
// the page is kept under (db/replica.server.ts); otherwise, and when the
// replica fails, from the primary. Cache hits and 304s never touch it.

type Entry = { status: number; headers: Record<string, string>; body: Buffer; gzip?: Promise<Buffer> }

const gzipAsync = promisify(gzipCb)
const gunzipAsync = promisify(gunzipCb)

/** Compressed once per entry, on the first request that accepts gzip, off the event loop. */
function gzipOf(entry: Entry): Promise<Buffer> {
  // Large exports favour speed: level 1 is ~3× faster and still ~8× smaller.
  entry.gzip ??= gzipAsync(entry.body, { level: entry.body.length > 1_000_000 ? 1 : constants.Z_DEFAULT_COMPRESSION })
  return entry.gzip
}

// Public pages carry no React and no inline script; same-origin files of
// progressive enhancement (public/auto-submit.js) are allowed.
const PUBLIC_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// The other security headers are set for every response before this cache runs (server/security.ts).
const SECURITY = { 'Content-Security-Policy': PUBLIC_CSP }

/** The day boundary, recomputed only when a region's midnight passes or the set of zones changes. */
function dayClock() {
  let zones = ''
  let day = { since: new Date(0), until: new Date(0) }
  return (now: Date, timeZones: string[]) => {
    const key = timeZones.join(',')
    if (key !== zones || now.getTime() >= day.until.getTime() || now.getTime() < day.since.getTime()) {
      zones = key
      day = dayBoundary(now, timeZones)
    }
    return day
  }
}

/**
 * Worth keeping: every page (each is one page of a paged list, so small), and
 * the open-data files as a whole — all regions, or one region. Any other
 * combination of open-data filters is rendered for its request only, so an
 * anonymous visitor cannot fill the memory with distinct query strings.
 */
export function isCacheable(url: string): boolean {
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  if (path !== '/roster.json' && path !== '/roster.csv') return true
  if (q === -1) return true
  const params = [...new URLSearchParams(url.slice(q + 1)).keys()]
  return params.length === 1 && params[0] === 'region'
}

/**
 * The open-data files, of all regions or one: what the database takes
 * seconds to build (46,000 members: one statement of ≈ 1 s of CPU). They are
 * also kept in the database for their version (migration 0033), so a server
 * that starts, or another server, reads the bytes back instead of building
 * them again.
 */
const isKeptInDatabase = (url: string) => /^\/roster\.(json|csv)(\?|$)/.test(url) && isCacheable(url)

/** Smaller files are cheap to build again (an unknown region's file is empty): only the costly ones are kept. */
const KEPT_MIN_BYTES = 256 * 1024

/** Built ahead after every change, asked for or not: the files of all regions. */
const PREBUILT = ['/roster.json', '/roster.csv']
/** Whole files are all regions or one, in two formats: this bounds them with room for every region of the country. */
const MAX_WANTED = 2 * 100

/**
 * An open-data URL as its loader reads it (parseRosterFilter: values it
 * ignores dropped, a fixed order), so `?region=A1`, `?region=A2`, … are the
 * one whole file they render, not a new build each; other paths as they are.
 */
export function canonicalUrl(url: string): string {
  const q = url.indexOf('?')
  if (q === -1) return url
  const path = url.slice(0, q)
  if (path !== '/roster.json' && path !== '/roster.csv') return url
  const params = new URLSearchParams(url.slice(q + 1))
  const href = rosterHref(parseRosterFilter(params), path)
  // The CSV loader also reads `format`: the RFC 4180 file is other bytes than
  // the Excel one, never the same entry (it is not kept: isCacheable).
  if (path === '/roster.csv' && params.get('format') === 'rfc') return `${href}${href.includes('?') ? '&' : '?'}format=rfc`
  return href
}

/** The cache is bounded by bytes (bodies and their gzip copies), LRU first out (server/byte-lru.ts). */
export function createPublicCache(build: ServerBuild, opts: { maxBytes?: number; replica?: Replica } = {}) {
  const handle = createRequestHandler(build, 'production')
  const cache = new ByteLru<Entry>(opts.maxBytes ?? 96 * 1024 * 1024)
  let cachedVersion = ''
  /** Renders of cacheable pages under way, by version and key. */
  const rendering = new Map<string, Promise<Entry>>()
  const dayOf = dayClock()

  /** The gzip copy counts too, once it exists, and only while its entry is still cached. */
  const compressed = async (key: string, entry: Entry) => {
    const known = entry.gzip !== undefined
    const body = await gzipOf(entry)
    if (!known) cache.grow(key, entry, body.length)
    return body
  }

  /** Rendered by Remix; `signal` aborts its loader when the client leaves. */
  async function render(req: Pick<IncomingMessage, 'headers' | 'url'> & { clientAddress?: string }, signal?: AbortSignal): Promise<Response> {
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    // The per-request memo's key is the server's to give (app/http/public-paths.ts), never the client's.
    headers.set(REQUEST_ID_HEADER, randomUUID())
    return handle(new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, { headers, signal }), {
      cspNonce: '',
      clientAddress: req.clientAddress ?? 'unknown',
    })
  }

  /**
   * `work` with the public pages' reads (`readDb()`) on the replica when it
   * has applied `version`, else on the primary. A replica whose render fails
   * (a 5xx or an error) where the primary's succeeds is set aside for a while.
   */
  async function fromSource<T>(version: number, work: () => Promise<T>, failed: (result: T) => boolean, discard: (result: T) => void = () => {}) {
    const replica = await opts.replica?.choose(version)
    if (replica) {
      let failure: unknown
      try {
        const result = await readingFrom(replica, work)
        if (!failed(result)) return { result, client: replica }
        discard(result)
        failure = new Error('страница с реплики не построилась')
      } catch (e) {
        failure = e
      }
      const result = await readingFrom(undefined, work)
      if (!failed(result)) opts.replica?.failed(failure)
      return { result, client: undefined }
    }
    return { result: await readingFrom(undefined, work), client: undefined }
  }

  const headersOf = (response: Response) => {
    const out: Record<string, string> = {}
    response.headers.forEach((v, k) => {
      if (k !== 'content-length' && k !== 'content-encoding') out[k] = v
    })
    return out
  }

  /** The whole open-data files worth keeping that were asked for since start (canonical URLs): built ahead after a change. */
  const wanted = new Set<string>(PREBUILT)

  /** The roster's state and the version the cache keys by, as of a read that started after this call. */
  async function current() {
    const state = await freshRosterState()
    // A consent given "until" a date ends at its region's midnight without any
    // row changing: the latest midnight of any served region is part of the
    // version, so a page rendered before it is not served after it.
    const now = new Date()
    const day = dayOf(now, state.timeZones)
    const version = `${state.version}-${(day.since.getTime() / 1000).toString(36)}`
    if (version !== cachedVersion) {
      cache.clear()
      cachedVersion = version
    }
    return { state, now, day, version }
  }

  /**
   * The entry of a cacheable page for this version: from memory, else kept in
   * the database, else rendered — once per page and version, however many ask
   * at once (the whole open-data files are the costly ones, right after a
   * roster change). A render runs to its end even if its first client leaves:
   * the others wait for it, and it is kept for everyone. `sent` settles when
   * the first answer has gone (a kept file is gzipped for the database only then).
   */
  function entryOf(
    req: Pick<IncomingMessage, 'headers' | 'url'> & { clientAddress?: string },
    at: { key: string; url: string; version: string; rosterVersion: number },
    sent: Promise<void>,
  ): Promise<Entry> {
    const { key, url, version } = at
    const renderKey = `${version}\n${key}`
    const pending = rendering.get(renderKey)
    if (pending) return pending
    const rendered = async (): Promise<Entry> => {
      const response = await render(req)
      return { status: response.status, headers: headersOf(response), body: Buffer.from(await response.arrayBuffer()) }
    }
    const kept = isKeptInDatabase(url)
    // The build is part of a kept file's version: a release that renders the files differently never serves the last one's bytes.
    const keptVersion = `${version}@${build.assets.version}`
    const entry = (kept ? storedPublicFile(key, keptVersion).catch(() => undefined) : Promise.resolve(undefined))
      .then(async (stored): Promise<{ fresh: Entry; built: boolean; gzipBytes?: number }> => {
        // The kept file comes back gzipped; the plain body is unzipped off the event loop.
        if (stored) {
          const fresh = { status: stored.status, headers: stored.headers, body: await gunzipAsync(stored.gzip), gzip: Promise.resolve(stored.gzip) }
          return { fresh, built: false, gzipBytes: stored.gzip.length }
        }
        const { result: fresh } = await fromSource(at.rosterVersion, rendered, (e) => e.status >= 500)
        return { fresh, built: true }
      })
      .then(({ fresh, built, gzipBytes }) => {
        const keep = fresh.status === 200 && !fresh.headers['set-cookie']
        if (keep && cachedVersion === version) {
          cache.set(key, fresh, fresh.body.length)
          if (gzipBytes) cache.grow(key, fresh, gzipBytes)
        }
        // A file worth keeping is worth building ahead next time (an unknown region's empty file never is).
        if (keep && kept && fresh.body.length >= KEPT_MIN_BYTES && wanted.size < MAX_WANTED) wanted.add(url)
        if (keep && kept && built && fresh.body.length >= KEPT_MIN_BYTES) {
          // Gzipped as the cache gzips it for its clients (the same copy), and kept for the next server that starts:
          // once the first answer has gone, so the first visitor does not share the cores with it
          // (a client that accepts gzip has it made at once anyway, and this reuses it).
          sent
            .then(() => compressed(key, fresh))
            .then((gzip) => storePublicFile(key, keptVersion, at.rosterVersion, { status: fresh.status, headers: fresh.headers, gzip }))
            .catch((e) => console.error('Сохранение файла открытых данных:', e))
        }
        return fresh
      })
      .finally(() => rendering.delete(renderKey))
    rendering.set(renderKey, entry)
    return entry
  }

  let prebuilding: Promise<number> | undefined
  /** The version each file was last built ahead for. */
  const prebuilt = new Map<string, string>()

  /**
   * Builds, for the roster as it is now, the whole open-data files that are
   * not in memory yet — the two of all regions and every one visitors have
   * asked for — one after the other, and keeps them as a visitor's request
   * would. Run by the jobs' leader after a change has settled
   * (server/main.ts), so the visitors after a withdrawal or a publication get
   * a file made beforehand instead of waiting for its build; a visitor who
   * comes during the build waits for this one. Resolves to how many files it
   * built or read back; `quietMs`: nothing is done while the last change is
   * more recent than that (a burst of changes is built once).
   */
  function prebuild(opts: { quietMs?: number } = {}): Promise<number> {
    prebuilding ??= (async () => {
      let done = 0
      let now = await current()
      // The files of all regions last: the region files built after them could push them out of memory.
      const urls = [...wanted].sort((a, b) => Number(PREBUILT.includes(a)) - Number(PREBUILT.includes(b)))
      for (const url of urls) {
        // Nothing to do (every file built for this version): no further reads of the version this turn.
        if (prebuilt.get(url) === now.version) continue
        if (done) now = await current()
        const { state, version } = now
        if (Date.now() - state.changedAt.getTime() < (opts.quietMs ?? 0)) break
        const key = `n${url}`
        // Once per file and version, whatever came of it: a file the cache could not hold, or whose build
        // failed, is built again by its next visitor, not by every turn of the timer.
        if (prebuilt.get(url) === version) continue
        prebuilt.set(url, version)
        if (cache.get(key)) continue
        await entryOf({ url, headers: {} }, { key, url, version, rosterVersion: state.version }, Promise.resolve()).then(
          () => done++,
          (e) => console.error('Подготовка файла открытых данных:', e),
        )
      }
      return done
    })().finally(() => (prebuilding = undefined))
    return prebuilding
  }

  /** Serves the request if it is a public GET; returns false to pass it on. */
  const serve = async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    const raw = req.url ?? '/'
    const q = raw.indexOf('?')
    if (!isPublicPath(q === -1 ? raw : raw.slice(0, q))) return false
    const url = canonicalUrl(raw)

    const { state, now, day, version } = await current()
    const a11y = a11yFromCookie(req.headers.cookie)
    const etag = `"r${version}${a11y ? '-a11y' : ''}"`
    const lastModified = new Date(Math.max(state.changedAt.getTime(), day.since.getTime()))
    const validators = {
      ETag: etag,
      'Last-Modified': lastModified.toUTCString(),
      // Always revalidate: a withdrawn consent must disappear on the next request, even behind a CDN.
      'Cache-Control': 'public, no-cache',
      Vary: 'Cookie, Accept-Encoding',
    }
    const notModified = isNotModified(
      { ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'] },
      { etag, lastModified },
      now,
    )
    if (notModified) {
      res.writeHead(304, { ...validators, ...SECURITY })
      res.end()
      return true
    }

    // The open-data files are the same bytes in either version of the site: one copy.
    const key = `${a11y && !isKeptInDatabase(url) ? 'a' : 'n'}${url}`
    const acceptsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
    let entry = cache.get(key)
    if (!entry && isCacheable(url)) {
      const sent = new Promise<void>((resolve) => res.once('close', resolve))
      entry = await entryOf(
        { headers: req.headers, url: req.url, clientAddress: req.socket.remoteAddress },
        { key, url, version, rosterVersion: state.version },
        sent,
      )
    }
    if (!entry) {
      const gone = new AbortController()
      res.once('close', () => res.writableFinished || gone.abort())
      // The source is chosen before the head is sent; a replica failing later
      // fails this download as the primary would (the next one reads the primary).
      const { result: response, client } = await fromSource(
        state.version,
        () => render({ headers: req.headers, url: req.url, clientAddress: req.socket.remoteAddress }, gone.signal),
        (r) => r.status >= 500,
        (r) => void r.body?.cancel().catch(() => {}),
      )
      // Any other filter of the open data: streamed as it is read, never kept (app/utils/pull-stream.server.ts).
      res.writeHead(response.status, {
        ...headersOf(response),
        ...(response.status === 200 ? validators : { 'Cache-Control': 'no-store' }),
        ...SECURITY,
        ...(acceptsGzip && response.body ? { 'Content-Encoding': 'gzip' } : {}),
      })
      if (!response.body || req.method === 'HEAD') {
        await response.body?.cancel()
        res.end()
      } else {
        const body = response.body
        // The batches are read as the client takes them: from the same source as the head.
        await readingFrom(client, () => pipeBody(acceptsGzip ? body.pipeThrough(new CompressionStream('gzip')) : body, res))
      }
      return true
    }
    const gzip = acceptsGzip && entry.body.length > 1024
    const body = gzip ? await compressed(key, entry) : entry.body
    res.writeHead(entry.status, {
      ...entry.headers,
      ...(entry.status === 200 ? validators : { 'Cache-Control': 'no-store' }),
      ...SECURITY,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      'Content-Length': String(body.length),
    })
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }
  return Object.assign(serve, { prebuild, stats: () => ({ entries: cache.size, bytes: cache.bytes, maxBytes: cache.maxBytes }) })
}
