import { describe, expect, it } from 'vitest'
import { coverageTable, funnelTable, memberTables, refusalTable, weeksTable } from '~/model/statistics'

describe('the statistics report tables', () => {
  it('the coverage table ends with the region total, judged against the indicator', () => {
    const t = coverageTable([{ name: 'А', teachers: 1000, members: 5 }, { name: 'Б', teachers: 500, members: 0 }, { name: 'В', teachers: 300, members: 4 }], 100)
    expect(t.rows).toEqual([['А', 1000, 5, 200, 'превышает'], ['Б', 500, 0, null, 'нет членов актива'], ['В', 300, 4, 75, 'соответствует']])
    expect(t.total).toEqual(['Всего по региону', 1800, 9, 200, 'превышает'])
    expect(coverageTable([{ name: 'А', teachers: 10, members: 1 }], null).columns).toHaveLength(4)
  })

  it('the funnel gives each stage its share of the submitted; refusals keep the rule and its clause', () => {
    expect(funnelTable({ submitted: 8, eligible: 4, recommended: 2, approved: 1 }).rows.map((r) => r.slice(1))).toEqual([[8, 100], [4, 50], [2, 25], [1, 13]])
    expect(funnelTable({ submitted: 0, eligible: 0, recommended: 0, approved: 0 }).rows[0]).toEqual(['Подано заявлений', 0, null])
    const r = refusalTable([{ label: 'Стаж не менее 5 лет', clause: '§3.2', n: 2 }], 3, 1)
    expect(r.rows).toEqual([['Стаж не менее 5 лет', '§3.2', 2], ['Иное основание (ни одно правило не нарушено по данным проверки)', '—', 1]])
  })

  it('weeks without submissions are zero, so the time axis is even', () => {
    expect(weeksTable([{ week: '2026-10-05', n: 2 }, { week: '2026-10-19', n: 1 }]).rows).toEqual([['с 05.10.2026', 2], ['с 12.10.2026', 0], ['с 19.10.2026', 1]])
    expect(weeksTable([]).rows).toEqual([])
  })

  it('names what a member lacks, and leaves the qualification out when not given (the public page)', () => {
    const base = { municipality: [{ label: null, n: 1, regional: 1, municipal: 0 }], subject: [], direction: [], group: [{ direction: null, label: null, n: 2 }], level: [{ label: 'regional', n: 3 }], termYear: [{ label: '2028', n: 3 }] }
    const pub = memberTables(base)
    expect(pub.map((t) => t.id)).toEqual(['municipality', 'subject', 'direction', 'group', 'level', 'term'])
    expect(pub[0].rows).toEqual([['муниципалитет не указан', 1]])
    expect(pub[3].rows).toEqual([['—', 'без группы', 2]])
    expect(pub[4].rows).toEqual([['региональный', 3]])
    const staff = memberTables({ ...base, qualification: [{ label: 'highest', n: 2 }, { label: null, n: 1 }] })
    expect(staff.find((t) => t.id === 'qualification')!.rows).toEqual([['высшая', 2], ['нет сведений', 1]])
    for (const t of staff) expect(t.sheet.length, t.sheet).toBeLessThanOrEqual(31)
  })

  it('splits the members of a municipality by the roster’s level once a municipal active exists (issue 10 §6)', () => {
    const base = { subject: [], direction: [], group: [], level: [], termYear: [] }
    const both = memberTables({ ...base, municipality: [{ label: 'Город Томск', n: 5, regional: 3, municipal: 2 }, { label: 'Асино', n: 1, regional: 1, municipal: 0 }] })[0]
    expect(both.columns.map((c) => c.head)).toEqual(['Муниципалитет', 'Членов актива', 'В региональном активе', 'В муниципальном активе'])
    expect(both.rows).toEqual([['Город Томск', 5, 3, 2], ['Асино', 1, 1, 0]])
    const regionalOnly = memberTables({ ...base, municipality: [{ label: 'Асино', n: 1, regional: 1, municipal: 0 }] })[0]
    expect(regionalOnly.rows).toEqual([['Асино', 1]])
  })
})
