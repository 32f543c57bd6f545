// Russian text shared by many screens: state names, roles, notification
// titles. Screen-specific text lives next to its screen in one object.

import * as dates from '~/utils/dates'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'

export const applicationStateLabels: Record<string, string> = {
  draft: 'Черновик',
  submitted: 'Подано',
  screening: 'Проверка документов',
  needsInformation: 'Запрошены сведения',
  ineligible: 'Не соответствует требованиям',
  inReview: 'На рассмотрении комиссии',
  recommended: 'Рекомендовано комиссией',
  rejected: 'Отклонено комиссией',
  deferred: 'Рассмотрение отложено',
  atMinistry: 'На согласовании в министерстве',
  approved: 'Согласовано',
  returned: 'Возвращено министерством',
  published: 'Включён в актив',
  withdrawn: 'Отозвано заявителем',
}

export const campaignStateLabels: Record<string, string> = {
  draft: 'Подготовка',
  open: 'Приём заявлений',
  closed: 'Приём завершён',
  inReview: 'Работа комиссии',
  atMinistry: 'Согласование',
  approved: 'Состав утверждён',
  published: 'Опубликован',
  archived: 'В архиве',
}

export const memberStateLabels: Record<string, string> = {
  active: 'Действует',
  suspended: 'Приостановлено',
  // Noun forms: a label cannot agree with the member's gender.
  excluded: 'Исключение из актива',
  expired: 'Срок истёк',
}

export const sourceLabels: Record<string, string> = {
  self: 'Самовыдвижение',
  municipality: 'Представление МОУО',
  centre: 'Представление ЦНППМ',
  registry: 'Из профессионального реестра',
}

export const notificationLabels: Record<string, string> = {
  applicationReceived: 'Заявление принято',
  screeningWaiting: 'Новое заявление ждёт проверки',
  informationRequested: 'Запрошены дополнительные сведения',
  informationProvided: 'Заявитель представил сведения',
  eligibilityResult: 'Результат проверки соответствия требованиям',
  reviewWaiting: 'Кандидат ждёт рассмотрения комиссией',
  commissionDecision: 'Решение комиссии',
  approvalWaiting: 'Список ждёт согласования',
  ministryDecision: 'Решение министерства',
  ministryReturned: 'Министерство вернуло кандидата',
  published: 'Вы включены в методический актив',
  excluded: 'Вы исключены из методического актива',
  campaignClosed: 'Приём заявлений завершён',
  passwordReset: 'Восстановление пароля',
  emailConfirmation: 'Подтверждение адреса электронной почты',
  activitySubmitted: 'Запись о методической работе ждёт подтверждения',
  activityConfirmed: 'Запись о методической работе подтверждена',
  activityReturned: 'Запись о методической работе возвращена на доработку',
  consentGiven: 'Согласие на распространение дано',
  consentChanged: 'Согласие на распространение изменено',
  consentWithdrawn: 'Согласие на распространение отозвано',
  digest: 'Сводка задач',
  stageReminder: 'Напоминание о сроке этапа отбора',
  reviewOverdue: 'Просрочен срок отзывов',
  invitation: 'Приглашение в реестр методического актива',
  activityImported: 'Подтверждено участие в мероприятии региона',
  termReminder: 'Срок полномочий члена актива истекает',
  termExpired: 'Срок полномочий члена актива истёк',
  appealFiled: 'Апелляция подана',
  appealWaiting: 'Апелляция ждёт заседания комиссии',
  appealScheduled: 'Апелляция включена в повестку заседания',
  appealUnscheduled: 'Апелляция исключена из повестки заседания',
  appealMeetingCancelled: 'Заседание по апелляции отменено',
  appealUpheld: 'Апелляция удовлетворена',
  appealDismissed: 'Апелляция отклонена',
  appealWithdrawn: 'Апелляция отозвана кандидатом',
  reportSubmitted: 'Отчёт о показателях направлен на утверждение комиссией',
  reportApproved: 'Отчёт о показателях утверждён комиссией',
  reportReturned: 'Отчёт о показателях возвращён на доработку',
  reportWithdrawn: 'Отчёт о показателях отозван с утверждения',
  applicationWithdrawn: 'Заявление отозвано кандидатом',
  returnedToCommission: 'Заявление возвращено в отборочную комиссию',
  // the declarer may be a member or the secretary (the chair is then told)
  conflictDeclared: 'Заявлен конфликт интересов',
  roleGranted: 'Вам назначена роль в реестре',
  roleRevoked: 'С вас снята роль в реестре',
  accountDeactivated: 'Учётная запись отключена',
  accountReactivated: 'Учётная запись снова включена',
  suspended: 'Членство в методическом активе приостановлено',
  resumed: 'Членство в методическом активе возобновлено',
  meetingScheduled: 'Назначено заседание комиссии',
  meetingMoved: 'Заседание комиссии перенесено',
  meetingCancelled: 'Заседание комиссии отменено',
}

