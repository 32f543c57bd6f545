// The one role → permission table, read by the server (every loader/action
// and the transition service) and by the UI (which buttons to show).

export const roles = [
  'applicant',
  'municipalCoordinator',
  'secretary',
  'commissionMember',
  'chair',
  'ministryOfficer',
  'regionalCoordinator',
  'admin',
] as const
export type Role = (typeof roles)[number]

export const permissions = [
  'application:create',
  'application:submit',
  'application:answer',
  'application:withdraw',
  'application:nominate',
  'application:readMunicipality',
  'application:screen',
  'application:review',
  'application:readCommission',
  'meeting:manage',
  'meeting:decide',
  'vote:cast',
  'conflict:declare',
  'approval:decide',
  'order:record',
  'campaign:manage',
  'ruleSet:manage',
  'commission:manage',
  'roster:publish',
  'roster:change',
  'coverage:read',
  'consent:manageOwn',
  // the certificate of membership (справка): the member's own, or any of the region's for its staff
  'member:certificate',
  'privateData:read',
  'audit:read',
  'import:run',
  'outbox:read',
  // sending a failed message again, knowing the recipient may get it twice (decision 0003)
  'outbox:resend',
  'user:manage',
  'region:manage',
] as const
export type Permission = (typeof permissions)[number]

/** How a grant of the role is scoped: which column of a row must match it. */
export type ScopeKind = 'own' | 'municipality' | 'commission' | 'region' | 'all'

export const roleTable: Record<Role, { scope: ScopeKind; permissions: readonly Permission[] }> = {
  applicant: {
    scope: 'own',
    permissions: ['application:create', 'application:submit', 'application:answer', 'application:withdraw', 'consent:manageOwn', 'member:certificate'],
  },
  municipalCoordinator: {
    scope: 'municipality',
    // application:answer: a nominated candidate has no account, so their coordinator answers requests for information.
    permissions: ['application:nominate', 'application:submit', 'application:answer', 'application:readMunicipality', 'coverage:read', 'import:run'],
  },
  secretary: {
    scope: 'commission',
    permissions: [
      'application:readCommission',
      'application:screen',
      'meeting:manage',
      'meeting:decide',
      'privateData:read',
      'conflict:declare',
    ],
  },
  commissionMember: {
    scope: 'commission',
    permissions: ['application:readCommission', 'application:review', 'vote:cast', 'conflict:declare'],
  },
  chair: {
    scope: 'commission',
    permissions: ['application:readCommission', 'application:review', 'vote:cast', 'conflict:declare', 'meeting:decide'],
  },
  ministryOfficer: {
    scope: 'region',
    permissions: ['approval:decide', 'order:record', 'application:readCommission', 'coverage:read', 'member:certificate'],
  },
  regionalCoordinator: {
    scope: 'region',
    permissions: [
      'campaign:manage',
      'ruleSet:manage',
      'commission:manage',
      'roster:publish',
      'roster:change',
      'member:certificate',
      'order:record',
      'coverage:read',
      'audit:read',
      'import:run',
      'outbox:read',
      'outbox:resend',
      'privateData:read',
      'application:readCommission',
    ],
  },
  admin: {
    scope: 'all',
    permissions: ['user:manage', 'region:manage', 'audit:read', 'outbox:read', 'outbox:resend'],
  },
}

export type Grant = {
  role: Role
  regionId: number | null
  municipalityId: number | null
  commissionId: number | null
}

/** What a row offers for scope matching; absent keys never match. */
export type Scope = {
  regionId?: number | null
  municipalityId?: number | null
  commissionId?: number | null
  ownerUserId?: number | null
}

export type Actor = { userId: number; grants: readonly Grant[] }

export function grantCovers(grant: Grant, scope: Scope, userId: number): boolean {
  switch (roleTable[grant.role].scope) {
    case 'all':
      return true
    case 'own':
      return scope.ownerUserId != null && scope.ownerUserId === userId
    case 'municipality':
      return scope.municipalityId != null && scope.municipalityId === grant.municipalityId
    case 'commission':
      return scope.commissionId != null && scope.commissionId === grant.commissionId
    case 'region':
      return scope.regionId != null && scope.regionId === grant.regionId
  }
}

/** Does the actor hold `permission` over the row described by `scope`? */
export function can(actor: Actor, permission: Permission, scope: Scope): boolean {
  return actor.grants.some(
    (g) => roleTable[g.role].permissions.includes(permission) && grantCovers(g, scope, actor.userId),
  )
}

/** Does the actor hold `permission` anywhere (for menus and dashboards)? */
export function holds(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => roleTable[g.role].permissions.includes(permission))
}

export const roleLabels: Record<Role, string> = {
  applicant: 'Педагог (заявитель)',
  municipalCoordinator: 'Муниципальный координатор',
  secretary: 'Секретарь комиссии',
  commissionMember: 'Член комиссии',
  chair: 'Председатель комиссии',
  ministryOfficer: 'Представитель министерства',
  regionalCoordinator: 'Региональный координатор',
  admin: 'Администратор',
}
