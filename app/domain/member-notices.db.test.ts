import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { makeRegion } from '../../test/fixtures'
import { deliverBySmtp, outboxRows } from '../../test/support/mail'
import { rowAfter } from '../../workflows/snapshot'
import { changeMember } from './roster-admin.server'

// A member whose membership is suspended or reinstated by the coordinator's
// order is told so, as an excluded member is: the order, the ground by the
// region's list and the coordinator's comment.

type Region = Awaited<ReturnType<typeof makeRegion>>

async function member(region: Region, email: string) {
  const sql = db()
  const [person] = await sql`
    insert into people (region_id, municipality_id, last_name, first_name, middle_name, position, work_email)
    values (${region.regionId}, ${region.municipalities[0].id}, 'Приостанова', 'Ирина', 'Львовна', 'учитель', ${email}) returning id::int`
  const row = rowAfter('member', [])
  const [m] = await sql`
    insert into members (region_id, roster_id, person_id, public, snapshot, state, machine_version)
    values (${region.regionId}, ${region.rosterId}, ${person.id}, false, ${sql.json(row.snapshot as never)}, ${row.state}, ${row.machineVersion})
    returning id::int`
  return m.id as number
}

/** A member of a new region, their e-mail, and that region's coordinator who changes them. */
async function memberOfNewRegion() {
  const region = await makeRegion()
  const email = `member.${randomUUID()}@test.rma`
  return { coordinator: await region.actor('regionalCoordinator'), email, id: await member(region, email) }
}

describe('letters on a suspension and a reinstatement', () => {
  it('the member is told of the suspension with the order, the ground and the comment, then of the reinstatement', async () => {
    const { coordinator, email, id } = await memberOfNewRegion()
    const n1 = `С-${randomUUID().slice(0, 6)}`
    await changeMember(coordinator, id, {
      event: 'SUSPEND',
      rowVersion: undefined,
      ground: 'ownRequest',
      reason: 'На время длительной командировки',
      order: { kind: 'new', number: n1, date: '2026-03-02', title: 'О приостановлении' },
    })
    const suspended = await outboxRows('suspended', email)
    expect(suspended).toHaveLength(1)
    const [text] = await deliverBySmtp(suspended)
    expect(text).toContain(`Ваше членство в методическом активе (Томская область) приостановлено приказом № ${n1} от 02.03.2026.`)
    expect(text).toContain('Основание: «По собственному желанию».')
    expect(text).toContain('> На время длительной командировки')
    expect(text).toContain('сведения о вас не показываются на публичной странице реестра')
    expect(text).toContain('http://rma.test/dashboard')
    expect(text).not.toMatch(/SUSPEND|suspended|ownRequest/)

    const n2 = `В-${randomUUID().slice(0, 6)}`
    await changeMember(coordinator, id, { event: 'RESUME', rowVersion: undefined, ground: null, reason: null, order: { kind: 'new', number: n2, date: '2026-04-01', title: 'О возобновлении' } })
    const resumed = await outboxRows('resumed', email)
    expect(resumed).toHaveLength(1)
    const [back] = await deliverBySmtp(resumed)
    expect(back).toContain(`Ваше членство в методическом активе (Томская область) возобновлено приказом № ${n2} от 01.04.2026.`)
    expect(back).not.toContain('Основание')
    expect(back).not.toContain('Комментарий')
    expect(back).not.toMatch(/RESUME|resumed|active/)
  })

  it('an excluded member is told the order that excluded them', async () => {
    const { coordinator, email, id } = await memberOfNewRegion()
    const n = `И-${randomUUID().slice(0, 6)}`
    await changeMember(coordinator, id, { event: 'EXCLUDE', rowVersion: undefined, ground: 'ownRequest', reason: null, order: { kind: 'new', number: n, date: '2026-05-12', title: 'Об исключении' } })
    const [text] = await deliverBySmtp(await outboxRows('excluded', email))
    expect(text).toContain(`Вы исключены из методического актива (Томская область) приказом № ${n}.`)
  })
})
