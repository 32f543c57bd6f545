// The region settings hub (issue 11 §2), in Russian.

import { countOf } from '~/utils/plural'

const years = (n: number) => countOf(n, 'год', 'года', 'лет')

export const text = {
  title: 'Настройки региона',
  titleOf: (name: string) => `Настройки региона: ${name}`,
  noRegion: 'Регионов пока нет. Создайте первый — из пресета или пустой.',
  newRegion: 'Создать регион',
  summary: 'Сводка',
  timeZone: 'Часовой пояс',
  term: 'Срок полномочий члена актива',
  termYears: (n: number) => `${years(n)} с даты приказа`,
  quorum: 'Кворум заседания комиссии',
  quorumMixed: 'у комиссий региона разные правила',
  noCommission: 'у региона нет комиссии',
  ministry: 'Орган управления образованием',
  site: 'Сайт',
  notSet: 'не указан',
  operator: 'Оператор персональных данных',
  demoOperator: 'Указан демонстрационный оператор из пресета: тексты согласий называют его. Укажите настоящего оператора.',
  noOperator: 'Оператор не указан: тексты согласий на обработку персональных данных без него неполны.',
  municipalities: 'Муниципалитеты',
  municipalitiesLine: (n: number, teachers: string) => `${n}; педагогов всего: ${teachers}`,
  estimates: (n: number) => `оценка у ${n}`,
  directions: 'Направления и группы методистов',
  directionsLine: (d: number, g: number) => `направлений: ${d}, групп: ${g}`,
  change: 'Изменить',
  changeOf: (what: string) => `Изменить: ${what}`,
  coverage: 'Обеспеченность методической поддержкой (публичная страница)',
}
