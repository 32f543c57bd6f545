import { campaignApplicationFacts } from '../../db/queries/applications.server'
import { currentCampaignsOfRuleSet, type Campaign } from '../../db/queries/campaigns.server'
import { latestRuleSetVersion, ruleSetById } from '../../db/queries/rule-sets.server'
import { evaluate, factsSchema, type Outcome, type RuleSet } from '~/model/eligibility'
import type { Catalogue } from '~/model/fact-catalogue'
import type { RuleSetFormValue } from '~/model/inputs/rule-set'
import { can, type Actor } from '~/model/permissions'
import { fromForm, toFields, type RuleSetFields } from '~/model/rule-set-form'
import { catalogueOf } from './region-facts.server'
import { checkRuleSet, readableRuleSet, saveRuleSetDocument } from './rule-set-admin.server'

// The structured editor of a rule set (issue 11 §3): the fields of a version,
// a preview of what a new version would decide on the applications of the
// current selections that use it (nothing written), and saving as the next version.

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
  /** May the editor open the region's list of facts (a municipality's coordinator may not)? */
  regionWide: boolean
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
    regionWide: can(actor, 'ruleSet:manage', { regionId: stored.regionId }),
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
export type SelectionPreview = { campaign: { id: number; title: string }; applications: number; changes: PreviewChange[] }
/** `selections`: one result per selection checked; empty when no current selection uses the rule set. */
export type RuleSetPreview = { selections: SelectionPreview[] }

/**
 * The selections a rule set is checked on: those of its own level (the
 * region's, or the municipality's for a copy) before others that borrow it
 * (a municipal selection may run on the region's set); of those, every open
 * one, or else the newest one still current.
 */
function selectionsToCheck(ruleSetMunicipalityId: number | null, current: Campaign[]): Campaign[] {
  const own = current.filter((c) => c.municipalityId === ruleSetMunicipalityId)
  const pool = own.length > 0 ? own : current
  const open = pool.filter((c) => c.state === 'open')
  return open.length > 0 ? open : pool.slice(0, 1)
}

/**
 * How the edited version would decide the applications of the current
 * selections that use this rule set, against their stored facts: "before" by
 * each selection's own version, "after" by the draft. Reads only.
 */
export async function previewRuleSet(actor: Actor, id: number, value: RuleSetFormValue): Promise<RuleSetPreview> {
  const { stored, draft } = await draftOf(actor, id, value)
  const campaigns = selectionsToCheck(stored.municipalityId, await currentCampaignsOfRuleSet(stored.regionId, draft.code, stored.municipalityId))
  const selections: SelectionPreview[] = []
  for (const campaign of campaigns) {
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
    selections.push({ campaign: { id: campaign.id, title: campaign.title }, applications: rows.length, changes })
  }
  return { selections }
}

/** Saves the form as the next version; returns its id. */
export async function saveRuleSetForm(actor: Actor, id: number, value: RuleSetFormValue): Promise<number> {
  const { draft } = await draftOf(actor, id, value)
  return saveRuleSetDocument(actor, id, draft)
}
