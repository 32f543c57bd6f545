// Deterministic demo data: the same seed gives the same people, so a
// benchmark or a screenshot can be reproduced.

export function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
  }
}
export type Rng = ReturnType<typeof rng>

// Male first names with the patronymics they give, [male, female]. Russian
// patronymics are not a suffix glued to the name (Евгений → Евгеньевна,
// Павел → Павлович, Илья → Ильинична), so each form is written out.
export const patronymics: Record<string, readonly [string, string]> = {
  Александр: ['Александрович', 'Александровна'],
  Алексей: ['Алексеевич', 'Алексеевна'],
  Анатолий: ['Анатольевич', 'Анатольевна'],
  Андрей: ['Андреевич', 'Андреевна'],
  Антон: ['Антонович', 'Антоновна'],
  Борис: ['Борисович', 'Борисовна'],
  Вадим: ['Вадимович', 'Вадимовна'],
  Валерий: ['Валерьевич', 'Валерьевна'],
  Василий: ['Васильевич', 'Васильевна'],
  Виктор: ['Викторович', 'Викторовна'],
  Владимир: ['Владимирович', 'Владимировна'],
  Вячеслав: ['Вячеславович', 'Вячеславовна'],
  Геннадий: ['Геннадьевич', 'Геннадьевна'],
  Георгий: ['Георгиевич', 'Георгиевна'],
  Григорий: ['Григорьевич', 'Григорьевна'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Евгений: ['Евгеньевич', 'Евгеньевна'],
  Егор: ['Егорович', 'Егоровна'],
  Иван: ['Иванович', 'Ивановна'],
  Игорь: ['Игоревич', 'Игоревна'],
  Илья: ['Ильич', 'Ильинична'],
  Кирилл: ['Кириллович', 'Кирилловна'],
  Константин: ['Константинович', 'Константиновна'],
  Лев: ['Львович', 'Львовна'],
  Максим: ['Максимович', 'Максимовна'],
  Михаил: ['Михайлович', 'Михайловна'],
  Никита: ['Никитич', 'Никитична'],
  Николай: ['Николаевич', 'Николаевна'],
  Олег: ['Олегович', 'Олеговна'],
  Павел: ['Павлович', 'Павловна'],
  Пётр: ['Петрович', 'Петровна'],
  Роман: ['Романович', 'Романовна'],
  Сергей: ['Сергеевич', 'Сергеевна'],
  Станислав: ['Станиславович', 'Станиславовна'],
  Степан: ['Степанович', 'Степановна'],
  Юрий: ['Юрьевич', 'Юрьевна'],
}
export const maleFirst = Object.keys(patronymics)
export const femaleFirst = ['Александра', 'Алёна', 'Анастасия', 'Анна', 'Валентина', 'Вера', 'Виктория', 'Галина', 'Дарья', 'Евгения', 'Екатерина', 'Елена', 'Жанна', 'Ирина', 'Ксения', 'Лариса', 'Людмила', 'Марина', 'Мария', 'Надежда', 'Наталья', 'Нина', 'Оксана', 'Ольга', 'Светлана', 'Татьяна', 'Юлия']

// [male, female]; the two are equal for surnames that do not change with gender.
export const surnames: readonly (readonly [string, string])[] = [
  ['Иванов', 'Иванова'], ['Смирнов', 'Смирнова'], ['Кузнецов', 'Кузнецова'], ['Попов', 'Попова'], ['Васильев', 'Васильева'],
  ['Петров', 'Петрова'], ['Соколов', 'Соколова'], ['Михайлов', 'Михайлова'], ['Новиков', 'Новикова'], ['Фёдоров', 'Фёдорова'],
  ['Морозов', 'Морозова'], ['Волков', 'Волкова'], ['Алексеев', 'Алексеева'], ['Лебедев', 'Лебедева'], ['Семёнов', 'Семёнова'],
  ['Егоров', 'Егорова'], ['Павлов', 'Павлова'], ['Козлов', 'Козлова'], ['Степанов', 'Степанова'], ['Николаев', 'Николаева'],
  ['Орлов', 'Орлова'], ['Андреев', 'Андреева'], ['Макаров', 'Макарова'], ['Никитин', 'Никитина'], ['Захаров', 'Захарова'],
  ['Зайцев', 'Зайцева'], ['Соловьёв', 'Соловьёва'], ['Борисов', 'Борисова'], ['Яковлев', 'Яковлева'], ['Григорьев', 'Григорьева'],
  ['Романов', 'Романова'], ['Воробьёв', 'Воробьёва'], ['Сергеев', 'Сергеева'], ['Кузьмин', 'Кузьмина'], ['Фролов', 'Фролова'],
  ['Александров', 'Александрова'], ['Дмитриев', 'Дмитриева'], ['Королёв', 'Королёва'], ['Гусев', 'Гусева'], ['Киселёв', 'Киселёва'],
  ['Ильин', 'Ильина'], ['Максимов', 'Максимова'], ['Поляков', 'Полякова'], ['Сорокин', 'Сорокина'], ['Виноградов', 'Виноградова'],
  ['Ковалёв', 'Ковалёва'], ['Белов', 'Белова'], ['Медведев', 'Медведева'], ['Антонов', 'Антонова'], ['Тарасов', 'Тарасова'],
  ['Жуков', 'Жукова'], ['Баранов', 'Баранова'], ['Филиппов', 'Филиппова'], ['Комаров', 'Комарова'], ['Давыдов', 'Давыдова'],
  ['Беляев', 'Беляева'], ['Герасимов', 'Герасимова'], ['Богданов', 'Богданова'], ['Осипов', 'Осипова'], ['Сидоров', 'Сидорова'],
  ['Матвеев', 'Матвеева'], ['Титов', 'Титова'], ['Марков', 'Маркова'], ['Миронов', 'Миронова'], ['Крылов', 'Крылова'],
  ['Куликов', 'Куликова'], ['Карпов', 'Карпова'], ['Власов', 'Власова'], ['Мельников', 'Мельникова'], ['Денисов', 'Денисова'],
  ['Гаврилов', 'Гаврилова'], ['Тихонов', 'Тихонова'], ['Казаков', 'Казакова'], ['Афанасьев', 'Афанасьева'], ['Данилов', 'Данилова'],
  ['Пономарёв', 'Пономарёва'], ['Щербаков', 'Щербакова'], ['Ершов', 'Ершова'], ['Пушкин', 'Пушкина'], ['Калинин', 'Калинина'],
  ['Покровский', 'Покровская'], ['Вишневский', 'Вишневская'], ['Островский', 'Островская'], ['Дубровский', 'Дубровская'],
  ['Яблонский', 'Яблонская'], ['Троицкий', 'Троицкая'], ['Успенский', 'Успенская'], ['Толстой', 'Толстая'], ['Луговой', 'Луговая'],
  ['Шевченко', 'Шевченко'], ['Ткаченко', 'Ткаченко'], ['Кравченко', 'Кравченко'], ['Бондаренко', 'Бондаренко'],
  ['Черных', 'Черных'], ['Седых', 'Седых'], ['Долгих', 'Долгих'], ['Ким', 'Ким'],
]

export type DemoName = { lastName: string; firstName: string; middleName: string; female: boolean }

export function personName(r: Rng): DemoName {
  // Most Russian teachers are women (about 4 in 5).
  const female = r.chance(0.8)
  const surname = r.pick(surnames)
  return {
    lastName: surname[female ? 1 : 0],
    firstName: r.pick(female ? femaleFirst : maleFirst),
    middleName: patronymics[r.pick(maleFirst)][female ? 1 : 0],
    female,
  }
}

/** What kind of organisation a workplace is: it decides which positions exist there. */
export type OrgKind = 'school' | 'kindergarten' | 'college' | 'extra'
export type DemoOrganisation = { name: string; kind: OrgKind }

const orgPatterns: readonly (readonly [string, OrgKind, number])[] = [
  ['МАОУ «Средняя общеобразовательная школа № %»', 'school', 0.32],
  ['МБОУ «Средняя общеобразовательная школа № %»', 'school', 0.2],
  ['МБОУ «Основная общеобразовательная школа № %»', 'school', 0.05],
  ['МАОУ «Гимназия № %»', 'school', 0.08],
  ['МАОУ «Лицей № %»', 'school', 0.05],
  ['МАДОУ «Детский сад № %»', 'kindergarten', 0.1],
  ['МБДОУ «Детский сад общеразвивающего вида № %»', 'kindergarten', 0.06],
  ['ГБПОУ «Педагогический колледж № %»', 'college', 0.02],
  ['ГБПОУ «Политехнический техникум № %»', 'college', 0.02],
  ['МАУ ДО «Дом детского творчества № %»', 'extra', 0.05],
  ['МБУ ДО «Центр дополнительного образования № %»', 'extra', 0.05],
]

/**
 * A fixed pool of workplaces per municipality of a region. Numbers run on
 * across the region, so a name is unique there without the municipality in it
 * (the interface shows the municipality beside the name already). The pool
 * depends only on the region and its municipalities, so every part of the
 * demo that places a person in a municipality finds the same schools.
 */
export function organisationPool(regionCode: string, municipalities: readonly string[], perMunicipality = 6): Map<string, DemoOrganisation[]> {
  const r = rng([...regionCode].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7))
  const next = new Map<string, number>()
  const pool = new Map<string, DemoOrganisation[]>()
  for (const m of municipalities) {
    const list: DemoOrganisation[] = []
    for (let k = 0; k < perMunicipality; k++) {
      let x = r.next()
      const [pattern, kind] = orgPatterns.find(([, , w]) => (x -= w) < 0) ?? orgPatterns[0]
      const n = (next.get(pattern) ?? 0) + r.int(1, 4)
      next.set(pattern, n)
      list.push({ name: pattern.replace('%', String(n)), kind })
    }
    pool.set(m, list)
  }
  return pool
}

