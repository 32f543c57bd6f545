import { describe, expect, it } from 'vitest'
import { columnsOf, importKinds, mapHeader } from './columns'
import { cleanCell, headerKey, parseRuDate, parseRuNumber, parseYesNo } from './normalize'
import { municipalityResolver, nominationSchema, qualificationSchema, registrySchema, type Cells, type RowContext } from './schemas'

describe('cell formats of Russian spreadsheets', () => {
  it('cleans Excel stray spaces, non-breaking spaces and empty lines, keeping line breaks', () => {
    expect(cleanCell('  Иванов\u00a0 Иван  ')).toBe('Иванов Иван')
    expect(cleanCell('Математика \r\n\r\n  Физика ')).toBe('Математика\nФизика')
    expect(cleanCell('\ufeff\u200b')).toBe('')
  })

  it('drops soft hyphens, which a cell shows only where Excel breaks the word (a name pasted from Word)', () => {
    expect(cleanCell('Ивано\u00adва\u00a0Ольга')).toBe('Иванова Ольга')
    expect(cleanCell('ivano\u00adva@school.test')).toBe('ivanova@school.test')
    expect(cleanCell('\u00ad')).toBe('')
  })

  it.each([
    ['01.09.2023', '2023-09-01'],
    ['1.9.2023', '2023-09-01'],
    ['01.09.23', '2023-09-01'],
    ['01/09/2023', '2023-09-01'],
    ['2023-09-01', '2023-09-01'],
    ['01.09.2023 г.', '2023-09-01'],
    // an Excel date serial (a date cell without a date format)
    ['45170', '2023-09-01'],
    // a date-and-time cell (an .xlsx reads it as Excel shows it, a CSV from Excel writes the same): the day as written
    ['15.10.2026 10:00', '2026-10-15'],
    ['15.10.2026 23:30:15', '2026-10-15'],
    ['2026-10-15 09:05', '2026-10-15'],
  ])('reads the date %s', (input, iso) => {
    expect(parseRuDate(input)).toEqual({ ok: true, value: iso })
  })

  it('refuses dates that do not exist or are not dates', () => {
    expect(parseRuDate('31.02.2023')).toEqual({ ok: false, message: 'Такой даты нет: «31.02.2023»' })
    expect(parseRuDate('сентябрь 2023').ok).toBe(false)
    expect(parseRuDate('12345').ok).toBe(false) // 1933: not taken for a serial
  })

  it.each([
    ['12,5', 12.5],
    ['12.5', 12.5],
    [' 7 ', 7],
    ['1 234,5', 1234.5],
    ['12 лет', 12],
    // «Стаж» as people type it beside the number, and a text cell's apostrophe that came through as a character
    ['15лет', 15],
    ['7 лет.', 7],
    ['5 л.', 5],
    ['25 л', 25],
    ['3 г.', 3],
    ["'07", 7],
  ])('reads the number %j', (input, n) => {
    expect(parseRuNumber(input)).toEqual({ ok: true, value: n })
  })

  it('reads yes and no the ways people write them', () => {
    for (const yes of ['да', 'Да', 'ДА', '+', '1', 'x', 'х', '✓', 'есть']) expect(parseYesNo(yes)).toEqual({ ok: true, value: true })
    for (const no of ['нет', 'Нет', '-', '0', 'no']) expect(parseYesNo(no)).toEqual({ ok: true, value: false })
    expect(parseYesNo('возможно').ok).toBe(false)
  })

  it('still refuses what is no number', () => {
    for (const s of ['пять лет', 'лет', "'", '10 лет 6 мес.', '5 (пять) лет', "''07"]) expect(parseRuNumber(s).ok).toBe(false)
  })
})

