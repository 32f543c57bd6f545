import { getFormProps, getInputProps, type FieldMetadata } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { addMunicipalitySchema, editMunicipalitySchema, removeMunicipalitySchema } from '~/model/inputs/region-settings'
import type { Reply } from '~/ui/action-button'
import { Confirmable } from '~/ui/confirm'
import { ErrorList, FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'
import { settingsHref } from '~/ui/settings-nav'
import { text } from './text'

// The add form and the edit card of the municipalities screen; both send the same fields.

export type MunicipalityView = { id: number; name: string; teachersCount: number; teachersYear: number | null; teachersSource: string; teachersEstimated: boolean }

type Fields = {
  name: FieldMetadata<unknown>
  teachersCount: FieldMetadata<unknown>
  teachersYear: FieldMetadata<unknown>
  teachersSource: FieldMetadata<unknown>
  teachersEstimated: FieldMetadata<unknown>
}

function MunicipalityFields({ fields }: { fields: Fields }) {
  return (
    <>
      <InputField meta={fields.name} label={text.fieldName} type="text" />
      <InputField meta={fields.teachersCount} label={text.fieldTeachers} type="text" inputMode="numeric" />
      <InputField meta={fields.teachersYear} label={text.fieldYear} type="text" inputMode="numeric" hint={text.fieldYearHint} />
      <InputField meta={fields.teachersSource} label={text.fieldSource} type="text" hint={text.fieldSourceHint} />
      <div className="field">
        <label>
          <input {...getInputProps(fields.teachersEstimated, { type: 'checkbox', value: 'on' })} /> {text.fieldEstimated}
        </label>
        <ErrorList id={fields.teachersEstimated.errorId} errors={fields.teachersEstimated.errors} />
      </div>
    </>
  )
}

export function EditMunicipality({ m, region, reply }: { m: MunicipalityView; region: string; reply: Reply }) {
  const [form, fields] = useSchemaForm(editMunicipalitySchema, {
    id: `edit-${m.id}`,
    lastResult: reply,
    intent: 'edit',
    defaultValue: {
      name: m.name,
      teachersCount: String(m.teachersCount),
      teachersYear: m.teachersYear === null ? '' : String(m.teachersYear),
      teachersSource: m.teachersSource,
      teachersEstimated: m.teachersEstimated ? 'on' : '',
    },
  })
  return (
    <section className="card" aria-labelledby="edit-title">
      <h2 id="edit-title">{text.editTitle(m.name)}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="region" value={region} />
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="municipalityId" value={m.id} />
        <MunicipalityFields fields={fields} />
        <SubmitButton label={text.save} busyLabel={text.saving} />{' '}
        <Link to={settingsHref('/settings/municipalities', region)}>{text.cancel}</Link>
      </Form>
      <RemoveMunicipality m={m} region={region} reply={reply} />
    </section>
  )
}

function RemoveMunicipality({ m, region, reply }: { m: MunicipalityView; region: string; reply: Reply }) {
  const [form] = useSchemaForm(removeMunicipalitySchema, { id: `remove-${m.id}`, lastResult: reply, intent: 'remove' })
  return (
    <div>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Confirmable
        confirmKey={`remove-${m.id}`}
        label={text.remove}
        question={text.removeQuestion(m.name)}
        confirmLabel={text.removeYes}
        fields={{ region, intent: 'remove', municipalityId: m.id }}
        danger
      />
    </div>
  )
}

export function AddMunicipality({ region, reply }: { region: string; reply: Reply }) {
  const [form, fields] = useSchemaForm(addMunicipalitySchema, { id: 'add', lastResult: reply, intent: 'add' })
  return (
    <section className="card" aria-labelledby="add-title">
      <h2 id="add-title">{text.add}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="region" value={region} />
        <input type="hidden" name="intent" value="add" />
        <MunicipalityFields fields={fields} />
        <SubmitButton label={text.add} busyLabel={text.adding} />
      </Form>
    </section>
  )
}
