import { describe, expect, it } from 'vitest'
import { can, mayGrant, roles, rolesGrantableBy, roleTable, type Actor, type Grant } from '~/model/permissions'

const actor = (grants: Actor['grants'], userId = 1): Actor => ({ userId, grants })
const g = (role: Actor['grants'][number]['role'], s: Partial<Actor['grants'][number]> = {}) => ({
  role,
  regionId: null,
  municipalityId: null,
  commissionId: null,
  ...s,
})

describe('role → permission table', () => {
  it('scopes a regional role to its region', () => {
    const a = actor([g('ministryOfficer', { regionId: 5 })])
    expect(can(a, 'approval:decide', { regionId: 5 })).toBe(true)
    expect(can(a, 'approval:decide', { regionId: 6 })).toBe(false)
    expect(can(a, 'roster:publish', { regionId: 5 })).toBe(false)
  })

  it('scopes a municipal coordinator to their municipality and a secretary to their commission', () => {
    expect(can(actor([g('municipalCoordinator', { regionId: 1, municipalityId: 3 })]), 'application:nominate', { municipalityId: 3 })).toBe(true)
    expect(can(actor([g('municipalCoordinator', { regionId: 1, municipalityId: 3 })]), 'application:nominate', { municipalityId: 4 })).toBe(false)
    expect(can(actor([g('secretary', { regionId: 1, commissionId: 2 })]), 'application:screen', { commissionId: 2, regionId: 1 })).toBe(true)
    expect(can(actor([g('secretary', { regionId: 1, commissionId: 2 })]), 'application:screen', { commissionId: 9, regionId: 1 })).toBe(false)
  })

  it('lets an applicant act only on their own rows', () => {
    const a = actor([g('applicant')], 7)
    expect(can(a, 'application:withdraw', { ownerUserId: 7 })).toBe(true)
    expect(can(a, 'application:withdraw', { ownerUserId: 8 })).toBe(false)
    expect(can(a, 'application:withdraw', { ownerUserId: null })).toBe(false)
  })

  it('combines several roles of one person', () => {
    const a = actor([g('commissionMember', { regionId: 1, commissionId: 2 }), g('applicant')], 3)
    expect(can(a, 'vote:cast', { commissionId: 2 })).toBe(true)
    expect(can(a, 'application:submit', { ownerUserId: 3 })).toBe(true)
    expect(can(a, 'application:screen', { commissionId: 2 })).toBe(false)
  })

  it('lets only the holders of outbox:read resend a failed message, within their scope', () => {
    const holders = (p: 'outbox:read' | 'outbox:resend') => Object.entries(roleTable).filter(([, r]) => r.permissions.includes(p)).map(([role]) => role)
    expect(holders('outbox:resend')).toEqual(holders('outbox:read'))
    expect(can(actor([g('regionalCoordinator', { regionId: 5 })]), 'outbox:resend', { regionId: 5 })).toBe(true)
    expect(can(actor([g('regionalCoordinator', { regionId: 5 })]), 'outbox:resend', { regionId: 6 })).toBe(false)
  })

  it('gives a commission member no power to decide or screen', () => {
    expect(roleTable.commissionMember.permissions).not.toContain('meeting:decide')
    expect(roleTable.commissionMember.permissions).not.toContain('application:screen')
  })

  describe('who may grant which role (issue 11 §1.5)', () => {
    const coordinator = actor([g('regionalCoordinator', { regionId: 5 })])
    const admin = actor([g('admin')])
    const target = (role: Grant['role'], regionId: number | null, extra: Partial<Grant> = {}): Grant => ({
      role,
      regionId,
      municipalityId: roleTable[role].scope === 'municipality' ? 11 : null,
      commissionId: roleTable[role].scope === 'commission' ? 22 : null,
      ...extra,
    })

    // The role × granter matrix: every role, granted in the actor's region and in another one.
    const matrix: [string, Actor, Grant['role'], number | null, boolean][] = []
    for (const role of roles) {
      const staff = role !== 'admin' && role !== 'applicant'
      matrix.push(['regional coordinator, own region', coordinator, role, role === 'admin' ? null : 5, staff])
      matrix.push(['regional coordinator, other region', coordinator, role, role === 'admin' ? null : 6, false])
      matrix.push(['administrator, any region', admin, role, role === 'admin' ? null : 6, staff])
      for (const weaker of ['ministryOfficer', 'secretary', 'chair', 'commissionMember', 'municipalCoordinator', 'applicant'] as const) {
        const holder = actor([g(weaker, { regionId: 5, municipalityId: weaker === 'municipalCoordinator' ? 11 : null, commissionId: ['secretary', 'chair', 'commissionMember'].includes(weaker) ? 22 : null })])
        matrix.push([`${weaker}, own region`, holder, role, role === 'admin' ? null : 5, false])
      }
    }
    it.each(matrix)('%s grants %s in region %s → %s', (_who, a, role, regionId, expected) => {
      expect(mayGrant(a, target(role, regionId))).toBe(expected)
    })

    it('refuses a grant whose scope columns do not fit its role', () => {
      expect(mayGrant(coordinator, target('secretary', 5, { commissionId: null }))).toBe(false)
      expect(mayGrant(coordinator, target('ministryOfficer', 5, { municipalityId: 11 }))).toBe(false)
    })

    it('offers the invitation form only the grantable roles', () => {
      expect(rolesGrantableBy(coordinator, 5)).not.toContain('admin')
      expect(rolesGrantableBy(coordinator, 5)).toContain('secretary')
      expect(rolesGrantableBy(coordinator, 6)).toEqual([])
      expect(rolesGrantableBy(actor([g('ministryOfficer', { regionId: 5 })]), 5)).toEqual([])
    })
  })
})

