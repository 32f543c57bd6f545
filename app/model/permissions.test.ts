import { describe, expect, it } from 'vitest'
import { can, roleTable, type Actor } from '~/model/permissions'

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
})
