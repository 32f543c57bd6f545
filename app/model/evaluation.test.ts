import { describe, expect, it } from 'vitest'
import { presets } from '../../db/presets'
import { activityKinds } from './activity'
import { catalogueDocumentSchema, pointsOf, schoolYearBounds, schoolYearOf, thresholdOf, typicalCatalogue } from './evaluation'
import { evaluationSettingsSchema, filledSettings } from './inputs/evaluation'

describe('evaluation catalogue document', () => {
  it('the typical catalogue has the global kinds (existing records stay valid) and is a template', () => {
    const doc = typicalCatalogue()
    expect(doc.kinds.map((k) => k.code)).toEqual([...activityKinds])
    expect('template' in doc.source).toBe(true)
    expect(pointsOf(doc, 'seminar', 'regional')).toBe(9)
    expect(pointsOf(doc, 'unknown', 'school')).toBe(0)
  })

  it('refuses repeated kinds, repeated years, negative points and a source that is neither a citation nor a template', () => {
    const doc = typicalCatalogue()
    const bad = (d: unknown) => catalogueDocumentSchema.safeParse(d).success
    expect(bad({ ...doc, kinds: [...doc.kinds, doc.kinds[0]] })).toBe(false)
    expect(bad({ ...doc, threshold: { default: 10, years: [{ year: 2025, value: 5 }, { year: 2025, value: 6 }] } })).toBe(false)
    expect(bad({ ...doc, kinds: [{ ...doc.kinds[0], points: { ...doc.kinds[0].points, school: -1 } }] })).toBe(false)
    expect(bad({ ...doc, source: { template: false, note: 'x' } })).toBe(false)
    expect(bad({ ...doc, source: { document: 'Протокол', item: 'п. 1' } })).toBe(true)
  })

  it('a year with its own threshold uses it; the others the default', () => {
    const doc = { ...typicalCatalogue(), threshold: { default: 10, years: [{ year: 2025, value: 14 }] } }
    expect(thresholdOf(doc, 2025)).toBe(14)
    expect(thresholdOf(doc, 2024)).toBe(10)
  })

  it('presets: Chelyabinsk cites protocol №20, the others are templates', () => {
    for (const p of presets) {
      const source = p.evaluation.catalogue.source
      if (p.code === 'chelyabinsk') {
        expect('document' in source && source.document).toMatch(/от 31\.05\.2023 № 20/)
        expect('item' in source && source.item).toMatch(/методику оценки эффективности/)
      } else expect(source).toMatchObject({ template: true })
      expect(p.evaluation.catalogue.kinds.map((k) => k.code)).toEqual([...activityKinds])
    }
  })
})

describe('the school year', () => {
  const sept = { month: 9, day: 1 }
  it('starts on its first day and ends the day before the next one', () => {
    expect(schoolYearOf('2025-09-01', sept)).toBe(2025)
    expect(schoolYearOf('2025-08-31', sept)).toBe(2024)
    expect(schoolYearOf('2026-01-15', sept)).toBe(2025)
    expect(schoolYearBounds(2025, sept)).toEqual({ from: '2025-09-01', until: '2026-09-01', last: '2026-08-31' })
    expect(schoolYearOf('2026-01-14', { month: 1, day: 15 })).toBe(2025)
    expect(schoolYearBounds(2027, { month: 2, day: 28 }).last).toBe('2028-02-27')
  })
})

describe('the settings form', () => {
  const base = { month: '9', day: '1', threshold: '12' }
  const row = { code: 'seminar', label: 'Семинар', school: '1', municipal: '2', regional: '3', federal: '4' }
  const parse = (v: unknown) => evaluationSettingsSchema.safeParse(v)

  it('leaves blank rows out and turns the strings into numbers', () => {
    const r = parse({ ...base, kinds: [row, { code: '', label: '', school: '', municipal: '', regional: '', federal: '' }], years: [{ year: '2025', value: '15' }, { year: '', value: '' }] })
    expect(r.success && filledSettings(r.data)).toEqual({ month: 9, day: 1, threshold: 12, kinds: [{ ...row, school: 1, municipal: 2, regional: 3, federal: 4 }], years: [{ year: 2025, value: 15 }] })
  })

  it('says in Russian what is wrong, next to the field', () => {
    const r = parse({ ...base, day: '31', kinds: [{ ...row, regional: '' }, { ...row, code: '', label: 'Новый', school: 'x' }], years: [{ year: '2025', value: '' }, { year: '2025', value: '3' }] })
    expect(r.success).toBe(false)
    const issues = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
    expect(issues).toMatchObject({
      day: 'Не более 28',
      'kinds.0.regional': 'Укажите баллы',
      'kinds.1.school': 'Укажите баллы целым числом',
      'years.0.value': 'Укажите порог',
      'years.1.year': 'Этот год уже указан',
    })
    expect(parse({ ...base, kinds: [], years: [] }).error?.issues[0].message).toBe('В перечне нужен хотя бы один вид работы')
  })
})
