import { describe, expect, it } from 'vitest'
import { countOf, plural, unitAfter, unitAfterComparison } from './plural'

const days = (n: number) => plural(n, 'день', 'дня', 'дней')

describe('plural', () => {
  it('picks the form by the last digits, 11–14 being «many»', () => {
    expect([0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112].map((n) => plural(n, 'балл', 'балла', 'баллов'))).toEqual([
      'баллов', 'балл', 'балла', 'балла', 'баллов', 'баллов', 'баллов', 'баллов', 'балл', 'балла', 'баллов', 'балл', 'баллов', 'баллов',
    ])
  })
  it('takes the genitive singular after a fraction, whatever its digits', () => {
    expect([0.5, 1.5, 5.5, 11.25, 172.5, 21.1].map(days)).toEqual(['дня', 'дня', 'дня', 'дня', 'дня', 'дня'])
  })
  it('reads a negative number like its absolute value', () => {
    expect([-1, -3, -5].map(days)).toEqual(['день', 'дня', 'дней'])
  })
  it('writes the number with its word', () => {
    expect([1, 3, 10].map((n) => countOf(n, 'балл', 'балла', 'баллов'))).toEqual(['1 балл', '3 балла', '10 баллов'])
    expect(countOf(1.5, 'балл', 'балла', 'баллов')).toBe('1,5 балла')
  })
})

describe('unitAfter', () => {
  it('agrees the first word of a known unit with the number', () => {
    expect(unitAfter(172.5, 'педагогов на 1 члена актива')).toBe('педагога на 1 члена актива')
    expect(unitAfter(150, 'педагогов на 1 члена актива')).toBe('педагогов на 1 члена актива')
    expect(unitAfter(21, 'педагогов на 1 члена актива')).toBe('педагог на 1 члена актива')
    expect(unitAfter(3, 'человек')).toBe('человека')
  })
  it('leaves a unit it does not know as typed', () => {
    expect(unitAfter(2.5, '%')).toBe('%')
    expect(unitAfter(2.5, '')).toBe('')
    expect(unitAfter(2.5, 'баллов')).toBe('баллов')
  })
})

describe('unitAfterComparison', () => {
  it('takes the genitive after «не более N»: singular after a number ending in 1 and after a fraction, plural after any other', () => {
    expect(unitAfterComparison(21, 'педагогов на 1 члена актива')).toBe('педагога на 1 члена актива')
    expect(unitAfterComparison(1, 'человек')).toBe('человека')
    expect(unitAfterComparison(0.5, 'педагогов')).toBe('педагога')
    expect(unitAfterComparison(11, 'педагогов')).toBe('педагогов')
    expect(unitAfterComparison(22, 'педагогов')).toBe('педагогов')
    expect(unitAfterComparison(100, 'педагогов на 1 члена актива')).toBe('педагогов на 1 члена актива')
    // a unit it does not know stays as typed
    expect(unitAfterComparison(21, 'баллов')).toBe('баллов')
  })
})
