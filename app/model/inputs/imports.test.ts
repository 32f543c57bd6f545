import { describe, expect, it } from 'vitest'
import { UPLOAD_ACCEPT } from './imports'

describe('the upload picker', () => {
  it('offers every workbook the import reads, a book with macros (.xlsm) too, by extension and by type', () => {
    const offered = UPLOAD_ACCEPT.split(',')
    for (const kind of ['.xlsx', '.xlsm', '.csv', '.txt', 'application/vnd.ms-excel.sheet.macroEnabled.12']) expect(offered).toContain(kind)
    // the formats refused with instructions are not offered
    for (const refused of ['.xls', '.ods']) expect(offered).not.toContain(refused)
  })
})
