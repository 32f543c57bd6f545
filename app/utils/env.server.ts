import { z } from 'zod'

// Validated once at start-up; everything else reads `env()`.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  // A read replica of DATABASE_URL (a streaming standby) for the public pages only (db/replica.server.ts, docs/DEPLOYMENT.md).
  DATABASE_READ_URL: z.string().url().optional(),
  DATABASE_READ_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().default('./data'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Реестр методического актива <noreply@rma.local>'),
  // Comma-separated; the first signs, all verify, so a secret can be rotated.
  SESSION_SECRET: z.string().min(16).optional(),
  PUBLIC_URL: z.string().url().optional(),
  // Whose X-Forwarded-For / -Proto to believe (Express's "trust proxy"): the proxy or load balancer in front of the
  // app — `loopback`, addresses or subnets separated by commas, or the number of hops. Unset: none, so a client that
  // reaches the app directly cannot name its own address to the sign-in throttle (decision 0007).
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(\d{1,2}|[\w.:/-]+(\s*,\s*[\w.:/-]+)*)?$/, 'loopback, адреса или подсети через запятую, или число прокси')
    .refine((v) => v !== 'true', 'true доверяло бы любому клиенту: назовите адрес или подсеть прокси')
    .default(''),
  // Where vulnerabilities are reported (/.well-known/security.txt); MAIL_FROM's address when unset.
  SECURITY_CONTACT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'mailto:адрес или https://ссылка')
    .optional(),
  SEED_DEMO: z.enum(['auto', 'yes', 'no']).default('auto'),
  // The in-process outbox worker; turn it off when `rma worker` runs separately.
  OUTBOX_WORKER: z.enum(['on', 'off']).default('on'),
  // How often the scheduled jobs run (closing campaigns whose last day has passed), and a non-leader retries leadership.
  JOBS_INTERVAL_S: z.coerce.number().int().min(1).max(86_400).default(900),
  // The ceiling of the in-memory cache of public pages and open-data files (server/public-cache.ts).
  PUBLIC_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(96),
  // Rows per query of a streamed file (exports, open data): each batch is its own short statement (app/utils/pull-stream.server.ts).
  // A batch's rows and text are what a request holds: 5 parallel private exports of 20,000 members
  // grew the server by ≈ 114 MB at 1,000 rows and ≈ 59 MB at 250 (issue 14, export_members_peak_mb).
  STREAM_BATCH_ROWS: z.coerce.number().int().min(1).max(10_000).default(250),
  // Signed-in reads (pages, exports) that Remix works on at once in each server; the others wait in line (server/gate.ts).
  // 1 on 2 cores: a render's synchronous work holds the event loop, and two at once made /healthz wait for both
  // (loaded p99 63–76 ms → 43–48 ms), while /commission under 10 connections served as many pages (29–33 req/s
  // either way; issue 14, 30.11.2026 evening).
  RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(1),
  // Signed-in downloads that read and write at once in each server; the others wait for a place before their first read.
  // A download whose client lags gives its place to the next while it waits (server/remix-handler.ts pipeBody), so
  // the places count work on the event loop, not slow clients. 1 on 2 cores: against 2, /healthz's loaded p50 and
  // p99 fell by a third and pages were served 40 % faster, downloads taking turns (issue 14, 30.11.2026).
  FILE_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(1),
  // `on`: one line on stdout per batch of a streamed file and one when it ends (what the abort test reads).
  TRACE_STREAMS: z.enum(['on', 'off']).default('off'),
}).superRefine((e, ctx) => {
  // A replica is of a PostgreSQL primary; the embedded database has none. Refused
  // rather than ignored: a forgotten DATABASE_URL would otherwise start an empty demo.
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_READ_URL'], message: 'реплика для чтения бывает только у PostgreSQL: задайте DATABASE_URL (основную базу) или уберите DATABASE_READ_URL' })
  }
})

export type Env = z.infer<typeof schema>

let parsed: Env | undefined

export function env(): Env {
  parsed ??= parseEnv(process.env)
  return parsed
}

// The operator reads these at start-up: zod's own words are English, so the
// common checks are said in Russian here; the schema's custom checks already are.
function inRussian(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_format':
      return issue.format === 'url' ? 'нужен адрес (URL), например postgres://… или https://…' : 'значение не в том формате'
    case 'invalid_type':
      return issue.expected === 'int' ? 'нужно целое число' : issue.expected === 'number' ? 'нужно число' : 'значение не того вида'
    case 'invalid_value':
      return `одно из значений: ${issue.values.map(String).join(', ')}`
    case 'too_small':
      return issue.origin === 'string' ? `не короче ${issue.minimum} символов` : `не меньше ${issue.minimum}`
    case 'too_big':
      return issue.origin === 'string' ? `не длиннее ${issue.maximum} символов` : `не больше ${issue.maximum}`
    default:
      return issue.message
  }
}

/** The settings from `source`, or an error naming every invalid variable, in Russian. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${inRussian(i)}`)
    throw new Error(`Неверные переменные окружения:\n${lines.join('\n')}`)
  }
  return result.data
}
