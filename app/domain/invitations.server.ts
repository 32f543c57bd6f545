import { inTransaction, type Db, type Tx } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import { commissionById, commissionsOfRegion } from '../../db/queries/commissions.server'
import {
  insertInvitation,
  invitationForUpdate,
  invitationsOfRegionPage,
  lockInvitationsOf,
  markInvitationRevoked,
  pendingInvitationFor,
  renewInvitationToken,
  type Invitation,
  type InvitationListRow,
  type InvitationState,
} from '../../db/queries/invitations.server'
import { enqueue } from '../../db/queries/outbox.server'
import { municipalitiesOf, regionById } from '../../db/queries/regions.server'
import { grantsOf, userByLogin } from '../../db/queries/users.server'
import { reserveLimits, Throttled, throttleKeys } from './throttle.server'
import { THROTTLE, throttleMessages } from '~/model/throttle'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import { hashToken, newToken } from '~/domain/account-links.server'
import { changeCommission, grantRoleOf } from '~/domain/commission-admin.server'
import type { CommissionAction } from '~/model/inputs/coordinator'
import { invitableRoles, invitationGrant } from '~/model/inputs/invitations'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { can, mayGrant, rolesGrantableBy, roleTable, type Actor, type Role } from '~/model/permissions'

// Staff invitations (issue 11 §1.3, §4.3). A holder of user:manage names an
// address, a role and its scope (checked by mayGrant and against the
// database); the letter carries a one-time link like the self-service links
// (app/domain/account-links.server.ts: 256 random bits, only the SHA-256
// stored, the same throttle per client address). Following it makes the
// account (the link proves the address) or uses the one the person is signed
// in as, and grants the role; a commission role also seats them on the
// commission, exactly as the composition page does.

export const INVITATION_VALID_MS = 7 * 24 * 60 * 60_000

export type { InvitationListRow, InvitationState }

export type InviteInput = {
  regionId: number
  role: Role
  municipalityId?: number | null
  commissionId?: number | null
  email: string
  displayName: string
}

export class InvitationPending extends AppError {
  constructor(email: string) {
    super(
      'INVITATION_PENDING',
      409,
      `На адрес ${email} уже отправлено приглашение с этой ролью, и оно ещё действует. Если письмо не дошло, нажмите «Отправить снова» в списке приглашений.`,
      { email },
    )
  }
}

async function sendLetter(inv: { id: number; regionId: number; role: Role; email: string; scopeName: string | null }, token: string, expiresAt: Date, t: Tx) {
  const existing = await userByLogin(inv.email, t)
  await enqueue(
    [
      {
        regionId: inv.regionId,
        template: 'invitation',
        to: { userId: existing?.id ?? null, email: inv.email, role: 'account' },
        entity: 'invitation',
        entityId: inv.id,
        payload: { token, role: inv.role, scope: inv.scopeName, expiresAt: expiresAt.toISOString() },
      },
    ],
    t,
  )
}

/**
 * Invites `email` to take the role in the region. Refused (nothing written):
 * a grant the actor may not give (FORBIDDEN), a municipality or commission
 * not of the region, an address that already holds the grant or has a
 * pending invitation for it. Returns the invitation's id.
 */
