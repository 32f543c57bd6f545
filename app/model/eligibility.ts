import { z } from 'zod'

// Eligibility is data (PRODUCT §5): a rule set is a versioned document; this
// module validates it and evaluates a candidate's facts against it. Pure: no
// database, no clock.

export const qualificationCategories = ['highest', 'first', 'none'] as const
export const educationLevels = ['higher', 'secondaryVocational', 'other'] as const

/** Every fact a rule can test, with its Russian name and the kind of value. */
export const factCatalog = {
  qualificationCategory: { label: 'Квалификационная категория', kind: 'enum', values: qualificationCategories },
  educationLevel: { label: 'Уровень образования', kind: 'enum', values: educationLevels },
  educationPedagogical: { label: 'Педагогическое образование', kind: 'boolean' },
  experienceYears: { label: 'Стаж работы по специальности, лет', kind: 'number' },
  fiokoAssessment: { label: 'Прошёл федеральную оценку предметных и методических компетенций (ФИОКО)', kind: 'boolean' },
  regionalAssessment: { label: 'Прошёл региональную оценку предметных и методических компетенций', kind: 'boolean' },
  giaCommission: { label: 'Председатель или член предметной комиссии ГИА', kind: 'boolean' },
  communityLeader: { label: 'Руководитель профессионального сообщества или ассоциации', kind: 'boolean' },
  methodCouncilHead: { label: 'Руководитель методического совета, объединения или кафедры', kind: 'boolean' },
  contestWinner: { label: 'Победитель регионального или федерального профессионального конкурса', kind: 'boolean' },
  expertEvaluation: { label: 'Высокие результаты экспертной оценки профессиональной деятельности', kind: 'boolean' },
  instituteStaff: { label: 'Сотрудник регионального института развития образования, РЦРО или ОЦДО', kind: 'boolean' },
  registryMember: { label: 'Включён в другой профессиональный реестр региональной системы НМС', kind: 'boolean' },
} as const

export type FactKey = keyof typeof factCatalog
export const factKeys = Object.keys(factCatalog) as FactKey[]

export const valueLabels: Record<string, string> = {
  highest: 'высшая',
  first: 'первая',
  none: 'без категории',
  higher: 'высшее',
  secondaryVocational: 'среднее профессиональное',
  other: 'иное',
}

export const factSources = ['self', 'evidence', 'registry', 'staff'] as const

const factValue = z.union([z.string(), z.number(), z.boolean()])
export const factSchema = z.object({
  value: factValue,
  verified: z.boolean(),
  source: z.enum(factSources),
})
export type Fact = z.infer<typeof factSchema>
/**
 * A fact's key: a built-in one (factCatalog) or one a region added
 * (region_facts.key, generated). Which keys a rule set may use is checked
 * against the region's catalogue when it is saved (ruleSetSchemaFor).
 */
const factKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,40}$/, 'Неизвестные сведения')
export const factsSchema = z.partialRecord(factKey, factSchema)
export type Facts = z.infer<typeof factsSchema>

const testSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('in'), values: z.array(z.string()).min(1) }),
  z.object({ op: z.literal('gte'), value: z.number() }),
  z.object({ op: z.literal('isTrue') }),
])

/** What a rule needs to know of its fact: its name, kind and, for a list, the allowed values. */
export type FactSpec = { label: string; kind: 'boolean' | 'number' | 'enum'; values: readonly string[] }
export type FactSpecs = (fact: string) => FactSpec | undefined

/** The built-in facts. */
export const builtInFacts: FactSpecs = (fact) => {
  if (!Object.hasOwn(factCatalog, fact)) return undefined
  const f = factCatalog[fact as FactKey]
  return { label: f.label, kind: f.kind, values: 'values' in f ? f.values : [] }
}

const ruleShape = z.object({
  id: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'Код правила: латинские буквы, цифры, _ и -'),
  label: z.string().min(1, 'Укажите формулировку правила'),
  clause: z.string().min(1, 'Укажите пункт положения, из которого взято правило'),
  fact: factKey,
  test: testSchema,
})

/** `allowUnknown`: facts missing from `specs` pass (a stored document using a region's own facts). */
function ruleSchemaFor(specs: FactSpecs, allowUnknown: boolean) {
  return ruleShape.superRefine((rule, ctx) => {
    const spec = specs(rule.fact)
    if (!spec) {
      if (!allowUnknown) ctx.addIssue({ code: 'custom', message: `Сведений «${rule.fact}» нет в перечне региона`, path: ['fact'] })
      return
    }
    const ok =
      (rule.test.op === 'gte' && spec.kind === 'number') ||
      (rule.test.op === 'isTrue' && spec.kind === 'boolean') ||
      (rule.test.op === 'in' && spec.kind === 'enum' && rule.test.values.every((v) => spec.values.includes(v)))
    if (!ok) ctx.addIssue({ code: 'custom', message: `Проверка «${rule.test.op}» не подходит для факта «${spec.label}»`, path: ['test'] })
  })
}
export type Rule = z.infer<typeof ruleShape>

