import { z } from 'zod'

// Irreversible actions (publish, close, approve, exclude, withdraw) carry
// `confirmed=yes`, which only the confirmation step's form sends: the schema
// of such an action requires it, so neither a first click nor a script that
// skips the step can do the work by accident.
export const confirmed = z.literal('yes', { error: 'Подтвердите действие: оно необратимо.' })
