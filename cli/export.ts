// `npm run rma -- export <kind> --as LOGIN [--campaign N] [--private] [--format csv|xlsx] [--out FILE] [--json]`
// The staff lists of /exports from the console: the same files, scoped by a
// named staff account's grants and audited under its name (a private read is
// a person's data leaving; PRODUCT §6), never an operator's blanket view.
// Runs on the already-connected database (db()); cli/rma.ts opens it.
// Exit code: 0 ok, 1 refused or failed (nothing left at --out), 2 bad usage.
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { basename, dirname, extname, join } from 'node:path'
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { exportCsv, exportKinds, exportLabels, exportXlsx, type ExportKind } from '../app/exports/exports.server'
import { db } from '../db/client.server'
import { grantsOf, userByLogin } from '../db/queries/users.server'
import { AppError } from '../workflows/errors'
import { CliError, usageError } from './commands.server'
import { operatorPath } from './paths'

export const exportUsage = `  export <вид>             выгрузить список, как его скачал бы сотрудник на странице «Выгрузки»
      вид: ${exportKinds.map((k) => `${k} — ${exportLabels[k].toLowerCase()}`).join('; ')}
      --as LOGIN           учётная запись сотрудника, чьими правами выгружать (обязательно):
                           те же строки, что доступны ему; чтение личных данных записывается на него
      --campaign N         только этот отбор (для applications и decisions)
      --private            с личными данными (телефон, дата рождения), если его роль это разрешает
      --format csv|xlsx    формат; по умолчанию — по расширению --out, иначе csv
      --out FILE           файл; без него — в стандартный вывод (файл появляется только целиком)
      --json               итог одним объектом {"ok","file","kind","format","private"} (нужен --out)`

const FORMATS = ['csv', 'xlsx'] as const
type Format = (typeof FORMATS)[number]

export type ExportArgs = { kind: ExportKind; as: string; campaignId: number | null; withPrivate: boolean; format: Format; out?: string; json: boolean }

const hint = 'Справка: npm run rma -- help export'

/** Checked before the database opens, so bad usage fails fast. */
export function parseExportArgs(argv: string[]): ExportArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv[0] === 'export' ? argv.slice(1) : argv,
      allowPositionals: true,
      strict: true,
      options: {
        as: { type: 'string' },
        campaign: { type: 'string' },
        private: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      },
    })
  } catch (e) {
    throw usageError(`Не удалось разобрать параметры: ${e instanceof Error ? e.message : String(e)}`, hint)
  }
  const [kind, extra] = parsed.positionals
  if (!kind) throw usageError(`Укажите вид списка: npm run rma -- export <${exportKinds.join('|')}> --as <логин>`, hint)
  if (!exportKinds.includes(kind as ExportKind)) throw usageError(`Неизвестный вид списка «${kind}». Допустимо: ${exportKinds.join(', ')}.`, hint)
  if (extra) throw usageError(`Лишний аргумент «${extra}».`, hint)
  const as = parsed.values.as?.trim()
  if (!as) throw usageError('Укажите учётную запись сотрудника: --as <логин>. Список выгружается в пределах его прав.', hint)
  const campaign = parsed.values.campaign
  if (campaign !== undefined && !/^\d{1,12}$/.test(campaign)) throw usageError('Параметр --campaign: номер отбора, целое число.', hint)
  if (campaign !== undefined && kind === 'members') throw usageError('Параметр --campaign не нужен для members: список членов актива не делится по отборам.', hint)
  const out = parsed.values.out?.trim() || undefined
  const byExtension = out && extname(out).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv'
  const format = (parsed.values.format?.trim().toLowerCase() ?? byExtension) as Format
  if (!FORMATS.includes(format)) throw usageError(`Неизвестный формат «${parsed.values.format}». Допустимо: csv, xlsx.`, hint)
  if (format === 'xlsx' && !out) throw usageError('Книгу Excel нужно записать в файл: добавьте --out <файл.xlsx>.', hint)
  const json = parsed.values.json === true
  if (json && !out) throw usageError('С --json нужен --out: иначе итог смешается с содержимым списка.', hint)
  return { kind: kind as ExportKind, as, campaignId: campaign === undefined ? null : Number(campaign), withPrivate: parsed.values.private === true, format, out, json }
}

/** Writes the list; returns the file it wrote (or '-' for standard output). */
export async function runExport(a: ExportArgs, stdout: NodeJS.WritableStream = process.stdout): Promise<string> {
  const sql = db()
  const user = await userByLogin(a.as, sql)
  if (!user || !user.active) throw new CliError('unknown_user', `Учётная запись «${a.as}» не найдена или отключена.`)
  const actor = { userId: user.id, grants: await grantsOf(user.id, sql) }
  const req = { kind: a.kind, campaignId: a.campaignId, withPrivate: a.withPrivate }
  let file
  try {
    // The audit names the staff account whose grants were used, and that the operator took the list from the console.
    file = await (a.format === 'xlsx' ? exportXlsx : exportCsv)(actor, req, { auditNote: { via: 'rma export', operator: operatorName() } })
  } catch (e) {
    if (e instanceof AppError && e.code === 'PRIVATE_DATA_FORBIDDEN') {
      throw new CliError(
        'forbidden',
        `Личные данные (телефон, дата рождения) в списке «${exportLabels[a.kind]}» недоступны учётной записи ${user.login}: её роль их не читает.`,
        'Без --private список выгружается без них.',
      )
    }
    if (e instanceof AppError && e.status === 403) throw new CliError('forbidden', `Список «${exportLabels[a.kind]}» недоступен учётной записи ${user.login}.`)
    throw e
  }
  if (!a.out) {
    await file.body.pipeTo(Writable.toWeb(stdoutWithoutEnd(stdout)))
    return '-'
  }
  // Written beside the target and renamed at the end: a failure leaves nothing half-written under its name.
  const target = operatorPath(a.out)
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.part`)
  try {
    await file.body.pipeTo(Writable.toWeb(createWriteStream(partial, { mode: 0o600 })))
    await rename(partial, target)
  } catch (e) {
    await rm(partial, { force: true })
    throw e
  }
  return a.out
}

/** The operating-system account that ran the command, when the system can name it. */
function operatorName(): string | null {
  try {
    return userInfo().username
  } catch {
    return null
  }
}

/** Standard output stays open for the summary after the list (and process.stdout may not be ended). */
function stdoutWithoutEnd(stdout: NodeJS.WritableStream): Writable {
  let closed: Error | undefined
  // A reader that stops early (`| head`): the list stops with a message, not a stack trace or a hang.
  stdout.once('error', () => (closed = new CliError('output_closed', 'Вывод закрыт раньше, чем список был записан до конца.')))
  return new Writable({
    write(chunk, _encoding, done) {
      if (closed) return done(closed)
      if (stdout.write(chunk)) return done()
      const settle = () => {
        stdout.off('drain', settle)
        stdout.off('error', settle)
        done(closed)
      }
      stdout.once('drain', settle)
      stdout.once('error', settle)
    },
  })
}
