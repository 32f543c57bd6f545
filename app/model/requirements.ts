import type { Rule, RuleSet } from './eligibility'

// A rule set (PRODUCT §5.2) as a visitor reads it before applying: what is
// required of everyone, which groups need "at least N of", and the fast track,
// each with the regulation clause it comes from. Pure: the public selections
// page and any other screen that explains requirements share it.

export type RequirementBlock = {
  kind: 'required' | 'group' | 'fastTrack'
  heading: string
  /** The clause shared by every item of the block, or null when the items cite different clauses. */
  clause: string | null
  items: { label: string; clause: string | null }[]
}

export type Requirements = { title: string; blocks: RequirementBlock[] }

const text = {
  required: 'Обязательные требования (должны выполняться все)',
  group: (label: string, atLeast: number, of: number) =>
    atLeast === of ? `${label}: все ${of}` : `${label}: не менее ${atLeast} из ${of}`,
  fastTrack: (label: string) => `${label}. Такие кандидаты включаются без представления документов`,
}

/** Clauses of a block: one shared clause, or each item's own. */
function block(kind: RequirementBlock['kind'], heading: string, rules: Rule[], blockClause?: string): RequirementBlock {
  const clauses = new Set(rules.map((r) => r.clause))
  const shared = clauses.size === 1 ? [...clauses][0] : null
  // A group names its clause itself; its items then add only what differs («подп. 3»).
  const clause = shared ?? blockClause ?? null
  return {
    kind,
    heading,
    clause,
    items: rules.map((r) => ({ label: r.label, clause: shared ? null : ownPart(r.clause, clause) })),
  }
}

function ownPart(ruleClause: string, blockClause: string | null): string | null {
  if (!blockClause || ruleClause === blockClause) return blockClause ? null : ruleClause
  return ruleClause.startsWith(`${blockClause}, `) ? ruleClause.slice(blockClause.length + 2) : ruleClause
}

export function describeRequirements(rs: RuleSet): Requirements {
  const blocks: RequirementBlock[] = []
  if (rs.required.length) blocks.push(block('required', text.required, rs.required))
  for (const g of rs.groups) blocks.push(block('group', text.group(g.label, g.atLeast, g.rules.length), g.rules, g.clause))
  if (rs.fastTrack) blocks.push(block('fastTrack', text.fastTrack(rs.fastTrack.label), rs.fastTrack.rules, rs.fastTrack.clause))
  return { title: rs.title, blocks }
}
