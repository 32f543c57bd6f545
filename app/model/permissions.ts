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
  // the municipal education authority (МОУО) deciding its municipal active's composition (issue 10 §6)
  'municipalApprover',
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
  // inviting staff, changing their role grants, deactivating accounts: only within mayGrant()
  'user:manage',
  // the region's settings: municipalities, directions, time zone, term, quorum, operator
  'region:manage',
  // a new region, from a preset or empty
  'region:create',
  // a member's own records of methodological work (issue 10 §1)
  'activity:record',
  // confirming or returning members' records: the municipality's, or all the region's
  'activity:confirm',
  // the evaluation of members' activity: the ranking (issue 10 §2), the region's or the municipality's
  'evaluation:read',
  // the region's evaluation catalogue (points, thresholds) and its evaluation period
  'evaluation:manage',
  // the yearly indicator report: the region's indicators, or the municipality's own
  'report:manage',
  // an appeal against «не соответствует требованиям» or «отклонено» (issue 10 §5)
  'appeal:file',
] as const
export type Permission = (typeof permissions)[number]

/** How a grant of the role is scoped: which column of a row must match it. */
export type ScopeKind = 'own' | 'municipality' | 'commission' | 'region' | 'all'

export const roleTable: Record<Role, { scope: ScopeKind; permissions: readonly Permission[] }> = {
  applicant: {
    scope: 'own',
    permissions: ['application:create', 'application:submit', 'application:answer', 'application:withdraw', 'consent:manageOwn', 'member:certificate', 'activity:record', 'appeal:file'],
  },
  municipalCoordinator: {
    scope: 'municipality',
    // application:answer: a nominated candidate has no account, so their coordinator answers requests for information.
    // appeal:file: the same reason, for an appeal on a nominated candidate's behalf (never on a teacher's own application).
    // campaign:manage … roster:publish: the municipal active's own selection (issue 10 §6). They match only
    // rows that carry the municipality (selectionScope in app/model/selection-scope.ts), never the region's.
    permissions: [
      'application:nominate',
      'application:submit',
      'application:answer',
      'application:readMunicipality',
      'coverage:read',
      'import:run',
      'activity:confirm',
      'evaluation:read',
      'report:manage',
      'appeal:file',
      'campaign:manage',
      'commission:manage',
      'ruleSet:manage',
      'roster:publish',
    ],
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
    permissions: ['approval:decide', 'order:record', 'application:readCommission', 'coverage:read', 'member:certificate', 'evaluation:read'],
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
      'user:manage',
      'region:manage',
      'activity:confirm',
      'evaluation:read',
      'evaluation:manage',
      'report:manage',
    ],
  },
  admin: {
    scope: 'all',
    permissions: ['user:manage', 'region:manage', 'region:create', 'audit:read', 'outbox:read', 'outbox:resend'],
  },
  // Decides (and fixes by its order) the composition of its municipality's active: the ministry's part for a
  // municipal campaign. A regional campaign offers no municipality to match (selection-scope.ts).
  municipalApprover: {
    scope: 'municipality',
    permissions: ['approval:decide', 'order:record', 'application:readCommission'],
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
  /**
   * The municipality whose own selection the row belongs to (issue 10 §6): a
   * municipal campaign, its applications, commission, rule set or order; null
   * for the region's. Only this decides the municipality of a selection
   * permission, never the applicant's municipality.
   */
  campaignMunicipalityId?: number | null
}

/** Who runs a selection: these match a municipal grant only through `campaignMunicipalityId`. */
const selectionPermissions: ReadonlySet<Permission> = new Set([
  'campaign:manage',
  'commission:manage',
  'ruleSet:manage',
  'roster:publish',
  'approval:decide',
  'order:record',
  'application:readCommission',
])

/** The approval of a municipal selection is the municipal authority's, not the region's ministry's. */
const authorityPermissions: ReadonlySet<Permission> = new Set(['approval:decide', 'order:record'])

