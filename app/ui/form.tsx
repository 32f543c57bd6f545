import { useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { z } from 'zod'

// The client half of decision 0010: the same zod schema the action parses
// with checks the form in the browser (on blur, then as the user types), and
// the server's reply (lastResult) fills the form again when JavaScript is off.

type Reply = (SubmissionResult<string[]> & { form?: string }) | null | undefined

export function useSchemaForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  schema: S,
  options: { id?: string; lastResult?: Reply; defaultValue?: Record<string, unknown>; intent?: string } = {},
) {
  // On a page with several forms, only the one that was sent shows the reply.
  const lastResult = options.intent && options.lastResult?.form !== options.intent ? null : options.lastResult
  return useForm<z.input<S>, z.output<S>, string[]>({
    id: options.id,
    lastResult,
    defaultValue: options.defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema, disableAutoCoercion: true }),
  })
}

/** A field's (or the form's) Russian errors, linked to the input by its id. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const shown = errors?.filter(Boolean) ?? []
  if (shown.length === 0) return null
  return (
    <span id={id} className="error">
      {shown.join(' ')}
    </span>
  )
}

/** The form-level refusal, announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  const shown = errors?.filter(Boolean) ?? []
  return (
    <div aria-live="polite" id={id}>
      {shown.length ? (
        <p className="alert" role="alert">
          {shown.join(' ')}
        </p>
      ) : null}
    </div>
  )
}
