import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { z } from 'zod'
import { hashPassword } from '~/utils/password.server'
import { roleLabels, roles, roleTable, type Role } from '~/model/permissions'
import type { Sql, Tx } from '../db/client.server'
import { presets } from '../db/presets'
import { addCommissionMember } from '../db/queries/commissions.server'
import { listRegions, municipalitiesOf, regionByCode } from '../db/queries/regions.server'
import { grantRole, insertUser, userByLogin } from '../db/queries/users.server'
import { seedDemo, type SeedResult } from '../db/seed/demo.server'
import { installPreset } from '../db/seed/presets.server'
import { startDatabase } from '../db/start.server'

// The operator CLI's commands (PRODUCT §7, `npm run rma`). Each takes the SQL
// client so tests can call it against their own database; cli/rma.ts only
// parses argv, opens the database, calls one of these and prints the result.

/** A failure with a Russian message for the operator; `exitCode` 2 is bad usage, 1 anything else. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

export const usageError = (message: string, hint?: string) => new CliError('usage', message, hint, 2)

// ─── database ────────────────────────────────────────────────────────────────

export type OpenDatabase = {
  sql: Sql
  embedded: boolean
  /** Migrations applied while opening (empty when the schema was current). */
  applied: string[]
  /** Where the data lives, without credentials: the PGlite folder or host/database. */
  where: string
  stop: () => Promise<void>
}

/** startDatabase with the operator's Russian explanation of what went wrong. */
export async function openDatabase(opts: { url?: string; dataDir: string; poolMax?: number }): Promise<OpenDatabase> {
  const where = opts.url ? describeUrl(opts.url) : resolve(opts.dataDir)
  try {
    return { ...(await startDatabase({ ...opts, poolMax: opts.poolMax ?? 4 })), where }
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENOENT', '28P01', '28000', '3D000', 'CONNECT_TIMEOUT'].includes(code)) {
      throw new CliError(
        'db_unavailable',
        `Не удалось подключиться к базе данных ${where}: ${errorMessage(e)}`,
        opts.url
          ? 'Проверьте DATABASE_URL (адрес, имя базы, пользователя и пароль) и что сервер PostgreSQL запущен.'
          : 'Проверьте DATA_DIR и права на каталог или задайте DATABASE_URL.',
      )
    }
    if (!opts.url && !(e as { code?: string }).code && !/migration/i.test(errorMessage(e))) {
      throw new CliError('db_unavailable', `Не удалось открыть встроенную базу данных в ${where}: ${errorMessage(e)}`, 'Проверьте DATA_DIR и права на каталог или задайте DATABASE_URL.')
    }
    throw new CliError('migration_failed', `Не удалось применить миграции (${where}): ${errorMessage(e)}`)
  }
}

/** host:port/database of a connection URL, never its password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`
  } catch {
    return 'DATABASE_URL'
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

// ─── seed ────────────────────────────────────────────────────────────────────

export const seedArgsSchema = z.object({
  members: z.coerce
    .number({ error: 'Параметр --members должен быть целым числом, например --members 500.' })
    .int({ error: 'Параметр --members должен быть целым числом, например --members 500.' })
    .min(0, { error: 'Параметр --members не может быть отрицательным.' })
    .max(1_000_000, { error: 'Параметр --members: не больше 1 000 000.' })
    .optional(),
  seed: z.coerce
    .number({ error: 'Параметр --seed должен быть целым числом, например --seed 7.' })
    .int({ error: 'Параметр --seed должен быть целым числом, например --seed 7.' })
    .min(0, { error: 'Параметр --seed не может быть отрицательным.' })
    .optional(),
  presetsOnly: z.boolean().optional(),
})
export type SeedArgs = z.infer<typeof seedArgsSchema>

export type SeedInput = { [K in keyof z.input<typeof seedArgsSchema>]?: unknown }

export function parseSeedArgs(input: SeedInput): SeedArgs {
  return parseOrUsage(seedArgsSchema, input, 'seed')
}

export type SeedOutcome = {
  presets: { code: string; name: string }[]
  /** null with --presets-only. */
  demo: SeedResult | null
}

