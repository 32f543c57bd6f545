// `npm run rma -- import <kind> <file> [--region R] [--campaign C] [--municipality M] [--sheet S] [--dry-run] [--json]`
// Runs on the already-connected database (db()); cli/rma.ts opens it.
// With --json: exactly one object {"rows","valid","errors","warnings","committed"};
// errors are {row, column, message}, warnings {row, code, message} (valid
// rows the commission should look at, e.g. code ELIGIBILITY_FAIL).
// Exit code: 0 ok (and always with --dry-run), 1 errors in the file or a
// runtime failure, 2 bad usage.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { importKinds, kindLabels, type ImportKind } from '../app/imports/columns'
import { OPERATOR, runImport, type ImportIssue, type ImportReport, type ImportWarning } from '../app/imports/import.server'
import { delimiterLabels, encodingLabels } from '../app/imports/labels'
import { municipalityResolver } from '../app/imports/schemas'
import { db } from '../db/client.server'
import { campaignById, campaignsOfRegion, type Campaign } from '../db/queries/campaigns.server'
import { listRegions, municipalitiesOf, regionByCode } from '../db/queries/regions.server'
import { AppError } from '../workflows/errors'
import { operatorPath } from './paths'

export const importUsage = `  import <вид> <файл>       загрузить таблицу CSV (кодировка и разделитель определяются сами) или книгу Excel .xlsx
      вид: ${importKinds.map((k) => `${k} — ${kindLabels[k].toLowerCase()}`).join('; ')}
      --region CODE        регион (если отбор не указан; для activity — регион мероприятий), например tomsk
      --campaign N         номер отбора; по умолчанию — единственный подходящий отбор региона
      --municipality M     файл одного муниципалитета (название или код; только для nominations):
                           строки без муниципалитета относятся к нему, строки с другим — ошибка
      --sheet S            лист книги Excel: название или номер (по умолчанию — первый видимый)
      --dry-run            только проверить: показать ошибки и что изменится, ничего не записывая
      --json               итог одним объектом {"rows","valid","errors","warnings","committed"}`

class Usage extends Error {}

type Args = { kind: ImportKind; file: string; region?: string; campaign?: number; municipality?: string; sheet?: string; dryRun: boolean; json: boolean }

function parse(argv: string[]): Args {
  const args = argv[0] === 'import' ? argv.slice(1) : argv
  let parsed
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { region: { type: 'string' }, campaign: { type: 'string' }, municipality: { type: 'string' }, sheet: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    })
  } catch (e) {
    throw new Usage(`Не удалось разобрать параметры: ${e instanceof Error ? e.message : String(e)}`)
  }
  const [kind, file, extra] = parsed.positionals
  if (!kind || !file) throw new Usage(`Укажите вид таблицы и файл: npm run rma -- import <${importKinds.join('|')}> <файл.csv>`)
  if (!importKinds.includes(kind as ImportKind)) throw new Usage(`Неизвестный вид таблицы «${kind}». Допустимо: ${importKinds.join(', ')}.`)
  if (extra) throw new Usage(`Лишний аргумент «${extra}».`)
  const campaign = parsed.values.campaign
  if (campaign !== undefined && !/^\d{1,12}$/.test(campaign)) throw new Usage('Параметр --campaign: номер отбора, целое число.')
  const municipality = parsed.values.municipality?.trim()
  if (municipality !== undefined && !municipality) throw new Usage('Параметр --municipality: название или код муниципалитета.')
  if (campaign !== undefined && kind === 'activity') throw new Usage('Параметр --campaign не нужен для activity: мероприятия загружаются в регион (--region).')
  if (municipality !== undefined && kind !== 'nominations') {
    throw new Usage('Параметр --municipality — только для представлений (nominations): в сведениях реестров и аттестации муниципалитет берётся из строк.')
  }
  return {
    kind: kind as ImportKind,
    file,
    region: parsed.values.region?.trim().toLowerCase(),
    campaign: campaign === undefined ? undefined : Number(campaign),
    municipality,
    sheet: parsed.values.sheet?.trim() || undefined,
    dryRun: parsed.values['dry-run'] === true,
    json: parsed.values.json === true,
  }
}

/** The region named by --region, or the only one. */
async function resolveRegion(a: Args): Promise<number> {
  const sql = db()
  if (a.region) {
    const r = await regionByCode(a.region, sql)
    if (!r) throw new Usage(`Регион «${a.region}» не найден.`)
    return r.id
  }
  const all = await listRegions(sql)
  if (all.length !== 1) throw new Usage(`Укажите регион: --region ${all.map((r) => r.code).join(' | ') || 'CODE'}.`)
  return all[0].id
}

/** The campaign to import into: the one named, or the region's only candidate. */
async function resolveCampaign(a: Args): Promise<Campaign> {
  const sql = db()
  if (a.campaign !== undefined) {
    const c = await campaignById(a.campaign, sql)
    if (!c) throw new Usage(`Отбор № ${a.campaign} не найден.`)
    if (a.region && c.regionCode !== a.region) throw new Usage(`Отбор № ${a.campaign} относится к региону ${c.regionCode}, а не ${a.region}.`)
    return c
  }
  const regionId = await resolveRegion(a)
  // Nominations go to an open campaign; registry data to any campaign still screening candidates.
  const states = a.kind === 'nominations' ? ['open'] : ['open', 'closed', 'inReview']
  const fitting = (await campaignsOfRegion(regionId, sql)).filter((c) => states.includes(c.state))
  if (fitting.length === 1) return fitting[0]
  if (fitting.length === 0) throw new Usage('В регионе нет подходящего отбора: укажите его номер параметром --campaign.')
  throw new Usage(`В регионе несколько отборов: укажите один параметром --campaign (${fitting.map((c) => `${c.id} «${c.title}»`).join(', ')}).`)
}

