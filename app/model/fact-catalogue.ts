import { factCatalog, valueLabels, type FactSpecs } from '~/model/eligibility'

// The facts a rule may test, as the editor and the evaluator need them: the
// built-in catalogue (every region's base) plus what a region added. Plain
// data, so a loader can hand it to the page and the page's schema checks the
// same list as the action's.

export const factKinds = ['boolean', 'number', 'enum'] as const
export type FactKind = (typeof factKinds)[number]

export type CatalogueFact = {
  label: string
  kind: FactKind
  values: { value: string; label: string }[]
  /** A region's own fact: the documents that confirm it. */
  evidence?: string[]
  added?: boolean
  /** Filled from the registry's own data when eligibility is evaluated; nobody claims it. */
  computed?: boolean
}
export type Catalogue = Record<string, CatalogueFact>

/**
 * Facts the registry computes (issue 10 §3.4): a renewal campaign's rule set
 * may test them, e.g. a fast track «at least 1 of: …, evaluationMeetsThreshold».
 */
export const computedFacts = {
  evaluationMeetsThreshold: {
    label: 'Действующий член актива региона, результат оценки работы за прошедший учебный год не ниже порога',
    kind: 'boolean',
    values: [],
    computed: true,
  },
} satisfies Catalogue
export type ComputedFact = keyof typeof computedFacts
export const computedFactKeys = Object.keys(computedFacts) as ComputedFact[]

export const baseCatalogue: Catalogue = {
  ...Object.fromEntries(
    Object.entries(factCatalog).map(([key, f]) => [
      key,
      { label: f.label, kind: f.kind, values: 'values' in f ? f.values.map((v) => ({ value: v, label: valueLabels[v] ?? v })) : [] },
    ]),
  ),
  ...computedFacts,
}

/** A value as people read it: «да», «5», «высшая». */
export function showValue(fact: CatalogueFact | undefined, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'да' : 'нет'
  if (typeof value === 'number') return String(value).replace('.', ',')
  const s = String(value)
  return fact?.values.find((v) => v.value === s)?.label ?? valueLabels[s] ?? s
}

/** The catalogue as the rule-set schema reads it (ruleSetSchemaFor). */
export const specsOf =
  (catalogue: Catalogue): FactSpecs =>
  (fact) => {
    const f = Object.hasOwn(catalogue, fact) ? catalogue[fact] : undefined
    return f && { label: f.label, kind: f.kind, values: f.values.map((v) => v.value) }
  }

/** A fact a region added, as stored (region_facts). */
export type AddedFact = { key: string; label: string; kind: FactKind; enumValues: string[]; evidence: string[] }

/** The built-in catalogue with the region's own facts after it; an enum's values are their own wording. */
export function withAddedFacts(added: AddedFact[]): Catalogue {
  const out: Catalogue = { ...baseCatalogue }
  for (const f of added) out[f.key] = { label: f.label, kind: f.kind, values: f.enumValues.map((v) => ({ value: v, label: v })), evidence: f.evidence, added: true }
  return out
}
