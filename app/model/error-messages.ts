// What an error page says when the refusal carries no message of its own,
// for people (the root's error boundary) and for scripts (the JSON answer of
// app/http/script-errors.server.ts): the same words either way.

export const errorMessages = {
  notFound: 'Такой страницы нет. Возможно, ссылка устарела или в адресе опечатка.',
  forbiddenSignedIn: 'У вашей учётной записи нет прав на эту страницу.',
  forbiddenAnonymous: 'Эта страница открывается только после входа в личный кабинет.',
  notAllowed: 'Здесь нельзя выполнить это действие.',
  unexpected: 'Что-то пошло не так. Попробуйте обновить страницу позже.',
  invalidForm: 'Исправьте ошибки в форме.',
}

/** The message of an error page: its own when it has one (a 4xx with a Russian text), the status's otherwise. */
export function errorMessage(status: number, own: string | null, signedIn: boolean): string {
  if (own && status < 500) return own
  if (status === 404) return errorMessages.notFound
  if (status === 401 || status === 403) return signedIn ? errorMessages.forbiddenSignedIn : errorMessages.forbiddenAnonymous
  if (status === 405) return errorMessages.notAllowed
  return errorMessages.unexpected
}
