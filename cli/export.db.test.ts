import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '~/model/permissions'
import { db } from '../db/client.server'
import { makeApplication, makeRegion } from '../test/fixtures'
import { CliError } from './commands.server'
import { parseExportArgs, runExport } from './export'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rma-cli-export-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const loginOf = async (actor: Actor) => (await db()<{ login: string }[]>`select login from users where id = ${actor.userId}`)[0].login

describe('npm run rma -- export', () => {
  it("writes a staff member's list within their grants, with private columns only for a role that reads them, and audits each private read under their name", async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    const submitted = await makeApplication(region, applicant)
    // A teacher's draft is theirs alone: the lists are of submitted applications.
    await db()`update applications set state = 'screening' where id = ${submitted}`
    const secretary = await region.actor('secretary')
    const coordinator = await region.actor('municipalCoordinator')

    const plain = join(dir, `applications-${region.code}.csv`)
    expect(await runExport(parseExportArgs(['export', 'applications', '--as', await loginOf(coordinator), '--out', plain]))).toBe(plain)
    const text = await readFile(plain, 'utf8')
    expect(text.startsWith('\uFEFF№ заявления;Отбор;ФИО')).toBe(true)
    expect(text).toContain('Тестова Мария Ивановна')
    expect(text).not.toContain('+7 900')

    // The coordinator's role reads no private data: refused, and nothing is left at --out.
    const denied = join(dir, `private-denied-${region.code}.csv`)
    await expect(runExport(parseExportArgs(['export', 'applications', '--private', '--as', await loginOf(coordinator), '--out', denied]))).rejects.toSatisfy(
      (e) => e instanceof CliError && e.code === 'forbidden' && e.exitCode === 1 && /личн/i.test(e.message),
    )
    expect(existsSync(denied)).toBe(false)

    const privateFile = join(dir, `private-${region.code}.xlsx`)
    await runExport(parseExportArgs(['export', 'applications', '--private', '--as', await loginOf(secretary), '--out', privateFile]))
    const book = await readFile(privateFile)
    expect(book.subarray(0, 2).toString()).toBe('PK')
    const audits = await db()<{ actor: number; via: string }[]>`
      select actor_user_id::int as actor, data ->> 'via' as via from audit_events
      where action = 'READ_PRIVATE' and region_id = ${region.regionId}`
    // Under the account whose grants were used, and marked as taken from the console.
    expect(audits).toEqual([{ actor: secretary.userId, via: 'rma export' }])
    expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toEqual([])
  })

  it('refuses a list the account may not read, and an unknown account, by name', async () => {
    const region = await makeRegion()
    const applicant = await region.actor('applicant')
    await expect(runExport(parseExportArgs(['export', 'decisions', '--as', await loginOf(applicant), '--out', join(dir, 'd.csv')]))).rejects.toSatisfy(
      (e) => e instanceof CliError && e.code === 'forbidden' && e.message.includes('Решения комиссии'),
    )
    await expect(runExport(parseExportArgs(['export', 'members', '--as', 'nobody@nowhere.test']))).rejects.toSatisfy(
      (e) => e instanceof CliError && e.code === 'unknown_user',
    )
    expect(existsSync(join(dir, 'd.csv'))).toBe(false)
  })

  it('checks its arguments before opening the database: bad usage is exit code 2 with a Russian message', () => {
    const usage = (argv: string[]) => {
      try {
        parseExportArgs(argv)
      } catch (e) {
        expect(e).toBeInstanceOf(CliError)
        expect((e as CliError).exitCode).toBe(2)
        return (e as CliError).message
      }
      throw new Error(`accepted: ${argv.join(' ')}`)
    }
    expect(usage(['export'])).toContain('Укажите вид списка')
    expect(usage(['export', 'people', '--as', 'a'])).toContain('Неизвестный вид списка «people»')
    expect(usage(['export', 'members'])).toContain('--as')
    expect(usage(['export', 'members', '--as', 'a', '--campaign', '3'])).toContain('не нужен для members')
    expect(usage(['export', 'members', '--as', 'a', '--format', 'xlsx'])).toContain('--out')
    expect(usage(['export', 'members', '--as', 'a', '--format', 'pdf', '--out', 'x'])).toContain('Неизвестный формат')
    expect(usage(['export', 'members', '--as', 'a', '--json'])).toContain('--out')
    expect(parseExportArgs(['export', 'members', '--as', 'a', '--out', 'list.XLSX']).format).toBe('xlsx')
    expect(parseExportArgs(['export', 'decisions', '--as', 'a', '--campaign', '12']).campaignId).toBe(12)
  })
})
