import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { makeRegion } from '../../test/fixtures'
import { memberOf } from '../../test/support/activity-import'
import { OPERATOR, runImport } from './import.server'
import { chunks, csvFile } from './testing'

// The activity import under concurrency and from the CLI's operator: the
// natural key (member + kind + day + event) holds however many imports of
// one file race, and the operator's records are confirmed by the app itself.

const HEADER = ['Название мероприятия', 'Вид работы', 'Дата проведения', 'Уровень', 'ФИО']

describe('activity import on the database', () => {
  it('50 imports of the same file at once create each record once', async () => {
    const region = await makeRegion()
    const names: [string, string, string][] = [
      ['Светлова', 'Анна', 'Петровна'],
      ['Громов', 'Иван', 'Сергеевич'],
      ['Ясная', 'Ольга', 'Игоревна'],
    ]
    for (const n of names) await memberOf(region, region.municipalities[0].id, n)
    const coordinator = await region.actor('regionalCoordinator')
    const file = csvFile([HEADER, ...names.map((n) => ['Семинар по ФГОС', 'семинар', '15.10.2026', 'региональный', n.join(' ')])])
    const reports = await Promise.all(
      Array.from({ length: 50 }, () =>
        runImport({ kind: 'activity', regionId: region.regionId, fileName: 'семинар.csv', source: chunks(file), actor: coordinator, dryRun: false }),
      ),
    )
    expect(reports.every((r) => r.committed && r.errors.length === 0)).toBe(true)
    expect(reports.reduce((n, r) => n + r.counts.created, 0)).toBe(3)
    expect(reports.reduce((n, r) => n + r.counts.unchanged, 0)).toBe(49 * 3)
    const [c] = await db()<{ records: number; confirmed: number; imports: number }[]>`
      select count(*)::int as records, count(*) filter (where state = 'confirmed')::int as confirmed,
             (select count(*)::int from imports where region_id = ${region.regionId} and kind = 'activity') as imports
      from activity_records where region_id = ${region.regionId}`
    expect(c).toEqual({ records: 3, confirmed: 3, imports: 50 })
  })

  it('the operator (CLI) imports for any region; the app confirms, with no user in the audit', async () => {
    const region = await makeRegion()
    await memberOf(region, region.municipalities[0].id, ['Светлова', 'Анна', 'Петровна'])
    const file = csvFile([HEADER, ['Открытый урок', 'открытый урок', '01.10.2026', 'школьный', 'Светлова Анна Петровна']])
    const report = await runImport({ kind: 'activity', regionId: region.regionId, fileName: 'урок.csv', source: chunks(file), actor: OPERATOR, dryRun: false })
    expect(report).toMatchObject({ committed: true, campaignId: null, regionId: region.regionId, counts: { created: 1 } })
    const audit = await db()<{ action: string; actor: number | null }[]>`
      select e.action, e.actor_user_id as actor from audit_events e join activity_records r on e.entity = 'activity' and e.entity_id = r.id
      where r.region_id = ${region.regionId} order by e.id`
    expect(audit).toEqual([
      { action: 'CREATE', actor: null },
      { action: 'IMPORT', actor: null },
    ])
  })
})
