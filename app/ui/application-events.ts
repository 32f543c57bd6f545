// How each application event appears as a button: its Russian label, the
// input it needs, and whether it belongs on the application page at all
// (commission decisions come from a meeting's vote, not from a button).

export type EventUi = { label: string; input?: 'message' | 'reason' | 'reasons'; inputLabel?: string; onPage: boolean; danger?: boolean }

export const applicationEventUi: Record<string, EventUi> = {
  SUBMIT: { label: 'Подать заявление', onPage: true },
  REQUEST_INFO: { label: 'Запросить сведения', input: 'message', inputLabel: 'Какие сведения нужны', onPage: true },
  PROVIDE_INFO: { label: 'Сведения представлены', onPage: true },
  MARK_INELIGIBLE: { label: 'Признать не соответствующим требованиям', input: 'reasons', inputLabel: 'Невыполненные требования', onPage: true, danger: true },
  ADMIT: { label: 'Допустить к рассмотрению комиссией', onPage: true },
  RECOMMEND: { label: 'Рекомендовать', onPage: false },
  REJECT: { label: 'Отклонить', onPage: false },
  DEFER: { label: 'Отложить', onPage: false },
  REVIEW_AGAIN: { label: 'Вернуть на рассмотрение комиссии', onPage: true },
  SEND_TO_MINISTRY: { label: 'Направить на согласование', onPage: true },
  // The ministry decides on /ministry, where the order is recorded with the decision.
  APPROVE: { label: 'Согласовать', onPage: false },
  RETURN: { label: 'Вернуть в комиссию', input: 'reason', inputLabel: 'Причина возврата', onPage: false, danger: true },
  PUBLISH: { label: 'Опубликовать в реестре', onPage: false },
  WITHDRAW: { label: 'Отозвать заявление', onPage: true, danger: true },
}
