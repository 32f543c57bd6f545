import { createReport } from '../../app/domain/indicator-reports.server'
import { enterValue } from '../../app/domain/indicator-values.server'
import { zoneOfRegion } from '../../app/domain/time-zone.server'
import { yearOf } from '~/utils/dates'
import type { Sql } from '../client.server'
import { reportOfYear } from '../queries/indicator-reports.server'
import { grantsOf, userByLogin } from '../queries/users.server'

// The demo's yearly indicator report (issue 10 §2.5): Tomsk's report of the
// current year in draft, the registry's values computed from the demo
// members and records, and one value entered by the coordinator with its
// confirmation. Idempotent: a region that has this year's report keeps it.

/** `login`: the coordinator who makes it (the demo's, or a test's own). */
export async function seedDemoReport(sql: Sql, regionId: number, login = 'coordinator@demo.rma'): Promise<void> {
  const user = await userByLogin(login, sql)
  if (!user) return
  const year = yearOf(new Date(), await zoneOfRegion(regionId, sql))
  if (await reportOfYear(regionId, year, sql)) return
  const actor = { userId: user.id, grants: await grantsOf(user.id, sql) }
  await sql.begin(async (tx) => {
    const id = await createReport(actor, regionId, year, tx)
    const [indicator] = await tx<{ id: number }[]>`select id::int from indicators where region_id = ${regionId} and code = 'diagnostics-share'`
    if (!indicator) return
    await enterValue(
      actor,
      id,
      {
        intent: 'value',
        indicatorId: indicator.id,
        actual: 11.2,
        confirmation: `Мониторинг ЦНППМ ТОИПКРО за ${year} год: диагностику профессиональных дефицитов прошли 2 460 педагогических работников (демонстрационные данные)`,
        evidenceUrl: 'https://toipkro.ru/',
      },
      null,
      tx,
    )
  })
}
