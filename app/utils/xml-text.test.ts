import { describe, expect, it } from 'vitest'
import { xmlText } from './xml-text'

describe('xmlText', () => {
  it('drops what XML 1.0 may not hold and keeps the rest, emoji and line breaks included', () => {
    expect(xmlText('Ива\ufffeно\uffffва\u0007')).toBe('Иванова')
    expect(xmlText('a\ud800b\udc00c')).toBe('abc')
    expect(xmlText('Учитель 😀\tматематики\r\nгимназии № 1')).toBe('Учитель 😀\tматематики\r\nгимназии № 1')
  })
})