// «учитель математики»: the subject in the genitive, as a position is written.
export const subjectGenitive: Record<string, string> = {
  'Русский язык': 'русского языка',
  Литература: 'литературы',
  'Родной язык и родная литература': 'родного языка и родной литературы',
  'Иностранный язык': 'иностранного языка',
  Математика: 'математики',
  Информатика: 'информатики',
  История: 'истории',
  Обществознание: 'обществознания',
  География: 'географии',
  Физика: 'физики',
  Химия: 'химии',
  Биология: 'биологии',
  'Изобразительное искусство': 'изобразительного искусства',
  Музыка: 'музыки',
  'Труд (технология)': 'труда (технологии)',
  'Физическая культура': 'физической культуры',
  'Основы безопасности и защиты Родины': 'основ безопасности и защиты Родины',
}
const of = (subject: string) => subjectGenitive[subject] ?? subject.toLowerCase()

/**
 * Levels some regions' groups are named after. They are no subjects of the
 * regions' lists (what the form and the imports take), so a job never lists
 * them: a kindergarten's staff teach no school subject (its music teacher
 * music), a primary teacher Russian and mathematics; the level places them
 * in their group.
 */
export const PRESCHOOL = 'Дошкольное образование'
export const PRIMARY = 'Начальное общее образование'
const extraSubjects = ['Изобразительное искусство', 'Музыка', 'Информатика', 'Физическая культура', 'Труд (технология)']
const primarySubjects = ['Русский язык', 'Математика']

