import { getFormProps, getTextareaProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { addCriterionSchema, updateCriterionSchema } from '~/model/inputs/review-form'
import { ActionButton, replyFor, type Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'
import { text } from './text'

// One criterion of the form (its fields, its place, its removal) and the
// form that appends a new one. Once the form is fixed (reviews submitted),
// only the description stays editable.

type Criterion = { id: number; title: string; description: string; scaleMax: number }

function DescriptionField({ meta }: { meta: Parameters<typeof getTextareaProps>[0] }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{text.description}</label>
      <textarea {...getTextareaProps(meta)} rows={3} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  )
}

/** The cards' forms on the page, by intent (the fields each sends besides `intent`), for a refusal whose card is gone. */
export function criterionRows(criteria: { id: number }[], locked: boolean) {
  const ids = criteria.map((c) => ({ criterionId: c.id }))
  const moves = criteria.flatMap((c, i) => [
    ...(i > 0 ? [{ criterionId: c.id, direction: 'up' }] : []),
    ...(i < criteria.length - 1 ? [{ criterionId: c.id, direction: 'down' }] : []),
  ])
  return { updateCriterion: ids, moveCriterion: locked ? [] : moves, removeCriterion: locked ? [] : ids }
}

export function CriterionCard({ c, n, first, last, locked, reply }: { c: Criterion; n: number; first: boolean; last: boolean; locked: boolean; reply: Reply }) {
  const [form, fields] = useSchemaForm(updateCriterionSchema, {
    id: `criterion-${c.id}`,
    lastResult: replyFor(reply, 'updateCriterion', { criterionId: c.id }),
    intent: 'updateCriterion',
    defaultValue: { title: c.title, description: c.description, scaleMax: String(c.scaleMax) },
  })
  const h = `criterion-${c.id}-title`
  return (
    <section className="card" aria-labelledby={h}>
      <h2 id={h}>{text.criterionHeading(n, c.title)}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="updateCriterion" />
        <input type="hidden" name="criterionId" value={c.id} />
        <InputField meta={fields.title} label={text.title_} type="text" maxLength={200} readOnly={locked} />
        <DescriptionField meta={fields.description} />
        <InputField meta={fields.scaleMax} label={text.scaleMax} type="number" min={1} max={100} step={1} hint={text.scaleHint} readOnly={locked} />
        <SubmitButton label={text.save} busyLabel={text.save} />
      </Form>
      {locked ? null : (
        <div className="inline-form">
          {first ? null : (
            <ActionButton
              intent="moveCriterion"
              fields={{ criterionId: c.id, direction: 'up' }}
              reply={reply}
              label={`↑ ${text.up}`}
              accessibleLabel={text.upLabel(c.title)}
            />
          )}{' '}
          {last ? null : (
            <ActionButton
              intent="moveCriterion"
              fields={{ criterionId: c.id, direction: 'down' }}
              reply={reply}
              label={`↓ ${text.down}`}
              accessibleLabel={text.downLabel(c.title)}
            />
          )}{' '}
          <ActionButton
            intent="removeCriterion"
            fields={{ criterionId: c.id }}
            reply={reply}
            label={text.remove}
            accessibleLabel={text.removeLabel(c.title)}
            className="danger"
          />
        </div>
      )}
    </section>
  )
}

export function AddCriterion({ reply }: { reply: Reply }) {
  const [form, fields] = useSchemaForm(addCriterionSchema, { id: 'add-criterion', lastResult: reply, intent: 'addCriterion', defaultValue: { scaleMax: '5' } })
  return (
    <section className="card" aria-labelledby="add-criterion-heading">
      <h2 id="add-criterion-heading">{text.add}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="addCriterion" />
        <InputField meta={fields.title} label={text.title_} type="text" maxLength={200} />
        <DescriptionField meta={fields.description} />
        <InputField meta={fields.scaleMax} label={text.scaleMax} type="number" min={1} max={100} step={1} hint={text.scaleHint} />
        <SubmitButton label={text.addButton} busyLabel={text.adding} />
      </Form>
    </section>
  )
}
