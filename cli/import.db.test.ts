import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { csvFile } from '../app/imports/testing'
import { db } from '../db/client.server'
import { makeRegion } from '../test/fixtures'
import { runImportCommand } from './import'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rma-cli-import-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function cli(argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true))
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true))
  try {
    const code = await runImportCommand(argv)
    return { code, out: out.join(''), err: err.join('') }
  } finally {
    o.mockRestore()
    e.mockRestore()
  }
}

const HEADER = ['Муниципалитет', 'ФИО', 'E-mail', 'Место работы', 'Должность', 'Стаж работы по специальности, лет']

describe('npm run rma -- import', () => {
  it('dry run, then import; --json prints exactly one object', async () => {
    const region = await makeRegion()
    const m = region.municipalities[0].name
    const file = join(dir, `good-${region.code}.csv`)
    await writeFile(file, csvFile([HEADER, [m, 'Консольная Анна Ивановна', `a.${region.code}@school.test`, 'Школа № 1', 'учитель', '7,5']], { encoding: 'windows-1251' }))

    const dry = await cli(['import', 'nominations', file, '--campaign', String(region.campaignId), '--dry-run', '--json'])
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.out)).toEqual({ rows: 1, valid: 1, errors: [], committed: false })
    expect(dry.out.trim().split('\n')).toHaveLength(1)

    const real = await cli(['nominations', file, '--region', region.code, '--json'])
    expect(real.code).toBe(0)
    expect(JSON.parse(real.out)).toEqual({ rows: 1, valid: 1, errors: [], committed: true })
    const [{ n }] = await db()`select count(*)::int as n from applications where campaign_id = ${region.campaignId}`
    expect(n).toBe(1)

    const text = await cli(['nominations', file, '--campaign', String(region.campaignId)])
    expect(text.code).toBe(0)
    expect(text.out).toContain('Windows-1251, разделитель — точка с запятой')
    expect(text.out).toContain('создано 0, изменено 0, без изменений 1, пропущено 0')
  })

  it('exits non-zero on errors unless it is a dry run, listing each error', async () => {
    const region = await makeRegion()
    const file = join(dir, `bad-${region.code}.csv`)
    await writeFile(file, csvFile([HEADER, ['Москва', 'Иванова', 'нет почты', 'Школа', 'учитель', 'много']], { delimiter: '\t' }))
    const real = await cli(['nominations', file, '--campaign', String(region.campaignId), '--json'])
    expect(real.code).toBe(1)
    const report = JSON.parse(real.out)
    expect(report).toMatchObject({ rows: 1, valid: 0, committed: false })
    expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, 'Муниципалитет'],
      [2, 'ФИО'],
      [2, 'E-mail'],
      [2, 'Стаж работы по специальности, лет'],
    ])
    const dry = await cli(['nominations', file, '--campaign', String(region.campaignId), '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.out).toContain('2 · Стаж работы по специальности, лет · «много» — не число')
  })

  it('is strict about usage (exit 2)', async () => {
    const region = await makeRegion()
    expect((await cli(['members', 'x.csv'])).code).toBe(2)
    expect((await cli(['nominations', join(dir, 'missing.csv')])).err).toContain('не найден')
    const file = join(dir, `u-${region.code}.csv`)
    await writeFile(file, 'ФИО\r\n')
    const bad = await cli(['nominations', file, '--campaign', '0x1', '--json'])
    expect(bad.code).toBe(2)
    expect(JSON.parse(bad.out)).toEqual({ rows: 0, valid: 0, errors: [{ row: 0, column: '', message: 'Параметр --campaign: номер отбора, целое число.' }], warnings: [], committed: false })
    expect((await cli(['nominations', file, '--campaign', '999999999'])).code).toBe(2)
  })
})