describe('header variants', () => {
  it('reduces headers to words: case, ё, punctuation and units do not matter', () => {
    expect(headerKey('Стаж работы по специальности, лет')).toBe('стаж работы по специальности')
    expect(headerKey(' СТАЖ (полных лет) ')).toBe('стаж')
    expect(headerKey('E-mail')).toBe('email')
    expect(headerKey('Оценка ФИОКО (да/нет)')).toBe('оценка фиоко')
  })

  it.each([
    [['ФИО', 'Электронная почта', 'Место работы', 'Должность', 'Стаж']],
    [['Фамилия', 'Имя', 'Отчество', 'E-mail', 'Образовательная организация', 'Должность', 'Стаж работы по специальности, лет']],
    [['№ п/п', 'Ф.И.О.', 'e-mail', 'ОО', 'должность', 'Педагогический стаж']],
  ])('maps %j', (cells) => {
    const h = mapHeader('nominations', cells, { municipalityRequired: false })
    expect(h.errors).toEqual([])
    expect(h.index.has('experienceYears')).toBe(true)
    expect(h.index.has('fullName') || (h.index.has('lastName') && h.index.has('firstName'))).toBe(true)
  })

  it('takes the column under the template’s own title when a variant of it is there too (an export’s «Направление» and «Группа»)', () => {
    for (const cells of [['ФИО', 'Направление', 'Группа'], ['ФИО', 'Группа', 'Направление']]) {
      const h = mapHeader('nominations', cells, { municipalityRequired: false })
      expect(h.index.get('group')).toBe(cells.indexOf('Группа'))
      expect(h.unused).toEqual(['Направление'])
      expect(h.errors.map((e) => e.message).filter((m) => m.includes('повторяет'))).toEqual([])
    }
  })

  it('names every missing column, a repeated column, and lists unknown ones', () => {
    const h = mapHeader('nominations', ['Фамилия', 'Стаж', 'Стаж работы', 'Примечание'], { municipalityRequired: true })
    expect(h.unused).toEqual(['Примечание'])
    expect(h.errors.map((e) => e.message)).toEqual([
      'Столбец «Стаж работы» повторяет столбец «Стаж»: оставьте один из них',
      'Нужны оба столбца «Фамилия» и «Имя» (и, при наличии, «Отчество») — или один столбец «ФИО»',
      'Нет обязательного столбца «Электронная почта»',
      'Нет обязательного столбца «Место работы»',
      'Нет обязательного столбца «Должность»',
      'Нет столбца «Муниципалитет»: он обязателен при загрузке на весь регион',
    ])
  })

  it('reads a birth-date column under its usual names, instead of listing it as unused', () => {
    for (const title of ['Дата рождения', 'Дата рожд.', 'ДР', 'Д.Р.', 'Дата рождения (ДД.ММ.ГГГГ)']) {
      const h = mapHeader('nominations', ['ФИО', 'E-mail', 'ОО', 'Должность', title], { municipalityRequired: false })
      expect(h.unused).toEqual([])
      expect(h.index.get('birthDate')).toBe(4)
    }
  })

  it('knows how wide the header is: up to its last titled cell', () => {
    expect(mapHeader('nominations', ['ФИО', 'Примечание', '', ''], { municipalityRequired: false }).width).toBe(2)
    expect(mapHeader('nominations', ['№ п/п', 'ФИО'], { municipalityRequired: false }).width).toBe(2)
  })

  it('every template header maps to its own column', () => {
    for (const kind of importKinds) {
      const cols = columnsOf[kind]
      const h = mapHeader(kind, cols.map((c) => c.header), { municipalityRequired: true })
      expect(h.errors).toEqual([])
      expect([...h.index.keys()]).toEqual(cols.map((c) => c.key))
    }
  })
})

const ctx = (over: Partial<RowContext> = {}): RowContext => ({
  municipalities: [
    { id: 1, code: 'tomsk-city', name: 'Город Томск' },
    { id: 2, code: 'tomsky', name: 'Томский район' },
    { id: 3, code: 'seversk', name: 'ЗАТО Северск' },
  ],
  fixedMunicipality: null,
  groups: [{ id: 10, code: 'math', name: 'Математика и информатика', directionId: 100 }],
  subjects: ['Математика', 'Физика'],
  nameMode: 'full',
  ...over,
})

describe('municipality names', () => {
  it('finds a municipality by its name, a short form or its code', () => {
    const find = municipalityResolver(ctx().municipalities)
    expect(find('Город Томск')).toMatchObject({ id: 1 })
    expect(find('г. Томск')).toMatchObject({ id: 1 })
    expect(find('томский  район')).toMatchObject({ id: 2 })
    expect(find('Северск')).toMatchObject({ id: 3 })
    expect(find('seversk')).toMatchObject({ id: 3 })
    expect(find('Москва')).toBeUndefined()
  })
})

