import { factCatalog, type FactKey } from '~/model/eligibility'
import { headerKey } from './normalize'
import { importKinds, type ImportKind } from '~/model/inputs/imports'

// The columns of each kind of spreadsheet: the header the template uses, the
// variants real files use instead, and a hint for the upload page. Pure, so
// the page, the templates and the parser share one list.

export { importKinds, type ImportKind }

export const kindLabels: Record<ImportKind, string> = {
  nominations: 'Представления муниципалитета (кандидаты)',
  registry: 'Выписка из профессионального реестра',
  qualification: 'Квалификационные категории (итоги аттестации)',
  activity: 'Мероприятия и их участники (записи о методической работе)',
}

export type ColumnDef = {
  key: string
  /** The header of the template. */
  header: string
  /** Other headers that mean the same column (compared with headerKey). */
  aliases: string[]
  hint: string
  /** A private field (person_private): read and stored, left out of the template (collect only what selection needs). */
  private?: true
}

const person: ColumnDef[] = [
  {
    key: 'fullName',
    header: 'ФИО',
    aliases: ['фамилия имя отчество', 'ф и о', 'фио кандидата', 'фио педагога', 'фио педагогического работника', 'фио участника', 'фио эксперта'],
    hint: 'Фамилия, имя и отчество в одной ячейке — или три столбца «Фамилия», «Имя», «Отчество».',
  },
  { key: 'lastName', header: 'Фамилия', aliases: [], hint: 'Вместо столбца «ФИО».' },
  { key: 'firstName', header: 'Имя', aliases: [], hint: 'Вместо столбца «ФИО».' },
  { key: 'middleName', header: 'Отчество', aliases: [], hint: 'Вместо столбца «ФИО»; может быть пустым.' },
]

const email = (hint: string): ColumnDef => ({
  key: 'email',
  header: 'Электронная почта',
  aliases: ['email', 'эл почта', 'адрес электронной почты', 'электронный адрес', 'почта', 'рабочий email', 'рабочая электронная почта', 'контактный email'],
  hint,
})

const municipality = (hint: string): ColumnDef => ({
  key: 'municipality',
  header: 'Муниципалитет',
  aliases: ['муниципальное образование', 'мо', 'муниципальный район', 'муниципальный район городской округ', 'муниципальное образование территория', 'территория', 'район', 'моуо', 'код муниципалитета'],
  hint,
})

const organisation = (hint: string): ColumnDef => ({
  key: 'organisation',
  header: 'Место работы',
  aliases: ['образовательная организация', 'оо', 'организация', 'наименование оо', 'место работы оо', 'наименование образовательной организации', 'учреждение', 'место работы наименование оо', 'место работы полное наименование оо'],
  hint,
})

const position: ColumnDef = {
  key: 'position',
  header: 'Должность',
  aliases: ['занимаемая должность', 'должность по месту работы'],
  hint: 'Например: учитель математики.',
}

/** Fact columns: the template header, the variants, and the rule engine's own label (factCatalog) as a variant too. */
const factColumn = (key: FactKey, header: string, aliases: string[], hint: string): ColumnDef => ({
  key,
  header,
  aliases: [...aliases, factCatalog[key].label],
  hint,
})

const yesNo = 'да / нет (пусто — не заявлено).'

