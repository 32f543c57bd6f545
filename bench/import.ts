import { initialRow } from '../workflows/snapshot'
import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ExcelJS from 'exceljs'
import { encodeWindows1251 } from '../app/imports/cp1251'
import { OPERATOR, runImport } from '../app/imports/import.server'
import { connect, disconnect, type Sql } from '../db/client.server'
import { migrate } from '../db/migrate.server'
import { insertCampaign } from '../db/queries/campaigns.server'
import { municipalitiesOf } from '../db/queries/regions.server'
import { preset } from '../db/presets'
import { installPreset } from '../db/seed/presets.server'
import { startEmbedded } from '../db/start.server'
import { rowAfter } from '../workflows/snapshot'

// Import benchmarks (issue 5):
//   import_rows_per_s     a generated Windows-1251 «;» nominations file of
//                         100,000 rows (20 MB), read, validated and committed
//                         (one transaction: organisations, people, draft
//                         applications, the import's log and audit rows)
//   import_vs_copy_ratio  that rate against a plain COPY of the same rows into
//                         a scratch table of text columns, same database, same run
//   import_peak_rss_mb    the importing process's peak RSS during the import
//
// The embedded PGlite runs in a child process, as PostgreSQL would run
// beside the app: its WebAssembly heap (~800 MB resident once started) would
// otherwise hide the importer's own memory, which is what the target bounds.
// pglite-socket cannot carry COPY FROM STDIN (the copy sub-protocol arrives
// as separate messages, electric-sql/pglite#1028; checked again with the
// database in its own process: the connection closes), so on PGlite the
// baseline is PGlite's own client-side COPY, `COPY … FROM '/dev/blob'`: the
// same server path, fed from the client, and the import stages its rows in
// batches instead. The embedded database is always measured; with
// BENCH_DATABASE_URL also that PostgreSQL (a temporary database), where the
// import writes new rows by COPY FROM STDIN straight into people and
// applications and the baseline is one from postgres.js. Each line names
// its `engine`.
//
// What bounds the ratio: each imported row is two rows in indexed tables
// (people: 3 indexes and a generated sort key; applications: 6 indexes)
// and 6 foreign-key checks that are not null here (one query each, per
// row, run by PostgreSQL's triggers; 7 with a user's file, who is
// `nominated_by`; 5 more keys are null and cost a trigger call each),
// against one row in an unindexed table for COPY. perf on the
// PostgreSQL backend puts the foreign-key triggers at about half of the
// import's database time; COPY of the same rows into people and
// applications with no foreign keys and no indexes is still ≈ 4× the
// baseline.
// BENCH_IMPORT_ROWS changes the size; BENCH_VERBOSE=1 prints the seconds on
// stderr.

/** `engine`: which database the figure is for (pglite, the embedded one; postgresql). */
export type BenchResult = { name: string; value: number; unit: string; engine?: 'pglite' | 'postgresql' }

const HEADER = [
  'Муниципалитет',
  'ФИО',
  'Электронная почта',
  'Место работы',
  'Должность',
  'Предметная область',
  'Квалификационная категория',
  'Образование',
  'Стаж работы по специальности',
  'Победитель профессионального конкурса',
  'Член предметной комиссии ГИА',
  'Оценка компетенций ФИОКО',
]

const LAST = ['Иванова', 'Смирнова', 'Кузнецова', 'Попова', 'Васильева', 'Петрова', 'Соколова', 'Михайлова', 'Новикова', 'Фёдорова', 'Морозова', 'Волкова', 'Алексеева', 'Лебедева', 'Семёнова', 'Егорова', 'Павлова', 'Козлова', 'Степанова', 'Николаева']
const FIRST = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Ирина', 'Татьяна', 'Светлана', 'Юлия', 'Екатерина', 'Галина', 'Людмила']
const MIDDLE = ['Александровна', 'Сергеевна', 'Ивановна', 'Викторовна', 'Николаевна', 'Петровна', 'Владимировна', 'Юрьевна', 'Олеговна']
const POSITIONS = ['учитель математики', 'учитель русского языка и литературы', 'учитель физики', 'учитель начальных классов', 'заместитель директора по УВР']
const SUBJECTS = ['Математика', 'Русский язык', 'Физика', 'Химия', 'Биология', 'История', 'Информатика']

