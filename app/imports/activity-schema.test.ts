import { describe, expect, it } from 'vitest'
import { activitySchema, recordDescription, titleKeyOf } from './activity-schema'
import type { RowContext } from './schemas'

// The cells of an activity row as people type them: the kind and the level
// in any case and spacing, short words for the catalogue's kinds, the day as
// ДД.ММ.ГГГГ or an Excel serial, checked against the region's today.

const ctx: RowContext = {
  municipalities: [{ id: 1, code: 'tomsk', name: 'Город Томск' }],
  fixedMunicipality: null,
  groups: [],
  subjects: [],
  nameMode: 'full',
  regionToday: '2026-11-30',
}
const row = (over: Record<string, string>) => ({ title: 'Семинар', activityKind: 'семинар', heldOn: '15.10.2026', level: 'региональный', fullName: 'Светлова Анна Петровна', ...over })
const parse = (over: Record<string, string>) => activitySchema(ctx).safeParse(row(over))
const errors = (over: Record<string, string>) => {
  const r = parse(over)
  return r.success ? [] : r.error.issues.map((i) => [i.path[0], i.message])
}

describe('activity rows', () => {
  it.each([
    ['Открытый урок или мастер-класс', 'openLesson'],
    ['  ОТКРЫТЫЙ   урок или мастер класс ', 'openLesson'],
    ['мастер-класс', 'openLesson'],
    ['Вебинар', 'seminar'],
    ['Проведённый семинар или вебинар', 'seminar'],
    ['проведенный семинар или вебинар', 'seminar'],
    ['Экспертная работа (ГИА, аттестация, конкурсы)', 'expertWork'],
    ['жюри', 'jury'],
    ['Другое', 'other'],
  ])('kind «%s» → %s', (text, kind) => {
    const r = parse({ activityKind: text })
    expect(r.success && r.data.kind).toBe(kind)
  })

  it.each([
    ['Школьный', 'school'],
    ['муниципальный уровень', 'municipal'],
    ['РЕГИОНАЛЬНЫЙ', 'regional'],
    ['краевой', 'regional'],
    ['Всероссийский', 'federal'],
  ])('level «%s» → %s', (text, level) => {
    const r = parse({ level: text })
    expect(r.success && r.data.level).toBe(level)
  })

  it('takes ДД.ММ.ГГГГ and Excel serials, refuses days after the region’s today and impossible days', () => {
    expect(parse({ heldOn: '46310' }).data?.heldOn).toBe('2026-10-15')
    expect(parse({ heldOn: '30.11.2026' }).success).toBe(true)
    expect(errors({ heldOn: '01.12.2026' })).toEqual([['heldOn', 'Дата 01.12.2026 ещё не наступила: загружаются проведённые мероприятия']])
    expect(errors({ heldOn: '15.10.1999' })).toEqual([['heldOn', 'Дата 15.10.1999 слишком ранняя: проверьте год']])
    expect(errors({ heldOn: 'осенью' })).toEqual([['heldOn', 'Дата «осенью» не распознана: ожидается ДД.ММ.ГГГГ, например 01.09.2023']])
  })

  it('asks for the event, the kind, the day and the level in Russian', () => {
    expect(errors({ title: '', activityKind: '', heldOn: '', level: '' }).map(([, m]) => m)).toEqual([
      'Не указано название мероприятия',
      'Не указан вид работы',
      'Не указана дата проведения',
      'Не указан уровень',
    ])
  })

  it('folds the event title for the natural key and writes the record’s description from the title and the note', () => {
    expect(titleKeyOf('  Семинар «ФГОС-2025»: ёлка ')).toBe(titleKeyOf('семинар ФГОС 2025 елка'))
    expect(recordDescription({ title: 'Семинар', description: null })).toBe('Семинар')
    expect(recordDescription({ title: 'Семинар', description: 'Ведущий секции' })).toBe('Семинар. Ведущий секции')
    expect(recordDescription({ title: 'Что нового?', description: 'Доклад' })).toBe('Что нового? Доклад')
  })
})
