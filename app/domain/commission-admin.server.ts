import { inTransaction, type Tx } from '../../db/client.server'
import { appendAudit } from '../../db/queries/audit.server'
import {
  commissionById,
  commissionMemberByUser,
  commissionMemberForUpdate,
  commissionCompositionOf,
  commissionsOfRegion,
  updateCommissionMember,
  upsertCommissionMember,
  type Commission,
  type CommissionMemberRow,
  type CommissionRole,
} from '../../db/queries/commissions.server'
import { organisationById, organisationsOfRegion, type OrganisationOption } from '../../db/queries/organisations.server'
import { grantRole, organisationOfUser, revokeRole, userByLogin } from '../../db/queries/users.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import type { CommissionAction } from '~/model/inputs/coordinator'
import { can, type Actor, type Role } from '~/model/permissions'
import { tellAccount } from './account-notices.server'

// The commission's composition (PRODUCT §2): each member is a user account
// with a role in the commission, an organisation (automatic recusal uses it)
// and a role grant scoped to the commission, kept in step with the row.

export const grantRoleOf: Record<CommissionRole, Role> = { chair: 'chair', secretary: 'secretary', member: 'commissionMember' }

export type CommissionPage = {
  commissions: Commission[]
  commission: Commission | null
  members: CommissionMemberRow[]
  organisations: OrganisationOption[]
}

/** `municipalityId`: a municipality's own commissions only (issue 10 §6); null: every commission of the region. */
export async function commissionPage(actor: Actor, regionId: number, commissionId: number | null, municipalityId: number | null = null): Promise<CommissionPage> {
  if (!can(actor, 'commission:manage', { regionId, campaignMunicipalityId: municipalityId })) throw new Forbidden('commission.read')
  const [all, organisations] = await Promise.all([commissionsOfRegion(regionId), organisationsOfRegion(regionId)])
  const commissions = municipalityId === null ? all : all.filter((c) => c.municipalityId === municipalityId)
  const commission = commissionId === null ? (commissions[0] ?? null) : (commissions.find((c) => c.id === commissionId) ?? null)
  if (commissionId !== null && !commission) throw new NotFound('commission', commissionId)
  return { commissions, commission, members: commission ? await commissionCompositionOf(commission.id) : [], organisations }
}

async function organisationOfRegion(regionId: number, id: number | undefined, t: Tx): Promise<number | null | undefined> {
  if (id === undefined) return undefined
  const org = await organisationById(id, t)
  if (!org || org.regionId !== regionId) throw new AppError('ORGANISATION_NOT_FOUND', 422, 'Организация не найдена в справочнике региона.', { id })
  return org.id
}

async function memberOf(commission: Commission, memberId: number, t: Tx): Promise<CommissionMemberRow> {
  const m = await commissionMemberForUpdate(memberId, t)
  if (!m || m.commissionId !== commission.id) throw new NotFound('commissionMember', memberId)
  return m
}

const scopeOf = (c: Commission) => ({ regionId: c.regionId, commissionId: c.id })

