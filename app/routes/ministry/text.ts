// The ministry's screen, in the officer's words.
export const text = {
  title: 'Согласование состава актива',
  lead: 'Кандидаты, рекомендованные комиссией. Отметьте кандидатов и согласуйте их приказом или верните в комиссию с указанием причины. Перед решением страница попросит его подтвердить.',
  empty: 'Кандидатов на согласовании нет.',
  campaign: 'Отбор',
  choose: 'Выбрать',
  chooseOne: (name: string) => `Выбрать: ${name}`,
  name: 'ФИО',
  organisation: 'Место работы',
  municipality: 'Муниципалитет',
  source: 'Основание',
  approveTitle: 'Согласовать выбранных',
  approveHint:
    'Согласование оформляется приказом: укажите его номер, дату подписания и название. Номер и дата приказа в регионе не повторяются; дата не может быть позже сегодняшнего дня.',
  orderNumber: 'Номер приказа',
  orderDate: 'Дата приказа',
  orderTitle: 'Название приказа',
  orderTitleDefault: 'Об утверждении состава регионального методического актива',
  approve: 'Согласовать выбранных…',
  returnTitle: 'Вернуть выбранных в комиссию',
  reason: 'Причина возврата (обязательно)',
  return: 'Вернуть выбранных в комиссию…',
  askApprove: (n: number, order: string, title: string) =>
    `Согласовать ${n} ${candidates(n)} приказом ${order} «${title}»? Отменить согласование на этой странице будет нельзя.`,
  askReturn: (n: number) => `Вернуть ${n} ${candidates(n)} в комиссию? Комиссия рассмотрит их заново.`,
  yesApprove: 'Да, согласовать',
  yesReturn: 'Да, вернуть в комиссию',
  chosen: 'Выбраны',
  reasonGiven: 'Причина возврата',
  orders: 'Приказы об утверждении состава',
  noOrders: 'Приказов пока нет.',
  appendix: 'приложение к приказу',
  registered: (order: string, title: string) => `Приказ ${order} «${title}» зарегистрирован.`,
  openAppendix: 'Открыть приложение к приказу (список для печати)',
  approved: (n: number, order: string) => `Согласовано кандидатов: ${n}. Приказ ${order} зарегистрирован.`,
  returned: (n: number) => `Возвращено в комиссию кандидатов: ${n}.`,
}

/** «кандидата» after 1, 21…; «кандидатов» otherwise (genitive after a number in «согласовать N …»). */
function candidates(n: number): string {
  const last = n % 10
  const lastTwo = n % 100
  return last === 1 && lastTwo !== 11 ? 'кандидата' : 'кандидатов'
}