/** Region presets (idempotent), then, unless `presetsOnly`, the demo data of db/seed/demo.server.ts. */
export async function runSeed(sql: Sql, input: SeedInput = {}): Promise<SeedOutcome> {
  const args = parseSeedArgs(input)
  const installed = presets.map((p) => ({ code: p.code, name: p.name }))
  if (args.presetsOnly) {
    for (const p of presets) await installPreset(p, {}, sql)
    return { presets: installed, demo: null }
  }
  const demo = await seedDemo(sql, { members: args.members, seed: args.seed })
  return { presets: installed, demo }
}

// ─── user:create ─────────────────────────────────────────────────────────────

const code = (flag: string) =>
  z
    .string({ error: `Параметр ${flag} должен быть строкой.` })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+$/, { error: `Параметр ${flag}: код из латинских строчных букв, цифр и дефиса, например tomsk.` })
    .optional()

const rolesList = roles.map((r) => `${r} (${roleLabels[r]})`).join(', ')

export const userCreateSchema = z
  .object({
    login: z
      .string({ error: (i) => (i.input === undefined ? 'Не указан логин: добавьте --login, например --login ivanova@school.ru.' : 'Параметр --login должен быть строкой.') })
      .trim()
      .toLowerCase()
      .min(3, { error: 'Логин слишком короткий: не меньше 3 символов.' })
      .max(254, { error: 'Логин слишком длинный: не больше 254 символов.' })
      .regex(/^\S+$/, { error: 'Логин не должен содержать пробелов.' }),
    name: z
      .string({ error: (i) => (i.input === undefined ? 'Не указано имя: добавьте --name "Фамилия Имя Отчество".' : 'Параметр --name должен быть строкой.') })
      .trim()
      .min(1, { error: 'Имя не может быть пустым: --name "Фамилия Имя Отчество".' })
      .max(300, { error: 'Имя слишком длинное: не больше 300 символов.' }),
    role: z.enum(roles, {
      error: (i) =>
        i.input === undefined
          ? `Не указана роль: добавьте --role. Допустимые роли: ${rolesList}.`
          : `Неизвестная роль «${String(i.input)}». Допустимые роли: ${rolesList}.`,
    }),
    region: code('--region'),
    municipality: code('--municipality'),
    commissionId: z.coerce
      .number({ error: 'Параметр --commission-id должен быть числом — номером комиссии.' })
      .int({ error: 'Параметр --commission-id должен быть целым числом.' })
      .positive({ error: 'Параметр --commission-id должен быть положительным числом.' })
      .optional(),
    password: z
      .string({ error: 'Параметр --password должен быть строкой.' })
      .min(8, { error: 'Пароль слишком короткий: не меньше 8 символов.' })
      .max(200, { error: 'Пароль слишком длинный: не больше 200 символов.' })
      .optional(),
  })

/** What the role's scope (app/permissions.ts roleTable) asks of the flags; checked even when other fields are wrong. */
function scopeIssues(a: { role: Role; region?: unknown; municipality?: unknown; commissionId?: unknown }): string[] {
  const scope = roleTable[a.role].scope
  const label = `${a.role} (${roleLabels[a.role]})`
  const issues: string[] = []
  if (scope === 'all' || scope === 'own') {
    const extra = [a.region && '--region', a.municipality && '--municipality', a.commissionId && '--commission-id'].filter(Boolean)
    if (extra.length) {
      issues.push(
        scope === 'all'
          ? `Роль ${label} действует во всех регионах: уберите ${extra.join(', ')}.`
          : `Роль ${label} не привязана к региону: уберите ${extra.join(', ')}.`,
      )
    }
    return issues
  }
  if (!a.region) issues.push(`Для роли ${label} нужен регион: добавьте --region, например --region tomsk.`)
  if (scope === 'municipality' && !a.municipality) {
    issues.push(`Для роли ${label} нужен муниципалитет: добавьте --municipality, например --municipality tomsk-city.`)
  }
  if (scope !== 'municipality' && a.municipality) issues.push(`Роль ${label} не привязана к муниципалитету: уберите --municipality.`)
  if (scope !== 'commission' && a.commissionId) issues.push(`Роль ${label} не привязана к комиссии: уберите --commission-id.`)
  return issues
}

