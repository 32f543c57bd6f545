import { can, type Actor } from '~/model/permissions'

/**
 * Who may open an application: its applicant, its municipality, its
 * commission, its region's staff. A draft is its author's alone:
 * the applicant's, or, for a candidate the municipality nominated, its
 * coordinators'; no commission or ministry sees what was never submitted.
 */
export function canReadApplication(
  actor: Actor,
  a: {
    ownerUserId: number | null
    municipalityId: number | null
    commissionId: number | null
    regionId: number
    campaignMunicipalityId: number | null
    state: string
    nominatedBy: number | null
    source: string
  },
) {
  if (a.ownerUserId !== null && a.ownerUserId === actor.userId) return true
  // A teacher's own draft is theirs alone until submitted; a nomination's draft is its municipality's staff's,
  // whoever loaded it (the operator's `rma import` names nobody as nominating).
  if (a.state === 'draft') return a.source !== 'self' && (a.nominatedBy === actor.userId || can(actor, 'application:readMunicipality', a))
  return can(actor, 'application:readMunicipality', a) || can(actor, 'application:readCommission', a)
}
