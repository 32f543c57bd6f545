import { describe, expect, it } from 'vitest'
import { BOLD_LETTER, columnWidths, LETTER, typeset } from './layout.server'

const nb = (s: string) => s.replace(/_/g, '\u00A0')

describe('typeset', () => {
  it('binds the number sign, initials, units and dates to their neighbours', () => {
    expect(typeset('МБОУ «Основная общеобразовательная школа № 27»')).toBe(nb('МБОУ «Основная общеобразовательная школа №_27»'))
    expect(typeset('Председатель О.М. Замятина')).toBe(nb('Председатель О.М._Замятина'))
    expect(typeset('Белущенко О. А., Беляева Т.А.')).toBe(nb('Белущенко_О. А., Беляева_Т.А.'))
    expect(typeset('«за» – 4 чел.; 55 %')).toBe(nb('«за» – 4_чел.; 55_%'))
    expect(typeset('ПРИСУТСТВОВАЛИ: 3 человека, 12 человек')).toBe(nb('ПРИСУТСТВОВАЛИ: 3_человека, 12_человек'))
    expect(typeset('16 ноября 2026 года')).toBe(nb('16_ноября_2026_года'))
    expect(typeset('от 31 декабря 2019 г. № 3273-р')).toBe(nb('от 31_декабря_2019_г. №_3273-р'))
  })

  it('leaves ordinary words and numbers alone', () => {
    const s = 'Утвердить состав актива согласно приложению 1 к приказу, пункт 2 Положения'
    expect(typeset(s)).toBe(s)
    // «Маяковского» is no month, «годами» no unit
    expect(typeset('ул. Маяковского 5 маяковцев, 3 годами')).toBe('ул. Маяковского 5 маяковцев, 3 годами')
  })

  it('drops what the XML of a document may not hold (Word would refuse the whole file)', () => {
    expect(typeset('Учитель\ufffe математики\uffff, гимназия \ud800№ 1')).toBe(nb('Учитель математики, гимназия №_1'))
  })
})

describe('columnWidths', () => {
  const rows = [['1', 'Александрова Нина Борисовна', 'МАДОУ «Детский сад № 27»', 'воспитатель', 'Дошкольное образование', 'Кривошеинский район']]
  const columns = [
    { title: '№ п/п', width: 6 },
    { title: 'ФИО', width: 22 },
    { title: 'Место работы', width: 22 },
    { title: 'Должность', width: 14 },
    { title: 'Предметная область', width: 14 },
    { title: 'Муниципалитет', width: 14 },
  ]

  it('gives a column the room of its longest word and takes it from the others, filling the width', () => {
    const widths = columnWidths(columns, rows, 14570)
    // «Муниципалитет», «Кривошеинский», «воспитатель» fit in a line of their own
    expect(widths[5]).toBeGreaterThanOrEqual(13 * BOLD_LETTER + 216)
    expect(widths[3]).toBeGreaterThanOrEqual(11 * LETTER + 216)
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(14570)
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(14570 - columns.length)
    // the wide columns stay the widest
    expect(widths[1]).toBeGreaterThan(widths[3])
  })

  it('shares a width too narrow for the words by what each column needs, not by the asked fractions', () => {
    const widths = columnWidths(columns, rows, 6000)
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6000)
    // «Муниципалитет» needs more than «№ п/п», though the fractions are 14 and 6 of 92 either way
    expect(widths[5]).toBeGreaterThan(widths[0] * 2)
    // the narrow «Должность» column gets more than its 14/92 share, the names' column less than its 22/92
    expect(widths[3]).toBeGreaterThan(Math.floor((14 / 92) * 6000))
    expect(widths[1]).toBeLessThan(Math.floor((22 / 92) * 6000))
  })
})
