import { describe, expect, it } from 'vitest'
import { countOf, plural } from './plural'

describe('plural', () => {
  it('picks the form by the last digits, 11–14 being «many»', () => {
    expect([0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112].map((n) => plural(n, 'балл', 'балла', 'баллов'))).toEqual([
      'баллов', 'балл', 'балла', 'балла', 'баллов', 'баллов', 'баллов', 'баллов', 'балл', 'балла', 'баллов', 'балл', 'баллов', 'баллов',
    ])
  })

  it('reads a negative number by its size and a fraction with the genitive singular', () => {
    expect([plural(-1, 'день', 'дня', 'дней'), plural(-5, 'день', 'дня', 'дней')]).toEqual(['день', 'дней'])
    expect(countOf(1.5, 'балл', 'балла', 'баллов')).toBe('1,5 балла')
  })

  it('writes the number with its word', () => {
    expect([1, 3, 10].map((n) => countOf(n, 'балл', 'балла', 'баллов'))).toEqual(['1 балл', '3 балла', '10 баллов'])
  })
})