/**
 * The scope a permission sees on a row. For a selection permission the
 * municipality is the selection's (absent: the region's, which no municipal
 * grant covers), and a municipal selection's approval and order drop the
 * region, so a region-wide grant (the ministry) does not cover them.
 */
export function scopeFor(permission: Permission, scope: Scope): Scope {
  if (!selectionPermissions.has(permission)) return scope
  const municipalityId = scope.campaignMunicipalityId ?? null
  if (municipalityId !== null && authorityPermissions.has(permission)) return { ...scope, regionId: null, municipalityId }
  return { ...scope, municipalityId }
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
  const seen = scopeFor(permission, scope)
  return actor.grants.some(
    (g) => roleTable[g.role].permissions.includes(permission) && grantCovers(g, seen, actor.userId),
  )
}

/** Does the actor hold `permission` anywhere (for menus and dashboards)? */
export function holds(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => roleTable[g.role].permissions.includes(permission))
}

/**
 * Which roles a holder of `user:manage` may hand out, by the role that gives
 * them the power (issue 11 §1.5): nobody grants a role wider than their own
 * scope, and nobody grants `admin` or `applicant` through the product (the
 * first is the operator's, the second comes with registration).
 */
export const grantableRoles: Partial<Record<Role, readonly Role[]>> = {
  admin: ['regionalCoordinator', 'ministryOfficer', 'secretary', 'chair', 'commissionMember', 'municipalCoordinator', 'municipalApprover'],
  regionalCoordinator: ['regionalCoordinator', 'ministryOfficer', 'secretary', 'chair', 'commissionMember', 'municipalCoordinator', 'municipalApprover'],
}

/** The scope columns a role's grant must carry (mirrors the role_grants check). */
export function grantShapeOk(grant: Grant): boolean {
  switch (roleTable[grant.role].scope) {
    case 'all':
      return grant.regionId == null && grant.municipalityId == null && grant.commissionId == null
    case 'own':
      return true
    case 'municipality':
      return grant.regionId != null && grant.municipalityId != null && grant.commissionId == null
    case 'commission':
      return grant.regionId != null && grant.commissionId != null && grant.municipalityId == null
    case 'region':
      return grant.regionId != null && grant.municipalityId == null && grant.commissionId == null
  }
}

/**
 * May the actor give (or take away) `grant`? The grant's municipality or
 * commission must belong to `grant.regionId`; the caller checks that against
 * the database before it writes, this function checks the region.
 */
export function mayGrant(actor: Actor, grant: Grant): boolean {
  if (!grantShapeOk(grant)) return false
  return actor.grants.some(
    (g) =>
      roleTable[g.role].permissions.includes('user:manage') &&
      (grantableRoles[g.role] ?? []).includes(grant.role) &&
      (roleTable[g.role].scope === 'all' || (grant.regionId != null && grant.regionId === g.regionId)),
  )
}

/** The roles the actor may grant somewhere (for the invitation form's list). */
export function rolesGrantableBy(actor: Actor, regionId: number): Role[] {
  const shapes: Record<ScopeKind, Grant> = {
    all: { role: 'admin', regionId: null, municipalityId: null, commissionId: null },
    own: { role: 'applicant', regionId, municipalityId: null, commissionId: null },
    municipality: { role: 'municipalCoordinator', regionId, municipalityId: 0, commissionId: null },
    commission: { role: 'secretary', regionId, municipalityId: null, commissionId: 0 },
    region: { role: 'regionalCoordinator', regionId, municipalityId: null, commissionId: null },
  }
  return roles.filter((role) => mayGrant(actor, { ...shapes[roleTable[role].scope], role }))
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
  municipalApprover: 'Представитель муниципального органа управления образованием',
}

/** The roles a scope select (municipality, commission) serves, in lower case: read off the role table, so a hint names a new role without an edit. */
export function rolesOfScope(scope: 'municipality' | 'commission'): string[] {
  return (Object.keys(roleTable) as Role[]).filter((r) => roleTable[r].scope === scope).map((r) => roleLabels[r].toLowerCase())
}
