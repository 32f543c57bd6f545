import { describe, expect, it } from 'vitest'
import { applicationView } from '../app/domain/application-view.server'
import { evidenceDownload } from '../app/domain/evidence.server'
import type { Actor } from '~/model/permissions'
import { db } from '../db/client.server'
import { commissionMemberByUser } from '../db/queries/commissions.server'
import { insertEvidence } from '../db/queries/evidence.server'
import { insertDeclaredRecusal } from '../db/queries/recusals.server'
import { insertReviewAssignment } from '../db/queries/reviews.server'
import { forceApplicationState, makeApplication, makeRegion } from './fixtures'

// Who reads an application and its documents (PRODUCT §3, §6.1): a draft is
// its author's alone (the applicant, or for a nominated candidate the
// municipality's coordinators); a submitted one is read by its municipality,
// its commission and the region's staff, but its documents only by the
// applicant, the nominating coordinator, staff who may read private data
// (the secretary, the regional coordinator) and the members assigned to
// review it who have not recused themselves.

type Region = Awaited<ReturnType<typeof makeRegion>>

async function cast(region: Region) {
  const other = await makeRegion()
  const member = (await region.actor('commissionMember')) as Actor
  const assigned = await region.actor('commissionMember')
  const recused = await region.actor('commissionMember')
  const secretary = await region.actor('secretary')
  return {
    applicant: await region.actor('applicant'),
    member,
    assigned,
    recused,
    secretary,
    chair: await region.actor('chair'),
    coordinator: await region.actor('regionalCoordinator'),
    ministry: await region.actor('ministryOfficer'),
    municipal: await region.actor('municipalCoordinator'),
    otherMunicipal: await region.actor('municipalCoordinator', { municipalityId: region.municipalities[1].id }),
    otherRegionSecretary: await other.actor('secretary'),
  }
}

type Cast = Awaited<ReturnType<typeof cast>>

async function withDocument(region: Region, c: Cast) {
  const id = await makeApplication(region, c.applicant)
  const evidenceId = await insertEvidence({ applicationId: id, fact: 'contestWinner', fileName: 'диплом.pdf', mimeType: 'application/pdf', content: new TextEncoder().encode('%PDF-1.4'), sha256: 'x'.repeat(64) })
  const memberOf = async (a: Actor) => (await commissionMemberByUser(region.commissionId, a.userId))!.id
  await insertReviewAssignment({ applicationId: id, commissionMemberId: await memberOf(c.assigned), assignedBy: c.secretary.userId })
  await insertReviewAssignment({ applicationId: id, commissionMemberId: await memberOf(c.recused), assignedBy: c.secretary.userId })
  await insertDeclaredRecusal({ commissionMemberId: await memberOf(c.recused), applicationId: id, reason: 'родственник', createdBy: c.recused.userId })
  return { id, evidenceId }
}

const outcome = (p: Promise<unknown>) => p.then(() => 'read', (e: { code?: string }) => e.code ?? String(e))

async function matrix(c: Cast, id: number, evidenceId: number) {
  const out: Record<string, [string, string]> = {}
  for (const [who, actor] of Object.entries(c)) out[who] = [await outcome(applicationView(actor, id)), await outcome(evidenceDownload(actor, id, evidenceId))]
  return out
}

describe('who reads an application and its documents', () => {
  it('a draft: only its applicant', async () => {
    const region = await makeRegion()
    const c = await cast(region)
    const { id, evidenceId } = await withDocument(region, c)
    // one who may not open the application is answered as if it did not exist
    const F: [string, string] = ['NOT_FOUND', 'NOT_FOUND']
    expect(await matrix(c, id, evidenceId)).toEqual({
      applicant: ['read', 'read'],
      member: F,
      assigned: F,
      recused: F,
      secretary: F,
      chair: F,
      coordinator: F,
      ministry: F,
      municipal: F,
      otherMunicipal: F,
      otherRegionSecretary: F,
    })
  })

  it('a nominated candidate’s draft: the municipality’s coordinators, no one else', async () => {
    const region = await makeRegion()
    const c = await cast(region)
    const { id, evidenceId } = await withDocument(region, c)
    await db()`update applications set applicant_user_id = null, nominated_by = ${c.municipal.userId}, source = 'municipality' where id = ${id}`
    const m = await matrix(c, id, evidenceId)
    expect(m.municipal).toEqual(['read', 'read'])
    for (const who of ['member', 'assigned', 'secretary', 'chair', 'coordinator', 'ministry', 'otherMunicipal', 'otherRegionSecretary'] as const) {
      expect(m[who], who).toEqual(['NOT_FOUND', 'NOT_FOUND'])
    }
  })

  it('a submitted application: read by its scopes; documents by the applicant, private-data staff and its assigned, non-recused reviewers', async () => {
    const region = await makeRegion()
    const c = await cast(region)
    const { id, evidenceId } = await withDocument(region, c)
    await forceApplicationState(id, [{ type: 'SUBMIT' }, { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] }, { type: 'ADMIT' }])
    expect(await matrix(c, id, evidenceId)).toEqual({
      applicant: ['read', 'read'],
      member: ['read', 'FORBIDDEN'],
      assigned: ['read', 'read'],
      recused: ['read', 'FORBIDDEN'],
      secretary: ['read', 'read'],
      chair: ['read', 'FORBIDDEN'],
      coordinator: ['read', 'read'],
      ministry: ['read', 'FORBIDDEN'],
      municipal: ['read', 'FORBIDDEN'],
      otherMunicipal: ['NOT_FOUND', 'NOT_FOUND'],
      otherRegionSecretary: ['NOT_FOUND', 'NOT_FOUND'],
    })
    // The page links the documents exactly for those who may open them; the others see their names only.
    for (const who of ['applicant', 'member', 'assigned', 'recused', 'secretary', 'chair', 'coordinator', 'ministry', 'municipal'] as const) {
      const opens = (await outcome(evidenceDownload(c[who], id, evidenceId))) === 'read'
      expect((await applicationView(c[who], id)).documentsReadable, who).toBe(opens)
    }
  })
})
