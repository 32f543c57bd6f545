import { getFormProps, getInputProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { addDirectionSchema, addGroupSchema, renameDirectionSchema, renameGroupSchema } from '~/model/inputs/region-settings'
import { allErrors, replyFor, type Reply } from '~/ui/action-button'
import { Confirmable } from '~/ui/confirm'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { text } from './text'

// One-line forms of the directions screen: a name to add or rename, and the confirmed removal.

type NameSchema = typeof addDirectionSchema | typeof addGroupSchema | typeof renameDirectionSchema | typeof renameGroupSchema

/** A name input with its button; `fields` are the hidden ones (besides region and intent) that name the row. */
export function NameForm({
  schema,
  intent,
  fields,
  region,
  reply,
  label,
  button,
  defaultName = '',
}: {
  schema: NameSchema
  intent: string
  fields: Record<string, number>
  region: string
  reply: Reply
  label: string
  button: string
  defaultName?: string
}) {
  const [form, f] = useSchemaForm(schema as z.ZodType<Record<string, unknown>, Record<string, unknown>>, {
    id: [intent, ...Object.values(fields)].join('-'),
    lastResult: replyFor(reply, intent, fields),
    intent,
    defaultValue: { name: defaultName },
  })
  const name = f.name
  return (
    <Form method="post" {...getFormProps(form)} className="inline-form">
      <input type="hidden" name="region" value={region} />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="field">
        <label htmlFor={name.id}>{label}</label>
        <input {...getInputProps(name, { type: 'text' })} />
      </div>
      <button type="submit">{button}</button>
      <ErrorList id={form.errorId} errors={allErrors(form.allErrors)} />
    </Form>
  )
}

/** Removal after the confirmation step; a refusal (in use) is shown beside it. */
export function RemoveRow({
  intent,
  fields,
  region,
  reply,
  label,
  question,
}: {
  intent: 'removeDirection' | 'removeGroup'
  fields: Record<string, number>
  region: string
  reply: Reply
  label: string
  question: string
}) {
  const mine = replyFor(reply, intent, fields)
  return (
    <div className="inline-form">
      <FormErrors errors={allErrors(mine?.error ?? undefined)} />
      <Confirmable
        confirmKey={`${intent}-${Object.values(fields).join('-')}`}
        label={label}
        question={question}
        confirmLabel={text.removeYes}
        fields={{ region, intent, ...fields }}
        danger
      />
    </div>
  )
}