export async function inviteStaff(actor: Actor, input: InviteInput, tx?: Db): Promise<number> {
  const grant = invitationGrant(input)
  if (grant.municipalityId === null && roleTable[grant.role].scope === 'municipality') {
    throw new AppError('SCOPE_REQUIRED', 422, 'Выберите муниципалитет: роль действует в одном муниципалитете.', { fields: { municipalityId: 'Выберите муниципалитет' } })
  }
  if (grant.commissionId === null && roleTable[grant.role].scope === 'commission') {
    throw new AppError('SCOPE_REQUIRED', 422, 'Выберите комиссию: роль действует в одной комиссии.', { fields: { commissionId: 'Выберите комиссию' } })
  }
  if (!(invitableRoles as readonly Role[]).includes(grant.role) || !mayGrant(actor, grant)) throw new Forbidden('invitation.create')
  const email = input.email.trim().toLowerCase()
  // why: each invitation is a letter to any address; one for every municipality, or invite–revoke in a loop, flooded a mailbox
  await reserveLimits(
    [
      { key: throttleKeys.inviteEmail(email), rule: THROTTLE.inviteEmail },
      { key: throttleKeys.inviteActor(actor.userId), rule: THROTTLE.inviteActor },
    ],
    throttleMessages.invite,
    tx,
  )
  return inTransaction(async (t) => {
    const region = await regionById(input.regionId, t)
    if (!region) throw new NotFound('region', input.regionId)
    let scopeName: string | null = null
    if (grant.municipalityId !== null) {
      const m = (await municipalitiesOf(region.id, t)).find((x) => x.id === grant.municipalityId)
      if (!m) throw new AppError('MUNICIPALITY_NOT_FOUND', 422, 'Муниципалитет не найден среди муниципалитетов региона.', { fields: { municipalityId: 'Выберите муниципалитет из списка' } })
      scopeName = m.name
    }
    if (grant.commissionId !== null) {
      const c = await commissionById(grant.commissionId, t)
      if (!c || c.regionId !== region.id) throw new AppError('COMMISSION_NOT_FOUND', 422, 'Комиссия не найдена среди комиссий региона.', { fields: { commissionId: 'Выберите комиссию из списка' } })
      scopeName = c.name
    }
    await lockInvitationsOf(email, t)
    const existing = await userByLogin(email, t)
    if (existing) {
      const held = await grantsOf(existing.id, t)
      if (held.some((g) => g.role === grant.role && g.regionId === grant.regionId && g.municipalityId === grant.municipalityId && g.commissionId === grant.commissionId)) {
        throw new AppError('ALREADY_GRANTED', 409, `У учётной записи ${email} уже есть эта роль.`, { email })
      }
    }
    if (await pendingInvitationFor({ email, ...grant, regionId: region.id }, t)) throw new InvitationPending(email)
    const token = newToken()
    const id = await insertInvitation(
      { ...grant, regionId: region.id, email, displayName: input.displayName.trim(), tokenHash: hashToken(token), invitedBy: actor.userId, validForMs: INVITATION_VALID_MS },
      t,
    )
    const [{ expiresAt }] = await t<{ expiresAt: Date }[]>`select expires_at as "expiresAt" from invitations where id = ${id}`
    await sendLetter({ id, regionId: region.id, role: grant.role, email, scopeName }, token, expiresAt, t)
    await appendAudit(
      { actorUserId: actor.userId, regionId: region.id, entity: 'invitation', entityId: id, action: 'INVITATION_SENT', data: { email, role: grant.role, municipalityId: grant.municipalityId, commissionId: grant.commissionId } },
      t,
    )
    return id
  }, tx)
}

/** An invitation the actor may act on (the same power that could have made it), locked. */
async function managedInvitation(actor: Actor, id: number, what: string, t: Tx): Promise<Invitation> {
  const inv = await invitationForUpdate(id, t)
  if (!inv || !can(actor, 'user:manage', { regionId: inv.regionId })) throw new NotFound('invitation', id)
  if (!mayGrant(actor, invitationGrant(inv))) throw new Forbidden(what)
  return inv
}

const closedMessage = (inv: Invitation) =>
  inv.state === 'accepted' ? 'Приглашение уже принято.' : inv.state === 'revoked' ? 'Приглашение отозвано.' : 'Приглашение уже закрыто.'

/** Revokes a pending (or expired) invitation: its link stops working. */
export async function revokeInvitation(actor: Actor, id: number): Promise<void> {
  await inTransaction(async (t) => {
    const inv = await managedInvitation(actor, id, 'invitation.revoke', t)
    if (inv.state === 'accepted' || inv.state === 'revoked') throw new AppError('INVITATION_CLOSED', 409, closedMessage(inv))
    await markInvitationRevoked(inv.id, t)
    await appendAudit({ actorUserId: actor.userId, regionId: inv.regionId, entity: 'invitation', entityId: inv.id, action: 'INVITATION_REVOKED', data: { email: inv.email } }, t)
  })
}

// A resend is a letter to an address someone typed: not a way to flood it.
const RESEND_INTERVAL_S = 60
const RESENDS_MAX = 5

