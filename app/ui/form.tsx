import { getInputProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { useNavigation } from '@remix-run/react'
import type { ChangeEvent, InputHTMLAttributes } from 'react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { formErrorMap } from '~/model/inputs/form-error-map'
import type { z } from 'zod'
import { EVIDENCE_MAX_BYTES, evidenceMessages } from '~/model/inputs/application'

// The client half of decision 0010: the same zod schema the action parses
// with checks the form in the browser (on blur, then as the user types), and
// the server's reply (lastResult) fills the form again when JavaScript is off.

type Reply = (SubmissionResult<string[]> & { form?: string }) | null | undefined

// The HTML constraints of a schema never change: derived once, not for each
// form of each render (a board page renders a form per row; issue 14).
const constraints = new WeakMap<z.ZodTypeAny, ReturnType<typeof getZodConstraint>>()
function constraintOf(schema: z.ZodTypeAny) {
  let c = constraints.get(schema)
  if (!c) constraints.set(schema, (c = getZodConstraint(schema)))
  return c
}

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
    constraint: constraintOf(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema, disableAutoCoercion: true, error: formErrorMap }),
  })
}

/**
 * A field's Russian error, linked to the input by its id: the first of its
 * schema's checks that failed. Zod runs them all, so an empty ИНН also failed
 * its checksum, and the two refusals ran together as one, the second one false.
 * `all` shows every message, for a list that gathers several fields' or files'.
 */
export function ErrorList({ id, errors, all = false }: { id?: string; errors?: string[] | null; all?: boolean }) {
  const given = errors?.filter(Boolean) ?? []
  const shown = all ? given : given.slice(0, 1)
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

type InputType = 'text' | 'email' | 'password' | 'date' | 'number' | 'tel' | 'url' | 'search' | 'datetime-local'

/**
 * One labelled input with its hint and its errors, wired by conform (ids,
 * aria-invalid, aria-describedby). The common case of every form; a field
 * that needs more (a select, a group of boxes) is written out where it is.
 */
export function InputField({
  meta,
  label,
  type,
  hint,
  ...rest
}: { meta: FieldMetadata<unknown>; label: string; type: InputType; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input {...getInputProps(meta, { type, ariaDescribedBy: hintId })} {...rest} />
      {hint ? (
        <span id={hintId} className="muted">
          {hint}
        </span>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

/** A labelled select over `options`, with an optional empty first choice and hint, and its errors. */
export function SelectField({
  meta,
  label,
  options,
  placeholder,
  hint,
}: {
  meta: FieldMetadata<unknown>
  label: string
  options: readonly { value: string | number; label: string }[]
  placeholder?: string
  hint?: string
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta, { ariaDescribedBy: hintId })}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <span id={hintId} className="muted">
          {hint}
        </span>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

/** The form's button, telling the user it is working while the request runs. */
export function SubmitButton({ label, busyLabel }: { label: string; busyLabel: string }) {
  const busy = useNavigation().state === 'submitting'
  return (
    <button type="submit" disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  )
}

/**
 * A file input's own check of the per-file limit, before anything is sent
 * (the server checks again): a file over it is taken off the input and the
 * browser says why, next to the input.
 */
export function limitFileSize(limit: number, message: string) {
  return (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const tooBig = [...(input.files ?? [])].some((f) => f.size > limit)
    input.setCustomValidity('')
    if (!tooBig) return
    input.value = ''
    input.setCustomValidity(message)
    input.reportValidity()
  }
}

/** Documents of an application (evidence, replies, appeals): the 5 MB the forms state. */
export const checkEvidenceSize = limitFileSize(EVIDENCE_MAX_BYTES, evidenceMessages.tooLarge)
