import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The real CLI process on its own embedded database (a fresh DATA_DIR),
// never on DATABASE_URL. It spawns processes and starts a database, so it
// belongs to the `db` project (`*.db.test.ts`), not to the fast `unit` one.
const root = fileURLToPath(new URL('..', import.meta.url))
let dataDir: string

function rma(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run(args, false)
}

/** `closeOutput`: the reader has gone before the command writes (`rma … | head`). */
function run(args: string[], closeOutput: boolean, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production', ...extraEnv }
  delete env.DATABASE_URL
  delete env.RMA_PASSWORD
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/rma.ts', ...args], { cwd: root, env })
    if (closeOutput) child.stdout.destroy()
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rma-cli-test-'))
})
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('npm run rma', () => {
  it('migrate --json applies the migrations to a fresh embedded database, then finds nothing to do', { timeout: 90_000 }, async () => {
    const first = await rma('migrate', '--json')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const out = JSON.parse(first.stdout)
    expect(out.ok).toBe(true)
    expect(out.applied).toContain('0001_domain.sql')

    const second = await rma('migrate')
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/^Миграции не требуются/)
  })

  it('an unknown command exits 2 with a Russian message', { timeout: 30_000 }, async () => {
    const r = await rma('frobnicate')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Неизвестная команда «frobnicate»')

    const json = await rma('frobnicate', '--json')
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'usage', message: 'Неизвестная команда «frobnicate».' } })
  })

  it('user:create without --login exits 2 with a Russian message, before opening the database', { timeout: 30_000 }, async () => {
    const r = await rma('user:create', '--name', 'Иванова Ольга', '--role', 'ministryOfficer', '--region', 'tomsk')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Не указан логин: добавьте --login')
    expect(r.stdout).toBe('')
  })

  it('a reader that closed the output early gets a note, not a stack trace, and the command succeeds', { timeout: 30_000 }, async () => {
    const r = await run(['help'], true)
    expect(r.stderr).not.toContain('EPIPE')
    expect(r.stderr).toContain('Вывод закрыт раньше, чем был записан до конца; команда выполнена.')
    expect(r.code).toBe(0)
  })

  it('help lists the commands in Russian', { timeout: 30_000 }, async () => {
    const r = await rma('help')
    expect(r.code).toBe(0)
    for (const c of ['migrate', 'seed', 'user:create']) expect(r.stdout).toContain(c)
    expect(r.stdout).toContain('Коды выхода')
  })

  it('help import describes import, and an unknown command names import among the commands', { timeout: 30_000 }, async () => {
    const r = await rma('help', 'import')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('import <вид> <файл>')
    expect(r.stdout).not.toContain('user:create')

    const unknown = await rma('frobnicate', '--json')
    expect(JSON.parse(unknown.stdout).error.hint).toMatch(/jobs, import, export/)
  })

  it('--help of import and export answers with their usage, as JSON with --json, whatever arguments come with it', { timeout: 30_000 }, async () => {
    for (const args of [['import', '--help', '--json'], ['import', 'nominations', 'file.csv', '-h', '--json'], ['export', 'members', '--help', '--json']]) {
      const r = await rma(...args)
      expect(r.code).toBe(0)
      expect(r.stderr).toBe('')
      const parsed = JSON.parse(r.stdout)
      expect(parsed.ok).toBe(true)
      expect(parsed.usage).toContain(`${args[0]} <вид>`)
    }
  })

  it('reads a relative file from the directory `npm run rma` was typed in (INIT_CWD), not the package root', { timeout: 60_000 }, async () => {
    const here = await mkdtemp(join(tmpdir(), 'rma-cli-cwd-'))
    try {
      await writeFile(join(here, 'nominations.csv'), 'ФИО;Электронная почта\r\n')
      const r = await run(['import', 'nominations', 'nominations.csv', '--region', 'nowhere', '--json'], false, { npm_lifecycle_event: 'rma', INIT_CWD: here })
      const message = JSON.parse(r.stdout).errors[0].message
      expect(message).toBe('Регион «nowhere» не найден.')
    } finally {
      await rm(here, { recursive: true, force: true })
    }
  })

  it('seed lists every demo account the server prints, the appellant and the municipal selection\'s included', { timeout: 180_000 }, async () => {
    const r = await rma('seed', '--members', '20', '--json')
    expect(r.code).toBe(0)
    const logins = JSON.parse(r.stdout).demo.accounts.map((a: { login: string }) => a.login)
    for (const login of ['teacher@demo.rma', 'appellant@demo.rma', 'msecretary@demo.rma', 'mapprover@demo.rma']) expect(logins).toContain(login)
  })
})