/** Add, change the role or organisation of, or deactivate a member; the role grant follows in the same transaction. */
export async function changeCommission(actor: Actor, commissionId: number, a: CommissionAction): Promise<number> {
  const commission = await commissionById(commissionId)
  if (!commission) throw new NotFound('commission', commissionId)
  if (!can(actor, 'commission:manage', { regionId: commission.regionId, campaignMunicipalityId: commission.municipalityId })) throw new Forbidden('commission.manage')
  return inTransaction(async (t) => {
    const audit = (action: string, data: Record<string, unknown>) =>
      appendAudit({ actorUserId: actor.userId, regionId: commission.regionId, entity: 'commission', entityId: commission.id, action, data }, t)
    switch (a.intent) {
      case 'add': {
        const user = await userByLogin(a.login, t)
        if (!user) throw new AppError('USER_NOT_FOUND', 422, 'Пользователь с таким логином не найден. Укажите адрес электронной почты: если учётной записи с ним нет, на него уйдёт приглашение.', { login: a.login })
        if (!user.active) throw new AppError('USER_INACTIVE', 422, 'Учётная запись пользователя отключена.', { login: a.login })
        const chosen = await organisationOfRegion(commission.regionId, a.organisationId, t)
        const id = await putOnCommission(actor.userId, commission, user.id, a.role, chosen, t)
        await tellAccount(user, commission.regionId, { template: 'roleGranted', role: grantRoleOf[a.role], scope: commission.name }, t)
        return id
      }
      case 'role': {
        const m = await memberOf(commission, a.memberId, t)
        if (!m.active) throw new AppError('MEMBER_INACTIVE', 409, 'Член комиссии выведен из состава; добавьте его заново.')
        if (m.role === a.role) return m.id
        await updateCommissionMember(m.id, { role: a.role }, t)
        await revokeRole(m.userId, { role: grantRoleOf[m.role], ...scopeOf(commission) }, t)
        await grantRole(m.userId, { role: grantRoleOf[a.role], ...scopeOf(commission) }, t)
        await audit('MEMBER_ROLE', { memberId: m.id, userId: m.userId, from: m.role, to: a.role })
        await tellAccount({ id: m.userId, login: m.login }, commission.regionId, { template: 'roleGranted', role: grantRoleOf[a.role], scope: commission.name }, t)
        return m.id
      }
      case 'organisation': {
        const m = await memberOf(commission, a.memberId, t)
        const organisationId = (await organisationOfRegion(commission.regionId, a.organisationId, t)) ?? null
        await updateCommissionMember(m.id, { organisationId }, t)
        await audit('MEMBER_ORGANISATION', { memberId: m.id, userId: m.userId, from: m.organisationId, to: organisationId })
        return m.id
      }
      case 'deactivate': {
        const m = await memberOf(commission, a.memberId, t)
        if (m.active) await tellAccount({ id: m.userId, login: m.login }, commission.regionId, { template: 'roleRevoked', role: grantRoleOf[m.role], scope: commission.name }, t)
        return takeOffCommission(actor.userId, commission, m, t)
      }
    }
  })
}

// The two halves of a membership change that the people page (app/domain/people-admin.server.ts) shares with
// this screen: a commission role is a membership row and its grant, changed together. The callers check the right to act.

/** Puts the account on the commission with `role` (or changes its role there); `organisationId` undefined: the one of the account's profile. */
export async function putOnCommission(actorUserId: number, commission: Commission, userId: number, role: CommissionRole, organisationId: number | null | undefined, t: Tx): Promise<number> {
  const orgId = organisationId === undefined ? await organisationOfUser(userId, t) : organisationId
  const r = await upsertCommissionMember({ commissionId: commission.id, userId, role, organisationId: orgId }, t)
  if (r.wasActive && r.previousRole && r.previousRole !== role) await revokeRole(userId, { role: grantRoleOf[r.previousRole], ...scopeOf(commission) }, t)
  await grantRole(userId, { role: grantRoleOf[role], ...scopeOf(commission) }, t)
  await appendAudit(
    { actorUserId, regionId: commission.regionId, entity: 'commission', entityId: commission.id, action: 'MEMBER_ADD', data: { memberId: r.id, userId, role, organisationId: orgId } },
    t,
  )
  return r.id
}

/** Takes the member off the commission and takes its role grant away. */
export async function takeOffCommission(actorUserId: number, commission: Commission, m: CommissionMemberRow, t: Tx): Promise<number> {
  if (!m.active) return m.id
  await updateCommissionMember(m.id, { active: false }, t)
  await revokeRole(m.userId, { role: grantRoleOf[m.role], ...scopeOf(commission) }, t)
  await appendAudit(
    { actorUserId, regionId: commission.regionId, entity: 'commission', entityId: commission.id, action: 'MEMBER_DEACTIVATE', data: { memberId: m.id, userId: m.userId, role: m.role } },
    t,
  )
  return m.id
}

/** The member row of the account on the commission, locked; undefined when it never was on it. */
export async function membershipForUpdate(commissionId: number, userId: number, t: Tx): Promise<CommissionMemberRow | undefined> {
  const found = await commissionMemberByUser(commissionId, userId, t)
  return found ? commissionMemberForUpdate(found.id, t) : undefined
}
