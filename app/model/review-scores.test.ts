import { describe, expect, it } from 'vitest'
import { checkScores, formatScore, summariseScores } from './review-scores'

const criteria = [
  { id: 1, title: 'Методическая ценность', description: '', scaleMax: 5 },
  { id: 2, title: 'Опыт наставничества', description: '', scaleMax: 10 },
]

describe('the secretary’s figures of a review form', () => {
  it('averages and spreads each criterion and the total over the submitted reviews, and names the missing reviewers', () => {
    const s = summariseScores(criteria, [
      { memberName: 'Петров П. П.', submitted: true, scores: { 1: 3, 2: 8 } },
      { memberName: 'Сидорова А. А.', submitted: true, scores: { 1: 4, 2: 6 } },
      // a review not yet submitted counts for nothing but the missing list
      { memberName: 'Иванов И. И.', submitted: false, scores: { 1: 0, 2: 0 } },
    ])
    expect(s.criteria).toEqual([
      { id: 1, title: 'Методическая ценность', scaleMax: 5, n: 2, average: 3.5, min: 3, max: 4 },
      { id: 2, title: 'Опыт наставничества', scaleMax: 10, n: 2, average: 7, min: 6, max: 8 },
    ])
    expect(s.total).toEqual({ scaleMax: 15, n: 2, average: 10.5, min: 10, max: 11 })
    expect(s).toMatchObject({ submitted: 2, assigned: 3, missing: ['Иванов И. И.'] })
  })

  it('has no figures before any review, and leaves a review without every score out of the total', () => {
    expect(summariseScores(criteria, []).total).toEqual({ scaleMax: 15, n: 0, average: null, min: null, max: null })
    const s = summariseScores(criteria, [
      { memberName: 'А', submitted: true, scores: { 1: 5 } },
      { memberName: 'Б', submitted: true, scores: { 1: 1, 2: 2 } },
    ])
    expect(s.criteria.map((c) => c.n)).toEqual([2, 1])
    expect(s.total).toMatchObject({ n: 1, average: 3 })
  })

  it('writes a score with one decimal and a comma', () => {
    expect([formatScore(3.5), formatScore(7), formatScore(10 / 3), formatScore(null)]).toEqual(['3,5', '7', '3,3', '—'])
  })
})

describe('a reviewer’s scores against the form', () => {
  it('puts each refusal on its criterion’s field, in Russian', () => {
    const r = checkScores(criteria, [
      { criterionId: 1, score: 6 },
      { criterionId: 2, score: null },
    ])
    expect(r.fields).toEqual({
      'scores[0].score': 'Оценка по критерию «Методическая ценность» — целое число от 0 до 5.',
      'scores[1].score': 'Поставьте оценку по критерию «Опыт наставничества» (от 0 до 10).',
    })
    expect(r.valid).toEqual([])
  })

  it('finds a criterion left out of the submission, and scores for criteria the form does not have', () => {
    const r = checkScores(criteria, [
      { criterionId: 2, score: 10 },
      { criterionId: 99, score: 1 },
    ])
    expect(r.fields).toEqual({ 'scores[0].score': 'Поставьте оценку по критерию «Методическая ценность» (от 0 до 5).' })
    expect(r.unknown).toEqual([99])
  })

  it('accepts whole scores within every scale and totals them', () => {
    const r = checkScores(criteria, [
      { criterionId: 1, score: 0 },
      { criterionId: 2, score: 10 },
    ])
    expect(r).toMatchObject({ fields: {}, unknown: [], total: 10, valid: [{ criterionId: 1, score: 0 }, { criterionId: 2, score: 10 }] })
  })
})