/**
 * The rule-set document, its facts checked against `specs` (the region's
 * catalogue); with `allowUnknown`, only the built-in facts' tests are checked
 * and other keys pass, as a stored version is read back.
 */
export function ruleSetSchemaFor(specs: FactSpecs, { allowUnknown = false } = {}) {
  const ruleSchema = ruleSchemaFor(specs, allowUnknown)
  return z
  .object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().positive(),
    title: z.string().min(1),
    /** All must pass. */
    required: z.array(ruleSchema),
    /** Each group passes when at least `atLeast` of its rules pass. */
    groups: z.array(
      z.object({
        id: z.string().regex(/^[a-zA-Z0-9_-]+$/),
        label: z.string().min(1),
        clause: z.string().min(1),
        atLeast: z.number().int().positive(),
        rules: z.array(ruleSchema).min(1),
      }),
    ),
    /**
     * Fast track (Chelyabinsk): a candidate found in another professional
     * registry is admitted without documents; a verified fast-track fact
     * counts every other claimed fact as verified from that registry's data.
     */
    fastTrack: z
      .object({ label: z.string().min(1), clause: z.string().min(1), rules: z.array(ruleSchema).min(1) })
      .optional(),
  })
  .superRefine((rs, ctx) => {
    const ids = [...rs.required, ...rs.groups.flatMap((g) => g.rules), ...(rs.fastTrack?.rules ?? [])].map((r) => r.id)
    const dup = ids.find((id, i) => ids.indexOf(id) !== i)
    if (dup) ctx.addIssue({ code: 'custom', message: `Код правила «${dup}» повторяется`, path: ['required'] })
    rs.groups.forEach((g, i) => {
      if (g.atLeast > g.rules.length)
        ctx.addIssue({ code: 'custom', message: `В группе «${g.label}» требуется ${g.atLeast} из ${g.rules.length}`, path: ['groups', i, 'atLeast'] })
    })
  })
}

/** A document using the built-in facts only (the presets). */
export const ruleSetSchema = ruleSetSchemaFor(builtInFacts)
/** A stored version: a region's own facts are allowed. */
export const storedRuleSetSchema = ruleSetSchemaFor(builtInFacts, { allowUnknown: true })
export type RuleSet = z.infer<typeof ruleSetSchema>

export type Outcome = 'pass' | 'fail' | 'unverified'

export type RuleResult = { id: string; label: string; clause: string; outcome: Outcome; explanation: string }
export type GroupResult = {
  id: string
  label: string
  clause: string
  atLeast: number
  passed: number
  unverified: number
  outcome: Outcome
  explanation: string
  rules: RuleResult[]
}
export type EligibilityResult = {
  ruleSet: { code: string; version: number }
  outcome: Outcome
  fastTrack: boolean
  required: RuleResult[]
  groups: GroupResult[]
  /** Russian labels of what failed: the reasons of an ineligible decision. */
  failed: string[]
  summary: string
}

function show(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'да' : 'нет'
  if (typeof value === 'number') return String(value).replace('.', ',')
  return valueLabels[String(value)] ?? String(value)
}

function requirement(rule: Rule): string {
  switch (rule.test.op) {
    case 'in':
      return rule.test.values.map(show).join(' или ')
    case 'gte':
      return `не менее ${show(rule.test.value)}`
    case 'isTrue':
      return 'да'
  }
}

function satisfies(rule: Rule, value: unknown): boolean {
  switch (rule.test.op) {
    case 'in':
      return typeof value === 'string' && rule.test.values.includes(value)
    case 'gte':
      return typeof value === 'number' && Number.isFinite(value) && value >= rule.test.value
    case 'isTrue':
      return value === true
  }
}

export function evaluateRule(rule: Rule, facts: Facts, trustClaims = false): RuleResult {
  const fact = facts[rule.fact]
  const base = { id: rule.id, label: rule.label, clause: rule.clause }
  const name = builtInFacts(rule.fact)?.label ?? rule.label
  if (!fact) return { ...base, outcome: 'fail', explanation: `${name}: не указано; требуется ${requirement(rule)}.` }
  if (!satisfies(rule, fact.value)) {
    return { ...base, outcome: 'fail', explanation: `${name}: ${show(fact.value)}; требуется ${requirement(rule)}.` }
  }
  if (fact.verified) {
    const from = fact.source === 'registry' ? ' (по данным реестра)' : ''
    return { ...base, outcome: 'pass', explanation: `${name}: ${show(fact.value)} — подтверждено${from}.` }
  }
  if (trustClaims) {
    return { ...base, outcome: 'pass', explanation: `${name}: ${show(fact.value)} — принято в ускоренном порядке без документов.` }
  }
  return { ...base, outcome: 'unverified', explanation: `${name}: ${show(fact.value)} — заявлено, но ещё не подтверждено документами.` }
}

