import { randomUUID } from 'node:crypto'
import { describe, expect, inject, it } from 'vitest'
import { makeRegion } from '../test/fixtures'
import { rowAfter } from '../workflows/snapshot'
import { connect, db, disconnect } from './client.server'
import { migrate } from './migrate.server'
import { accountsOfRegionPage } from './queries/role-grants.server'
import { directionNamed, groupNamed } from './queries/directions.server'
import { memberPageOfRegion, insertMember } from './queries/members.server'
import { municipalityNamed } from './queries/municipalities.server'
import { insertPerson } from './queries/people.server'
import { regionByName } from './queries/regions.server'
import { grantRole, insertUser } from './queries/users.server'

// Names are matched whatever their case, and Cyrillic is Cyrillic on any
// server: PostgreSQL's lower() folds only ASCII where the database's
// LC_CTYPE is C (initdb's default in many containers), so the app folds
// Russian letters itself (ru_lower, migration 0036).

async function namesMatchWhateverTheCase() {
  const region = await makeRegion('tomsk')
  const found = await regionByName('  ТОМСКАЯ   область ')
  expect(found?.name).toBe('Томская область')

  const [municipality] = region.municipalities
  expect(await municipalityNamed(region.regionId, municipality.name.toUpperCase(), null)).toBe(municipality.id)
  expect(await municipalityNamed(region.regionId, municipality.name.toLowerCase(), municipality.id)).toBeUndefined()

  const [direction] = await db()<{ id: number; name: string }[]>`select id::int, name from directions where region_id = ${region.regionId} order by id limit 1`
  expect(await directionNamed(region.regionId, direction.name.toUpperCase(), null)).toBe(true)
  const [group] = await db()<{ name: string }[]>`select name from roster_groups where direction_id = ${direction.id} order by id limit 1`
  if (group) expect(await groupNamed(direction.id, group.name.toLowerCase(), null)).toBe(true)

  // the searches: a name typed in lower case finds the capitalised one, «е» finds «ё»
  const personId = await insertPerson({ regionId: region.regionId, municipalityId: municipality.id, lastName: 'Семёнова', firstName: 'Дарья', middleName: 'Юрьевна', organisationId: null, position: '', workEmail: null, subjects: [] })
  const row = rowAfter('member', [])
  await insertMember({ regionId: region.regionId, rosterId: region.rosterId, personId, applicationId: null, directionId: null, groupId: null, subjects: [], admittedOrderId: null, termEndsOn: null, public: false, snapshot: row.snapshot, state: row.state, machineVersion: row.machineVersion })
  const members = await memberPageOfRegion(region.regionId, { q: 'семенова дарья', after: null, limit: 10 })
  expect(members.map((m) => m.sortKey)).toEqual(['семенова дарья юрьевна'])
  const [person] = await db()<{ sortKey: string }[]>`select sort_key as "sortKey" from people where id = ${personId}`
  expect(person.sortKey).toBe('семенова дарья юрьевна')

  const userId = await insertUser({ login: `clerk.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: 'Ёлкина Ирина' })
  await grantRole(userId, { role: 'regionalCoordinator', regionId: region.regionId })
  const accounts = await accountsOfRegionPage(region.regionId, { q: 'елкина', role: null, after: null, limit: 10 })
  expect(accounts.map((a) => a.id)).toEqual([userId])
}

describe('names matched whatever their case', () => {
  it('on this database', namesMatchWhateverTheCase)

  it('folds Russian letters even where lower() does not (collation "C")', async () => {
    const [r] = await db()<{ plain: string; folded: string }[]>`
      select lower('ТОМСКАЯ Ёлка' collate "C") as plain, ru_lower('ТОМСКАЯ Ёлка' collate "C") as folded`
    expect(r.folded).toBe('томская ёлка')
  })

  // why: only a PostgreSQL server can make a database with LC_CTYPE=C for the suite to run on
  it.runIf(inject('dbEngine') === 'postgres')('on a PostgreSQL database made with LC_CTYPE=C', { timeout: 120_000 }, async () => {
    const here = new URL(inject('dbTargets').find((t) => t.kind === 'url')!.url)
    const name = `${here.pathname.slice(1)}_ctype_c`
    await db().unsafe(`drop database if exists ${name}`)
    await db().unsafe(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`)
    const target = new URL(here)
    target.pathname = `/${name}`
    await disconnect()
    try {
      connect({ kind: 'url', url: target.toString(), max: 2 })
      await migrate(db())
      const [c] = await db()<{ ctype: string }[]>`select datctype as ctype from pg_database where datname = current_database()`
      expect(c.ctype).toBe('C')
      await namesMatchWhateverTheCase()
    } finally {
      await disconnect()
      connect({ kind: 'url', url: here.toString(), max: 10 })
      await db().unsafe(`drop database if exists ${name} with (force)`)
    }
  })
})
