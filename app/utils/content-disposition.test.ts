import { describe, expect, it } from 'vitest'
import { attachment } from './content-disposition'

describe('attachment', () => {
  it('gives an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(attachment('Протокол № 3.docx')).toBe(
      `attachment; filename="________ _ 3.docx"; filename*=UTF-8''%D0%9F%D1%80%D0%BE%D1%82%D0%BE%D0%BA%D0%BE%D0%BB%20%E2%84%96%203.docx`,
    )
  })
  it('never lets a quote or a semicolon break the header', () => {
    expect(attachment('a"b;c\'(1).xlsx')).toBe(`attachment; filename="a_b_c'(1).xlsx"; filename*=UTF-8''a%22b%3Bc%27%281%29.xlsx`)
  })
  it('names no line break, control character or path in either form', () => {
    const header = attachment('Справка — Иванова\r\nX-Injected: 1/../..\\x\u0000.docx')
    expect(header).toBe(
      `attachment; filename="_______ _ _________X-Injected: 1_.._.._x_.docx"; filename*=UTF-8''%D0%A1%D0%BF%D1%80%D0%B0%D0%B2%D0%BA%D0%B0%20%E2%80%94%20%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0__X-Injected%3A%201_.._.._x_.docx`,
    )
    expect(header).not.toMatch(/[\r\n]|%0D|%0A|%2F|%5C|%00/)
  })
})
