import { hashPassword } from '~/utils/password.server'
import { fileAppeal } from '../../app/domain/appeals.server'
import type { Sql } from '../client.server'
import { grantRole, grantsOf, insertUser, userByLogin } from '../queries/users.server'

// Demo data for appeals (issue 10 §5): the candidate the commission rejected
// in Tomsk's current campaign gets an account of her own and appeals; the
// appeal waits for a meeting, so secretary@demo.rma finds it on
// /commission/appeals and in the agenda picker of an open meeting.

export const DEMO_APPELLANT = 'appellant@demo.rma'

export async function seedDemoAppeals(sql: Sql, password: string): Promise<void> {
  if (await userByLogin(DEMO_APPELLANT, sql)) return
  await sql.begin(async (tx) => {
    const [app] = await tx<{ id: number; personId: number; name: string }[]>`
      select a.id::int, a.person_id::int as "personId", concat_ws(' ', p.last_name, p.first_name, nullif(p.middle_name, '')) as name
      from applications a join campaigns c on c.id = a.campaign_id join regions r on r.id = c.region_id join people p on p.id = a.person_id
      where r.code = 'tomsk' and c.state = 'open' and a.state = 'rejected' and a.applicant_user_id is null
      order by c.id desc, a.id limit 1`
    if (!app) return
    const userId = await insertUser({ login: DEMO_APPELLANT, passwordHash: await hashPassword(password), displayName: app.name, personId: app.personId }, tx)
    await grantRole(userId, { role: 'applicant' }, tx)
    await tx`update applications set applicant_user_id = ${userId} where id = ${app.id}`
    const actor = { userId, grants: await grantsOf(userId, tx) }
    await fileAppeal(
      actor,
      app.id,
      {
        body:
          'Прошу пересмотреть решение комиссии. При рассмотрении не учтены результаты моих учеников на региональной олимпиаде ' +
          'и программа курсов повышения квалификации, которую я веду для учителей района с 2023 года.',
      },
      [],
      new Date(),
      tx,
    )
  })
}
