/**
 * Typed errors of the domain and its workflows: the HTTP edge answers with
 * `status` and the Russian `message`; scripts read the stable `code`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/**
 * The machine does not accept the event now. `message` says why in the
 * user's words (app/model/refusals.ts); the event and state ids are only in
 * `details`, for scripts and logs, never on a screen.
 */
export class TransitionRefused extends AppError {
  constructor(entity: string, id: number, state: string, event: string, message: string) {
    super('TRANSITION_REFUSED', 409, message, {
      entity,
      id,
      state,
      event,
    })
  }
}

export class StaleRow extends AppError {
  constructor(entity: string, id: number, expected: number, actual: number) {
    super('STALE_ROW', 409, 'Запись уже изменена другим пользователем. Обновите страницу и повторите действие.', {
      entity,
      id,
      expected,
      actual,
    })
  }
}

export class NotFound extends AppError {
  constructor(entity: string, id: number) {
    super('NOT_FOUND', 404, 'Запись не найдена.', { entity, id })
  }
}

export class Forbidden extends AppError {
  constructor(what: string) {
    super('FORBIDDEN', 403, 'Недостаточно прав для этого действия.', { what })
  }
}
