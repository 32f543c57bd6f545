// A member of the active (regional coordinator's page), in Russian.
export const text = {
  back: 'Состав актива',
  state: 'Состояние',
  workplace: 'Место работы',
  position: 'Должность',
  subjects: 'Предметная область',
  municipality: 'Муниципалитет',
  score: (year: string) => `Оценка работы (${year})`,
  public: 'В открытом реестре',
  listed: 'да (есть согласие на публикацию ФИО)',
  notListed: (state: string, consent: boolean) =>
    state === 'excluded'
      ? 'нет: исключение из актива'
      : state === 'suspended'
        ? 'нет: членство приостановлено'
        : state === 'expired'
          ? 'нет: срок полномочий истёк'
          : consent
            ? 'нет: согласие на публикацию ФИО отсутствует или истекло'
            : 'нет: нет согласия на публикацию',
  admitted: 'Приказ о включении',
  term: 'Срок полномочий до',
  lastChange: 'Последнее изменение по приказу',
  actions: 'Изменения состава',
  actionsHint: 'Каждое изменение вносится приказом: выберите зарегистрированный приказ об изменении состава или зарегистрируйте новый.',
  noActions: 'Изменений для этого члена актива сейчас нет.',
  reason: 'Причина',
  reasonOptional: 'Причина (необязательно)',
  order: 'Приказ',
  useExisting: 'Зарегистрированный приказ',
  chooseOrder: '— выберите приказ —',
  noOrders: 'Приказов об изменении состава ещё нет.',
  useNew: 'Новый приказ',
  orderNumber: 'Номер приказа',
  orderDate: 'Дата приказа',
  orderTitle: 'Название приказа',
  orderTitleDefault: 'О внесении изменений в состав регионального методического актива',
  confirmQuestion: {
    EXCLUDE: (name: string) => `Исключить из методического актива: ${name}? Исключение нельзя отменить: вернуться в актив можно только через новый отбор. Запись сразу исчезнет из открытого реестра.`,
    EXPIRE: (name: string) => `Завершить срок полномочий: ${name}? Это нельзя отменить. Запись сразу исчезнет из открытого реестра.`,
  } as Record<string, (name: string) => string>,
  confirmLabel: {
    EXCLUDE: 'Да, исключить по приказу',
    EXPIRE: 'Да, завершить срок полномочий',
  } as Record<string, string>,
  history: 'История',
  historyOrder: (order: string, title: string) => ` (приказ ${order} «${title}»)`,
  historyChange: 'Изменение состава',
  consents: 'История согласий на обработку и публикацию (просмотр записывается в журнал)',
  noHistory: 'Изменений по приказам пока не было.',
  done: 'Изменение внесено.',
}