const facts: Record<FactKey, ColumnDef> = {
  qualificationCategory: factColumn(
    'qualificationCategory',
    'Квалификационная категория',
    ['категория', 'кв категория', 'квалиф категория', 'присвоенная категория', 'установленная категория'],
    'высшая / первая / без категории.',
  ),
  educationLevel: factColumn(
    'educationLevel',
    'Образование',
    ['уровень образования', 'образование уровень'],
    'высшее / среднее профессиональное / иное; «высшее педагогическое» заполняет и следующий столбец.',
  ),
  educationPedagogical: factColumn('educationPedagogical', 'Педагогическое образование', ['педагогическое', 'образование педагогическое'], yesNo),
  experienceYears: factColumn(
    'experienceYears',
    'Стаж работы по специальности',
    ['стаж', 'стаж работы', 'стаж по специальности', 'педагогический стаж', 'стаж педагогической работы', 'стаж работы в должности'],
    'Число лет; дробную часть можно отделять запятой: 12,5.',
  ),
  fiokoAssessment: factColumn('fiokoAssessment', 'Оценка компетенций ФИОКО', ['фиоко', 'оценка фиоко', 'прошел оценку фиоко', 'федеральная оценка компетенций'], yesNo),
  regionalAssessment: factColumn('regionalAssessment', 'Региональная оценка компетенций', ['региональная оценка', 'прошел региональную оценку'], yesNo),
  giaCommission: factColumn(
    'giaCommission',
    'Член предметной комиссии ГИА',
    ['гиа', 'предметная комиссия гиа', 'эксперт гиа', 'председатель или член предметной комиссии гиа', 'эксперт предметной комиссии'],
    yesNo,
  ),
  communityLeader: factColumn(
    'communityLeader',
    'Руководитель профессионального сообщества',
    ['лидер профессионального сообщества', 'руководитель ассоциации', 'руководитель профессионального сообщества ассоциации'],
    yesNo,
  ),
  methodCouncilHead: factColumn(
    'methodCouncilHead',
    'Руководитель методического объединения',
    ['руководитель мо', 'руководитель рмо', 'руководитель шмо', 'руководитель методического совета', 'руководитель методического объединения кафедры'],
    yesNo,
  ),
  contestWinner: factColumn(
    'contestWinner',
    'Победитель профессионального конкурса',
    ['победитель конкурса', 'победитель конкурса профессионального мастерства', 'победитель регионального конкурса'],
    yesNo,
  ),
  expertEvaluation: factColumn('expertEvaluation', 'Высокие результаты экспертной оценки', ['экспертная оценка', 'результаты экспертной оценки'], yesNo),
  instituteStaff: factColumn('instituteStaff', 'Сотрудник ИРО, РЦРО или ОЦДО', ['сотрудник иро', 'сотрудник института'], yesNo),
  registryMember: factColumn(
    'registryMember',
    'Включён в профессиональный реестр',
    ['включен в реестр', 'участник реестра', 'ускоренный порядок', 'член профессионального сообщества рс нмс'],
    yesNo,
  ),
}

/** The facts a nomination may claim and a registry extract may confirm, in template order. */
export const factColumns: FactKey[] = [
  'qualificationCategory',
  'educationLevel',
  'educationPedagogical',
  'experienceYears',
  'fiokoAssessment',
  'regionalAssessment',
  'giaCommission',
  'communityLeader',
  'methodCouncilHead',
  'contestWinner',
  'expertEvaluation',
  'instituteStaff',
  'registryMember',
]

const matchHint = 'Помогает отличить однофамильцев; можно не заполнять.'

/** One row per participant of an event the region held (issue 10 §1.3): the event's cells repeat on each participant's row. */
const activityColumns: ColumnDef[] = [
  {
    key: 'title',
    header: 'Название мероприятия',
    aliases: ['мероприятие', 'наименование мероприятия', 'тема мероприятия', 'тема', 'название', 'наименование'],
    hint: 'Обязательно; одинаковое в строках всех участников мероприятия.',
  },
  {
    key: 'activityKind',
    header: 'Вид работы',
    aliases: ['вид', 'вид мероприятия', 'вид деятельности', 'вид методической работы', 'форма мероприятия', 'форма работы', 'форма участия'],
    hint: 'Обязательно: вид из списка, например «Проведённый семинар или вебинар», «Открытый урок или мастер-класс», «Работа в жюри».',
  },
  {
    key: 'heldOn',
    header: 'Дата проведения',
    aliases: ['дата', 'дата мероприятия', 'дата проведения мероприятия', 'дата проведения дд мм гггг'],
    hint: 'Обязательно: ДД.ММ.ГГГГ; не позже сегодняшнего дня.',
  },
  {
    key: 'level',
    header: 'Уровень',
    aliases: ['уровень мероприятия', 'уровень проведения'],
    hint: 'Обязательно: школьный / муниципальный / региональный / федеральный.',
  },
  {
    key: 'audience',
    header: 'Число слушателей',
    aliases: ['число участников слушателей', 'количество слушателей', 'охват', 'аудитория', 'число участников мероприятия', 'количество участников мероприятия', 'охват участников'],
    hint: 'Сколько человек было на мероприятии, целым числом; можно не заполнять (0).',
  },
  {
    key: 'description',
    header: 'Описание',
    aliases: ['краткое описание', 'содержание', 'описание мероприятия', 'роль участника', 'роль'],
    hint: 'Что участник делал на мероприятии; можно не заполнять.',
  },
  {
    key: 'evidenceUrl',
    header: 'Ссылка на материалы',
    aliases: ['ссылка', 'ссылка на мероприятие', 'ссылка на подтверждение', 'подтверждение', 'материалы'],
    hint: 'Адрес страницы мероприятия или материалов, начиная с http:// или https://; можно не заполнять.',
  },
  { ...person[0], hint: 'Участник: действующий член методического актива региона. Фамилия, имя и отчество в одной ячейке — или три столбца.' },
  ...person.slice(1),
  email('Помогает отличить однофамильцев: рабочий адрес участника; можно не заполнять.'),
  municipality('Помогает отличить однофамильцев; муниципальный координатор может не заполнять: подставляется его муниципалитет.'),
  organisation(matchHint),
]