export type Job = { position: string; subjects: string[]; level: typeof PRESCHOOL | typeof PRIMARY | null }

/** What a member's group is chosen by: the level the job works at, else its subjects. */
export const groupTopics = (job: Pick<Job, 'subjects' | 'level'>): readonly string[] => (job.level ? [job.level] : job.subjects)

/** A position and subjects that exist at this kind of organisation. */
export function jobAt(r: Rng, kind: OrgKind, subjects: readonly string[]): Job {
  const roll = r.next()
  const subject = r.pick(subjects)
  switch (kind) {
    case 'kindergarten':
      if (roll < 0.6) return { position: 'воспитатель', subjects: [], level: PRESCHOOL }
      if (roll < 0.75) return { position: 'старший воспитатель', subjects: [], level: PRESCHOOL }
      if (roll < 0.9) return { position: 'учитель-логопед', subjects: [], level: PRESCHOOL }
      return { position: 'музыкальный руководитель', subjects: subjects.includes('Музыка') ? ['Музыка'] : [], level: PRESCHOOL }
    case 'college':
      if (roll < 0.85) return { position: `преподаватель ${of(subject)}`, subjects: [subject], level: null }
      return { position: 'методист', subjects: [subject], level: null }
    case 'extra': {
      const s = r.pick(extraSubjects.filter((x) => subjects.includes(x)).length ? extraSubjects.filter((x) => subjects.includes(x)) : subjects)
      if (roll < 0.85) return { position: 'педагог дополнительного образования', subjects: [s], level: null }
      return { position: 'методист', subjects: [s], level: null }
    }
    case 'school':
      if (roll < 0.15) return { position: 'учитель начальных классов', subjects: primarySubjects.filter((s) => subjects.includes(s)), level: PRIMARY }
      if (roll < 0.8) return { position: `учитель ${of(subject)}`, subjects: [subject], level: null }
      if (roll < 0.9) return { position: `учитель ${of(subject)}, руководитель школьного методического объединения`, subjects: [subject], level: null }
      return { position: 'заместитель директора по учебно-воспитательной работе', subjects: [subject], level: null }
  }
}

