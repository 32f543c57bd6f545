import ExcelJS from 'exceljs'
import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { addSheet, workbookBytes } from './xlsx.server'

describe('a workbook of people’s text', () => {
  it('holds no character its XML may not (Excel would refuse the whole book)', async () => {
    const wb = new ExcelJS.Workbook()
    addSheet(wb, { name: 'Список', columns: [{ header: 'Должность' }, { header: 'Дата', kind: 'date' }], rows: [['Учитель\ufffe мате\uffffматики\ud800', 'не\ufffeдата']] })
    const files = unzipSync(new Uint8Array(await workbookBytes(wb)))
    const xml = Object.entries(files)
      .filter(([name]) => name.endsWith('.xml'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n')
    expect(xml).toContain('Учитель математики')
    expect(xml).toContain('недата')
    expect(xml).not.toMatch(/[\ufffe\uffff]|[\ud800-\udfff]/)
  })
})