/** Raw values as they come from argv or a test: every field optional, validated by the schema. */
export type UserCreateInput = { [K in keyof z.input<typeof userCreateSchema>]?: unknown }
export type UserCreateArgs = z.infer<typeof userCreateSchema>

/** Validates the arguments without touching the database (bad usage is exit 2 before PGlite starts). */
export function parseUserCreateArgs(input: UserCreateInput): UserCreateArgs {
  const r = userCreateSchema.safeParse(input)
  const role = userCreateSchema.shape.role.safeParse(input.role)
  const messages = [
    ...(r.success ? [] : r.error.issues.map((i) => i.message)),
    ...(role.success ? scopeIssues({ ...input, role: role.data }) : []),
  ]
  if (messages.length) throw usageError([...new Set(messages)].join('\n'), 'Справка: npm run rma -- help user:create')
  return r.data!
}

const commissionRoles: Partial<Record<Role, 'chair' | 'secretary' | 'member'>> = {
  chair: 'chair',
  secretary: 'secretary',
  commissionMember: 'member',
}
export const commissionRoleLabels = { chair: 'председатель', secretary: 'секретарь', member: 'член комиссии' } as const

export type CreatedUser = {
  userId: number
  login: string
  displayName: string
  role: Role
  roleLabel: string
  region: { id: number; code: string; name: string } | null
  municipality: { id: number; code: string; name: string } | null
  commission: { id: number; name: string; memberRole: 'chair' | 'secretary' | 'member' } | null
  passwordSource: 'argument' | 'env' | 'generated'
  /** Only when generated: shown to the operator once, stored nowhere but as a hash. */
  generatedPassword: string | null
}

/**
 * Creates a user with a scrypt password hash and grants one role, scoped the
 * way app/permissions.ts `roleTable` says; commission roles also join the
 * commission (commission_members). All or nothing, in one transaction.
 * The password: `input.password`, else `RMA_PASSWORD`, else a generated one.
 */
export async function createUser(
  sql: Sql,
  input: UserCreateInput,
  opts: { env?: Record<string, string | undefined> } = {},
): Promise<CreatedUser> {
  const a = parseUserCreateArgs(input)
  const fromEnv = (opts.env ?? process.env).RMA_PASSWORD
  let password: string
  let passwordSource: CreatedUser['passwordSource']
  if (a.password !== undefined) {
    password = a.password
    passwordSource = 'argument'
  } else if (fromEnv) {
    if (fromEnv.length < 8) throw usageError('Пароль из RMA_PASSWORD слишком короткий: не меньше 8 символов.')
    password = fromEnv
    passwordSource = 'env'
  } else {
    password = generatePassword()
    passwordSource = 'generated'
  }
  // Hashing takes ~100 ms: before the transaction, not inside it.
  const passwordHash = await hashPassword(password)

  return (await sql.begin(async (tx) => {
    if (await userByLogin(a.login, tx)) throw loginTaken(a.login)
    const scope = await resolveScope(tx, a)
    let userId: number
    try {
      userId = await insertUser({ login: a.login, passwordHash, displayName: a.name }, tx)
    } catch (e) {
      // Someone created the same login between the check and the insert.
      if ((e as { code?: string }).code === '23505') throw loginTaken(a.login)
      throw e
    }
    await grantRole(
      userId,
      { role: a.role, regionId: scope.region?.id ?? null, municipalityId: scope.municipality?.id ?? null, commissionId: scope.commission?.id ?? null },
      tx,
    )
    const memberRole = commissionRoles[a.role]
    if (scope.commission && memberRole) {
      await addCommissionMember({ commissionId: scope.commission.id, userId, role: memberRole, organisationId: null }, tx)
    }
    return {
      userId,
      login: a.login,
      displayName: a.name,
      role: a.role,
      roleLabel: roleLabels[a.role],
      region: scope.region,
      municipality: scope.municipality,
      commission: scope.commission && memberRole ? { ...scope.commission, memberRole } : null,
      passwordSource,
      generatedPassword: passwordSource === 'generated' ? password : null,
    } satisfies CreatedUser
  })) as CreatedUser
}