export const columnsOf: Record<ImportKind, ColumnDef[]> = {
  nominations: [
    municipality('Название или код муниципалитета. Муниципальный координатор может не заполнять: подставляется его муниципалитет.'),
    ...person,
    email('Рабочий адрес кандидата, обязателен: по нему кандидат получает уведомления.'),
    organisation('Полное или краткое наименование образовательной организации, обязательно.'),
    { ...position, hint: 'Обязательно. Например: учитель математики.' },
    {
      key: 'subjects',
      header: 'Предметная область',
      aliases: ['предмет', 'предметы', 'преподаваемый предмет', 'преподаваемые предметы', 'курируемая предметная область', 'предметные области'],
      hint: 'Один или несколько предметов из списка региона (как в форме заявления) через запятую или с новой строки.',
    },
    {
      key: 'group',
      header: 'Группа',
      aliases: ['направление', 'группа актива', 'направление деятельности', 'группа направление'],
      hint: 'Название или код группы методического актива региона; можно не заполнять.',
    },
    ...factColumns.map((k) => facts[k]),
    {
      key: 'birthDate',
      header: 'Дата рождения',
      aliases: ['дата рожд', 'др', 'д р', 'дата рождения кандидата', 'дата рождения дд мм гггг'],
      hint: 'ДД.ММ.ГГГГ; можно не заполнять. Хранится как личные данные: на сайте и в открытых данных не показывается.',
      private: true,
    },
  ],
  registry: [
    ...person,
    email(matchHint),
    municipality(matchHint),
    organisation(matchHint),
    {
      key: 'registryName',
      header: 'Наименование реестра',
      aliases: ['реестр', 'источник', 'источник данных', 'вид реестра', 'профессиональное сообщество'],
      hint: 'Откуда сведения, например «Региональный реестр экспертов»; сохраняется в журнале.',
    },
    ...factColumns.map((k) => facts[k]),
  ],
  qualification: [
    ...person,
    email(matchHint),
    municipality(matchHint),
    organisation(matchHint),
    { ...facts.qualificationCategory, hint: 'Обязательно: высшая / первая / без категории.' },
    {
      key: 'categoryDate',
      header: 'Дата присвоения категории',
      aliases: ['дата присвоения', 'дата приказа', 'дата аттестации', 'дата установления категории', 'дата приказа об аттестации'],
      hint: 'ДД.ММ.ГГГГ; можно не заполнять.',
    },
    {
      key: 'orderNumber',
      header: 'Номер приказа',
      aliases: ['приказ', 'номер приказа об аттестации', 'приказ номер', 'n приказа', 'no приказа'],
      hint: 'Номер приказа об аттестации; можно не заполнять.',
    },
  ],
  activity: activityColumns,
}