/** Row `i` of the generated file: realistic cells, a stray space and a decimal comma included. */
function row(i: number, municipalities: string[]): string[] {
  return [
    municipalities[i % municipalities.length],
    `${LAST[i % LAST.length]} ${FIRST[(i >> 3) % FIRST.length]} ${MIDDLE[(i >> 5) % MIDDLE.length]}`,
    `teacher${i}@school${i % 300}.bench.rma`,
    `МАОУ «Средняя общеобразовательная школа № ${i % 300}»`,
    POSITIONS[i % POSITIONS.length],
    i % 7 === 0 ? `${SUBJECTS[i % SUBJECTS.length]}, ${SUBJECTS[(i + 1) % SUBJECTS.length]}` : SUBJECTS[i % SUBJECTS.length],
    i % 3 ? 'высшая' : 'первая',
    'высшее педагогическое',
    `${5 + (i % 30)},${i % 10}`,
    i % 2 ? 'да' : 'нет',
    i % 5 ? 'нет' : 'да ',
    '',
  ]
}

const line = (cells: string[]) => cells.map((c) => (/[;"\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';') + '\r\n'

/** Streams the file to disk in Windows-1251, never whole in memory. */
export async function writeNominationsFile(path: string, rows: number, municipalities: string[]): Promise<void> {
  const out = createWriteStream(path)
  let buf = line(HEADER)
  for (let i = 0; i < rows; i++) {
    buf += line(row(i, municipalities))
    if (buf.length > 256 * 1024 || i === rows - 1) {
      if (!out.write(encodeWindows1251(buf))) await once(out, 'drain')
      buf = ''
    }
  }
  out.end()
  await once(out, 'close')
}

/**
 * The same rows as an Excel workbook, written by exceljs's streaming writer
 * (row by row to disk, shared strings as Excel writes them; «Стаж» a number).
 */
export async function writeNominationsXlsx(path: string, rows: number, municipalities: string[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false })
  const ws = wb.addWorksheet('Кандидаты')
  ws.addRow(HEADER).commit()
  for (let i = 0; i < rows; i++) {
    const cells: (string | number)[] = row(i, municipalities)
    cells[8] = 5 + (i % 30) + (i % 10) / 10
    ws.addRow(cells).commit()
  }
  ws.commit()
  await wb.commit()
}

/**
 * The workbook written by a process of its own: exceljs's writer keeps its
 * shared strings until the end, and the memory it took (RSS does not shrink
 * back) would count as the importer's.
 */
async function writeXlsxInChild(path: string, rows: number, municipalities: string[]): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--write-xlsx', path, String(rows)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_MUNICIPALITIES: JSON.stringify(municipalities) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const [code] = (await once(child, 'exit')) as [number]
  if (code !== 0) throw new Error(`writing the workbook failed (exit ${code})`)
}

// ─── the embedded database in a child process ───────────────────────────────

type ChildMessage = { socketPath: string } | { copied: number; ms: number } | { error: string }

async function childMain(dataDir: string) {
  const db = await startEmbedded(dataDir, { inProcess: true })
  process.send!({ socketPath: db.socketPath } satisfies ChildMessage)
  process.on('message', async (m: { copy?: string; table?: string; stop?: boolean }) => {
    try {
      if (m.stop) {
        await db.stop()
        process.exit(0)
      }
      if (m.copy && m.table) {
        const started = performance.now()
        const text = new TextDecoder('windows-1251').decode(await readFile(m.copy))
        const r = await db.pg!.query(`copy ${m.table} from '/dev/blob' with (format csv, delimiter ';', header true)`, [], { blob: new Blob([text]) })
        process.send!({ copied: r.affectedRows ?? 0, ms: performance.now() - started } satisfies ChildMessage)
      }
    } catch (e) {
      process.send!({ error: e instanceof Error ? e.message : String(e) } satisfies ChildMessage)
    }
  })
}

async function startChild(dataDir: string): Promise<{ child: ChildProcess; socketPath: string }> {
  const child = fork(fileURLToPath(import.meta.url), ['--pglite-child', dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const [msg] = (await once(child, 'message')) as [ChildMessage]
  if (!('socketPath' in msg)) throw new Error(`PGlite child failed: ${JSON.stringify(msg)}`)
  return { child, socketPath: msg.socketPath }
}

async function copyInChild(child: ChildProcess, file: string, table: string): Promise<{ copied: number; ms: number }> {
  child.send({ copy: file, table })
  const [msg] = (await once(child, 'message')) as [ChildMessage]
  if ('error' in msg) throw new Error(`COPY failed: ${msg.error}`)
  if (!('copied' in msg)) throw new Error('unexpected message from the PGlite child')
  return msg
}

/** COPY FROM STDIN from postgres.js, streaming the file decoded to UTF-8 (real PostgreSQL only). */
async function copyFromStdin(sql: Sql, file: string, table: string): Promise<{ copied: number; ms: number }> {
  const started = performance.now()
  const decoder = new TextDecoder('windows-1251')
  const writable = await sql.unsafe(`copy ${table} from stdin with (format csv, delimiter ';', header true)`).writable()
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    if (!writable.write(decoder.decode(chunk as Buffer, { stream: true }))) await once(writable, 'drain')
  }
  writable.end()
  await once(writable, 'finish')
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`
  return { copied: n, ms: performance.now() - started }
}

// ─── the benchmark ──────────────────────────────────────────────────────────

type ImportBenchOptions = { rows?: number; print?: boolean; format?: 'csv' | 'xlsx' }

/**
 * `format: 'xlsx'` (bench/xlsx-import.ts): the same rows as a workbook,
 * reported as xlsx_import_rows_per_s and xlsx_import_peak_rss_mb, without
 * the COPY baseline (COPY reads no workbook), on the embedded database.
 */
export async function benchImport(opts: ImportBenchOptions = {}): Promise<BenchResult[]> {
  if (opts.format === 'xlsx') return benchImportOn(undefined, opts)
  const url = process.env.BENCH_DATABASE_URL
  // BENCH_ENGINES=postgresql (or pglite) runs one of the two.
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql').split(',')
  const results: BenchResult[] = []
  if (engines.includes('pglite')) results.push(...(await benchImportOn(undefined, opts)))
  if (url && engines.includes('postgresql')) {
    if (results.length === 0) results.push(...(await benchImportOn(url, opts)))
    else {
      // A process of its own, so the first run's heap never counts in import_peak_rss_mb.
      const again = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
        env: { ...process.env, BENCH_ENGINES: 'postgresql' },
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
      })
      if (again.status !== 0) throw new Error(`import bench on PostgreSQL failed (exit ${again.status})`)
      const lines = again.stdout.trim().split('\n').filter(Boolean)
      for (const line of lines) results.push(JSON.parse(line) as BenchResult)
      if (opts.print ?? true) for (const line of lines) console.log(line)
    }
  }
  return results
}

/** The import and its COPY baseline on one database: the embedded one, or the PostgreSQL at `url`. */
async function benchImportOn(url: string | undefined, opts: ImportBenchOptions): Promise<BenchResult[]> {
  const rows = opts.rows ?? Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)
  const xlsx = opts.format === 'xlsx'
  const engine = url ? 'postgresql' : 'pglite'
  const dir = await mkdtemp(join(tmpdir(), 'rma-bench-import-'))
  const file = join(dir, xlsx ? 'nominations.xlsx' : 'nominations.csv')
  let child: ChildProcess | undefined
  let dropDatabase: (() => Promise<void>) | undefined
  try {
    let sql: Sql
    if (url) {
      const name = `rma_bench_${process.pid}`
      const admin = connect({ kind: 'url', url, max: 1 })
      await admin.unsafe(`drop database if exists ${name}`)
      await admin.unsafe(`create database ${name}`)
      await disconnect()
      const u = new URL(url)
      u.pathname = `/${name}`
      sql = connect({ kind: 'url', url: u.toString(), max: 2 })
      dropDatabase = async () => {
        await disconnect()
        const again = connect({ kind: 'url', url, max: 1 })
        await again.unsafe(`drop database if exists ${name} with (force)`)
        await disconnect()
      }
    } else {
      const started = await startChild(join(dir, 'pglite'))
      child = started.child
      sql = connect({ kind: 'socket', path: started.socketPath })
    }
    await migrate(sql)
    const region = await installPreset(preset('tomsk'), { code: 'bench-import' })
    const campaignId = await insertCampaign({ initial: initialRow('campaign'), ...region, title: 'Отбор в методический актив 2026', opensOn: null, closesOn: null })
    const open = rowAfter('campaign', [{ type: 'OPEN' }])
    await sql`update campaigns set snapshot = ${sql.json(open.snapshot as never)}, state = ${open.state} where id = ${campaignId}`
    await sql`analyze`
    const municipalities = (await municipalitiesOf(region.regionId)).map((m) => m.name)
    if (xlsx) await writeXlsxInChild(file, rows, municipalities)
    else await writeNominationsFile(file, rows, municipalities)

    // The import, with the process's resident memory sampled throughout.
    global.gc?.()
    let peak = process.memoryUsage().rss
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 10)
    const started = performance.now()
    const report = await runImport({
      kind: 'nominations',
      campaignId,
      fileName: xlsx ? 'nominations.xlsx' : 'nominations.csv',
      source: createReadStream(file, { highWaterMark: 64 * 1024 }),
      actor: OPERATOR,
      dryRun: false,
    })
    const importMs = performance.now() - started
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
    if (!report.committed || report.counts.created !== rows) {
      throw new Error(`import bench: committed=${report.committed}, created ${report.counts.created}/${rows}, first errors ${JSON.stringify(report.errors.slice(0, 3))}`)
    }
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from applications where campaign_id = ${campaignId}`
    if (n !== rows) throw new Error(`import bench: ${n} applications for ${rows} rows`)

    if (xlsx) {
      const results: BenchResult[] = [
        { name: 'xlsx_import_rows_per_s', value: Math.round(rows / (importMs / 1000)), unit: 'rows/s', engine },
        { name: 'xlsx_import_peak_rss_mb', value: Math.round(peak / 1024 / 1024), unit: 'MB', engine },
      ]
      if (opts.print ?? true) {
        for (const r of results) console.log(JSON.stringify(r))
        if (process.env.BENCH_VERBOSE) console.error(`xlsx import: ${rows} rows in ${(importMs / 1000).toFixed(2)} s; sheet ${report.sheet}`)
      }
      return results
    }

    // The baseline: the same rows into a scratch table, same database, same run.
    const table = 'bench_copy_scratch'
    await sql.unsafe(`create table ${table} (${HEADER.map((_, i) => `c${i} text`).join(', ')})`)
    const copy = child ? await copyInChild(child, file, table) : await copyFromStdin(sql, file, table)
    if (copy.copied !== rows) throw new Error(`copy bench: ${copy.copied} rows copied of ${rows}`)

    const importRate = rows / (importMs / 1000)
    const copyRate = rows / (copy.ms / 1000)
    const results: BenchResult[] = [
      { name: 'import_rows_per_s', value: Math.round(importRate), unit: 'rows/s', engine },
      { name: 'import_vs_copy_ratio', value: Math.round((importRate / copyRate) * 1000) / 1000, unit: 'ratio', engine },
      { name: 'import_peak_rss_mb', value: Math.round(peak / 1024 / 1024), unit: 'MB', engine },
    ]
    if (opts.print ?? true) {
      for (const r of results) console.log(JSON.stringify(r))
      if (process.env.BENCH_VERBOSE) {
        console.error(
          `import: ${rows} rows in ${(importMs / 1000).toFixed(2)} s; copy: ${(copy.ms / 1000).toFixed(2)} s; ` +
            `engine ${engine}; encoding ${report.encoding}, delimiter ${JSON.stringify(report.delimiter)}`,
        )
      }
    }
    return results
  } finally {
    if (dropDatabase) await dropDatabase().catch(() => {})
    else await disconnect().catch(() => {})
    if (child) {
      child.send({ stop: true })
      await once(child, 'exit').catch(() => {})
    }
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--pglite-child')
  const write = process.argv.indexOf('--write-xlsx')
  if (write !== -1) {
    await writeNominationsXlsx(process.argv[write + 1], Number(process.argv[write + 2]), JSON.parse(process.env.BENCH_MUNICIPALITIES ?? '[]') as string[])
  } else if (at !== -1) {
    await childMain(process.argv[at + 1])
  } else {
    benchImport().catch((e) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e)
      process.exit(1)
    })
  }
}
