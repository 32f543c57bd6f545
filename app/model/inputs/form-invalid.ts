import { AppError } from '../../../workflows/errors'

/** A form's field errors (Russian), thrown before anything is written; the page shows each next to its field. */
export class FormInvalid extends AppError {
  constructor(readonly fields: Record<string, string | undefined>) {
    super('INVALID_FORM', 400, 'Проверьте поля формы.', { fields })
  }
}