// Words by which a roster group names a subject or a level. A group that
// names none of them (Chelyabinsk's thematic groups) is open to any member.
const groupKeys: Record<string, readonly string[]> = {
  'Русский язык': ['русский язык'],
  Литература: ['литература'],
  'Иностранный язык': ['иностранн', 'английский язык'],
  Математика: ['математика'],
  Информатика: ['информатика'],
  История: ['история'],
  Обществознание: ['обществознание'],
  Физика: ['физика'],
  Химия: ['химия'],
  Биология: ['биология'],
  [PRIMARY]: ['начальное общее'],
  [PRESCHOOL]: ['дошкольн'],
}
const allGroupKeys = Object.values(groupKeys).flat()
// Memoised: the seed asks this for every group of its region for each of its 50,000 members.
const keysOfGroup = new Map<string, readonly string[]>()
const keysIn = (group: string): readonly string[] => {
  let keys = keysOfGroup.get(group)
  if (!keys) {
    const lower = group.toLowerCase()
    keys = allGroupKeys.filter((k) => lower.includes(k))
    keysOfGroup.set(group, keys)
  }
  return keys
}

/** Whether a member teaching these subjects belongs in the group. */
export function groupFits(group: string, subjects: readonly string[]): boolean {
  const named = keysIn(group)
  if (named.length === 0) return true
  return subjects.some((s) => (groupKeys[s] ?? []).some((k) => named.includes(k)))
}

/** A group for the member: one that names their subject if there is one, else a general one, else none. */
export function groupFor<G extends { name: string }>(r: Rng, groups: readonly G[], subjects: readonly string[]): G | null {
  const named = groups.filter((g) => keysIn(g.name).length > 0 && groupFits(g.name, subjects))
  if (named.length) return r.pick(named)
  const general = groups.filter((g) => keysIn(g.name).length === 0)
  return general.length ? r.pick(general) : null
}

const translit: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
}
export const latin = (s: string) => [...s.toLowerCase()].map((c) => translit[c] ?? c).join('').replace(/[^a-z0-9]/g, '')