function combine(outcomes: Outcome[]): Outcome {
  if (outcomes.includes('fail')) return 'fail'
  if (outcomes.includes('unverified')) return 'unverified'
  return 'pass'
}

/**
 * The verdict as a sentence, what matters first. Stored with each result
 * (`summary`); the panel builds it again from `outcome`, so results stored
 * before this wording read well too.
 */
export const verdicts: Record<Outcome, string> = {
  pass: 'Кандидат соответствует требованиям',
  fail: 'Кандидат не соответствует требованиям',
  unverified: 'Требуется подтверждение документами: по заявленным сведениям кандидат соответствует требованиям',
}

export function evaluate(facts: Facts, ruleSet: RuleSet): EligibilityResult {
  const fastTrack = (ruleSet.fastTrack?.rules ?? []).some((r) => evaluateRule(r, facts).outcome === 'pass')
  const required = ruleSet.required.map((r) => evaluateRule(r, facts, fastTrack))
  const groups = ruleSet.groups.map((g): GroupResult => {
    const rules = g.rules.map((r) => evaluateRule(r, facts, fastTrack))
    const passed = rules.filter((r) => r.outcome === 'pass').length
    const unverified = rules.filter((r) => r.outcome === 'unverified').length
    const outcome: Outcome = passed >= g.atLeast ? 'pass' : passed + unverified >= g.atLeast ? 'unverified' : 'fail'
    const explanation =
      outcome === 'pass'
        ? `Выполнено ${passed} из ${rules.length}; требуется не менее ${g.atLeast}.`
        : outcome === 'unverified'
          ? `Подтверждено ${passed}, заявлено без подтверждения ${unverified}; требуется не менее ${g.atLeast}.`
          : `Выполнено ${passed} из ${rules.length} (с неподтверждёнными — ${passed + unverified}); требуется не менее ${g.atLeast}.`
    return { id: g.id, label: g.label, clause: g.clause, atLeast: g.atLeast, passed, unverified, outcome, explanation, rules }
  })
  const outcome = combine([...required.map((r) => r.outcome), ...groups.map((g) => g.outcome)])
  const failed = [
    ...required.filter((r) => r.outcome === 'fail').map((r) => `${r.label} (${r.clause})`),
    ...groups.filter((g) => g.outcome === 'fail').map((g) => `${g.label} (${g.clause})`),
  ]
  const summary =
    `${verdicts[outcome]} (${ruleSet.title}, версия ${ruleSet.version})` + (fastTrack && ruleSet.fastTrack ? `; ${lowerFirst(ruleSet.fastTrack.label)}` : '') + '.'
  return { ruleSet: { code: ruleSet.code, version: ruleSet.version }, outcome, fastTrack, required, groups, failed, summary }
}

// --- presentation -------------------------------------------------------------

/**
 * A label continued mid-sentence: its first letter lower-cased, unless the
 * first word is an abbreviation (ФИОКО, ГИА, РЦРО), which keeps its case.
 */
export function lowerFirst(label: string): string {
  const first = label.split(/[\s,.;:()«»"]/)[0] ?? ''
  if (first.length > 1 && first === first.toUpperCase() && first !== first.toLowerCase()) return label
  return label.charAt(0).toLowerCase() + label.slice(1)
}

/** A rule's outcome after its label: «… — выполнено». */
export const outcomeLabels: Record<Outcome, string> = {
  pass: 'выполнено',
  fail: 'не выполнено',
  unverified: 'нужно подтвердить документами',
}

/** One line for a group of "at least N of M" rules, e.g. «выполнено 1 из 8 (достаточно 1)». */
export function groupLine(g: Pick<GroupResult, 'atLeast' | 'passed' | 'unverified' | 'outcome' | 'rules'>): string {
  const enough = `достаточно ${g.atLeast}`
  if (g.outcome === 'pass') return `выполнено ${g.passed} из ${g.rules.length} (${enough})`
  if (g.outcome === 'unverified') return `подтверждено ${g.passed}, ждут подтверждения документами ${g.unverified} (${enough})`
  const claimed = g.unverified > 0 ? `, ещё ${g.unverified} ждут подтверждения документами` : ''
  return `выполнено ${g.passed} из ${g.rules.length}${claimed} (нужно не менее ${g.atLeast})`
}

/** The rules that still need documents, by label (what the applicant or the secretary acts on). */
export function awaitingDocuments(result: Pick<EligibilityResult, 'required' | 'groups'>): string[] {
  const rules = [...result.required, ...result.groups.filter((g) => g.outcome !== 'pass').flatMap((g) => g.rules)]
  return rules.filter((r) => r.outcome === 'unverified').map((r) => r.label)
}