const loginTaken = (login: string) =>
  new CliError('login_taken', `Пользователь с логином «${login}» уже существует.`, 'Выберите другой логин; логины не различают регистр букв.')

async function resolveScope(tx: Tx, a: UserCreateArgs) {
  const none = { region: null, municipality: null, commission: null }
  const scope = roleTable[a.role].scope
  if (scope === 'all' || scope === 'own' || !a.region) return none

  const region = await regionByCode(a.region, tx)
  if (!region) {
    const known = await listRegions(tx)
    throw new CliError(
      'region_not_found',
      `Регион «${a.region}» не найден.`,
      known.length
        ? `Известные регионы: ${known.map((r) => `${r.code} (${r.name})`).join(', ')}.`
        : 'В базе нет ни одного региона: установите пресеты командой npm run rma -- seed --presets-only.',
    )
  }
  const result = {
    region: { id: region.id, code: region.code, name: region.name },
    municipality: null as { id: number; code: string; name: string } | null,
    commission: null as { id: number; name: string } | null,
  }

  if (scope === 'municipality') {
    const list = await municipalitiesOf(region.id, tx)
    const m = list.find((x) => x.code === a.municipality)
    if (!m) {
      throw new CliError(
        'municipality_not_found',
        `Муниципалитет «${a.municipality}» не найден в регионе ${region.name} (${region.code}).`,
        `Коды муниципалитетов региона: ${shortList(list.map((x) => `${x.code} (${x.name})`))}.`,
      )
    }
    result.municipality = { id: m.id, code: m.code, name: m.name }
  }

  if (scope === 'commission') {
    const rows = await tx<{ id: number; name: string; municipal: boolean }[]>`
      select id::int, name, municipality_id is not null as municipal from commissions where region_id = ${region.id} order by id`
    const list = rows.map(({ id, name }) => ({ id, name }))
    // A municipality's own selection has its commission too (migration 0029):
    // without --commission-id a grant goes to the region's own, if it has one.
    const regional = rows.filter((c) => !c.municipal).map(({ id, name }) => ({ id, name }))
    const described = list.map((c) => `${c.id} («${c.name}»)`).join(', ')
    if (a.commissionId !== undefined) {
      const c = list.find((x) => x.id === a.commissionId)
      if (!c) {
        throw new CliError(
          'commission_not_found',
          `Комиссия № ${a.commissionId} не найдена в регионе ${region.name} (${region.code}).`,
          list.length ? `Комиссии региона: ${described}.` : 'В регионе нет ни одной комиссии.',
        )
      }
      result.commission = c
    } else if (list.length === 1) {
      result.commission = list[0]
    } else if (regional.length === 1) {
      result.commission = regional[0]
    } else if (list.length === 0) {
      throw new CliError(
        'commission_not_found',
        `В регионе ${region.name} (${region.code}) нет комиссии.`,
        'Установите пресет региона (npm run rma -- seed --presets-only) или создайте комиссию.',
      )
    } else {
      throw new CliError(
        'commission_ambiguous',
        `В регионе ${region.name} (${region.code}) несколько комиссий: укажите нужную параметром --commission-id.`,
        `Комиссии региона: ${described}.`,
      )
    }
  }
  return result
}

function shortList(items: string[], max = 25): string {
  return items.length > max ? `${items.slice(0, max).join(', ')} и ещё ${items.length - max}` : items.join(', ')
}

/** 16 characters of base64url: ~96 bits. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url')
}

function parseOrUsage<S extends z.ZodType>(schema: S, input: unknown, command: string): z.infer<S> {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  const messages = [...new Set(r.error.issues.map((i) => i.message))]
  throw usageError(messages.join('\n'), `Справка: npm run rma -- help ${command}`)
}
