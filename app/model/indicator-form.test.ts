import { describe, expect, it } from 'vitest'
import { khabarovskIndicators, templateIndicators } from '../../db/presets/indicators'
import { buildForm, computeValues, municipalitiesWithoutValues, type Counts, type StoredValue } from './indicator-form'
import { reportTables } from './indicator-tables'
import { valueLabel, type Indicator } from './indicators'

// The registry's computations and the report's form, on counts written by hand.

const indicators = (list: typeof templateIndicators): Indicator[] => list.map((p, i) => ({ ...p, id: i + 1, regionId: 1, position: i + 1 }))
const zero = { school: 0, municipal: 0, regional: 0, federal: 0 }
const counts: Counts[] = [
  { municipalityId: 10, name: 'Асино', teachers: 200, members: 2, activity: { ...zero, municipal: 2, regional: 1 } },
  { municipalityId: 11, name: 'Бакчар', teachers: 300, members: 1, activity: { ...zero, federal: 1, school: 1 } },
  { municipalityId: 12, name: 'Верхнекетский', teachers: 100, members: 0, activity: zero },
  { municipalityId: 13, name: 'Пустой', teachers: 0, members: 0, activity: zero },
  // no municipality: in the totals only
  { municipalityId: 0, name: '', teachers: 0, members: 1, activity: { ...zero, regional: 2 } },
]

describe('computed indicators', () => {
  const list = indicators(templateIndicators)
  const byCode = (code: string) => list.find((i) => i.code === code)!
  const values = computeValues(list, counts, '30.11.2026')
  const regional = (code: string) => values.find((v) => v.indicatorId === byCode(code).id && v.municipalityId === null)?.actual

  it('computes the region-wide figures', () => {
    expect(regional('teachers-per-member')).toBe(150) // 600 teachers / 4 members
    expect(regional('municipalities-with-members')).toBe(50) // 2 of 4
    expect([regional('activity-school'), regional('activity-municipal'), regional('activity-regional'), regional('activity-federal')]).toEqual([1, 2, 3, 1])
    expect(values.find((v) => v.indicatorId === byCode('teachers-per-member').id)?.confirmation).toBe(
      'Рассчитано по данным реестра на 30.11.2026: педагогических работников — 600, членов актива — 4',
    )
  })

  it('computes members per 100 teachers per municipality; the form counts the share that meets one', () => {
    const per100 = values.filter((v) => v.indicatorId === byCode('members-per-100').id).map((v) => [v.municipalityId, v.actual])
    expect(per100).toEqual([[10, 1], [11, 0.33], [12, 0], [13, null]])
    const stored: StoredValue[] = values.map((v, i) => ({ ...v, id: i + 1, evidenceUrl: null, evidenceFileName: null, computed: true }))
    const form = buildForm(list, stored, counts.filter((c) => c.municipalityId).map((c) => ({ id: c.municipalityId, name: c.name })))
    const row = form.find((r) => r.code === 'members-per-100')!
    expect(row.municipalities.map((l) => l.met)).toEqual([true, false, false, null])
    expect([row.actual, row.met, row.actualText]).toEqual([33.3, false, 'в 1 из 3 муниципалитетов, представивших сведения (33,3 %)'])
    const ratio = form.find((r) => r.code === 'teachers-per-member')!
    expect([ratio.actualText, ratio.met, ratio.minimum]).toEqual(['150 педагогов на 1 члена актива', false, 'не более 100 педагогов на 1 члена актива'])
    // an entered indicator with no value yet
    expect(form.find((r) => r.code === 'diagnostics-share')).toMatchObject({ actual: null, met: null, actualText: '—' })
  })

  it('marks a template indicator in the report without nesting brackets', () => {
    const form = buildForm(list, [], [])
    const titles = reportTables(form).flatMap((t) => t.rows.map((r) => r[1]))
    expect(titles).toContain('Членов методического актива на 100 педагогических работников муниципалитета (не менее одного) — типовой показатель')
    for (const t of titles) expect(t).not.toMatch(/\)\s*\)$|\([^()]*\([^()]*\)\)$/)
  })
})

