import { describe, expect, it } from 'vitest'
import { preset } from '../../db/presets'
import { awaitingDocuments, evaluate, groupLine, lowerFirst, ruleSetSchema, type Facts } from '~/model/eligibility'

const tomsk = preset('tomsk').ruleSet
const chelyabinsk = preset('chelyabinsk').ruleSet

const base = (over: Partial<Facts> = {}, verified = true): Facts => ({
  qualificationCategory: { value: 'highest', verified, source: 'evidence' },
  educationLevel: { value: 'higher', verified, source: 'evidence' },
  educationPedagogical: { value: true, verified, source: 'evidence' },
  experienceYears: { value: 5, verified, source: 'evidence' },
  ...over,
})
const yes = { value: true, verified: true, source: 'evidence' as const }

describe('Tomsk regulation №1788-р §3.2', () => {
  const criteria = [
    'fiokoAssessment',
    'regionalAssessment',
    'giaCommission',
    'communityLeader',
    'methodCouncilHead',
    'contestWinner',
    'expertEvaluation',
    'instituteStaff',
  ] as const

  it.each(criteria.map((c, i) => [i + 1, c] as const))('criterion (%i) %s alone makes a qualified candidate eligible', (n, fact) => {
    const result = evaluate(base({ [fact]: yes }), tomsk)
    expect(result.outcome).toBe('pass')
    const group = result.groups[0]
    expect(group.passed).toBe(1)
    expect(group.rules.find((r) => r.id && r.clause.endsWith(`подп. ${n}`))?.outcome).toBe('pass')
  })

  it('no additional criterion: fails with the group as the reason', () => {
    const result = evaluate(base(), tomsk)
    expect(result.outcome).toBe('fail')
    expect(result.failed).toEqual([expect.stringContaining('одному или нескольким дополнительным требованиям')])
  })

  it('5 years of experience pass, 4 fail with an explanation', () => {
    expect(evaluate(base({ contestWinner: yes }), tomsk).outcome).toBe('pass')
    const four = evaluate(base({ contestWinner: yes, experienceYears: { value: 4, verified: true, source: 'evidence' } }), tomsk)
    expect(four.outcome).toBe('fail')
    const rule = four.required.find((r) => r.id === 'experience')!
    expect(rule.outcome).toBe('fail')
    expect(rule.explanation).toBe('Стаж работы по специальности, лет: 4; требуется не менее 5.')
    expect(four.failed).toEqual([expect.stringContaining('Стаж работы по специальности не менее 5 лет')])
  })

  it('first category fails, highest passes', () => {
    const first = evaluate(base({ contestWinner: yes, qualificationCategory: { value: 'first', verified: true, source: 'evidence' } }), tomsk)
    expect(first.outcome).toBe('fail')
    expect(first.required.find((r) => r.id === 'category')!.explanation).toBe(
      'Квалификационная категория: первая; требуется высшая.',
    )
  })

  it('higher but non-pedagogical education fails', () => {
    const r = evaluate(base({ contestWinner: yes, educationPedagogical: { value: false, verified: true, source: 'evidence' } }), tomsk)
    expect(r.outcome).toBe('fail')
    expect(r.required.find((x) => x.id === 'pedagogical')!.outcome).toBe('fail')
    expect(r.required.find((x) => x.id === 'education')!.outcome).toBe('pass')
  })

  it('secondary vocational education fails', () => {
    const r = evaluate(base({ contestWinner: yes, educationLevel: { value: 'secondaryVocational', verified: true, source: 'evidence' } }), tomsk)
    expect(r.required.find((x) => x.id === 'education')!.explanation).toBe('Уровень образования: среднее профессиональное; требуется высшее.')
  })

  it('a missing fact fails and says it was not given', () => {
    const facts = base({ contestWinner: yes })
    delete facts.experienceYears
    const r = evaluate(facts, tomsk)
    expect(r.required.find((x) => x.id === 'experience')!.explanation).toBe('Стаж работы по специальности, лет: не указано; требуется не менее 5.')
  })

  it('claimed but not verified facts give unverified, never pass', () => {
    const r = evaluate(base({ contestWinner: { value: true, verified: false, source: 'self' } }, false), tomsk)
    expect(r.outcome).toBe('unverified')
    expect(r.required.every((x) => x.outcome === 'unverified')).toBe(true)
    expect(r.groups[0].outcome).toBe('unverified')
    expect(r.failed).toEqual([])
  })

  it('a verified failure outweighs unverified claims', () => {
    const r = evaluate(base({ contestWinner: { value: true, verified: false, source: 'self' }, experienceYears: { value: 3, verified: false, source: 'self' } }, false), tomsk)
    expect(r.outcome).toBe('fail')
  })

  it('an unverified criterion cannot satisfy the group when another one is verified false', () => {
    const r = evaluate(base({ giaCommission: { value: false, verified: true, source: 'registry' }, fiokoAssessment: { value: true, verified: false, source: 'self' } }), tomsk)
    expect(r.groups[0].outcome).toBe('unverified')
    expect(r.groups[0].explanation).toContain('требуется не менее 1')
  })

  it('stores the rule-set version with the result', () => {
    expect(evaluate(base(), tomsk).ruleSet).toEqual({ code: 'rma-tomsk', version: 1 })
  })
})

