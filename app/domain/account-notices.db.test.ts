import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { grantRole, insertUser } from '../../db/queries/users.server'
import { makeRegion } from '../../test/fixtures'
import { deliverBySmtp, outboxRows } from '../../test/support/mail'
import { changeCommission } from './commission-admin.server'
import { addGrant, removeGrant, setAccountActive } from './people-admin.server'

// A person whose roles or access the region's coordinator (or an
// administrator) changes is told what changed, what they may do now, and
// where to sign in; nothing is written when the change is refused.

type Region = Awaited<ReturnType<typeof makeRegion>>

/** A staff account of the region holding one municipal role, with its e-mail. */
async function staff(region: Region) {
  const login = `staff.${randomUUID()}@school.test`
  const userId = await insertUser({ login, passwordHash: 'x', displayName: 'Сотрудник' })
  await grantRole(userId, { role: 'municipalCoordinator', regionId: region.regionId, municipalityId: region.municipalities[0].id, commissionId: null })
  return { userId, login }
}

const grantIdOf = async (userId: number, role: string) =>
  (await db()<{ id: number }[]>`select id::int from role_grants where user_id = ${userId} and role = ${role} order by id limit 1`)[0].id

describe('letters on role grants and on switching an account off and on', () => {
  it('a granted role names the role, where it applies and what it allows, with a sign-in link; a taken one says it ended', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const person = await staff(region)
    await addGrant(coordinator, region.regionId, person.userId, { intent: 'grant', role: 'ministryOfficer', municipalityId: undefined, commissionId: undefined })
    const granted = await outboxRows('roleGranted', person.login)
    expect(granted).toHaveLength(1)
    const [text] = await deliverBySmtp(granted)
    expect(text).toContain('Вам назначена роль в реестре методического актива — Томская область.')
    expect(text).toContain('Роль: Представитель министерства')
    expect(text).toContain('Что теперь можно делать: согласовывать список кандидатов')
    expect(text).toContain('Войти в реестр: http://rma.test/login')
    expect(text).not.toMatch(/ministryOfficer|approval:decide/)

    await removeGrant(coordinator, region.regionId, person.userId, await grantIdOf(person.userId, 'ministryOfficer'))
    const revoked = await outboxRows('roleRevoked', person.login)
    expect(revoked).toHaveLength(1)
    const [gone] = await deliverBySmtp(revoked)
    expect(gone).toContain('С вас снята роль «Представитель министерства» в реестре методического актива — Томская область.')
    expect(gone).toContain('другие ваши роли и личный кабинет сохраняются')

    // a refused grant (the same role again) writes nothing
    await addGrant(coordinator, region.regionId, person.userId, { intent: 'grant', role: 'municipalCoordinator', municipalityId: region.municipalities[1].id, commissionId: undefined })
    await expect(
      addGrant(coordinator, region.regionId, person.userId, { intent: 'grant', role: 'municipalCoordinator', municipalityId: region.municipalities[1].id, commissionId: undefined }),
    ).rejects.toMatchObject({ code: 'GRANT_EXISTS' })
    const rows = await outboxRows('roleGranted', person.login)
    expect(rows).toHaveLength(2)
    const [municipal] = await deliverBySmtp([rows[1]])
    expect(municipal).toContain(`Где: ${region.municipalities[1].name}`)
  })

  it('a seat on the commission, by the people page or the commission page, is a role granted; leaving it is one taken', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const person = await staff(region)
    const [{ name: commission }] = await db()<{ name: string }[]>`select name from commissions where id = ${region.commissionId}`
    await changeCommission(coordinator, region.commissionId, { intent: 'add', commissionId: region.commissionId, login: person.login, role: 'secretary' })
    const [seat] = await deliverBySmtp(await outboxRows('roleGranted', person.login))
    expect(seat).toContain('Роль: Секретарь комиссии')
    expect(seat).toContain(`Где: ${commission}`)
    expect(seat).toContain('проверять заявления кандидатов')

    const [{ id: memberId }] = await db()<{ id: number }[]>`select id::int from commission_members where commission_id = ${region.commissionId} and user_id = ${person.userId}`
    await changeCommission(coordinator, region.commissionId, { intent: 'deactivate', commissionId: region.commissionId, memberId })
    const [left] = await deliverBySmtp(await outboxRows('roleRevoked', person.login))
    expect(left).toContain(`С вас снята роль «Секретарь комиссии» (${commission})`)
  })

  it('switched off: the letter says access ended; switched on: it says so with a sign-in link', async () => {
    const region = await makeRegion()
    const coordinator = await region.actor('regionalCoordinator')
    const person = await staff(region)
    await setAccountActive(coordinator, region.regionId, person.userId, false)
    const off = await outboxRows('accountDeactivated', person.login)
    expect(off).toHaveLength(1)
    const [offText] = await deliverBySmtp(off)
    expect(offText).toContain(`Ваша учётная запись ${person.login} в реестре методического актива — Томская область отключена.`)
    expect(offText).toContain('войти в реестр больше нельзя')
    expect(offText).not.toContain('/login')

    // switching off what is already off changes nothing and writes nothing
    await setAccountActive(coordinator, region.regionId, person.userId, false)
    expect(await outboxRows('accountDeactivated', person.login)).toHaveLength(1)

    await setAccountActive(coordinator, region.regionId, person.userId, true)
    const on = await outboxRows('accountReactivated', person.login)
    expect(on).toHaveLength(1)
    const [onText] = await deliverBySmtp(on)
    expect(onText).toContain('снова включена')
    expect(onText).toContain('Войти в реестр: http://rma.test/login')
  })
})
