import { describe, expect, it } from 'vitest'
import { readDocx } from '../../../test/support/docx'
import { APPENDIX_CELL_MARGIN, APPENDIX_HEADER_SIZE, APPENDIX_TABLE_SIZE, appendixDocx, type OrderDocument } from './order.server'

const row = (fullName: string, workplace: string, position: string, subjects: string[], municipality: string, direction: string | null, group: string | null) => ({
  personId: 1,
  fullName,
  workplace,
  position,
  subjects,
  municipality,
  direction,
  group,
})

const doc: OrderDocument = {
  order: { id: 1, regionId: 1, municipalityId: null, number: '1645-р', date: '2025-09-12', title: 'Об утверждении состава', kind: 'composition' } as OrderDocument['order'],
  regionName: 'Томская область',
  ministryName: 'Департамент общего образования Томской области',
  termEndsOn: '2028-09-12',
  rows: [
    row('Александрова Нина Борисовна', 'МАДОУ «Детский сад № 27»', 'воспитатель', ['Дошкольное образование'], 'Кривошеинский район', 'Научно-методическое сопровождение педагогов', 'Дошкольное образование'),
    row('Ковалевская Виктория Константиновна', 'МБОУ «Средняя общеобразовательная школа № 2»', 'учитель', ['Математика'], 'Кривошеинский район', null, null),
    row('Афанасьева Анна Вадимовна', 'МБОУ «Средняя общеобразовательная школа № 51»', 'заместитель директора по учебно-воспитательной работе', ['Математика'], 'Верхнекетский район', null, null),
  ],
}

/**
 * Twips a word needs in a cell: 0.5 em a letter, bold 0.6 (measured on
 * LibreOffice's rendering, where 0.47 broke «общеобразовательная» and 0.55
 * bold «Муниципалитет»), plus the cell's side margins.
 */
const needs = (word: string, bold: boolean) =>
  Math.ceil(word.length * (bold ? 0.6 * APPENDIX_HEADER_SIZE : 0.5 * APPENDIX_TABLE_SIZE) * 10) + 2 * APPENDIX_CELL_MARGIN

describe('the order appendix as .docx', () => {
  it('sets its table so that no column is narrower than a word in it (words were broken between letters in 12 pt)', async () => {
    const { xml } = await readDocx(await appendixDocx(doc))
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
    const rows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(' ')),
    )
    expect(rows[0]).toEqual(['№ п/п', 'ФИО', 'Место работы', 'Должность', 'Направление, группа', 'Предметная область', 'Муниципалитет'])
    expect(grid).toHaveLength(7)
    expect(xml).toContain(`<w:sz w:val="${APPENDIX_TABLE_SIZE}"/>`)
    expect(xml).toContain(`<w:tblCellMar><w:left w:type="dxa" w:w="${APPENDIX_CELL_MARGIN}"/>`)
    for (const [r, cells] of rows.entries()) {
      cells.forEach((cell, i) => {
        // hyphenated words break at their hyphen, so each part counts alone
        for (const word of cell.split(/[\s-]+/).filter(Boolean)) expect({ word, fits: grid[i] >= needs(word, r === 0) }).toEqual({ word, fits: true })
      })
    }
  })
})