/** What a header row maps to: column index → key, plus the file's own header text for messages. */
export type HeaderMap = {
  /** key → index in the record */
  index: Map<string, number>
  /** key → the header as written in the file (errors name the column the user sees) */
  titles: Map<string, string>
  /** Headers no column uses (shown in the preview, not an error). */
  unused: string[]
  errors: { column: string; message: string }[]
  /** Cells up to the last titled one: a row's non-empty cells beyond it belong to no column. */
  width: number
}

const aliasIndex = new Map<ImportKind, Map<string, string>>()

function aliasesOf(kind: ImportKind): Map<string, string> {
  let map = aliasIndex.get(kind)
  if (!map) {
    map = new Map()
    for (const c of columnsOf[kind]) {
      for (const a of [c.header, ...c.aliases]) map.set(headerKey(a), c.key)
    }
    aliasIndex.set(kind, map)
  }
  return map
}

/** Whether a header cell names a column of `kind` (finds a workbook's header among its first rows). */
export const recognisesColumn = (kind: ImportKind) => (title: string) => aliasesOf(kind).has(headerKey(title.replace(/\s+/g, ' ').trim()))

/** The header row of a file of `kind`; `municipalityRequired` is false when the importer's municipality is implied. */
export function mapHeader(kind: ImportKind, cells: string[], opts: { municipalityRequired: boolean }): HeaderMap {
  const aliases = aliasesOf(kind)
  const index = new Map<string, number>()
  const titles = new Map<string, string>()
  const unused: string[] = []
  const errors: HeaderMap['errors'] = []
  let width = 0
  const def = (key: string) => columnsOf[kind].find((c) => c.key === key)!
  cells.forEach((cell, i) => {
    const title = cell.replace(/\s+/g, ' ').trim()
    if (!title) return
    width = i + 1
    const k = headerKey(title)
    if (k === '' || /^((n|no|номер) ?)?(п п)?$/.test(k)) return // a «№ п/п» numbering column
    const key = aliases.get(k)
    if (!key) {
      unused.push(title)
      return
    }
    if (index.has(key)) {
      // A column under the template's own title wins over one under a variant (an export has «Направление» and «Группа»).
      const canonical = (t: string) => headerKey(t) === headerKey(def(key).header)
      if (canonical(title) && !canonical(titles.get(key)!)) {
        unused.push(titles.get(key)!)
        index.set(key, i)
        titles.set(key, title)
      } else if (!canonical(title) && canonical(titles.get(key)!)) {
        unused.push(title)
      } else {
        errors.push({ column: title, message: `Столбец «${title}» повторяет столбец «${titles.get(key)}»: оставьте один из них` })
      }
      return
    }
    index.set(key, i)
    titles.set(key, title)
  })
  const require = (key: string, why?: string) => {
    if (!index.has(key)) errors.push({ column: def(key).header, message: why ?? `Нет обязательного столбца «${def(key).header}»` })
  }
  const threeColumns = index.has('lastName') && index.has('firstName')
  if (!index.has('fullName') && !threeColumns) {
    errors.push({
      column: 'ФИО',
      message: index.has('lastName') || index.has('firstName')
        ? 'Нужны оба столбца «Фамилия» и «Имя» (и, при наличии, «Отчество») — или один столбец «ФИО»'
        : 'Нет столбца «ФИО» (или столбцов «Фамилия», «Имя», «Отчество»)',
    })
  }
  if (kind === 'nominations') {
    require('email')
    require('organisation')
    require('position')
    if (opts.municipalityRequired) require('municipality', 'Нет столбца «Муниципалитет»: он обязателен при загрузке на весь регион')
  }
  if (kind === 'qualification') require('qualificationCategory')
  if (kind === 'activity') for (const key of ['title', 'activityKind', 'heldOn', 'level']) require(key)
  if (kind === 'registry' && !factColumns.some((k) => index.has(k))) {
    errors.push({ column: facts.registryMember.header, message: 'В файле нет ни одного столбца с подтверждаемыми сведениями (категория, стаж, критерии, включение в реестр)' })
  }
  return { index, titles, unused, errors, width }
}

export const headerOf = (kind: ImportKind, key: string): string => columnsOf[kind].find((c) => c.key === key)?.header ?? key
