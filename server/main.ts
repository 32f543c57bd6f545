import { dev } from './mode'
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { env } from '~/utils/env.server'
import { startDatabase } from '../db/start.server'
import { connectReplica, leadership } from '../db/client.server'
import { startReplica } from '../db/replica.server'
import { DEMO_PASSWORD, demoSignIns, seedDemo } from '../db/seed/demo.server'
import { startOutboxWorker } from '../app/mail/worker.server'
import { closeExpiredCampaigns } from '../app/domain/campaign-admin.server'
import { sendStageReminders } from '../app/domain/stage-reminders.server'
import { expireEndedTerms, sendTermReminders } from '../app/domain/member-terms.server'
import { ALLOWED_METHODS, bodyRule, clientErrorAnswer, errorHandler, isRefusal, methodRefusal, refuse, refusals, urlRefusal, withoutRemixData } from './edge'
import { createPublicCache } from './public-cache'
import { remixHandler } from './remix-handler'
import { optionsHandler } from './options'
import { createGate } from './gate'
import { loader as healthz } from '../app/routes/healthz'
import { sameOriginMutations, securityHeaders } from './security'
import { mailtoOf, securityTxt } from './security-txt'

/** The advisory lock of the scheduled jobs' leader (any fixed number unique to this purpose). */
const JOBS_LOCK = 7_310_001
/** How long after start the jobs first run. */
const JOBS_FIRST_RUN_MS = 5_000
/** How often the leader looks for a roster change to build the open-data files for, and how long a change must have settled. */
const PREBUILD_EVERY_MS = 2_000
const PREBUILD_QUIET_MS = 2_000
/** At most this long a starting server spends on the open-data files before it listens (a slow database does not keep it down). */
const WARM_UP_MAX_MS = 10_000

function ensureSessionSecret(dataDir: string) {
  if (process.env.SESSION_SECRET) return
  // Demo convenience: a secret kept beside the embedded database so sessions
  // survive restarts. Several app servers must share SESSION_SECRET instead.
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, 'session-secret')
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
  process.env.SESSION_SECRET = readFileSync(file, 'utf8').trim()
}

/** Express's "trust proxy" from TRUST_PROXY: nobody when unset, a number of hops, or the proxies' addresses. */
const trustProxy = (v: string): boolean | number | string => (v === '' ? false : /^\d+$/.test(v) ? Number(v) : v)

const isHealthz = (req: IncomingMessage) => (req.method === 'GET' || req.method === 'HEAD') && /^\/healthz(\?|$)/.test(req.url ?? '')

/** The route's own answer (app/routes/healthz.ts), written without Express. */
async function answerHealthz(req: IncomingMessage, res: ServerResponse) {
  try {
    const response = await healthz()
    const body = await response.text()
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'Content-Length': String(Buffer.byteLength(body)) })
    res.end(req.method === 'HEAD' ? undefined : body)
  } catch (error) {
    console.error(error)
    refuse(req, res, refusals.unavailable)
  }
}