describe('a municipal selection (issue 10 §6)', () => {
  const coordinatorOf3 = actor([g('municipalCoordinator', { regionId: 1, municipalityId: 3 })])
  const approverOf3 = actor([g('municipalApprover', { regionId: 1, municipalityId: 3 })])
  const ministry = actor([g('ministryOfficer', { regionId: 1 })])
  const regional = actor([g('regionalCoordinator', { regionId: 1 })])

  it('lets a municipal grant run its own selection only, never the region’s, even on a row of its municipality', () => {
    for (const p of ['campaign:manage', 'commission:manage', 'ruleSet:manage', 'roster:publish'] as const) {
      expect(can(coordinatorOf3, p, { regionId: 1, campaignMunicipalityId: 3 }), p).toBe(true)
      expect(can(coordinatorOf3, p, { regionId: 1, campaignMunicipalityId: 4 }), p).toBe(false)
      expect(can(coordinatorOf3, p, { regionId: 1, campaignMunicipalityId: null }), p).toBe(false)
      // a regional campaign's application of a candidate from the municipality
      expect(can(coordinatorOf3, p, { regionId: 1, municipalityId: 3 }), p).toBe(false)
      expect(can(regional, p, { regionId: 1, campaignMunicipalityId: 3 }), p).toBe(true)
    }
  })

  it('gives a municipal selection’s approval and order to its approver, not to the region’s ministry', () => {
    for (const p of ['approval:decide', 'order:record'] as const) {
      expect(can(approverOf3, p, { regionId: 1, campaignMunicipalityId: 3 }), p).toBe(true)
      expect(can(approverOf3, p, { regionId: 1, campaignMunicipalityId: 4 }), p).toBe(false)
      expect(can(approverOf3, p, { regionId: 1, municipalityId: 3 }), p).toBe(false)
      expect(can(ministry, p, { regionId: 1, campaignMunicipalityId: 3 }), p).toBe(false)
      expect(can(ministry, p, { regionId: 1, campaignMunicipalityId: null }), p).toBe(true)
    }
    expect(can(coordinatorOf3, 'approval:decide', { regionId: 1, campaignMunicipalityId: 3 })).toBe(false)
  })

  it('is granted by a regional coordinator (own region) and an administrator, scoped to a municipality', () => {
    const target: Grant = { role: 'municipalApprover', regionId: 1, municipalityId: 3, commissionId: null }
    expect(mayGrant(regional, target)).toBe(true)
    expect(mayGrant(actor([g('admin')]), target)).toBe(true)
    expect(mayGrant(actor([g('regionalCoordinator', { regionId: 2 })]), target)).toBe(false)
    expect(mayGrant(regional, { ...target, municipalityId: null })).toBe(false)
    expect(mayGrant(coordinatorOf3, target)).toBe(false)
  })
})