describe('nomination rows', () => {
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
  }

  it('types a good row: facts claimed, not verified', () => {
    const r = nominationSchema(ctx()).parse(good)
    expect(r).toEqual({
      lastName: 'Ёлкина',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      municipalityId: 1,
      email: 'anna@school.ru',
      organisation: 'МАОУ СОШ № 5',
      position: 'учитель',
      subjects: ['Математика', 'Физика'],
      groupId: 10,
      directionId: 100,
      facts: {
        qualificationCategory: { value: 'highest', verified: false, source: 'self' },
        educationLevel: { value: 'higher', verified: false, source: 'self' },
        educationPedagogical: { value: true, verified: false, source: 'self' },
        experienceYears: { value: 12.5, verified: false, source: 'self' },
        contestWinner: { value: true, verified: false, source: 'self' },
        giaCommission: { value: false, verified: false, source: 'self' },
      },
      birthDate: null,
    })
  })

  it('takes the addresses the application form takes, and names a stray space as such', () => {
    const email = (v: string) => {
      const r = nominationSchema(ctx()).safeParse({ ...good, email: v })
      return r.success ? r.data.email : r.error.issues.map((i) => i.message).join('; ')
    }
    expect(email('Ivanova@Школа.РФ')).toBe('ivanova@школа.рф')
    expect(email('ivanova@xn--80aaa.xn--p1ai')).toBe('ivanova@xn--80aaa.xn--p1ai')
    expect(email('elkina @ school.ru')).toBe('В адресе электронной почты «elkina @ school.ru» есть пробел: уберите его')
    expect(email('a@school.ru; b@school.ru')).toBe('Укажите один адрес электронной почты, а не «a@school.ru; b@school.ru»')
    expect(email('a@school.ru b@school.ru')).toBe('Укажите один адрес электронной почты, а не «a@school.ru b@school.ru»')
  })

  it('reports every faulty cell of a row, each under its column', () => {
    const r = nominationSchema(ctx()).safeParse({
      ...good,
      municipality: 'Москва',
      fullName: 'Ёлкина',
      email: 'anna(at)school',
      position: '',
      qualificationCategory: 'вторая',
      experienceYears: 'много',
      contestWinner: 'может быть',
    })
    expect(r.success).toBe(false)
    const byColumn = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]))
    expect(byColumn).toEqual({
      fullName: '«Ёлкина»: укажите фамилию, имя и (при наличии) отчество',
      municipality: 'Муниципалитет «Москва» не найден в регионе',
      email: '«anna(at)school» — не адрес электронной почты',
      position: 'Не указана должность',
      qualificationCategory: 'Категория «вторая» не распознана: укажите «высшая», «первая» или «без категории»',
      experienceYears: '«много» — не число; дробную часть можно отделять запятой, например 12,5',
      contestWinner: 'Ожидается «да» или «нет», а не «может быть»',
    })
  })

  it('reads a category written with the usual abbreviations', () => {
    const category = (v: string) => nominationSchema(ctx()).parse({ ...good, qualificationCategory: v }).facts.qualificationCategory?.value
    expect(category('первая кв. категория')).toBe('first')
    expect(category('Высшая кв.категория')).toBe('highest')
    expect(category('высшая квалиф. кат.')).toBe('highest')
    expect(category('Высшая квалификационная категория')).toBe('highest')
  })

  it("keeps a municipal coordinator to their municipality; an empty cell means it", () => {
    const own = ctx({ fixedMunicipality: { id: 2, code: 'tomsky', name: 'Томский район' } })
    expect(nominationSchema(own).parse({ ...good, municipality: '' }).municipalityId).toBe(2)
    const r = nominationSchema(own).safeParse(good)
    expect(r.error!.issues[0].message).toBe('Строка относится к муниципалитету «Город Томск», а вы можете загружать только «Томский район»')
  })

  it('names the municipality chosen for the file when a row names another', () => {
    const chosen = ctx({ fixedMunicipality: { id: 2, code: 'tomsky', name: 'Томский район' }, fixedBy: 'choice' })
    expect(nominationSchema(chosen).parse({ ...good, municipality: '' }).municipalityId).toBe(2)
    expect(nominationSchema(chosen).parse({ ...good, municipality: 'tomsky' }).municipalityId).toBe(2)
    expect(nominationSchema(chosen).safeParse(good).error!.issues[0].message).toBe(
      'Строка относится к муниципалитету «Город Томск», а файл загружается за муниципалитет «Томский район»',
    )
  })

  it('reads a birth date as a private field and refuses impossible or implausible ones', () => {
    const at = ctx({ today: new Date('2026-03-01T00:00:00Z') })
    expect(nominationSchema(at).parse({ ...good, birthDate: '06.05.1980' }).birthDate).toBe('1980-05-06')
    expect(nominationSchema(at).parse({ ...good, birthDate: '06.05.80' }).birthDate).toBe('1980-05-06')
    expect(nominationSchema(at).parse({ ...good, birthDate: '' }).birthDate).toBeNull()
    const message = (birthDate: string) => nominationSchema(at).safeParse({ ...good, birthDate }).error!.issues.map((i) => [i.path[0], i.message])
    expect(message('31.02.1980')).toEqual([['birthDate', 'Такой даты нет: «31.02.1980»']])
    expect(message('1980')).toEqual([['birthDate', 'Дата «1980» не распознана: ожидается ДД.ММ.ГГГГ, например 01.09.2023']])
    expect(message('01.01.1890')).toEqual([['birthDate', 'Дата рождения 01.01.1890: кандидату больше 90 лет — проверьте год']])
    expect(message('01.01.2015')).toEqual([['birthDate', 'Дата рождения 01.01.2015: кандидату меньше 18 лет — проверьте год']])
    expect(message('02.03.2026')).toEqual([['birthDate', 'Дата рождения 02.03.2026 ещё не наступила']])
  })

  it('takes subjects from the region’s list only, in its spelling, like the web form; a region without a list takes any', () => {
    expect(nominationSchema(ctx()).parse({ ...good, subjects: 'физика; МАТЕМАТИКА' }).subjects).toEqual(['Физика', 'Математика'])
    const message = (subjects: string) => nominationSchema(ctx()).safeParse({ ...good, subjects }).error!.issues.map((i) => [i.path[0], i.message])
    expect(message('Астрология')).toEqual([['subjects', 'Предметная область «Астрология» не найдена в списке региона. Допустимые значения: Математика, Физика']])
    expect(message('Физика, Алхимия, Астрология')).toEqual([
      ['subjects', 'Предметные области «Алхимия», «Астрология» не найдены в списке региона. Допустимые значения: Математика, Физика'],
    ])
    expect(nominationSchema(ctx({ subjects: [] })).parse({ ...good, subjects: 'Астрология' }).subjects).toEqual(['Астрология'])
  })

  it('takes three name columns when the header has them', () => {
    const r = nominationSchema(ctx({ nameMode: 'three' })).parse({ ...good, fullName: undefined, lastName: 'Салтыкова-Щедрина', firstName: 'Анна', middleName: '' })
    expect([r.lastName, r.firstName, r.middleName]).toEqual(['Салтыкова-Щедрина', 'Анна', ''])
    const bad = nominationSchema(ctx({ nameMode: 'three' })).safeParse({ ...good, lastName: 'Иванова', firstName: '' })
    expect(bad.error!.issues.map((i) => [i.path[0], i.message])).toEqual([['firstName', 'Не заполнено имя']])
  })
})