describe('the Khabarovsk form', () => {
  const list = indicators(khabarovskIndicators)

  it('is the protocol’s four municipal and three regional indicators, with their minimums as worded', () => {
    expect(list.map((i) => [i.level, i.minimumText])).toEqual([
      ['municipal', '100 %'],
      ['municipal', 'не менее 65 %'],
      ['municipal', 'не менее 65 %'],
      ['municipal', 'не менее 65 %'],
      ['regional', '10 %'],
      ['regional', '10 %'],
      ['regional', 'сформирован (не более 100 педагогических работников на одного представителя актива)'],
    ])
    expect(list.every((i) => i.source.startsWith('Протокол заседания РУМО в системе общего образования Хабаровского края от 13.12.2023 № 4, вопрос 3'))).toBe(true)
    expect(list.filter((i) => i.computation).map((i) => i.code)).toEqual(['khv-r3-bank'])
  })

  it('counts a municipal yes/no indicator among the municipalities that answered (14 of 15 → 93,3 %)', () => {
    const municipalities = Array.from({ length: 19 }, (_, i) => ({ id: 100 + i, name: `МО ${i + 1}` }))
    const answers: StoredValue[] = municipalities.slice(0, 15).map((m, i) => ({
      id: i + 1,
      indicatorId: 2,
      municipalityId: m.id,
      actual: i === 0 ? 0 : 1,
      confirmation: 'Приказ МОУО',
      evidenceUrl: 'https://example.org/prikaz',
      evidenceFileName: null,
      computed: false,
    }))
    const row = buildForm(list, answers, municipalities).find((r) => r.code === 'khv-m2-associations')!
    expect([row.actual, row.met]).toEqual([93.3, true])
    const tables = reportTables([row])
    expect(tables[0].rows[0]).toEqual(['1', row.title, 'не менее 65 %', 'в 14 из 15 муниципалитетов, представивших сведения (93,3 %)', 'достигнут', ''])
    expect(tables[1].rows[0]).toEqual(['МО 1', 'нет', 'не достигнут', 'Приказ МОУО\nhttps://example.org/prikaz'])
    expect(tables[1].rows[18]).toEqual(['МО 19', '—', 'нет данных', ''])
  })
})

describe('municipalities without their values', () => {
  const list = indicators(khabarovskIndicators)
  const municipalities = [
    { id: 1, name: 'Амурский' },
    { id: 2, name: 'Бикинский' },
    { id: 3, name: 'Ванинский' },
  ]
  const value = (indicatorId: number, municipalityId: number, id: number): StoredValue => ({
    id,
    indicatorId,
    municipalityId,
    actual: 1,
    confirmation: 'Приказ МОУО',
    evidenceUrl: null,
    evidenceFileName: null,
    computed: false,
  })
  const municipalIds = list.filter((i) => i.level === 'municipal' && !i.computation).map((i) => i.id)

  it('names a municipality that left any municipal indicator empty, out of all of them', () => {
    // Амурский answered everything; Бикинский all but one; Ванинский nothing
    const stored = [...municipalIds.map((i, n) => value(i, 1, n + 1)), ...municipalIds.slice(1).map((i, n) => value(i, 2, n + 100))]
    expect(municipalitiesWithoutValues(buildForm(list, stored, municipalities))).toEqual({ total: 3, missing: ['Бикинский', 'Ванинский'] })
  })

  it('is empty once everyone answered, and counts nothing without municipal indicators', () => {
    const stored = municipalities.flatMap((m) => municipalIds.map((i) => value(i, m.id, m.id * 100 + i)))
    expect(municipalitiesWithoutValues(buildForm(list, stored, municipalities))).toEqual({ total: 3, missing: [] })
    expect(municipalitiesWithoutValues(buildForm(list.filter((i) => i.level === 'regional'), [], municipalities))).toEqual({ total: 0, missing: [] })
  })
})

describe('a value with its unit', () => {
  it('agrees the unit with a fractional value: 172,5 педагога', () => {
    expect(valueLabel(172.5, 'педагогов на 1 члена актива')).toBe('172,5 педагога на 1 члена актива')
    expect(valueLabel(150, 'педагогов на 1 члена актива')).toBe('150 педагогов на 1 члена актива')
    expect(valueLabel(42.5, '%')).toBe('42,5 %')
  })
})
