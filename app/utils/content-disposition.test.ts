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
})
