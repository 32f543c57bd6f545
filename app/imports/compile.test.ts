import { describe, expect, it } from 'vitest'
import { activitySchema } from './activity-schema'
import { compileRow } from './compile'
import { schemaFor, type Cells, type RowContext } from './schemas'

const ctx = (over: Partial<RowContext> = {}): RowContext => ({
  municipalities: [
    { id: 1, code: 'tomsk-city', name: 'Город Томск' },
    { id: 2, code: 'tomsky', name: 'Томский район' },
  ],
  fixedMunicipality: null,
  groups: [{ id: 10, code: 'math', name: 'Математика и информатика', directionId: 100 }],
  subjects: ['Математика', 'Физика'],
  nameMode: 'full',
  today: new Date('2026-06-01T00:00:00Z'),
  regionToday: '2026-06-01',
  ...over,
})

const good: Cells = {
  municipality: 'г. Томск',
  fullName: 'Ёлкина  Анна Сергеевна',
  email: ' Anna@School.RU ',
  organisation: 'МАОУ СОШ № 5',
  position: 'учитель',
  subjects: 'математика\nФизика',
  group: 'math',
  qualificationCategory: 'Высшая',
  educationLevel: 'высшее педагогическое',
  experienceYears: '12,5',
  contestWinner: 'да',
  giaCommission: 'нет',
  birthDate: '06.05.1980',
}

/** What zod's whole-row parse says, in the compiled parser's terms. */
function whole<R>(schema: { safeParse: (c: Cells) => { success: boolean; data?: R; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, cells: Cells) {
  const r = schema.safeParse(cells)
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: r.error!.issues.map((i) => ({ key: String(i.path[0] ?? ''), message: i.message })) }
}

describe('rows parsed column by column', () => {
  const rows: Cells[] = [
    good,
    { ...good, email: '', position: '', experienceYears: '99', municipality: 'Москва' },
    { ...good, contestWinner: 'может быть', birthDate: '31.02.1980' },
    { ...good, group: 'нет такой' },
    { fullName: 'Иванов', email: 'a@b.ru', organisation: 'Школа', position: 'учитель' },
    { municipality: 'tomsky', fullName: 'Иванов Иван', email: 'a@b.ru', organisation: 'Школа', position: 'учитель' },
  ]

  it('gives what the whole schema gives — values, messages and their order — however often a cell repeats', () => {
    for (const c of [ctx(), ctx({ columns: new Set(Object.keys(good)) })]) {
      const parse = compileRow(schemaFor('nominations', c))
      const schema = schemaFor('nominations', c)
      // Twice: the second time from the remembered results.
      for (const cells of [...rows, ...rows]) expect(parse(cells)).toEqual(whole(schema, cells))
    }
  })

  it('keeps an absent column absent: three name columns without «Отчество»', () => {
    const c = ctx({ nameMode: 'three' })
    const cells: Cells = { lastName: 'Салтыкова-Щедрина', firstName: 'Анна', email: 'a@b.ru', organisation: 'Школа', position: 'учитель', municipality: '1' }
    const parse = compileRow(schemaFor('nominations', c))
    expect(parse(cells)).toEqual(whole(schemaFor('nominations', c), cells))
    expect(parse({ ...cells, firstName: '' })).toEqual(whole(schemaFor('nominations', c), { ...cells, firstName: '' }))
  })

  it('runs a schema with checks of its own whole (registry), and the others column by column', () => {
    const registry = schemaFor('registry', ctx())
    const none = { fullName: 'Иванов Иван', giaCommission: 'нет' }
    expect(compileRow(registry)(none)).toEqual(whole(registry, none))
    const qualification = schemaFor('qualification', ctx())
    for (const cells of [{ fullName: 'Иванов Иван', qualificationCategory: 'первая', categoryDate: '25.12.2025' }, { fullName: 'Иванов Иван', qualificationCategory: '' }]) {
      expect(compileRow(qualification)(cells)).toEqual(whole(qualification, cells))
    }
    const activity = activitySchema(ctx())
    const event: Cells = { title: 'Семинар', activityKind: 'семинар', heldOn: '01.03.2026', level: 'региональный', fullName: 'Иванов Иван' }
    for (const cells of [event, { ...event, heldOn: '01.03.2030', level: '' }]) expect(compileRow(activity)(cells)).toEqual(whole(activity, cells))
  })
})
