import { changeMember } from '../../app/domain/roster-admin.server'
import { addDays, regionDay } from '~/utils/dates'
import type { Sql } from '../client.server'
import { grantsOf, userByLogin } from '../queries/users.server'

// The demo's terms and leaving (issue 10 §3.2, §4): in Tomsk, one member
// whose term ends 60 days after the region's today (the coordinator's
// dashboard lists it and the reminder job writes to the coordinator on the
// first start), and one member excluded by an order of change on the ground
// «смена места работы», on /regions/tomsk's change log with the ground and
// the order (unnamed there: they left the composition, which is all their
// consent covers). The exclusion goes through the domain as the coordinator
// would make it. Once per database: the order is the mark.

const ORDER = { number: '1873-р', date: '2026-10-05', title: 'О внесении изменений в состав регионального методического актива' }

export async function seedDemoTerms(sql: Sql, now: Date = new Date()): Promise<void> {
  const coordinatorUser = await userByLogin('coordinator@demo.rma', sql)
  const [region] = await sql<{ id: number; timeZone: string }[]>`select id::int, time_zone as "timeZone" from regions where code = 'tomsk'`
  if (!coordinatorUser || !region) return
  const [done] = await sql`select id from orders where region_id = ${region.id} and number = ${ORDER.number} and date = ${ORDER.date}`
  if (done) return
  // Members of the bulk roster (no account, not in the other demo steps, which take the first ones), listed by their consent.
  const picked = await sql<{ id: number }[]>`
    select m.id::int from members m
    where m.region_id = ${region.id} and m.state = 'active' and m.public and m.application_id is null
      and exists (select 1 from consents c where c.person_id = m.person_id and c.purpose = 'dissemination'
                  and c.withdrawn_at is null and c.superseded_at is null and 'fullName' = any(c.fields))
    order by m.id desc limit 2`
  if (picked.length < 2) return
  const [ending, leaving] = picked
  await sql`update members set term_ends_on = ${addDays(regionDay(now, region.timeZone), 60)} where id = ${ending.id}`
  const coordinator = { userId: coordinatorUser.id, grants: await grantsOf(coordinatorUser.id, sql) }
  await sql.begin((tx) =>
    changeMember(
      coordinator,
      leaving.id,
      { event: 'EXCLUDE', rowVersion: undefined, ground: 'jobChange', reason: 'Переход на работу в другой регион (личное заявление)', order: { kind: 'new', ...ORDER } },
      tx,
    ),
  )
}
