import { inTransaction, type Tx } from '../../db/client.server'
import { accountHistory, appendAudit } from '../../db/queries/audit.server'
import { commissionById, commissionsOfRegion } from '../../db/queries/commissions.server'
import { municipalitiesOf, regionTimeZone } from '../../db/queries/regions.server'
import {
  accountsOfRegionPage,
  accountTouchesRegion,
  countAccountsOfRegion,
  deleteGrant,
  grantForUpdate,
  grantsInRegionOf,
  namedGrantsOf,
  otherActiveCoordinators,
  type NamedGrant,
  type PeopleFilter,
} from '../../db/queries/role-grants.server'
import { deleteSessionsOfUser, sessionsOfUser } from '../../db/queries/sessions.server'
import { grantRole, setUserActive, userById, type User } from '../../db/queries/users.server'
import { AppError, Forbidden, NotFound } from '../../workflows/errors'
import type { AddGrant } from '~/model/inputs/people'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import { can, mayGrant, roleTable, rolesGrantableBy, type Actor, type Grant, type Role } from '~/model/permissions'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'
import { grantRoleOf, membershipForUpdate, putOnCommission, takeOffCommission } from './commission-admin.server'
import { tellAccount } from './account-notices.server'
import { describeAccountEvent, type HistoryLine } from '~/model/account-history'

// Staff accounts of a region and their role grants (issue 11 §1.4–1.5). Every
// change is checked with mayGrant() (nobody hands out or takes away a role
// wider than their own) and written to the audit log; a commission role is a
// membership of the commission, changed through commission-admin.

const HISTORY_LIMIT = 200

export const peopleRefusals = {
  lastCoordinator: 'Нельзя оставить регион без регионального координатора: сначала назначьте другого координатора, затем снимите эту роль или отключите учётную запись.',
  self: 'Нельзя отключить собственную учётную запись.',
  account: 'Недостаточно прав: у этого пользователя есть роли, которыми вы не управляете (администратор или роли в другом регионе).',
  inactive: 'Учётная запись отключена: сначала включите её.',
  duplicate: 'У пользователя уже есть эта роль.',
  municipality: 'Муниципалитет не найден в справочнике региона.',
  commission: 'Комиссия не найдена в регионе.',
}

function requireManage(actor: Actor, regionId: number) {
  if (!can(actor, 'user:manage', { regionId })) throw new Forbidden('people')
}

export type GrantLine = { id: number; role: Role; scope: string | null; regionId: number | null }

/** A grant for people: its role (the page shows roleLabels) and where it applies, by name. */
function lineOf(g: NamedGrant): GrantLine {
  const scope = g.municipalityName ?? g.commissionName ?? null
  return { id: g.id, role: g.role, scope, regionId: g.regionId }
}

export type PersonListRow = { id: number; login: string; displayName: string; active: boolean; grants: GrantLine[] }

/** The region's staff accounts, searched by name or login, filtered by role, a page at a time. */
export async function peopleList(actor: Actor, regionId: number, f: PeopleFilter & { after: Cursor | null; from: number }): Promise<Page<PersonListRow>> {
  requireManage(actor, regionId)
  const [rows, total] = await Promise.all([accountsOfRegionPage(regionId, { ...f, limit: PAGE_SIZE }), countAccountsOfRegion(regionId, f)])
  const page = toPage(rows, PAGE_SIZE, f.from, total, (r) => r.sortKey)
  const grants = await grantsInRegionOf(page.rows.map((r) => r.id), regionId)
  return {
    ...page,
    rows: page.rows.map(({ sortKey: _k, ...r }) => ({ ...r, grants: grants.filter((g) => g.userId === r.id).map(lineOf) })),
  }
}

/** The roles a list can be filtered by: those held within a region. */
export const regionalRoles: Role[] = (Object.keys(roleTable) as Role[]).filter((r) => !['all', 'own'].includes(roleTable[r].scope))

export type PersonPage = {
  user: User
  grants: (GrantLine & { regionName: string | null; mayRemove: boolean })[]
  sessions: number
  mayChangeAccount: boolean
  history: HistoryLine[]
  /** The history has more events than the page shows (the newest HISTORY_LIMIT): the page says so. */
  historyCut: boolean
  grantable: Role[]
  municipalities: { id: number; name: string }[]
  commissions: { id: number; name: string }[]
  timeZone: string
}

