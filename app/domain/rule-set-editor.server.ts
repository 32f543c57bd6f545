import { campaignApplicationFacts } from '../../db/queries/applications.server'
import { currentCampaignOfRuleSetCode } from '../../db/queries/campaigns.server'
import { latestRuleSetVersion, ruleSetById } from '../../db/queries/rule-sets.server'
import { evaluate, factsSchema, type Outcome, type RuleSet } from '~/model/eligibility'
import type { Catalogue } from '~/model/fact-catalogue'
import type { RuleSetFormValue } from '~/model/inputs/rule-set'
import type { Actor } from '~/model/permissions'
import { fromForm, toFields, type RuleSetFields } from '~/model/rule-set-form'
import { catalogueOf } from './region-facts.server'
import { checkRuleSet, readableRuleSet, saveRuleSetDocument } from './rule-set-admin.server'

// The structured editor of a rule set (issue 11 §3): the fields of a version,
// a preview of what a new version would decide on the current campaign's
// applications (nothing written), and saving as the next version.

export type RuleSetEditor = {
  id: number
  regionId: number
  code: string
  title: string
  next: number
  fields: RuleSetFields
  catalogue: Catalogue
  /** The fast track's label: the editor keeps it as it is. */
  fastTrack: string | null
}

export async function ruleSetEditor(actor: Actor, id: number): Promise<RuleSetEditor> {
  const stored = await readableRuleSet(actor, id)
  const doc = stored.document
  return {
    id: stored.id,
    regionId: stored.regionId,
    code: doc.code,
    title: doc.title,
    next: (await latestRuleSetVersion(stored.regionId, doc.code)) + 1,
    fields: toFields(doc),
    catalogue: await catalogueOf(stored.regionId),
    fastTrack: doc.fastTrack?.label ?? null,
  }
}

/** The catalogue the rule set's form is checked against (after the permission check). */
export async function editorCatalogue(actor: Actor, id: number): Promise<Catalogue> {
  return catalogueOf((await readableRuleSet(actor, id)).regionId)
}

async function draftOf(actor: Actor, id: number, value: RuleSetFormValue) {
  const stored = await readableRuleSet(actor, id)
  const catalogue = await catalogueOf(stored.regionId)
  const draft = checkRuleSet(fromForm(value, stored.document, (fact) => catalogue[fact]?.kind), catalogue)
  return { stored, draft }
}

export type PreviewChange = { applicationId: number; fullName: string; before: Outcome; after: Outcome }
export type RuleSetPreview = { campaign: { id: number; title: string } | null; applications: number; changes: PreviewChange[] }

/**
 * How the edited version would decide the applications of the region's
 * current campaign that uses this rule set, against their stored facts:
 * "before" by the campaign's own version, "after" by the draft. Reads only.
 */
export async function previewRuleSet(actor: Actor, id: number, value: RuleSetFormValue): Promise<RuleSetPreview> {
  const { stored, draft } = await draftOf(actor, id, value)
  const campaign = await currentCampaignOfRuleSetCode(stored.regionId, draft.code)
  if (!campaign) return { campaign: null, applications: 0, changes: [] }
  const current: RuleSet = (await ruleSetById(campaign.ruleSetId))?.document ?? stored.document
  const rows = await campaignApplicationFacts(campaign.id)
  const changes: PreviewChange[] = []
  for (const row of rows) {
    const parsed = factsSchema.safeParse(row.facts)
    const facts = parsed.success ? parsed.data : {}
    const before = evaluate(facts, current).outcome
    const after = evaluate(facts, draft).outcome
    if (before !== after) changes.push({ applicationId: row.id, fullName: row.fullName, before, after })
  }
  return { campaign: { id: campaign.id, title: campaign.title }, applications: rows.length, changes }
}

/** Saves the form as the next version; returns its id. */
export async function saveRuleSetForm(actor: Actor, id: number, value: RuleSetFormValue): Promise<number> {
  const { draft } = await draftOf(actor, id, value)
  return saveRuleSetDocument(actor, id, draft)
}
