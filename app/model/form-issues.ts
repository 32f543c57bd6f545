import type { z } from 'zod'

// zod's own words for a field whose schema gives none («Invalid input: expected
// string, received undefined», «Invalid discriminator value. Expected …») are
// English and name its types. A page of the site always sends every field with
// an allowed value, so such an issue only meets a hand-made request or a script:
// it gets plain Russian, on the server (app/http/form.server.ts) and in the
// browser's own check (app/ui/form.tsx) alike. A schema's own message wins.

export const fieldIssueMessages = {
  missing: 'Заполните поле.',
  invalid: 'Недопустимое значение.',
}

export const russianFieldIssue: z.core.$ZodErrorMap = (issue) => (issue.input === undefined ? fieldIssueMessages.missing : fieldIssueMessages.invalid)