async function accountOfRegion(actor: Actor, regionId: number, userId: number, t?: Tx): Promise<User> {
  requireManage(actor, regionId)
  const user = await userById(userId, t)
  if (!user || !(await accountTouchesRegion(userId, regionId, t))) throw new NotFound('user', userId)
  return user
}

/**
 * May the actor switch the account off or on? Only if they may manage every
 * role it holds (the applicant's own role aside, it gives no power over
 * others): a coordinator cannot switch off an administrator or a person with
 * roles in another region, and nobody switches off themself.
 */
function mayChangeAccount(actor: Actor, userId: number, grants: readonly Grant[]): boolean {
  return actor.userId !== userId && grants.every((g) => roleTable[g.role].scope === 'own' || mayGrant(actor, g))
}

/** One account's page: its roles, state, open sessions and the history of its roles and state. */
export async function personPage(actor: Actor, regionId: number, userId: number): Promise<PersonPage> {
  const user = await accountOfRegion(actor, regionId, userId)
  const [grants, sessions, events, municipalities, commissions, timeZone] = await Promise.all([
    namedGrantsOf(userId),
    sessionsOfUser(userId),
    accountHistory(userId, regionId, HISTORY_LIMIT + 1),
    municipalitiesOf(regionId),
    commissionsOfRegion(regionId),
    regionTimeZone(regionId),
  ])
  return {
    user,
    grants: grants.map((g) => ({ ...lineOf(g), regionName: g.regionName, mayRemove: mayGrant(actor, g) })),
    sessions: sessions.length,
    mayChangeAccount: mayChangeAccount(actor, userId, grants),
    history: events.slice(0, HISTORY_LIMIT).map(describeAccountEvent),
    historyCut: events.length > HISTORY_LIMIT,
    grantable: rolesGrantableBy(actor, regionId),
    municipalities: municipalities.map((m) => ({ id: m.id, name: m.name })),
    commissions: commissions.map((c) => ({ id: c.id, name: c.name })),
    timeZone: timeZone ?? FALLBACK_TIME_ZONE,
  }
}

const commissionRoleOf = Object.fromEntries(Object.entries(grantRoleOf).map(([k, v]) => [v, k])) as Partial<Record<Role, keyof typeof grantRoleOf>>

/** Gives the account a role in the region; a commission role puts it on the commission. */
export async function addGrant(actor: Actor, regionId: number, userId: number, a: AddGrant): Promise<void> {
  const scope = roleTable[a.role].scope
  const grant: Grant = {
    role: a.role,
    regionId: scope === 'all' ? null : regionId,
    municipalityId: scope === 'municipality' ? (a.municipalityId ?? null) : null,
    commissionId: scope === 'commission' ? (a.commissionId ?? null) : null,
  }
  requireManage(actor, regionId)
  if (!mayGrant(actor, grant)) throw new Forbidden('people.grant')
  await inTransaction(async (t) => {
    const user = await accountOfRegion(actor, regionId, userId, t)
    if (!user.active) throw new AppError('USER_INACTIVE', 409, peopleRefusals.inactive)
    const held = await namedGrantsOf(userId, t)
    const same = (g: Grant) => g.role === grant.role && g.regionId === grant.regionId && g.municipalityId === grant.municipalityId && g.commissionId === grant.commissionId
    if (held.some(same)) throw new AppError('GRANT_EXISTS', 409, peopleRefusals.duplicate)
    const municipality = grant.municipalityId === null ? null : (await municipalitiesOf(regionId, t)).find((m) => m.id === grant.municipalityId)
    if (municipality === undefined) {
      throw new AppError('MUNICIPALITY_NOT_FOUND', 422, peopleRefusals.municipality, { fields: { municipalityId: peopleRefusals.municipality } })
    }
    const commissionRole = commissionRoleOf[grant.role]
    if (grant.commissionId !== null && commissionRole) {
      const commission = await commissionById(grant.commissionId, t)
      if (!commission || commission.regionId !== regionId) throw new AppError('COMMISSION_NOT_FOUND', 422, peopleRefusals.commission, { fields: { commissionId: peopleRefusals.commission } })
      await putOnCommission(actor.userId, commission, userId, commissionRole, undefined, t)
      await tellAccount(user, regionId, { template: 'roleGranted', role: grant.role, scope: commission.name }, t)
      return
    }
    await grantRole(userId, grant, t)
    await tellAccount(user, regionId, { template: 'roleGranted', role: grant.role, scope: municipality?.name ?? null }, t)
    // the place's name as it was then: the history reads the same after a municipality is renamed
    const data = { ...grant, scopeName: municipality?.name ?? null }
    await appendAudit({ actorUserId: actor.userId, regionId, entity: 'user', entityId: userId, action: 'GRANT_ADDED', data }, t)
  })
}

