import { randomUUID } from 'node:crypto'
import { createApplication } from '../app/domain/applications.server'
import { createCampaign } from '../app/domain/campaign-admin.server'
import { createMunicipalCommission } from '../app/domain/municipal-selection.server'
import type { Actor, Role } from '~/model/permissions'
import { db } from '../db/client.server'
import { addCommissionMember } from '../db/queries/commissions.server'
import { grantRole, grantsOf, insertUser } from '../db/queries/users.server'
import { sendEvent } from '../workflows/transition.server'
import { forceApplicationState, strongFacts, toAtMinistry } from './fixtures'
import type { Region } from './staff-helpers'

// A municipality's own selection in a test region (issue 10 §6): its
// coordinator, approver, commission staff and an open campaign on its
// municipal roster, set up through the domain as the coordinator would.

export type Municipal = Awaited<ReturnType<typeof municipalSelection>>

export async function municipalSelection(region: Region, index = 0) {
  const municipalityId = region.municipalities[index].id
  const coordinator = await region.actor('municipalCoordinator', { municipalityId })
  const approver = await region.actor('municipalApprover', { municipalityId })
  const commissionId = await createMunicipalCommission(coordinator, municipalityId, `Муниципальная комиссия ${index}`)
  const onCommission = async (role: Extract<Role, 'secretary' | 'chair' | 'commissionMember'>): Promise<Actor> => {
    const userId = await insertUser({ login: `m${role}.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: role })
    await grantRole(userId, { role, regionId: region.regionId, commissionId })
    await addCommissionMember({ commissionId, userId, role: role === 'commissionMember' ? 'member' : role, organisationId: null })
    return { userId, grants: await grantsOf(userId) }
  }
  const secretary = await onCommission('secretary')
  const campaignId = await createCampaign(coordinator, region.regionId, {
    title: `Муниципальный отбор ${index}`,
    ruleSetId: region.ruleSetId,
    commissionId,
    municipalityId,
  })
  await sendEvent({ entity: 'campaign', id: campaignId, actor: coordinator, event: { type: 'OPEN' } })
  /** A candidate of the municipal campaign, moved to `events`' end state (at the municipal authority by default). */
  const candidate = async (lastName: string, events = toAtMinistry) => {
    const applicant = await region.actor('applicant')
    const id = await createApplication(
      {
        campaignId,
        source: 'self',
        person: {
          municipalityId,
          lastName,
          firstName: 'Ольга',
          middleName: 'Ивановна',
          organisationId: null,
          position: 'учитель',
          workEmail: `${randomUUID().slice(0, 8)}@school.test`,
          subjects: ['Химия'],
        },
        private: { phone: '+7 900 111-22-33' },
        facts: strongFacts(),
      },
      applicant,
    )
    if (events.length > 0) await forceApplicationState(id, events)
    const [{ personId }] = await db()<{ personId: number }[]>`select person_id::int as "personId" from applications where id = ${id}`
    return { id, personId, applicant }
  }
  return { municipalityId, coordinator, approver, secretary, onCommission, commissionId, campaignId, candidate }
}