/** Notification names (letter subjects, in-app lists) that differ in a municipal selection: no ministry there. */
export const municipalNotificationLabels: Record<string, string> = {
  approvalWaiting: 'Список ждёт согласования в муниципальном органе управления образованием',
  ministryDecision: 'Решение муниципального органа управления образованием',
  ministryReturned: 'Муниципальный орган управления образованием вернул кандидата',
}

/** A notification's name for people, never the template's code; `municipal`: it is about a municipality's own selection (issue 10 §6), approved by its authority, not the ministry. */
export const notificationLabel = (template: string, municipal = false) =>
  (municipal ? municipalNotificationLabels[template] : undefined) ?? notificationLabels[template] ?? 'Уведомление'

// Dates on screens are in the zone of the region the record belongs to
// (PRODUCT §12): loaders pass it as `timeZone`. A 'YYYY-MM-DD' value is a
// calendar day and is shown as it is; a time always carries its UTC offset.
// why: the zone is optional only for the few pages not yet given one (they get
// Moscow time, marked «UTC+3»); every region page passes its own.
export const formatDate = (d: Date | string, timeZone: string = FALLBACK_TIME_ZONE) => dates.formatDate(d, timeZone)
export const formatDateTime = (d: Date | string, timeZone: string = FALLBACK_TIME_ZONE) => dates.formatDateTime(d, timeZone)

export const orderKindLabels: Record<string, string> = {
  composition: 'Об утверждении состава актива',
  change: 'Об изменении состава актива',
}

/** Buttons of the member events (roster changes by order). */
export const memberEventLabels: Record<string, string> = {
  SUSPEND: 'Приостановить членство',
  RESUME: 'Возобновить членство',
  EXCLUDE: 'Исключить из актива',
  EXPIRE: 'Завершить срок полномочий',
}

/** A member's history (audit actions of entity 'member'). */
export const memberAuditLabels: Record<string, string> = {
  ADMIT: 'Включение в актив',
  SUSPEND: 'Приостановление членства',
  RESUME: 'Возобновление членства',
  EXCLUDE: 'Исключение из актива',
  EXPIRE: 'Завершение срока полномочий',
}

/** Buttons of the campaign events the coordinator sends by hand. */
export const campaignEventLabels: Record<string, string> = {
  OPEN: 'Открыть приём заявлений',
  CLOSE: 'Завершить приём заявлений',
  START_REVIEW: 'Передать заявления комиссии',
  ARCHIVE: 'Перенести в архив',
  PUBLISH: 'Опубликовать утверждённый состав',
}

export const commissionRoleLabels: Record<string, string> = {
  chair: 'Председатель',
  secretary: 'Секретарь',
  member: 'Член комиссии',
}

export const meetingStatusLabels: Record<string, string> = {
  planned: 'Запланировано',
  open: 'Идёт',
  closed: 'Закрыто, протокол оформлен',
}

export const itemDecisionLabels: Record<string, string> = {
  recommended: 'Рекомендовать',
  rejected: 'Не рекомендовать',
  deferred: 'Отложить',
}

/** A count as Russian text writes it: 1 355 (a thin-space group separator). */
export const formatCount = (n: number) => n.toLocaleString('ru-RU')

/** A staff invitation's state (issue 11 §1.3), as /people/invitations shows it. */
export const invitationStateLabels: Record<string, string> = {
  pending: 'ожидает',
  accepted: 'принято',
  revoked: 'отозвано',
  expired: 'истекло',
}