async function refuseLastCoordinator(regionId: number, userId: number, t: Tx) {
  if ((await otherActiveCoordinators(regionId, userId, t)) === 0) throw new AppError('LAST_COORDINATOR', 409, peopleRefusals.lastCoordinator)
}

/** Takes one role away; a commission role takes the person off the commission. */
export async function removeGrant(actor: Actor, regionId: number, userId: number, grantId: number): Promise<void> {
  await inTransaction(async (t) => {
    const user = await accountOfRegion(actor, regionId, userId, t)
    const grant = await grantForUpdate(grantId, t)
    if (!grant || grant.userId !== userId) throw new NotFound('grant', grantId)
    if (!mayGrant(actor, grant)) throw new Forbidden('people.revoke')
    if (grant.role === 'regionalCoordinator' && user.active) await refuseLastCoordinator(grant.regionId!, userId, t)
    const commissionRole = commissionRoleOf[grant.role]
    if (grant.commissionId !== null && commissionRole) {
      const member = await membershipForUpdate(grant.commissionId, userId, t)
      const commission = await commissionById(grant.commissionId, t)
      if (member?.active && member.role === commissionRole && commission) {
        await takeOffCommission(actor.userId, commission, member, t)
        if (user.active) await tellAccount(user, grant.regionId ?? regionId, { template: 'roleRevoked', role: grant.role, scope: commission.name }, t)
        return
      }
    }
    await deleteGrant(grant.id, t)
    // a switched-off account has no access to lose: it heard when it was switched off
    if (user.active) await tellAccount(user, grant.regionId ?? regionId, { template: 'roleRevoked', role: grant.role, scope: grant.municipalityName ?? grant.commissionName ?? null }, t)
    const { role, regionId: r, municipalityId, commissionId } = grant
    const data = { role, regionId: r, municipalityId, commissionId, scopeName: grant.municipalityName ?? grant.commissionName }
    // filed under the grant's own region: an administrator may remove it while looking at another one
    await appendAudit({ actorUserId: actor.userId, regionId: r ?? regionId, entity: 'user', entityId: userId, action: 'GRANT_REMOVED', data }, t)
  })
}

/** Switches the account off (every session ends with it) or on again. */
export async function setAccountActive(actor: Actor, regionId: number, userId: number, active: boolean): Promise<void> {
  await inTransaction(async (t) => {
    const user = await accountOfRegion(actor, regionId, userId, t)
    if (actor.userId === userId) throw new AppError('SELF', 409, peopleRefusals.self)
    const grants = await namedGrantsOf(userId, t)
    if (!mayChangeAccount(actor, userId, grants)) throw new AppError('FORBIDDEN', 403, peopleRefusals.account)
    if (user.active === active) return
    if (!active) for (const g of grants) if (g.role === 'regionalCoordinator') await refuseLastCoordinator(g.regionId!, userId, t)
    await setUserActive(userId, active, t)
    const sessionsEnded = active ? 0 : await deleteSessionsOfUser(userId, {}, t)
    const action = active ? 'ACCOUNT_REACTIVATED' : 'ACCOUNT_DEACTIVATED'
    await appendAudit({ actorUserId: actor.userId, regionId, entity: 'user', entityId: userId, action, data: active ? {} : { sessionsEnded } }, t)
    await tellAccount(user, regionId, { template: active ? 'accountReactivated' : 'accountDeactivated' }, t)
  })
}
