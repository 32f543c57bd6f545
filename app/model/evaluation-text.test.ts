import { describe, expect, it } from 'vitest'
import { evaluationText } from './evaluation-text'

describe('the score line', () => {
  it('names the points with their plural form, then the threshold', () => {
    expect([1, 3, 10, 21, 1500].map((n) => evaluationText.scoreLine(n, 10))).toEqual([
      '1 балл; порог — 10',
      '3 балла; порог — 10',
      '10 баллов; порог — 10',
      '21 балл; порог — 10',
      '1\u00a0500 баллов; порог — 10',
    ])
    expect([evaluationText.verdict(true), evaluationText.verdict(false)]).toEqual([' (низкая активность)', ' (порог достигнут)'])
  })
})