async function main() {
  const config = env()
  ensureSessionSecret(config.DATA_DIR)
  const database = await startDatabase({ url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX, dataDir: config.DATA_DIR })
  // Only with a PostgreSQL primary (env() refuses it otherwise); only the public cache reads it.
  const replica = config.DATABASE_READ_URL
    ? startReplica(connectReplica({ url: config.DATABASE_READ_URL, max: config.DATABASE_READ_POOL_MAX }))
    : undefined
  const seed = config.SEED_DEMO === 'yes' || (config.SEED_DEMO === 'auto' && database.embedded)
  if (seed) await seedDemo(database.sql)
  // Mail leaves through the outbox; OUTBOX_WORKER=off when `rma worker` runs it elsewhere.
  const stopOutbox = config.OUTBOX_WORKER === 'on' ? startOutboxWorker({ intervalMs: 5_000 }) : async () => {}
  // Deadlines are data: closing campaigns whose date has passed is a job, not a machine timer.
  // With several app servers only the leader runs the jobs (docs/DEPLOYMENT.md).
  const jobs = leadership(JOBS_LOCK, { embedded: database.embedded })
  let leading = false
  const runJobs = async () => {
    const leader = await jobs.isLeader()
    if (leader !== leading) console.log(leader ? 'Плановые задания выполняет этот сервер.' : 'Плановые задания выполняет другой сервер.')
    leading = leader
    if (leader) await closeExpiredCampaigns(new Date()).catch((e) => console.error('Закрытие отборов по сроку:', e))
    // Reminders of the stages' deadlines: idempotent (stage_reminders), so every run may try.
    if (leader) await sendStageReminders(new Date()).catch((e) => console.error('Напоминания о сроках этапов:', e))
    // Terms of members: reminders (idempotent, term_reminders) and the end of a term through the member machine.
    if (leader) await sendTermReminders(new Date()).catch((e) => console.error('Напоминания о сроках полномочий:', e))
    if (leader) await expireEndedTerms(new Date()).catch((e) => console.error('Завершение сроков полномочий:', e))
  }

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', trustProxy(config.TRUST_PROXY))
  app.use(sameOriginMutations())
  // Staff pages and exports are text and compress ~20×; the public cache gzips its own entries.
  app.use(compression({ threshold: 1024 }))

  let build: ServerBuild | (() => Promise<ServerBuild>)
  let prebuildTimer: NodeJS.Timeout | undefined
  let publicCache: ReturnType<typeof createPublicCache> | undefined
  const contact = config.SECURITY_CONTACT ?? mailtoOf(config.MAIL_FROM)
  app.get('/.well-known/security.txt', (_req, res) => {
    res.type('text/plain; charset=utf-8').set('Cache-Control', 'public, max-age=86400').send(securityTxt({ contact, publicUrl: config.PUBLIC_URL }))
  })
  if (dev) {
    const vite = await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))
    app.use(vite.middlewares)
    build = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  } else {
    const buildPath = join(process.cwd(), 'build/server/index.js')
    if (!existsSync(buildPath)) throw new Error('Нет сборки приложения: выполните npm run build (npm start делает это сам).')
    build = (await import(buildPath)) as ServerBuild
    const cache = createPublicCache(build, { maxBytes: config.PUBLIC_CACHE_MB * 1024 * 1024, replica })
    publicCache = cache
    // After a change (a withdrawal, a publication, a region's midnight) the leader builds the whole
    // open-data files and keeps them in the database: the visitors after it, on any server, read them
    // instead of waiting for a build (≈ 1 s of the database at 46,000 members).
    prebuildTimer = setInterval(() => {
      if (leading) cache.prebuild({ quietMs: PREBUILD_QUIET_MS }).catch((e) => console.error('Подготовка файлов открытых данных:', e))
    }, PREBUILD_EVERY_MS)
    prebuildTimer.unref()
    // redirect: false — a folder (/assets) is not a page: it falls through to the app's Russian 404
    // instead of express answering «Redirecting to /assets/» in English.
    app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y', redirect: false }))
    app.use(express.static('build/client', { maxAge: '1h', redirect: false }))
  }
  app.all(
    '*',
    remixHandler({
      build,
      // Explicit, not NODE_ENV: the production build never shows error details, however it was started.
      mode: dev ? 'development' : 'production',
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? 'unknown' }),
      gate: createGate(config.RENDER_CONCURRENCY),
      files: createGate(config.FILE_CONCURRENCY),
    }),
  )
  app.use(errorHandler())

  // Headers and the URL check come first, for Express and the public cache
  // alike; public pages then bypass Express: they are served from the per-version cache.
  const headers = securityHeaders({ dev, https: config.PUBLIC_URL?.startsWith('https://') ?? false })
  // An install behind a proxy on the same machine that has not named it yet: every visitor would count as the
  // proxy's one address to the sign-in throttle. Said once in the log, not guessed (a guess is what a client could forge).
  let proxyUnnamed = !config.TRUST_PROXY
  const options = optionsHandler(build)
  const handle = (req: IncomingMessage, res: ServerResponse) =>
    headers(req, res, () => {
      if (proxyUnnamed && req.headers['x-forwarded-for'] && /^(127\.|::1$|::ffff:127\.)/.test(req.socket.remoteAddress ?? '')) {
        proxyUnnamed = false
        console.warn('Запросы приходят через прокси на этой машине (X-Forwarded-For), но TRUST_PROXY не задан: адрес посетителя не виден. Задайте TRUST_PROXY=loopback (docs/DEPLOYMENT.md).')
      }
      const refusal = methodRefusal(req.method) ?? urlRefusal(req.url ?? '/')
      // A 405 names the methods the site does answer (RFC 9110 §15.5.6).
      if (refusal === refusals.methodNotAllowed) res.setHeader('Allow', ALLOWED_METHODS)
      if (refusal) return refuse(req, res, refusal)
      // Before the public cache and Express alike: Remix never sees an old-style data request.
      req.url = withoutRemixData(req.url ?? '/')
      // Answered here for every path alike: 204 and the path's Allow (server/options.ts).
      if (req.method === 'OPTIONS')
        return void options(req, res).catch((error) => {
          console.error(error)
          refuse(req, res, refusals.failed)
        })
      // Load balancers ask often and must be answered under load: before the
      // public cache, Express and Remix's routing, and never behind the gate.
      if (isHealthz(req)) return void answerHealthz(req, res)
      if (!publicCache) return app(req, res)
      publicCache(req, res).then(
        (served) => {
          if (!served) app(req, res)
        },
        (error) => {
          console.error(error)
          refuse(req, res, refusals.unavailable)
        },
      )
    })
  // A server takes its first visitors with the whole open-data files in memory: read back from the
  // database where a server kept them, else built now (and kept for the next one). The first download
  // after a start or a release then waits for no build (≈ 0.6 s of the database at 46,000 members).
  if (publicCache) {
    const warm = publicCache.prebuild().catch((e) => console.error('Подготовка файлов открытых данных:', e))
    await Promise.race([warm, new Promise((r) => setTimeout(r, WARM_UP_MAX_MS).unref())])
  }
  const server = createServer(handle)
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // As Node's own handler: no answer into the middle of a response already under way on this socket.
    const underway = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
    if (error.code === 'ECONNRESET' || !socket.writable || underway) return void socket.destroy()
    socket.end(clientErrorAnswer(error.code))
  })
  // A client that asks first ("Expect: 100-continue") is told 413 or 415 before it sends the body.
  server.on('checkContinue', (req, res) => {
    const rule = bodyRule(req, (req.url ?? '/').split('?')[0])
    if (!rule || !isRefusal(rule)) res.writeContinue()
    handle(req, res)
  })
  // The jobs' first turn a few seconds after the server listens: the jobs are due by the day, and a
  // server just started (a restart, a new release) serves its first visitors
  // first (its term checks read every member: ≈ 0.3 s of the database at 46,000).
  const firstRun = setTimeout(() => void runJobs(), JOBS_FIRST_RUN_MS)
  firstRun.unref()
  const deadlineTimer = setInterval(runJobs, config.JOBS_INTERVAL_S * 1000)
  deadlineTimer.unref()
  server.listen(config.PORT, config.HOST, () => {
    const url = `http://localhost:${config.PORT}`
    console.log(`Реестр методического актива: ${url}`)
    console.log(database.embedded ? `База данных: встроенная PGlite (${config.DATA_DIR})` : 'База данных: PostgreSQL (DATABASE_URL)')
    if (replica && publicCache) console.log('Публичные страницы читаются с реплики (DATABASE_READ_URL), когда она не отстаёт от основной базы.')
    if (seed) {
      console.log(`Демонстрационные учётные записи (пароль для всех: ${DEMO_PASSWORD}):`)
      for (const a of demoSignIns) console.log(`  ${a.login.padEnd(24)} ${a.what}`)
    }
  })

  let closing = false
  const shutdown = () => {
    // why: Ctrl-C reaches both this server and its relauncher (server/node-flags.ts), which passes it on too
    if (closing) return
    closing = true
    server.close(async () => {
      clearTimeout(firstRun)
      clearInterval(deadlineTimer)
      clearInterval(prebuildTimer)
      jobs.release()
      await stopOutbox()
      await replica?.stop()
      await database.stop()
      process.exit(0)
    })
    setTimeout(() => process.exit(1), 10_000).unref()
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
