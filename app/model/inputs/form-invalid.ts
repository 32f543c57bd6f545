import type { z } from 'zod'
import { AppError } from '../../../workflows/errors'

/** A form's field errors (Russian), thrown before anything is written; the page shows each next to its field. */
export class FormInvalid extends AppError {
  constructor(readonly fields: Record<string, string | undefined>) {
    super('INVALID_FORM', 400, 'Проверьте поля формы.', { fields })
  }
}

/** The first Russian message per field of a schema's refusal, as FormInvalid carries them. */
export function fieldErrors(error: z.ZodError): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const issue of error.issues) out[String(issue.path[0] ?? 'form')] ??= issue.message
  return out
}
