// The operator CLI: `npm run rma -- <command> [options] [--json]` (PRODUCT §7).
// Thin on purpose: parse argv, open the database, call cli/commands.server.ts,
// print, set the exit code (0 ok, 1 runtime failure, 2 bad usage).
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { env } from '~/utils/env.server'
import {
  CliError,
  commissionRoleLabels,
  createUser,
  describeUrl,
  errorMessage,
  openDatabase,
  parseSeedArgs,
  parseUserCreateArgs,
  runSeed,
  usageError,
  type CreatedUser,
  type OpenDatabase,
  type SeedOutcome,
} from './commands.server'
import { roleLabels, roles } from '~/model/permissions'
import { enqueueDigests } from '../app/mail/digest.server'
import { runWorkerForever } from '../app/mail/worker.server'
import { closeExpiredCampaigns } from '../app/domain/campaign-admin.server'
import { sendStageReminders } from '../app/domain/stage-reminders.server'
import { expireEndedTerms, sendTermReminders } from '../app/domain/member-terms.server'
import { importUsage, runImportCommand } from './import'
import { exportUsage, parseExportArgs, runExport } from './export'

type Options = NonNullable<ParseArgsConfig['options']>

const common: Options = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
const commandOptions: Record<string, Options> = {
  migrate: {},
  seed: { members: { type: 'string' }, seed: { type: 'string' }, 'presets-only': { type: 'boolean' } },
  'user:create': {
    login: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    region: { type: 'string' },
    municipality: { type: 'string' },
    'commission-id': { type: 'string' },
    password: { type: 'string' },
  },
  worker: { interval: { type: 'string' } },
  digest: { region: { type: 'string' } },
  jobs: {},
  // `import` and `export` parse their own arguments (below); listed here so
  // that the command list, `help import` and `help export` name them.
  import: {},
  export: {},
  help: {},
}

const usageSections: Record<string, string> = {
  migrate: `  migrate                  применить миграции базы данных`,
  seed: `  seed                     установить пресеты регионов и демонстрационные данные
      --members N          сколько всего опубликованных членов актива (по умолчанию 120)
      --seed S             зерно генератора данных (по умолчанию 1)
      --presets-only       только пресеты регионов, без демонстрационных данных`,
  'user:create': `  user:create              создать пользователя и выдать ему роль
      --login L            логин (обычно адрес электронной почты), обязателен
      --name "ФИО"         фамилия, имя, отчество, обязательно
      --role ROLE          роль, обязательна: ${roles.join(', ')}
      --region CODE        код региона (для всех ролей, кроме applicant и admin), например tomsk
      --municipality CODE  код муниципалитета (для municipalCoordinator), например tomsk-city
      --commission-id N    комиссия (для secretary, chair, commissionMember);
                           по умолчанию — комиссия региона (не муниципальная), если она одна
      --password P         пароль (не меньше 8 символов); надёжнее передать его
                           в переменной RMA_PASSWORD; без обоих пароль будет
                           сгенерирован и показан один раз`,
  worker: `  worker                   отдельный обработчик очереди писем (нужна DATABASE_URL)
      --interval MS        пауза между проходами, мс (по умолчанию 5000)`,
  digest: `  digest                   поставить в очередь ежедневные сводки сотрудникам (раз в день)
      --region CODE        код региона; без него — все регионы`,
  jobs: `  jobs                     плановые задачи: закрыть отборы с истёкшим сроком приёма, разослать напоминания о сроках этапов`,
  import: importUsage,
  export: exportUsage,
  help: `  help [команда]           эта справка`,
}

