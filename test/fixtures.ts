import { initialRow } from '../workflows/snapshot'
import { randomUUID } from 'node:crypto'
import type { Facts } from '~/model/eligibility'
import { createApplication } from '../app/domain/applications.server'
import type { Actor, Role } from '~/model/permissions'
import { db } from '../db/client.server'
import { insertCampaign } from '../db/queries/campaigns.server'
import { addCommissionMember } from '../db/queries/commissions.server'
import { municipalitiesOf } from '../db/queries/regions.server'
import { grantRole, grantsOf, insertUser } from '../db/queries/users.server'
import { preset } from '../db/presets'
import { installPreset } from '../db/seed/presets.server'
import { rowAfter } from '../workflows/snapshot'

/** A region of its own for each test, so tests sharing a worker's database never see each other's rows. */
export async function makeRegion(presetCode = 'tomsk') {
  const code = `t-${randomUUID().slice(0, 8)}`
  const inst = await installPreset(preset(presetCode), { code })
  const municipalities = await municipalitiesOf(inst.regionId)
  const sql = db()
  const actor = async (role: Role, extra: { municipalityId?: number } = {}): Promise<Actor> => {
    const userId = await insertUser({ login: `${role}.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: role })
    await grantRole(userId, {
      role,
      regionId: role === 'admin' || role === 'applicant' ? null : inst.regionId,
      municipalityId: role === 'municipalCoordinator' || role === 'municipalApprover' ? (extra.municipalityId ?? municipalities[0].id) : null,
      commissionId: ['secretary', 'chair', 'commissionMember'].includes(role) ? inst.commissionId : null,
    })
    if (role === 'secretary' || role === 'chair' || role === 'commissionMember') {
      await addCommissionMember({
        commissionId: inst.commissionId,
        userId,
        role: role === 'commissionMember' ? 'member' : role,
        organisationId: null,
      })
    }
    return { userId, grants: await grantsOf(userId) }
  }
  const campaignId = await insertCampaign({ initial: initialRow('campaign'),
    regionId: inst.regionId,
    rosterId: inst.rosterId,
    commissionId: inst.commissionId,
    ruleSetId: inst.ruleSetId,
    title: 'Тестовый отбор',
    opensOn: null,
    closesOn: null,
  })
  const open = rowAfter('campaign', [{ type: 'OPEN' }])
  await sql`update campaigns set snapshot = ${sql.json(open.snapshot as never)}, state = ${open.state} where id = ${campaignId}`
  return { ...inst, code, municipalities, campaignId, actor }
}

export const strongFacts = (verified = true): Facts => ({
  qualificationCategory: { value: 'highest', verified, source: 'self' },
  educationLevel: { value: 'higher', verified, source: 'self' },
  educationPedagogical: { value: true, verified, source: 'self' },
  experienceYears: { value: 12, verified, source: 'self' },
  contestWinner: { value: true, verified, source: 'self' },
})

export async function makeApplication(region: Awaited<ReturnType<typeof makeRegion>>, applicant: Actor, facts: Facts = strongFacts()) {
  return createApplication(
    {
      campaignId: region.campaignId,
      source: 'self',
      person: {
        municipalityId: region.municipalities[0].id,
        lastName: 'Тестова',
        firstName: 'Мария',
        middleName: 'Ивановна',
        organisationId: null,
        position: 'учитель математики',
        workEmail: 'maria@test.rma',
        subjects: ['Математика'],
      },
      private: { phone: '+7 900 000-00-00' },
      facts,
    },
    applicant,
  )
}

/** Puts an application straight into the state that `events` lead to (setup only; the path is checked by the machine). */
export async function forceApplicationState(id: number, events: { type: string; [k: string]: unknown }[]) {
  const row = rowAfter('application', events)
  const sql = db()
  await sql`update applications set snapshot = ${sql.json(row.snapshot as never)}, state = ${row.state} where id = ${id}`
}

export const toAtMinistry = [
  { type: 'SUBMIT' },
  { type: 'START_SCREENING', eligibility: 'pass', failedRules: [] },
  { type: 'ADMIT' },
  { type: 'RECOMMEND' },
  { type: 'SEND_TO_MINISTRY' },
]
