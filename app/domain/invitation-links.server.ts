import { inTransaction, type Tx } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { commissionById, type Commission, type CommissionRole } from '../../db/queries/commissions.server'
import { invitationByHash, invitationByHashForUpdate, markInvitationAccepted, type Invitation } from '../../db/queries/invitations.server'
import { grantRole, insertUser, userByLogin } from '../../db/queries/users.server'
import { AppError } from '../../workflows/errors'
import { countLinkUse, hashToken, LinkInvalid, wellFormed } from '~/domain/account-links.server'
import { grantRoleOf, putOnCommission } from '~/domain/commission-admin.server'
import { invitationGrant, type AcceptInvitationForm } from '~/model/inputs/invitations'
import { roleLabels, type Role } from '~/model/permissions'
import { hashPassword } from '~/utils/password.server'

// The invitation's link, /invitations/<token> (issue 11 §1.3): what the page
// shows, and accepting it once. Like the self-service links
// (account-links.server.ts) every opening and use is counted per client
// address, and a link that cannot be used is one answer, whatever the reason.

const commissionRoleOf: Partial<Record<Role, CommissionRole>> = Object.fromEntries(
  Object.entries(grantRoleOf).map(([seat, role]) => [role, seat as CommissionRole]),
)

export type InvitationLink = {
  email: string
  displayName: string
  role: Role
  roleLabel: string
  regionName: string
  regionId: number
  scopeName: string | null
  expiresAt: Date
  /** Whether an account with this login exists (then the person signs in as it to accept). */
  accountExists: boolean
}

/** What the link's page shows, or null when the link cannot be used. Counts as a use of a link. */
export async function invitationForLink(token: string, clientAddress: string): Promise<InvitationLink | null> {
  await countLinkUse(clientAddress)
  if (!wellFormed(token)) return null
  const inv = await invitationByHash(hashToken(token))
  if (!inv || inv.state !== 'pending') return null
  const account = await userByLogin(inv.email)
  return {
    email: inv.email,
    displayName: inv.displayName,
    role: inv.role,
    roleLabel: roleLabels[inv.role],
    regionName: inv.regionName,
    regionId: inv.regionId,
    scopeName: inv.scopeName,
    expiresAt: inv.expiresAt,
    accountExists: account !== undefined,
  }
}

export class SignInRequired extends AppError {
  constructor(email: string) {
    super('SIGN_IN_REQUIRED', 403, `Приглашение адресовано учётной записи ${email}. Войдите в неё и откройте ссылку из письма ещё раз.`, { email })
  }
}

/**
 * Accepts the invitation, once. Without an account for the address, one is
 * made with the name and password from the form, its address confirmed (the
 * link proves it); with one, the person must be signed in as it. The grant
 * is added and, for a commission role, the seat on the commission. Returns
 * the account and whether it was made now (the caller signs the person in).
 */
export async function acceptInvitation(
  token: string,
  form: AcceptInvitationForm,
  who: { signedInUserId: number | null; clientAddress: string },
): Promise<{ userId: number; created: boolean }> {
  await countLinkUse(who.clientAddress)
  if (!wellFormed(token)) throw new LinkInvalid()
  // hashed before the transaction: the invitation row stays locked only briefly
  const passwordHash = form.intent === 'create' ? await hashPassword(form.password) : null
  try {
    return await inTransaction(async (t) => {
      const inv = await invitationByHashForUpdate(hashToken(token), t)
      if (!inv || inv.state !== 'pending') throw new LinkInvalid()
      const account = await userByLogin(inv.email, t)
      let userId: number
      if (account) {
        if (form.intent === 'create') throw new AppError('ACCOUNT_EXISTS', 409, `Учётная запись ${inv.email} уже есть. Войдите в неё и откройте ссылку из письма ещё раз.`)
        if (who.signedInUserId !== account.id) throw new SignInRequired(inv.email)
        if (!account.active) throw new AppError('USER_INACTIVE', 403, 'Учётная запись отключена. Обратитесь к координатору, который вас пригласил.')
        userId = account.id
      } else {
        if (form.intent !== 'create' || passwordHash === null) throw new AppError('ACCOUNT_MISSING', 422, 'Учётной записи с этим адресом ещё нет: укажите имя и пароль, чтобы её создать.')
        userId = await insertUser({ login: inv.email, passwordHash, displayName: form.displayName }, t)
        await appendAudit({ actorUserId: userId, regionId: inv.regionId, entity: 'user', entityId: userId, action: 'ACCOUNT_FROM_INVITATION', data: { invitationId: inv.id } }, t)
      }
      await grantTo(userId, inv, t)
      await markInvitationAccepted(inv.id, userId, t)
      await appendAudit({ actorUserId: userId, regionId: inv.regionId, entity: 'invitation', entityId: inv.id, action: 'INVITATION_ACCEPTED', data: { userId, created: !account } }, t)
      return { userId, created: !account }
    })
  } catch (e) {
    // an account made for the same address at the same moment: the unique login decides
    if ((e as { code?: string }).code === '23505') throw new AppError('ACCOUNT_EXISTS', 409, 'Учётная запись с этим адресом уже есть. Войдите в неё и откройте ссылку из письма ещё раз.')
    throw e
  }
}

async function grantTo(userId: number, inv: Invitation, t: Tx): Promise<void> {
  const seat = commissionRoleOf[inv.role]
  if (seat && inv.commissionId !== null) {
    const commission = (await commissionById(inv.commissionId, t)) as Commission
    // the composition page's own code: the seat, the grant and its audit
    await putOnCommission(userId, commission, userId, seat, undefined, t)
    return
  }
  await grantRole(userId, invitationGrant(inv), t)
}
