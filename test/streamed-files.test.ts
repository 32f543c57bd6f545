import { describe, expect, it } from 'vitest'
import { publicFields } from '~/model/consent'
import { parseRosterFilter } from '~/model/roster-filter'
import { published, rosterCsv, rosterJson } from '../app/domain/open-data.server'
import { publicMembersAll, publicMembersJsonList } from '../db/queries/public-roster.server'
import { exportCsv } from '../app/exports/exports.server'
import { streamText } from '~/utils/pull-stream.server'
import { db } from '../db/client.server'
import { rowAfter } from '../workflows/snapshot'
import { makeRegion } from './fixtures'

// Files written in keyset batches (issue 14): whatever the batch size, the
// bytes are those of one read (ties of equal names included), a private
// export audits each person once, and a reader that stops reading stops the
// batches.

type Region = Awaited<ReturnType<typeof makeRegion>>

/** A published, active member with every field shown; names may repeat. */
async function addMember(region: Region, last: string, first: string) {
  const sql = db()
  const [person] = await sql`
    insert into people (region_id, municipality_id, last_name, first_name, position, work_email, subjects)
    values (${region.regionId}, ${region.municipalities[0].id}, ${last}, ${first}, 'учитель', ${`${last}.${first}@school.test`}, ${['Физика']})
    returning id::int`
  await sql`insert into person_private (person_id, phone, birth_date) values (${person.id}, '+7 900 000-00-00', '1981-02-03')`
  const row = rowAfter('member', [])
  await sql`
    insert into members (region_id, roster_id, person_id, subjects, public, snapshot, state, machine_version)
    values (${region.regionId}, ${region.rosterId}, ${person.id}, ${['Физика']}, true, ${sql.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})`
  await sql`insert into consents (person_id, purpose, text_version, fields) values (${person.id}, 'dissemination', 'dissemination-1', ${[...publicFields]})`
  return person.id as number
}

const NAMES: [string, string][] = [
  ['Ёлкина', 'Анна'],
  ['Елкина', 'Анна'],
  ['Абрамова', 'Вера'],
  ['Абрамова', 'Вера'],
  ['Абрамова', 'Вера'],
  ['Яковлева', 'Ольга'],
  ['абрамова', 'Алла'],
]

