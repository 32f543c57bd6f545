import { describe, expect, it } from 'vitest'
import { parseId, parsePositiveInt } from './parse-id'

describe('parseId', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('accepts %j', (value, expected) => {
    expect(parseId(value)).toBe(expected)
  })

  it.each([
    '0',
    '-1',
    '012',
    '1.0',
    '1.5',
    '1e3',
    '0x10',
    ' 12',
    '12 ',
    '+12',
    '١٢',
    '9007199254740992',
    '99999999999999999999',
    '9223372036854775807',
    '9223372036854775808',
    '',
    'abc',
    '12abc',
    '\u00001',
    undefined,
    null,
    12,
  ])('refuses %j', (value) => {
    expect(parseId(value)).toBeNull()
  })
})

describe('parsePositiveInt', () => {
  it('applies its bound', () => {
    expect(parsePositiveInt('100000', 100_000)).toBe(100_000)
    expect(parsePositiveInt('100001', 100_000)).toBeNull()
  })
})
