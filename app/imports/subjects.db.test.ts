import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server'
import { makeRegion } from '../../test/fixtures'
import { OPERATOR, runImport } from './import.server'
import { chunks, csvFile } from './testing'

// «Предметная область» of a nominations file is checked against the region's
// list of subjects, as the web form offers only that list (like «Группа»).

const HEADER = ['Муниципалитет', 'ФИО', 'Электронная почта', 'Место работы', 'Должность', 'Предметная область', 'Квалификационная категория', 'Образование', 'Стаж']

describe('subjects in a nominations file', () => {
  it('refuses a subject outside the region’s list, naming the row and the allowed values; the list’s own spelling is kept', async () => {
    const region = await makeRegion()
    const [{ subjects }] = await db()<{ subjects: string[] }[]>`select settings->'subjects' as subjects from regions where id = ${region.regionId}`
    const row = (n: number, subject: string) => [region.municipalities[0].name, `Предметова Анна ${'абв'[n]}`, `subj${n}.${region.code}@school.test`, 'МАОУ СОШ № 5', 'учитель', subject, 'высшая', 'высшее педагогическое', '12']
    const file = csvFile([HEADER, row(0, 'математика, Физика'), row(1, 'Астрология'), row(2, 'Химия; Алхимия')])
    const report = await runImport({ kind: 'nominations', campaignId: region.campaignId, fileName: 'test.csv', source: chunks(file, 4096), actor: OPERATOR, dryRun: false })
    expect(report.committed).toBe(false)
    const allowed = `Допустимые значения: ${subjects.join(', ')}`
    expect(report.errors).toEqual([
      { row: 3, column: 'Предметная область', message: `Предметная область «Астрология» не найдена в списке региона. ${allowed}` },
      { row: 4, column: 'Предметная область', message: `Предметная область «Алхимия» не найдена в списке региона. ${allowed}` },
    ])

    const good = csvFile([HEADER, row(0, 'математика, Физика')])
    expect((await runImport({ kind: 'nominations', campaignId: region.campaignId, fileName: 'test.csv', source: chunks(good, 4096), actor: OPERATOR, dryRun: false })).committed).toBe(true)
    const [app] = await db()`select p.subjects from applications a join people p on p.id = a.person_id where a.campaign_id = ${region.campaignId}`
    expect(app.subjects).toEqual(['Математика', 'Физика'])
  })
})