describe('streamed files', () => {
  // Ties (equal sort keys: case and ё fold) go by id, i.e. by insertion here.
  it('open data: the same bytes in batches of 1, 2 and 1000, in roster order, following a rename', async () => {
    const region = await makeRegion()
    const people = []
    for (const [last, first] of NAMES) people.push(await addMember(region, last, first))
    const filter = parseRosterFilter(new URLSearchParams({ region: region.code }))
    const csv = await rosterCsv(filter, 'excel', 1000)
    const json = await rosterJson(filter, 7, 1000)
    // the whole file in parts of the roster order, split among equal names
    const whole = await publicMembersJsonList(filter)
    const halves = await publicMembersJsonList(filter, undefined, undefined, { partRows: 1 })
    expect(halves.total).toBe(NAMES.length)
    expect(halves.list.length).toBeGreaterThan(1)
    expect(Buffer.concat(halves.list).toString()).toBe(Buffer.concat(whole.list).toString())
    for (const size of [1, 2]) {
      expect(await rosterCsv(filter, 'excel', size)).toBe(csv)
      expect(await rosterCsv(filter, 'rfc', size)).toBe(await rosterCsv(filter, 'rfc', 1000))
      expect(await rosterJson(filter, 7, size)).toBe(json)
    }
    // a narrowing filter (found first, then ordered) pages the same way
    const searched = parseRosterFilter(new URLSearchParams({ region: region.code, q: 'абрамова' }))
    const found = await rosterJson(searched, 7, 1000)
    expect(await rosterJson(searched, 7, 1)).toBe(found)
    expect((JSON.parse(found) as { members: { fullName: string }[] }).members.map((m) => m.fullName)).toEqual(['абрамова Алла', 'Абрамова Вера', 'Абрамова Вера', 'Абрамова Вера'])
    const parsed = JSON.parse(json) as { version: number; total: number; members: { fullName: string }[] }
    expect(json).toBe(JSON.stringify({ version: 7, filters: { region: region.code }, total: parsed.members.length, members: parsed.members }))
    expect(parsed.members.map((m) => m.fullName)).toEqual(['абрамова Алла', 'Абрамова Вера', 'Абрамова Вера', 'Абрамова Вера', 'Ёлкина Анна', 'Елкина Анна', 'Яковлева Ольга'])
    expect(csv.startsWith('\uFEFFФИО;')).toBe(true)

    // members.sort_key follows the person's name (migration 0021)
    await db()`update people set last_name = 'Аардварк' where id = ${people[5]}`
    const renamed = JSON.parse(await rosterJson(filter, 8, 2)) as { members: { fullName: string }[] }
    expect(renamed.members[0].fullName).toBe('Аардварк Ольга')
    const [{ differ }] = await db()`
      select count(*)::int as differ from members m join people p on p.id = m.person_id
      where m.region_id = ${region.regionId} and (m.sort_key is distinct from p.sort_key
        or person_sort_key(p.last_name, p.first_name, p.middle_name) is distinct from p.sort_key)`
    expect(differ).toBe(0)
  })

  it('open data: a whole file built by the database is, byte for byte, the JSON of toPublic() for every consent', async () => {
    const region = await makeRegion()
    const sql = db()
    const [org] = await sql`insert into organisations (region_id, name) values (${region.regionId}, ${'Школа "№ 1" \\ Томск'}) returning id::int`
    const [dir] = await sql`insert into directions (region_id, code, name) values (${region.regionId}, 'd-json', 'Естественные "науки"') returning id::int`
    const [group] = await sql`insert into roster_groups (direction_id, code, name) values (${dir.id}, 'g-json', ${'Физика\tи химия \\ 2'}) returning id::int`
    const [order] = await sql`
      insert into orders (region_id, number, date, title, kind) values (${region.regionId}, '17-р', '2026-03-04', 'О составе', 'composition') returning id::int`
    const add = async (p: { last: string; first: string; middle?: string; position?: string; org?: boolean; subjects: string[]; fields: string[] }) => {
      const [person] = await sql`
        insert into people (region_id, municipality_id, organisation_id, last_name, first_name, middle_name, position, work_email, subjects)
        values (${region.regionId}, ${region.municipalities[0].id}, ${p.org ? org.id : null}, ${p.last}, ${p.first}, ${p.middle ?? ''},
                ${p.position ?? 'учитель'}, ${`${p.first}@school.test`}, ${p.subjects})
        returning id::int`
      const row = rowAfter('member', [])
      await sql`
        insert into members (region_id, roster_id, person_id, subjects, public, snapshot, state, machine_version, group_id, admitted_order_id)
        values (${region.regionId}, ${region.rosterId}, ${person.id}, ${p.subjects}, true, ${sql.json(row.snapshot as never)}, ${row.state},
                ${row.machineVersion}, ${group.id}, ${order.id})`
      await sql`insert into consents (person_id, purpose, text_version, fields) values (${person.id}, 'dissemination', 'dissemination-1', ${p.fields})`
    }
    await add({ last: 'Белова', first: 'Анна', middle: 'Петровна', org: true, subjects: ['Физика', 'Химия'], fields: [...publicFields] })
    await add({ last: 'Васина', first: 'Ольга', org: true, subjects: ['Физика'], fields: ['fullName'] })
    await add({ last: 'Гусева', first: 'Ира', position: '', subjects: [''], fields: ['fullName', 'workplace', 'position', 'subjects'] })
    await add({ last: 'Дай "кавычки" \\', first: 'Ли\u0001на', subjects: ['', 'Химия'], fields: ['fullName', 'subjects', 'group', 'order'] })
    await add({ last: 'Егорова', first: 'Мила', org: true, subjects: ['Физика'], fields: ['workplace', 'position'] })

    const filter = parseRosterFilter(new URLSearchParams({ region: region.code }))
    const byRows = await publicMembersAll(filter)
    const whole = await publicMembersJsonList(filter)
    expect(whole.total).toBe(4)
    const list = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(whole.list))
    expect(list).toBe(byRows.map(published).join(','))
    // built in parts: two halves at once on PostgreSQL, one member a part in turn on the embedded database
    const halves = await publicMembersJsonList(filter, undefined, undefined, { partRows: 1 })
    expect(halves.total).toBe(4)
    expect(halves.list.length).toBeGreaterThan(1)
    expect(Buffer.concat(halves.list).toString()).toBe(list)
    // every field of the whitelist appears somewhere, so each branch was compared
    const keys = new Set(byRows.flatMap((m) => Object.entries(m).filter(([, v]) => v !== null).map(([k]) => k)))
    expect([...keys].sort()).toEqual(Object.keys(byRows[0]).sort())
    const json = await rosterJson(filter, 7)
    expect(json).toBe(JSON.stringify({ version: 7, filters: { region: region.code }, total: 4, members: JSON.parse(`[${list}]`) }))
  })

  it('staff export: the same bytes in batches of 2 as in one, and each person read privately audited once', async () => {
    const region = await makeRegion()
    for (const [last, first] of NAMES) await addMember(region, last, first)
    const coordinator = await region.actor('regionalCoordinator')
    const req = { kind: 'members' as const, withPrivate: true }
    const whole = await exportCsv(coordinator, req, { batchRows: 1000 })
    const text = await streamText(whole.body)
    const batched = await exportCsv(coordinator, req, { batchRows: 2 })
    expect(batched.fileName).toBe(whole.fileName)
    expect(await streamText(batched.body)).toBe(text)
    expect(text.split('\r\n')).toHaveLength(NAMES.length + 2)
    const audits = await db()`select entity_id from audit_events where actor_user_id = ${coordinator.userId} and action = 'READ_PRIVATE'`
    // two exports, each person once per export
    expect(audits).toHaveLength(NAMES.length * 2)
  })

  it('a reader that stops reading stops the batches: only what was read is audited', async () => {
    const region = await makeRegion()
    for (const [last, first] of NAMES) await addMember(region, last, first)
    const coordinator = await region.actor('regionalCoordinator')
    const file = await exportCsv(coordinator, { kind: 'members', withPrivate: true }, { batchRows: 1 })
    const reader = file.body.getReader()
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toContain('ФИО;')
    await reader.cancel()
    const audits = await db()`select entity_id from audit_events where actor_user_id = ${coordinator.userId}`
    // the first batch was read before the answer began; nothing after the cancel
    expect(audits).toHaveLength(1)

    const stop = new AbortController()
    const aborted = await exportCsv(coordinator, { kind: 'members' }, { batchRows: 1, signal: stop.signal })
    const r = aborted.body.getReader()
    await r.read()
    stop.abort()
    expect((await r.read()).done).toBe(true)
  })
})
