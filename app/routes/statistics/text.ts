// The staff statistics page (PRODUCT §1.6): its Russian wording in one place.
export const text = {
  title: 'Статистика региона',
  heading: (region: string) => `Статистика: ${region}`,
  lead: 'Состав методического актива, обеспеченность методической поддержкой и ход отбора. Считаются действующие члены актива.',
  asOf: (when: string) => `Данные на ${when}.`,
  contents: 'Содержание',
  members: 'Состав актива',
  coverage: 'Обеспеченность методической поддержкой',
  selection: 'Отбор',
  campaign: 'Отбор',
  show: 'Показать',
  noCampaigns: 'В регионе ещё не было отборов.',
  downloads: 'Скачать отчёт',
  xlsx: 'Excel (.xlsx), таблица на каждом листе',
  docx: 'Word (.docx)',
  publicPage: 'Открытая страница статистики региона (только числа)',
  empty: 'Нет данных',
}
