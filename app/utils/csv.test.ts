import { describe, expect, it } from 'vitest'
import { csvCell, csvLine } from '~/utils/csv'

describe('csv for Excel', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+79130000000', "'+79130000000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
  ])('escapes a formula %s', (input, out) => {
    expect(csvCell(input)).toBe(out)
  })

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('МАОУ «СОШ № 1»; корпус 2')).toBe('"МАОУ «СОШ № 1»; корпус 2"')
    expect(csvCell('две\nстроки')).toBe('"две\nстроки"')
    expect(csvCell('a,b', ',')).toBe('"a,b"')
    expect(csvCell('a,b')).toBe('a,b')
  })

  it('joins lists and leaves empty values empty, lines end with CRLF', () => {
    expect(csvLine(['Иванова', ['Математика', 'Физика'], null, undefined])).toBe('Иванова;Математика, Физика;;\r\n')
  })
})
