// How each application event appears as a button: its Russian label and the
// input it needs. Which events belong on the application page at all is the
// machine's business (`eventsOnApplicationPage` in workflows/application.machine.ts).

export type EventUi = { label: string; input?: 'message' | 'reason' | 'reasons'; inputLabel?: string; danger?: boolean }

export const applicationEventUi: Record<string, EventUi> = {
  SUBMIT: { label: 'Подать заявление' },
  REQUEST_INFO: { label: 'Запросить сведения', input: 'message', inputLabel: 'Какие сведения нужны' },
  PROVIDE_INFO: { label: 'Сведения представлены' },
  MARK_INELIGIBLE: { label: 'Признать не соответствующим требованиям', input: 'reasons', inputLabel: 'Невыполненные требования', danger: true },
  ADMIT: { label: 'Допустить к рассмотрению комиссией' },
  RECOMMEND: { label: 'Рекомендовать' },
  REJECT: { label: 'Отклонить' },
  DEFER: { label: 'Отложить' },
  REVIEW_AGAIN: { label: 'Вернуть на рассмотрение комиссии' },
  SEND_TO_MINISTRY: { label: 'Направить на согласование' },
  // The ministry decides on /ministry, where the order is recorded with the decision.
  APPROVE: { label: 'Согласовать' },
  RETURN: { label: 'Вернуть в комиссию', input: 'reason', inputLabel: 'Причина возврата', danger: true },
  PUBLISH: { label: 'Опубликовать в реестре' },
  WITHDRAW: { label: 'Отозвать заявление', danger: true },
}