function usage(command?: string): string {
  const sections = command && usageSections[command] ? [usageSections[command]] : Object.values(usageSections)
  return `Реестр методического актива — консоль оператора

Использование: npm run rma -- <команда> [параметры] [--json]

Команды:
${sections.join('\n')}

Общие параметры:
  --json                   результат одним объектом JSON (для чистого вывода: npm run -s rma -- …)
  -h, --help               справка по команде

Роли: ${roles.map((r) => `${r} — ${roleLabels[r]}`).join('; ')}.
База данных: DATABASE_URL, если задана; иначе встроенная PostgreSQL (PGlite)
в каталоге DATA_DIR (по умолчанию ./data). Приложение при этом должно быть остановлено.
Коды выхода: 0 — успешно, 1 — ошибка выполнения, 2 — неверные параметры.
`
}

type Parsed = { command: string | undefined; values: Record<string, string | boolean | undefined>; rest: string[] }

function parse(argv: string[]): Parsed {
  // First pass only finds the command; the second checks its own options.
  const all: Options = Object.assign({}, common, ...Object.values(commandOptions))
  const first = parseArgs({ args: argv, options: all, allowPositionals: true, strict: false })
  const command = first.positionals[0]
  if (command !== undefined && !(command in commandOptions)) {
    throw usageError(`Неизвестная команда «${command}».`, `Команды: ${Object.keys(commandOptions).join(', ')}. Справка: npm run rma -- help`)
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...common, ...commandOptions[command ?? 'help'] },
      allowPositionals: true,
      strict: true,
    })
    const rest = positionals.slice(1)
    if (rest.length && command !== 'help') {
      throw usageError(`Лишний аргумент «${rest[0]}» у команды ${command}.`, `Значения передаются через параметры. Справка: npm run rma -- help ${command}`)
    }
    return { command, values: values as Parsed['values'], rest }
  } catch (e) {
    if (e instanceof CliError) throw e
    const codeOf = (e as { code?: string }).code
    const flag = /'(-[^' ]+)/.exec(errorMessage(e))?.[1] ?? ''
    const hint = `Справка: npm run rma -- help${command ? ` ${command}` : ''}`
    if (codeOf === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw usageError(`Неизвестный параметр ${flag}${command ? ` у команды ${command}` : ''}.`, hint)
    if (codeOf === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const boolean = all[flag.replace(/^--?/, '')]?.type === 'boolean' || flag === '-h'
      throw usageError(boolean ? `Флаг ${flag} не принимает значения.` : `Параметру ${flag} нужно значение, например ${flag} <значение>.`, hint)
    }
    throw usageError(`Не удалось разобрать параметры: ${errorMessage(e)}`, hint)
  }
}

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined)

