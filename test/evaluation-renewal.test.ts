import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { submitApplication } from '../app/domain/applications.server'
import { claimableCriteria } from '../app/domain/application-form.server'
import { yearContext } from '../app/domain/evaluation.server'
import { catalogueOf } from '../app/domain/region-facts.server'
import { checkRuleSet } from '../app/domain/rule-set-admin.server'
import { preset } from '../db/presets'
import { db } from '../db/client.server'
import { insertActivity } from '../db/queries/activity-records.server'
import { insertMember } from '../db/queries/members.server'
import { insertPerson } from '../db/queries/people.server'
import { insertRuleSetVersion } from '../db/queries/rule-sets.server'
import { grantRole, grantsOf, insertUser } from '../db/queries/users.server'
import { rowAfter } from '../workflows/snapshot'
import type { RuleSet } from '~/model/eligibility'
import { makeApplication, makeRegion, strongFacts } from './fixtures'

// The renewal fact (issue 10 §3.4): a rule set may test whether the applicant
// is a current member whose score for the last completed school year meets
// the threshold. The evaluation fills it from the database; a claim of it is
// ignored.

type Region = Awaited<ReturnType<typeof makeRegion>>

const renewal = (base: RuleSet): RuleSet => ({
  ...base,
  code: 'rma-renewal',
  version: 1,
  title: 'Продление полномочий',
  fastTrack: {
    label: 'Ускоренный порядок: действующий член актива с результатом оценки не ниже порога',
    clause: 'Решение комиссии о порядке продления',
    rules: [{ id: 'evaluation', label: 'Результат оценки за прошедший учебный год не ниже порога', clause: 'Решение комиссии о порядке продления', fact: 'evaluationMeetsThreshold', test: { op: 'isTrue' } }],
  },
})

async function applicant(region: Region, member: boolean, points: 'high' | 'low' | 'none') {
  const personId = await insertPerson({ regionId: region.regionId, municipalityId: region.municipalities[0].id, lastName: 'Продлеваева', firstName: 'Нина', middleName: '', organisationId: null, position: '', workEmail: null, subjects: [] })
  const userId = await insertUser({ login: `r.${randomUUID()}@test.rma`, passwordHash: 'x', displayName: 'Продлеваева Нина', personId })
  await grantRole(userId, { role: 'applicant' })
  if (member) {
    const row = rowAfter('member', [])
    const memberId = await insertMember({ regionId: region.regionId, rosterId: region.rosterId, personId, applicationId: null, directionId: null, groupId: null, subjects: [], admittedOrderId: null, termEndsOn: null, public: false, snapshot: row.snapshot, state: row.state, machineVersion: row.machineVersion })
    const last = await yearContext(region.regionId, (await yearContext(region.regionId, null)).year - 1)
    const kinds = points === 'high' ? ['course'] : points === 'low' ? ['consultation'] : []
    for (const kind of kinds) {
      await insertActivity(
        { kind, level: 'federal', heldOn: last.from, audience: 5, description: 'Курсы', evidenceUrl: null, regionId: region.regionId, memberId, municipalityId: region.municipalities[0].id, createdBy: userId, file: null },
        rowAfter('activity', [{ type: 'SUBMIT' }, { type: 'CONFIRM' }]),
      )
    }
  }
  return { userId, grants: await grantsOf(userId) }
}

describe('the evaluation as a renewal fact', () => {
  it('the region’s fact list offers it to rule sets, never to applicants', async () => {
    const region = await makeRegion('chelyabinsk')
    const catalogue = await catalogueOf(region.regionId)
    expect(catalogue.evaluationMeetsThreshold).toMatchObject({ kind: 'boolean', computed: true })
    const rs = checkRuleSet(renewal(preset('chelyabinsk').ruleSet), catalogue)
    expect(rs.fastTrack?.rules[0].fact).toBe('evaluationMeetsThreshold')
    expect(claimableCriteria(rs, catalogue).map((c) => c.fact)).not.toContain('evaluationMeetsThreshold')
  })

  it('a member who met last year’s threshold takes the fast track; a low score or no membership does not, whatever is claimed', async () => {
    const region = await makeRegion('tomsk')
    const ruleSetId = await insertRuleSetVersion(region.regionId, renewal(preset('tomsk').ruleSet), null)
    await db()`update campaigns set rule_set_id = ${ruleSetId!} where id = ${region.campaignId}`
    const claimed = { ...strongFacts(false), evaluationMeetsThreshold: { value: true, verified: true, source: 'self' as const } }

    const outcome = async (who: Awaited<ReturnType<typeof applicant>>) => {
      const id = await makeApplication(region, who, claimed)
      await submitApplication(id, who)
      const [row] = await db()<{ fastTrack: boolean; fact: unknown; summary: string }[]>`
        select (eligibility->>'fastTrack')::boolean as "fastTrack", facts->'evaluationMeetsThreshold' as fact, eligibility->>'summary' as summary from applications where id = ${id}`
      return row
    }
    const high = await outcome(await applicant(region, true, 'high'))
    expect(high.fact).toEqual({ value: true, verified: true, source: 'registry' })
    expect(high.fastTrack).toBe(true)
    expect(high.summary).toMatch(/^Кандидат соответствует требованиям/)

    for (const who of [await applicant(region, true, 'low'), await applicant(region, false, 'none')]) {
      const r = await outcome(who)
      expect(r.fact).toEqual({ value: false, verified: true, source: 'registry' })
      expect(r.fastTrack).toBe(false)
    }
  })
})