describe('registry and attestation rows', () => {
  it('confirms what the registry says; «нет» confirms nothing', () => {
    const r = registrySchema(ctx()).parse({ fullName: 'Иванов Иван Иванович', registryMember: 'да', giaCommission: 'нет', experienceYears: '9' })
    expect(r.facts).toEqual({
      registryMember: { value: true, verified: true, source: 'registry' },
      experienceYears: { value: 9, verified: true, source: 'registry' },
    })
    const none = registrySchema(ctx()).safeParse({ fullName: 'Иванов Иван', giaCommission: 'нет' })
    expect(none.error!.issues[0].message).toBe('В строке нет ни одного подтверждённого сведения: все ячейки пусты или «нет»')
  })

  it('reads a category with its date', () => {
    const today = new Date('2026-01-10')
    expect(qualificationSchema(ctx(), today).parse({ fullName: 'Иванов Иван', qualificationCategory: 'первая', categoryDate: '25.12.2025' })).toMatchObject({
      category: 'first',
      categoryDate: '2025-12-25',
    })
    const r = qualificationSchema(ctx(), today).safeParse({ fullName: 'Иванов Иван', qualificationCategory: '', categoryDate: '01.02.2026' })
    expect(r.error!.issues.map((i) => i.message)).toEqual(['Не указана квалификационная категория', 'Дата 01.02.2026 ещё не наступила'])
    const impossible = qualificationSchema(ctx(), today).safeParse({ fullName: 'Иванов Иван', qualificationCategory: 'первая', categoryDate: '31.02.2025' })
    expect(impossible.error!.issues.map((i) => i.message)).toEqual(['Такой даты нет: «31.02.2025»'])
  })

  it("takes a category given today by the region's day, not UTC's", () => {
    // 06:00 on 1 December in Khabarovsk (UTC+10) is still 30 November in UTC.
    const row = { fullName: 'Иванов Иван', qualificationCategory: 'высшая', categoryDate: '01.12.2026' }
    expect(qualificationSchema(ctx({ regionToday: '2026-12-01' })).parse(row)).toMatchObject({ categoryDate: '2026-12-01' })
    const r = qualificationSchema(ctx({ regionToday: '2026-11-30' })).safeParse(row)
    expect(r.error!.issues.map((i) => i.message)).toEqual(['Дата 01.12.2026 ещё не наступила'])
  })
})