/** A new letter with a new link (the earlier link stops working), valid 7 days from now; the resend is counted. */
export async function resendInvitation(actor: Actor, id: number): Promise<void> {
  await inTransaction(async (t) => {
    const inv = await managedInvitation(actor, id, 'invitation.resend', t)
    if (inv.state === 'accepted' || inv.state === 'revoked') throw new AppError('INVITATION_CLOSED', 409, closedMessage(inv))
    if (inv.resentCount >= RESENDS_MAX) {
      throw new AppError('RESEND_LIMIT', 409, `Приглашение уже отправлено повторно ${RESENDS_MAX} раз. Отзовите его и пригласите человека заново, проверив адрес.`)
    }
    const waited = (Date.now() - new Date(inv.lastSentAt).getTime()) / 1000
    if (waited < RESEND_INTERVAL_S) {
      throw new Throttled('Письмо с приглашением отправлено меньше минуты назад. Отправить его снова можно через минуту.', Math.ceil(RESEND_INTERVAL_S - waited))
    }
    const token = newToken()
    await renewInvitationToken(inv.id, hashToken(token), INVITATION_VALID_MS, t)
    const [{ expiresAt }] = await t<{ expiresAt: Date }[]>`select expires_at as "expiresAt" from invitations where id = ${inv.id}`
    await sendLetter(inv, token, expiresAt, t)
    await appendAudit({ actorUserId: actor.userId, regionId: inv.regionId, entity: 'invitation', entityId: inv.id, action: 'INVITATION_RESENT', data: { email: inv.email, resent: inv.resentCount + 1 } }, t)
  })
}

export type InvitationsPage = {
  invitations: Page<InvitationListRow>
  /** What the invitation form offers: the roles the actor may give here, and the scopes of the region. */
  roles: Role[]
  municipalities: { id: number; name: string }[]
  commissions: { id: number; name: string }[]
}

/** The region's invitations a page at a time (newest first), optionally of one state, with what the form offers. */
export async function invitationsPage(
  actor: Actor,
  regionId: number,
  opts: { state?: InvitationState | null; after?: Cursor | null; from?: number } = {},
): Promise<InvitationsPage> {
  if (!can(actor, 'user:manage', { regionId })) throw new Forbidden('invitation.list')
  const [found, municipalities, commissions] = await Promise.all([
    invitationsOfRegionPage(regionId, { state: opts.state ?? null, after: opts.after ?? null, limit: PAGE_SIZE }),
    municipalitiesOf(regionId),
    commissionsOfRegion(regionId),
  ])
  return {
    invitations: toPage(found.rows, PAGE_SIZE, opts.from ?? 1, found.total, (r) => r.id),
    roles: rolesGrantableBy(actor, regionId),
    municipalities: municipalities.map((m) => ({ id: m.id, name: m.name })),
    commissions: commissions.map((c) => ({ id: c.id, name: c.name })),
  }
}

export { acceptInvitation, invitationForLink, SignInRequired, type InvitationLink } from '~/domain/invitation-links.server'

// ---------------------------------------------------------------------------
// The composition page (§4.3)

/**
 * The coordinator's commission page: adding a member by an address that has
 * no account sends an invitation for that commission role instead of failing.
 * Every other change is the page's own (changeCommission).
 */
export async function changeCommissionOrInvite(actor: Actor, commissionId: number, a: CommissionAction): Promise<{ invited: boolean }> {
  if (a.intent === 'add' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.login.trim()) && !(await userByLogin(a.login))) {
    const commission = await commissionById(commissionId)
    if (!commission) throw new NotFound('commission', commissionId)
    if (!can(actor, 'commission:manage', { regionId: commission.regionId, campaignMunicipalityId: commission.municipalityId })) throw new Forbidden('commission.manage')
    // a municipal coordinator seats existing accounts; inviting a new person is the region's (user:manage)
    if (!mayGrant(actor, { role: grantRoleOf[a.role], regionId: commission.regionId, municipalityId: null, commissionId: commission.id })) {
      const message = `Учётной записи с адресом ${a.login.trim()} в реестре нет. Пригласить нового человека может региональный координатор; после того как он примет приглашение, добавьте его в комиссию.`
      throw new AppError('NO_ACCOUNT', 409, message, { fields: { login: 'Учётной записи с таким адресом нет' } })
    }
    await inviteStaff(actor, {
      regionId: commission.regionId,
      role: grantRoleOf[a.role],
      commissionId: commission.id,
      email: a.login,
      displayName: a.displayName ?? a.login.trim().toLowerCase(),
    })
    return { invited: true }
  }
  await changeCommission(actor, commissionId, a)
  return { invited: false }
}
