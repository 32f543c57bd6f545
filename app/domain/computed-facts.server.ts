import { db, type Db } from '../../db/client.server'
import type { Facts, RuleSet } from '~/model/eligibility'
import { computedFactKeys } from '~/model/fact-catalogue'
import { evaluationMeetsThreshold } from './evaluation.server'

// The facts the registry computes for an eligibility evaluation (issue 10
// §3.4). Whatever an application claims under such a key is dropped: the
// value comes from the database, verified, with the registry as its source.
// Only the facts the rule set tests are computed.

export async function withComputedFacts(
  ruleSet: RuleSet,
  app: { regionId: number; personId: number; ownerUserId: number | null },
  facts: Facts,
  tx: Db = db(),
  now = new Date(),
): Promise<Facts> {
  const used = new Set([...ruleSet.required, ...ruleSet.groups.flatMap((g) => g.rules), ...(ruleSet.fastTrack?.rules ?? [])].map((r) => r.fact))
  const out: Facts = { ...facts }
  for (const key of computedFactKeys) delete out[key]
  if (used.has('evaluationMeetsThreshold')) {
    const value = await evaluationMeetsThreshold(app.regionId, { personId: app.personId, userId: app.ownerUserId }, tx, now)
    out.evaluationMeetsThreshold = { value, verified: true, source: 'registry' }
  }
  return out
}