async function withDatabase<T>(fn: (d: OpenDatabase) => Promise<T>): Promise<{ result: T; database: OpenDatabase }> {
  let config: ReturnType<typeof env>
  try {
    config = env()
  } catch (e) {
    throw new CliError('config', `Ошибка в переменных окружения. ${errorMessage(e)}`, 'Проверьте DATABASE_URL и DATA_DIR.')
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR })
  // Ctrl-C: close the embedded database cleanly (its lock file and socket) before leaving.
  const onSignal = () => {
    void database.stop().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return { result: await fn(database), database }
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await database.stop()
  }
}

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
const err = (text: string) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`)

function migrationsNote(applied: string[]): string {
  return applied.length ? `Применены миграции: ${applied.join(', ')}\n` : ''
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json')
  try {
    // `import` and `export` take positional arguments, so their help is
    // answered here, whatever else is on the line (`import nominations -h`).
    if ((argv[0] === 'import' || argv[0] === 'export') && (argv.includes('--help') || argv.includes('-h'))) {
      const text = usage(argv[0])
      out(json ? JSON.stringify({ ok: true, usage: text }) : text)
      return 0
    }
    // `import` parses its own arguments (kind and file are positional).
    if (argv[0] === 'import') return (await withDatabase(() => runImportCommand(argv.slice(1)))).result
    // `export` takes the list's kind as its argument, too.
    if (argv[0] === 'export') {
      const args = parseExportArgs(argv)
      const { result: file } = await withDatabase(() => runExport(args))
      if (args.json) out(JSON.stringify({ ok: true, file, kind: args.kind, format: args.format, private: args.withPrivate }))
      else if (file !== '-') err(`Список записан: ${file}`)
      return 0
    }
    const { command, values, rest } = parse(argv)

    if (command === undefined || command === 'help' || values.help) {
      const text = usage(command === 'help' ? rest[0] : command)
      if (json) out(JSON.stringify({ ok: true, usage: text }))
      else out(text)
      return 0
    }

    if (command === 'migrate') {
      const { database } = await withDatabase(async () => undefined)
      if (json) out(JSON.stringify({ ok: true, applied: database.applied, database: database.where }))
      else out(database.applied.length ? `Применены миграции (${database.where}):\n${database.applied.map((n) => `  ${n}`).join('\n')}` : `Миграции не требуются (${database.where}).`)
      return 0
    }

    if (command === 'seed') {
      const args = parseSeedArgs({ members: str(values.members), seed: str(values.seed), presetsOnly: values['presets-only'] === true })
      const url = process.env.DATABASE_URL
      if (url && !args.presetsOnly) err(`Внимание: демонстрационные данные записываются во внешнюю базу ${describeUrl(url)}.`)
      const started = performance.now()
      const { result, database } = await withDatabase((d) => runSeed(d.sql, args))
      const seconds = Math.round((performance.now() - started) / 100) / 10
      if (json) out(JSON.stringify({ ok: true, migrationsApplied: database.applied, database: database.where, seconds, ...seedJson(result) }))
      else out(migrationsNote(database.applied) + formatSeed(result) + `Готово за ${seconds.toLocaleString('ru-RU')} с.`)
      return 0
    }

    if (command === 'user:create') {
      // Validated before the database starts, so bad usage fails fast.
      const args = parseUserCreateArgs({
        login: str(values.login),
        name: str(values.name),
        role: str(values.role),
        region: str(values.region),
        municipality: str(values.municipality),
        commissionId: str(values['commission-id']),
        password: str(values.password),
      })
      const { result, database } = await withDatabase((d) => createUser(d.sql, args))
      if (json) out(JSON.stringify({ ok: true, migrationsApplied: database.applied, user: result }))
      else out(migrationsNote(database.applied) + formatUser(result))
      return 0
    }

    if (command === 'worker') {
      if (!process.env.DATABASE_URL) {
        throw usageError('Отдельный обработчик очереди писем работает только с DATABASE_URL.', 'Со встроенной базой письма отправляет само приложение (npm start).')
      }
      const interval = str(values.interval)
      if (interval !== undefined && !/^\d+$/.test(interval)) throw usageError('Параметр --interval должен быть числом миллисекунд.')
      await runWorkerForever({ intervalMs: interval ? Number(interval) : undefined })
      return 0
    }

    if (command === 'digest') {
      const code = str(values.region)
      const { result } = await withDatabase(async (d) => {
        const regions = await d.sql<{ id: number; code: string }[]>`select id::int, code from regions where ${code ? d.sql`code = ${code}` : d.sql`true`}`
        if (code && regions.length === 0) throw new CliError('unknown_region', `Регион «${code}» не найден.`)
        let queued = 0
        for (const r of regions) queued += await enqueueDigests({ regionId: r.id }, d.sql)
        return queued
      })
      if (json) out(JSON.stringify({ ok: true, queued: result }))
      else out(`Сводок поставлено в очередь: ${result}.`)
      return 0
    }

    if (command === 'jobs') {
      const { result } = await withDatabase(async () => ({
        closed: await closeExpiredCampaigns(new Date()),
        reminders: await sendStageReminders(new Date()),
        termReminders: await sendTermReminders(new Date()),
        expiredTerms: await expireEndedTerms(new Date()),
      }))
      if (json) {
        out(JSON.stringify({ ok: true, closedCampaigns: result.closed, stageReminders: result.reminders, termReminders: result.termReminders, expiredTerms: result.expiredTerms }))
      } else {
        out(result.closed.length ? `Закрыты отборы с истёкшим сроком: ${result.closed.join(', ')}.` : 'Отборов с истёкшим сроком нет.')
        out(`Напоминаний о сроках этапов поставлено в очередь: ${result.reminders}.`)
        out(`Напоминаний о сроках полномочий поставлено в очередь: ${result.termReminders}.`)
        out(`Завершены сроки полномочий членов актива: ${result.expiredTerms.length}.`)
      }
      return 0
    }

    throw usageError(`Команда «${command}» не поддерживается.`)
  } catch (e) {
    const error =
      e instanceof CliError ? e : new CliError('runtime', `Ошибка выполнения: ${errorMessage(e)}`, undefined, 1)
    if (json) {
      out(JSON.stringify({ ok: false, error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } }))
    } else {
      err(`Ошибка: ${error.message}`)
      if (error.hint) err(error.hint)
      if (!(e instanceof CliError) && e instanceof Error && e.stack && process.env.RMA_DEBUG) err(e.stack)
    }
    return error.exitCode
  }
}

function seedJson(r: SeedOutcome) {
  return {
    presets: r.presets.map((p) => p.code),
    demo: r.demo
      ? {
          created: r.demo.created,
          membersAdded: r.demo.membersAdded,
          password: r.demo.password,
          accounts: r.demo.accounts.map((a) => ({ login: a.login, role: a.role, name: a.name, what: a.what })),
        }
      : null,
  }
}

function formatSeed(r: SeedOutcome): string {
  const lines = [`Пресеты регионов установлены: ${r.presets.map((p) => `${p.name} (${p.code})`).join(', ')}.`]
  if (!r.demo) return `${lines.join('\n')}\n`
  lines.push(
    r.demo.created ? 'Демонстрационные учётные записи и кампания созданы.' : 'Демонстрационные учётные записи уже были созданы ранее.',
    `Добавлено опубликованных членов актива: ${r.demo.membersAdded}.`,
    '',
    `Демонстрационные учётные записи (пароль у всех: ${r.demo.password}):`,
  )
  const rows = [['Логин', 'Роль', 'Кто'], ...r.demo.accounts.map((a) => [a.login, roleLabels[a.role], a.what])]
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)))
  const line = (row: string[]) => `  ${row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`
  lines.push(line(rows[0]), `  ${widths.map((w) => '─'.repeat(w)).join('  ')}`, ...rows.slice(1).map(line), '')
  return `${lines.join('\n')}\n`
}

function formatUser(u: CreatedUser): string {
  const lines = [`Пользователь создан: ${u.login} (id ${u.userId})`, `  ФИО:            ${u.displayName}`, `  Роль:           ${u.roleLabel} (${u.role})`]
  if (u.region) lines.push(`  Регион:         ${u.region.name} (${u.region.code})`)
  if (u.municipality) lines.push(`  Муниципалитет:  ${u.municipality.name} (${u.municipality.code})`)
  if (u.commission) lines.push(`  Комиссия:       № ${u.commission.id} «${u.commission.name}», ${commissionRoleLabels[u.commission.memberRole]}`)
  if (u.generatedPassword) lines.push('', `Пароль (показывается один раз, сохраните его): ${u.generatedPassword}`)
  else lines.push(`  Пароль:         ${u.passwordSource === 'env' ? 'из переменной RMA_PASSWORD' : 'задан параметром --password'}`)
  return `${lines.join('\n')}\n`
}

// A reader that stops early (`rma import … --json | head`) closes standard
// output: the command still runs to its end (an import is committed before its
// report is printed, the embedded database is closed) and says so, instead of
// dying on an unhandled EPIPE with a stack trace.
// (The error may come after main() has returned, hence the note on exit; a
// command that failed on it — `export` — has said so itself.)
let outputClosed = false
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e
  outputClosed = true
})
process.once('exit', (code) => {
  if (outputClosed && code === 0) err('Вывод закрыт раньше, чем был записан до конца; команда выполнена.')
})

process.exitCode = await main(process.argv.slice(2))
