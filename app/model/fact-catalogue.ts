import { factCatalog, valueLabels } from '~/model/eligibility'

// The facts a rule may test, as the editor and the evaluator need them: the
// built-in catalogue (every region's base) plus what a region added. Plain
// data, so a loader can hand it to the page and the page's schema checks the
// same list as the action's.

export const factKinds = ['boolean', 'number', 'enum'] as const
export type FactKind = (typeof factKinds)[number]

export type CatalogueFact = { label: string; kind: FactKind; values: { value: string; label: string }[] }
export type Catalogue = Record<string, CatalogueFact>

export const baseCatalogue: Catalogue = Object.fromEntries(
  Object.entries(factCatalog).map(([key, f]) => [
    key,
    { label: f.label, kind: f.kind, values: 'values' in f ? f.values.map((v) => ({ value: v, label: valueLabels[v] ?? v })) : [] },
  ]),
)

/** A value as people read it: «да», «5», «высшая». */
export function showValue(fact: CatalogueFact | undefined, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'да' : 'нет'
  if (typeof value === 'number') return String(value).replace('.', ',')
  const s = String(value)
  return fact?.values.find((v) => v.value === s)?.label ?? valueLabels[s] ?? s
}
