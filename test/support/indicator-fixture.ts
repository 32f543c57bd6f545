import { db } from '../../db/client.server'
import { insertMember } from '../../db/queries/members.server'
import { insertPerson } from '../../db/queries/people.server'
import { rowAfter } from '../../workflows/snapshot'
import type { makeRegion } from '../fixtures'

// A registry with known figures for the yearly indicator report (issue 10
// §2.5): three municipalities with teachers (200, 300, 100; the others none),
// two active members in the first, one in the second and one excluded there
// before the cut-off; confirmed activity records of the year by level, plus a
// record still waiting and one of last year that do not count.

export async function registryFixture(region: Awaited<ReturnType<typeof makeRegion>>, year: number) {
  const sql = db()
  const [a, b, c] = region.municipalities
  await sql`update municipalities set teachers_count = 0 where region_id = ${region.regionId}`
  for (const [m, n] of [[a, 200], [b, 300], [c, 100]] as const) await sql`update municipalities set teachers_count = ${n} where id = ${m.id}`
  const member = async (municipalityId: number, excluded = false) => {
    const personId = await insertPerson({ regionId: region.regionId, municipalityId, lastName: 'Учитель', firstName: 'Тест', middleName: '', organisationId: null, position: '', workEmail: null, subjects: [] })
    const row = rowAfter('member', excluded ? [{ type: 'EXCLUDE', ground: 'jobChange', reason: 'Увольнение', orderId: 1 }] : [])
    const id = await insertMember({ regionId: region.regionId, rosterId: region.rosterId, personId, applicationId: null, directionId: null, groupId: null, subjects: [], admittedOrderId: null, termEndsOn: null, public: false, snapshot: row.snapshot, state: row.state, machineVersion: row.machineVersion })
    if (excluded) {
      const [order] = await sql<{ id: number }[]>`insert into orders (region_id, number, date, title, kind) values (${region.regionId}, ${`И-${id}`}, ${`${year}-01-01`}, 'Об исключении', 'change') returning id::int`
      await sql`update members set changed_order_id = ${order.id} where id = ${id}`
    }
    return id
  }
  const [a1, a2, b1] = [await member(a.id), await member(a.id), await member(b.id)]
  await member(b.id, true)
  const record = async (memberId: number, municipalityId: number, level: string, heldOn: string, confirmed = true) => {
    const row = rowAfter('activity', confirmed ? [{ type: 'SUBMIT' }, { type: 'CONFIRM' }] : [{ type: 'SUBMIT' }])
    await sql`
      insert into activity_records (region_id, member_id, municipality_id, kind, held_on, level, audience, description, evidence_url, snapshot, state, machine_version)
      values (${region.regionId}, ${memberId}, ${municipalityId}, 'seminar', ${heldOn}, ${level}, 20, 'Семинар', 'https://example.org', ${sql.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})`
  }
  const jan1 = `${year}-01-01`
  await record(a1, a.id, 'municipal', jan1)
  await record(a2, a.id, 'municipal', jan1)
  await record(a1, a.id, 'regional', jan1)
  await record(b1, b.id, 'federal', jan1)
  await record(b1, b.id, 'school', jan1)
  await record(a1, a.id, 'regional', jan1, false)
  await record(b1, b.id, 'regional', `${year - 1}-06-01`)
}