/** The municipality named by --municipality, among the campaign region's. */
async function resolveMunicipality(name: string, campaign: Campaign): Promise<number> {
  const list = await municipalitiesOf(campaign.regionId, db())
  const found = municipalityResolver(list)(name)
  const known = () => {
    const shown = list.slice(0, 30).map((m) => `${m.code} («${m.name}»)`)
    return `${shown.join(', ')}${list.length > shown.length ? ` и ещё ${list.length - shown.length}` : ''}`
  }
  if (found === 'ambiguous') throw new Usage(`«${name}» подходит к нескольким муниципалитетам региона ${campaign.regionCode}: укажите код. Муниципалитеты: ${known()}.`)
  if (!found) throw new Usage(`Муниципалитет «${name}» не найден в регионе ${campaign.regionCode}. Укажите название или код: ${known()}.`)
  return found.id
}

function json(rows: number, valid: number, errors: ImportIssue[], warnings: ImportWarning[], committed: boolean): string {
  return JSON.stringify({
    rows,
    valid,
    errors: errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
    warnings: warnings.map((w) => ({ row: w.row, code: w.code, message: w.message })),
    committed,
  })
}

function human(r: ImportReport, dryRun: boolean): string {
  const lines: string[] = []
  if (r.format === 'xlsx') lines.push(`Файл «${r.fileName}»: книга Excel, лист «${r.sheet ?? ''}».`)
  if (r.encoding && r.delimiter) lines.push(`Файл «${r.fileName}»: ${encodingLabels[r.encoding]}, разделитель — ${delimiterLabels[r.delimiter]}.`)
  if (r.municipality) lines.push(`Муниципалитет: ${r.municipality} (для строк, где он не указан).`)
  lines.push(`Строк с данными: ${r.rows}, без ошибок: ${r.valid}, ошибок: ${r.errors.length}.`)
  const e = r.eligibility
  if (e && e.pass + e.unverified + e.fail > 0) {
    lines.push(`Требования отбора по сведениям из файла: соответствуют ${e.pass}, нужно подтвердить документами ${e.unverified}, не соответствуют ${e.fail}.`)
  }
  if (r.unusedColumns.length) lines.push(`Не использованы столбцы: ${r.unusedColumns.map((c) => `«${c}»`).join(', ')}.`)
  const c = r.counts
  const what = `создано ${c.created}, изменено ${c.updated}, без изменений ${c.unchanged}, пропущено ${c.skipped}`
  if (r.errors.length) {
    lines.push('', 'Ошибки (строка · столбец · что не так):')
    for (const e of r.errors) lines.push(`  ${e.row || 'файл'} · ${e.column || '—'} · ${e.message}`)
    lines.push('', dryRun ? 'Проверка: исправьте ошибки перед загрузкой.' : 'Ничего не загружено: исправьте ошибки и повторите.')
  } else {
    lines.push(dryRun ? `Проверка прошла. При загрузке будет: ${what}.` : `Загружено (журнал № ${r.importId}): ${what}.`)
  }
  if (r.warnings.length) {
    lines.push('', 'Замечания (строки загружаются, решение принимает комиссия):')
    for (const w of r.warnings) lines.push(`  ${w.row} · ${w.message}`)
  }
  if (r.notices.length) {
    lines.push('', 'Строки, которые ничего не меняют:')
    for (const n of r.notices) lines.push(`  ${n.row} · ${n.message}`)
    if (r.noticesTotal > r.notices.length) lines.push(`  … всего ${r.noticesTotal}`)
  }
  return `${lines.join('\n')}\n`
}

/** Parses argv (without the command, or with «import» first), runs, prints; returns the exit code. */
export async function runImportCommand(argv: string[]): Promise<number> {
  const wantsJson = argv.includes('--json')
  const fail = (message: string, code: number) => {
    if (wantsJson) process.stdout.write(`${json(0, 0, [{ row: 0, column: '', message }], [], false)}\n`)
    else process.stderr.write(`Ошибка: ${message}\nСправка:\n${importUsage}\n`)
    return code
  }
  let args: Args
  try {
    args = parse(argv)
    const info = await stat(operatorPath(args.file)).catch(() => undefined)
    if (!info?.isFile()) throw new Usage(`Файл «${args.file}» не найден.`)
  } catch (e) {
    if (e instanceof Usage) return fail(e.message, 2)
    throw e
  }
  try {
    // an activity file goes into a region; every other kind into a campaign
    const campaign = args.kind === 'activity' ? null : await resolveCampaign(args)
    const regionId = campaign ? campaign.regionId : await resolveRegion(args)
    const municipalityId = args.municipality === undefined || !campaign ? undefined : await resolveMunicipality(args.municipality, campaign)
    const report = await runImport({
      kind: args.kind,
      campaignId: campaign?.id ?? null,
      regionId,
      fileName: basename(args.file),
      source: createReadStream(operatorPath(args.file), { highWaterMark: 64 * 1024 }),
      actor: OPERATOR,
      dryRun: args.dryRun,
      municipalityId,
      sheet: args.sheet,
    })
    if (args.json) process.stdout.write(`${json(report.rows, report.valid, report.errors, report.warnings, report.committed)}\n`)
    else process.stdout.write(`${campaign ? `Отбор № ${campaign.id} «${campaign.title}».` : 'Мероприятия региона и их участники.'}\n${human(report, args.dryRun)}`)
    return report.errors.length && !args.dryRun ? 1 : 0
  } catch (e) {
    if (e instanceof Usage) return fail(e.message, 2)
    if (e instanceof AppError) return fail(e.message, 1)
    return fail(`Ошибка выполнения: ${e instanceof Error ? e.message : String(e)}`, 1)
  }
}
