import type { z } from 'zod'

// Every form is parsed (on the server and in the browser) with this map: it
// words what a schema left to zod, whose defaults are English ("Invalid input:
// expected string, received undefined"). A schema's own message still wins.
// It is reached by a request that lacks a field (a choice URL typed or kept
// from an older page, a form sent by a script), or by a value of the wrong kind.

export const missingFieldMessage = 'Заполните это поле'
export const invalidFieldMessage = 'Проверьте значение этого поля'

export const formErrorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null) ? missingFieldMessage : invalidFieldMessage
