import { inTransaction, type Db } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { insertPerson } from '../../db/queries/people.server'
import { listRegions, regionById } from '../../db/queries/regions.server'
import { grantRole, insertUser, userByLogin } from '../../db/queries/users.server'
import { AppError } from '../../workflows/errors'
import type { RegisterForm } from '~/model/inputs/register'
import { hashPassword } from '~/utils/password.server'
import { reserveRegistration } from '~/domain/throttle.server'
import { startEmailConfirmation } from '~/domain/account-links.server'

export class LoginTaken extends AppError {
  constructor() {
    super('LOGIN_TAKEN', 409, 'Учётная запись с этим адресом уже есть. Войдите или задайте новый пароль по ссылке «Забыли пароль?» на странице входа.')
  }
}

/** Regions a teacher can register in (the select of the registration form). */
export async function registrationRegions() {
  return (await listRegions()).map((r) => ({ id: r.id, name: r.name }))
}

/**
 * A teacher's own account: a person of the chosen region (public fields
 * only, nothing published without a later dissemination consent) and a user
 * with the applicant grant, in one transaction. Attempts are counted per
 * client address before the password is hashed (throws Throttled, 429): the
 * form answers whether a login exists and each try costs a password hash.
 * The account starts unconfirmed and a confirmation link is mailed
 * (app/domain/account-links.server.ts).
 */
export async function registerApplicant(form: RegisterForm, clientAddress: string, tx?: Db): Promise<number> {
  await reserveRegistration(clientAddress, tx)
  const passwordHash = await hashPassword(form.password)
  try {
    return await inTransaction(async (t) => {
      if (!(await regionById(form.regionId, t))) throw new AppError('NO_REGION', 422, 'Выберите регион из списка.')
      if (await userByLogin(form.login, t)) throw new LoginTaken()
      const personId = await insertPerson(
        {
          regionId: form.regionId,
          municipalityId: null,
          lastName: form.lastName,
          firstName: form.firstName,
          middleName: form.middleName,
          organisationId: null,
          position: '',
          workEmail: null,
          subjects: [],
        },
        {},
        t,
      )
      const displayName = [form.lastName, form.firstName, form.middleName].filter(Boolean).join(' ')
      const userId = await insertUser({ login: form.login, passwordHash, displayName, personId }, t)
      await grantRole(userId, { role: 'applicant' }, t)
      // anyone can type any address: until its owner follows the link, the account cannot submit an application
      await startEmailConfirmation(userId, t, form.redirectTo)
      await appendAudit({ actorUserId: userId, regionId: form.regionId, entity: 'user', entityId: userId, action: 'REGISTER' }, t)
      return userId
    }, tx)
  } catch (e) {
    // two registrations with the same address at once: the unique index decides
    if ((e as { code?: string }).code === '23505') throw new LoginTaken()
    throw e
  }
}
