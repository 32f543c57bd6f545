import { describe, expect, it } from 'vitest'
import { rowAfter } from '../../workflows/snapshot'
import { db } from '../client.server'
import { presets } from '../presets'
import { ensureOrganisation } from '../queries/organisations.server'
import { municipalitiesOf } from '../queries/regions.server'
import { insertMembers, insertMembersDirectly, seedMemberInsertTriggers, seedMemberReferences, type SeedColumns } from './demo.server'
import { installPreset } from './presets.server'

// The seed's bulk members (seed_50k_s): on a superuser's connection (always
// on the embedded database) a chunk skips the per-row foreign-key checks and
// triggers and does their work once per chunk. These tests hold it to what
// the plain statement, with every check and trigger, writes.

const tables = ['people', 'person_private', 'members', 'consents']

describe('seed members, direct path', () => {
  it('knows every foreign key and insert trigger of the tables a chunk writes', async () => {
    const sql = db()
    const keys = await sql<{ from: string; to: string; columns: number }[]>`
      select c.conrelid::regclass::text || '.' || a.attname as from, c.confrelid::regclass::text || '.' || fa.attname as to,
             cardinality(c.conkey) as columns
      from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
      where c.contype = 'f' and c.conrelid::regclass::text = any(${tables})`
    expect(keys.every((k) => k.columns === 1)).toBe(true)
    const sorted = (list: { from: string; to: string }[]) => list.map((k) => `${k.from} → ${k.to}`).sort()
    expect(sorted(keys)).toEqual(sorted(seedMemberReferences))

    // tgtype bit 4: fires on INSERT (pg_trigger.h); the foreign keys' own triggers are internal
    const triggers = await sql<{ name: string }[]>`
      select tgrelid::regclass::text || '.' || tgname as name from pg_trigger
      where not tgisinternal and tgtype & 4 <> 0 and tgrelid::regclass::text = any(${tables})`
    expect(triggers.map((t) => t.name).sort()).toEqual(Object.keys(seedMemberInsertTriggers).sort())
  })

  it('writes what the checked statement writes, and refuses a chunk that names a missing row', async () => {
    const sql = db()
    const region = await installPreset(presets[0], { code: 'seed-direct' })
    const [municipality] = await municipalitiesOf(region.regionId, sql)
    const organisation = await ensureOrganisation({ regionId: region.regionId, municipalityId: municipality.id, name: 'МАОУ «Школа прямой вставки»' }, sql)
    const [order] = await sql<{ id: number }[]>`
      insert into orders (region_id, number, date, title, kind) values (${region.regionId}, 'seed-direct-1', '2025-09-01', 'Состав', 'composition')
      returning id::int`
    const [group] = await sql<{ id: number; directionId: number }[]>`
      select g.id::int, g.direction_id::int as "directionId" from roster_groups g join directions d on d.id = g.direction_id
      where d.region_id = ${region.regionId} order by g.id limit 1`
    const memberRow = rowAfter('member', [])
    // Three members: one public, one whose dissemination consent is withdrawn, one who gave none.
    const chunk = (tag: string, o: { organisation?: number } = {}): SeedColumns => ({
      region: [region.regionId, region.regionId, region.regionId],
      roster: [region.rosterId, region.rosterId, region.rosterId],
      municipality: [municipality.id, municipality.id, municipality.id],
      lastName: ['Ёлкина', 'Петров', 'Сидорова'],
      firstName: ['Анна', 'Пётр', 'Ольга'],
      middleName: ['Сергеевна', 'Ильич', ''],
      organisation: [o.organisation ?? organisation, organisation, organisation],
      position: ['учитель математики', 'методист', 'воспитатель'],
      workEmail: [`a.${tag}@seed.test`, `b.${tag}@seed.test`, `c.${tag}@seed.test`],
      subjects: ['{"Математика"}', '{"Русский язык","Литература"}', '{}'],
      phone: ['+7 900 000-00-01', '+7 900 000-00-02', '+7 900 000-00-03'],
      birthDate: ['1980-01-02', '1975-03-04', '1990-05-06'],
      privateEmail: ['a@mail.test', 'b@mail.test', 'c@mail.test'],
      direction: [group.directionId, null, null],
      group: [group.id, null, null],
      order: [order.id, order.id, order.id],
      public: ['t', 'f', 'f'],
      fields: ['{fullName,position}', '{fullName}', null],
      withdrawn: ['f', 't', 'f'],
    })
    const written = (tag: string) => sql`
      select p.last_name, p.first_name, p.middle_name, p.municipality_id, p.organisation_id, p.position, p.subjects, p.sort_key,
             pp.phone, pp.birth_date::text, pp.private_email,
             m.region_id, m.roster_id, m.direction_id, m.group_id, m.subjects as member_subjects, m.admitted_order_id, m.term_ends_on::text,
             m.public, m.state, m.snapshot, m.machine_version, m.sort_key as member_sort_key, m.application_id, m.changed_order_id,
             (select json_agg(json_build_object('purpose', c.purpose, 'version', c.text_version, 'fields', c.fields, 'withdrawn', c.withdrawn_at)
                              order by c.id)
              from consents c where c.person_id = p.id) as consents
      from people p join person_private pp on pp.person_id = p.id join members m on m.person_id = p.id
      where p.work_email like ${`%.${tag}@seed.test`} order by p.id`
    const version = async () => (await sql<{ version: string }[]>`select version::text from roster_state`)[0].version

    await insertMembers(sql, chunk('checked'), memberRow)
    const before = await version()
    await insertMembersDirectly(sql, chunk('direct'), memberRow)
    expect(await version()).not.toBe(before)

    const checked = await written('checked')
    expect(checked).toHaveLength(3)
    expect(checked[0]).toMatchObject({ sort_key: 'елкина анна сергеевна', member_sort_key: 'елкина анна сергеевна', term_ends_on: '2028-09-01' })
    expect(await written('direct')).toEqual(checked)

    const [{ max }] = await sql<{ max: number }[]>`select max(id)::int as max from organisations`
    await expect(insertMembersDirectly(sql, chunk('missing', { organisation: max + 1000 }), memberRow)).rejects.toThrow(/people\.organisation_id .* organisations\.id/)
    expect(await written('missing')).toEqual([])
  })
})