describe('Chelyabinsk fast track', () => {
  it('a verified registry membership accepts the other claims without documents', () => {
    const facts = base({ contestWinner: { value: true, verified: false, source: 'self' }, registryMember: { value: true, verified: true, source: 'registry' } }, false)
    const r = evaluate(facts, chelyabinsk)
    expect(r.fastTrack).toBe(true)
    expect(r.outcome).toBe('pass')
    expect(r.required[0].explanation).toContain('ускоренном порядке')
  })

  it('fast track does not turn a failing fact into a pass', () => {
    const facts = base({ contestWinner: yes, registryMember: { value: true, verified: true, source: 'registry' }, experienceYears: { value: 2, verified: false, source: 'self' } })
    expect(evaluate(facts, chelyabinsk).outcome).toBe('fail')
  })

  it('a merely claimed registry membership is no fast track', () => {
    const facts = base({ contestWinner: { value: true, verified: false, source: 'self' }, registryMember: { value: true, verified: false, source: 'self' } }, false)
    const r = evaluate(facts, chelyabinsk)
    expect(r.fastTrack).toBe(false)
    expect(r.outcome).toBe('unverified')
  })
})

describe('rule-set documents', () => {
  it('rejects a test that does not fit the fact, in Russian', () => {
    const bad = { ...tomsk, required: [{ ...tomsk.required[0], test: { op: 'gte', value: 5 } }] }
    const parsed = ruleSetSchema.safeParse(bad)
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0].message).toContain('не подходит для факта')
  })

  it('rejects "at least N" larger than its group', () => {
    const bad = { ...tomsk, groups: [{ ...tomsk.groups[0], atLeast: 9 }] }
    expect(ruleSetSchema.safeParse(bad).error!.issues[0].message).toBe('В группе «Соответствие одному или нескольким дополнительным требованиям» требуется 9 из 8')
  })

  it('rejects duplicate rule ids', () => {
    const bad = { ...tomsk, required: [...tomsk.required, tomsk.required[0]] }
    expect(ruleSetSchema.safeParse(bad).error!.issues[0].message).toBe('Код правила «category» повторяется')
  })

  it('every preset ships a valid rule set with a clause on every rule', () => {
    for (const code of ['tomsk', 'chelyabinsk', 'khabarovsk', 'yugra']) {
      const rs = preset(code).ruleSet
      const rules = [...rs.required, ...rs.groups.flatMap((g) => g.rules)]
      expect(rules.length).toBeGreaterThan(0)
      expect(rules.every((r) => r.clause.length > 10)).toBe(true)
    }
  })
})

describe('how the result reads', () => {
  it('states the verdict as a grammatical sentence, what matters first', () => {
    expect(evaluate(base({ contestWinner: yes }), tomsk).summary).toMatch(/^Кандидат соответствует требованиям \(/)
    expect(evaluate(base(), tomsk).summary).toMatch(/^Кандидат не соответствует требованиям \(/)
    const claimed = evaluate(base({ contestWinner: { value: true, verified: false, source: 'self' } }, false), tomsk)
    expect(claimed.summary).toMatch(/^Требуется подтверждение документами: по заявленным сведениям кандидат соответствует требованиям \(/)
    expect(claimed.summary).not.toContain('Кандидат требуется')
    // what waits for documents: the required rules and the claimed criterion, not the criteria never claimed
    const claimedCriterion = claimed.groups[0].rules.find((r) => r.outcome === 'unverified')!.label
    expect(awaitingDocuments(claimed)).toEqual([...claimed.required.map((r) => r.label), claimedCriterion])
  })

  it('keeps abbreviations in their case when a label continues a sentence', () => {
    expect(lowerFirst('Прошёл федеральную оценку (ФИОКО)')).toBe('прошёл федеральную оценку (ФИОКО)')
    expect(lowerFirst('ГИА: председатель комиссии')).toBe('ГИА: председатель комиссии')
    expect(lowerFirst('РЦРО')).toBe('РЦРО')
    expect(lowerFirst('Я')).toBe('я')
  })

  it('a satisfied "at least one of 8" group reads as one line', () => {
    const result = evaluate(base({ contestWinner: yes }), tomsk)
    expect(groupLine(result.groups[0])).toBe('выполнено 1 из 8 (достаточно 1)')
  })
})
