import { PGlite } from '@electric-sql/pglite'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { changeRegionTimeZone } from '../app/domain/region-settings.server'
import { grantRole, grantsOf, insertUser } from './queries/users.server'
import { makeRegion } from '../test/fixtures'
import { db } from './client.server'
import { loadMigrations } from './migrate.server'
import { rosterState } from './queries/roster-state.server'
import { regionById } from './queries/regions.server'

describe('regions.time_zone', () => {
  // why: a fresh embedded database and every migration before 0009: slow on a busy machine.
  it('migration 0009 gives the preset regions their zone by code and keeps any other region on Moscow time', { timeout: 180_000 }, async () => {
    // A scratch database at the schema before 0009, with regions in it.
    const pg = new PGlite()
    try {
      const all = await loadMigrations()
      for (const m of all.filter((m) => m.version < 9)) await pg.exec(m.sql)
      await pg.exec(`insert into regions (code, name) values
        ('tomsk', 'Т'), ('chelyabinsk', 'Ч'), ('khabarovsk', 'Х'), ('yugra', 'Ю'), ('other', 'Д')`)
      await pg.exec(all.find((m) => m.version === 9)!.sql)
      const { rows } = await pg.query<{ code: string; time_zone: string }>('select code, time_zone from regions order by code')
      expect(Object.fromEntries(rows.map((r) => [r.code, r.time_zone]))).toEqual({
        chelyabinsk: 'Asia/Yekaterinburg',
        khabarovsk: 'Asia/Vladivostok',
        other: 'Europe/Moscow',
        tomsk: 'Asia/Tomsk',
        yugra: 'Asia/Yekaterinburg',
      })
    } finally {
      await pg.close()
    }
  })

  it('a preset installs its zone; the table refuses names PostgreSQL does not know and POSIX offsets', async () => {
    const region = await makeRegion('khabarovsk')
    expect((await regionById(region.regionId))!.timeZone).toBe('Asia/Vladivostok')
    for (const bad of ['Asia/Nowhere', 'UTC+5', '+05', '']) {
      await expect(db()`update regions set time_zone = ${bad} where id = ${region.regionId}`, bad).rejects.toThrow()
    }
    await expect(db()`update regions set time_zone = null where id = ${region.regionId}`).rejects.toThrow()
    expect((await regionById(region.regionId))!.timeZone).toBe('Asia/Vladivostok')
  })

  it('an administrator (or the region’s coordinator) changes a region’s zone: validated in Russian, audited, and the public pages’ version moves', async () => {
    const region = await makeRegion('yugra')
    const adminId = await insertUser({ login: `admin.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: 'admin' })
    await grantRole(adminId, { role: 'admin' })
    const admin = { userId: adminId, grants: await grantsOf(adminId) }
    // The zone is a region setting (issue 11 §2.3): the region's own coordinator may change it, another region's may not.
    const coordinator = await (await makeRegion()).actor('regionalCoordinator')

    await expect(changeRegionTimeZone(admin, region.regionId, 'Asia/Nowhere')).rejects.toMatchObject({
      code: 'INVALID_TIME_ZONE',
      status: 422,
      message: expect.stringContaining('часовой пояс'),
    })
    await expect(changeRegionTimeZone(coordinator, region.regionId, 'Asia/Omsk')).rejects.toMatchObject({ status: 403 })
    await expect(changeRegionTimeZone(admin, 999_999_999, 'Asia/Omsk')).rejects.toMatchObject({ code: 'REGION_NOT_FOUND' })

    const before = await rosterState()
    await changeRegionTimeZone(admin, region.regionId, ' Asia/Omsk ')
    expect((await regionById(region.regionId))!.timeZone).toBe('Asia/Omsk')
    const after = await rosterState()
    expect(after.version).toBeGreaterThan(before.version)
    expect(after.timeZones).toContain('Asia/Omsk')
    const [audit] = await db()<{ action: string; data: unknown }[]>`
      select action, data from audit_events where entity = 'region' and entity_id = ${region.regionId} order by id desc limit 1`
    expect(audit).toEqual({ action: 'TIME_ZONE', data: { from: 'Asia/Yekaterinburg', to: 'Asia/Omsk' } })
  })
})
