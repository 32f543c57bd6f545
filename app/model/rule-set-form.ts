import type { Rule, RuleSet } from '~/model/eligibility'
import type { RuleFormValue, RuleSetFormValue } from '~/model/inputs/rule-set'

// The rule-set document ↔ the structured editor's fields. The editor never
// shows internal codes: a rule's id travels in a hidden field and new rules
// get one here; a clause is shown as its document and its item. Pure.

// why: clauses are written «<document>, п. 3.2, подп. 1»; the first comma
// before an item word splits them, and joining gives the same string back.
const itemStart = /,\s*(?=(?:п\.|пп\.|подп\.|пункт|подпункт|раздел|прил|ст\.|статья|абз|ч\.|часть|мероприятие|гл\.|глава)\s*)/i

export function splitClause(clause: string): { document: string; item: string } {
  const m = itemStart.exec(clause)
  if (!m || m.index === 0) return { document: clause, item: '' }
  return { document: clause.slice(0, m.index), item: clause.slice(m.index + m[0].length) }
}

export const joinClause = (document: string, item?: string) => (item ? `${document}, ${item}` : document)

/** Field values as the form holds them (strings), for `defaultValue`. */
export type RuleFields = { id: string; label: string; fact: string; values: string[]; min: string; document: string; item: string }
export type GroupFields = { id: string; label: string; document: string; item: string; atLeast: string; rules: RuleFields[] }
export type RuleSetFields = { title: string; required: RuleFields[]; groups: GroupFields[] }

export function ruleFields(r: Rule): RuleFields {
  return {
    id: r.id,
    label: r.label,
    fact: r.fact,
    values: r.test.op === 'in' ? [...r.test.values] : [],
    min: r.test.op === 'gte' ? String(r.test.value) : '',
    ...splitClause(r.clause),
  }
}

export function toFields(doc: RuleSet): RuleSetFields {
  return {
    title: doc.title,
    required: doc.required.map(ruleFields),
    groups: doc.groups.map((g) => ({ id: g.id, label: g.label, ...splitClause(g.clause), atLeast: String(g.atLeast), rules: g.rules.map(ruleFields) })),
  }
}

/** The next free code with this prefix: rule-1, rule-2, … */
function fresh(prefix: string, taken: Set<string>): string {
  let n = 1
  while (taken.has(`${prefix}-${n}`)) n++
  const id = `${prefix}-${n}`
  taken.add(id)
  return id
}

/**
 * The document the form describes, on top of `base`: its code and fast track
 * stay (the editor does not change them); the version is set when saved.
 * `kinds` tells which comparison each fact takes.
 */
export function fromForm(value: RuleSetFormValue, base: RuleSet, kinds: (fact: string) => 'boolean' | 'number' | 'enum' | undefined): RuleSet {
  const taken = new Set<string>([
    ...(base.fastTrack?.rules ?? []).map((r) => r.id),
    ...value.required.map((r) => r.id),
    ...value.groups.flatMap((g) => g.rules.map((r) => r.id)),
  ].filter((id): id is string => Boolean(id)))
  const groupIds = new Set(value.groups.map((g) => g.id).filter((id): id is string => Boolean(id)))
  const rule = (r: RuleFormValue): Rule => ({
    id: r.id ?? fresh('rule', taken),
    label: r.label,
    clause: joinClause(r.document, r.item),
    fact: r.fact as Rule['fact'],
    test: testOf(r, kinds(r.fact)),
  })
  const doc: RuleSet = {
    code: base.code,
    version: base.version,
    title: value.title,
    required: value.required.map(rule),
    groups: value.groups.map((g) => ({
      id: g.id ?? fresh('group', groupIds),
      label: g.label,
      clause: joinClause(g.document, g.item),
      atLeast: g.atLeast,
      rules: g.rules.map(rule),
    })),
  }
  if (base.fastTrack) doc.fastTrack = base.fastTrack
  return doc
}

function testOf(r: RuleFormValue, kind: 'boolean' | 'number' | 'enum' | undefined): Rule['test'] {
  if (kind === 'enum') return { op: 'in', values: r.values }
  if (kind === 'number') return { op: 'gte', value: r.min ?? 0 }
  return { op: 'isTrue' }
}
