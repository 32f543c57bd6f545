import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getCollectionProps, getFormProps, getTextareaProps } from '@conform-to/react'
import { orErrorPage } from '~/http/errors.server'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireRegion } from '~/http/staff-region.server'
import { addRegionFact, regionCatalogue } from '~/domain/region-facts.server'
import { factKinds } from '~/model/fact-catalogue'
import { factKindLabels, regionFactSchema } from '~/model/inputs/region-fact'
import { ErrorList, FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'
import { RegionPicker } from '~/ui/region-picker'
import { ColumnHeads } from '~/ui/column-heads'

// The region's fact catalogue (issue 11 §3): the built-in facts and those the
// coordinator added; rules of the region's rule sets may test any of them and
// applicants claim the added yes/no facts on the application form.

const text = {
  title: 'Сведения о кандидатах для требований',
  lead: 'Требования наборов проверяют эти сведения. Встроенные есть у всех регионов; свои сведения регион добавляет здесь, после этого их можно выбрать в редакторе требований, а кандидаты отмечают их в заявлении.',
  back: 'Наборы требований',
  name: 'Сведения',
  kind: 'Вид',
  values: 'Значения',
  evidence: 'Чем подтверждается',
  origin: 'Источник',
  builtIn: 'встроенные',
  added: 'добавлены регионом',
  computed: 'вычисляются реестром',
  add: 'Добавить сведения',
  label: 'Какие это сведения (как их прочтёт кандидат)',
  kindLegend: 'Вид сведений',
  valuesLabel: 'Значения списка, каждое с новой строки',
  valuesHint: 'Только для вида «значение из списка».',
  evidenceLabel: 'Документы, которые подтверждают сведения, каждый с новой строки',
  submit: 'Добавить',
  busy: 'Добавляем…',
  added_: 'Сведения добавлены в перечень региона.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'ruleSet:manage')
  const catalogue = await orErrorPage(regionCatalogue(actor, region.id))
  return {
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    facts: Object.entries(catalogue).map(([key, f]) => ({ key, label: f.label, kind: f.kind, values: f.values.map((v) => v.label), evidence: f.evidence ?? [], added: Boolean(f.added), computed: Boolean(f.computed) })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const { actor, region } = await requireRegion(request, 'ruleSet:manage', String(form.get('region') ?? ''))
  return handleForm(form, regionFactSchema, async (input) => {
    await addRegionFact(actor, region.id, input)
    return redirectWithFlash(`/rule-sets/facts?region=${region.id}`, text.added_)
  })
}

export default function RegionFacts() {
  const d = useLoaderData<typeof loader>()
  const [form, fields] = useSchemaForm(regionFactSchema, { id: 'region-fact', lastResult: useActionData<typeof action>(), defaultValue: { kind: 'boolean' } })
  return (
    <>
      <p>
        <Link to={`/rule-sets?region=${d.region.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      <div className="table-wrap">
        <table className="stack">
          <ColumnHeads labels={[text.name, text.kind, text.values, text.evidence, text.origin]} />
          <tbody>
            {d.facts.map((f) => (
              <tr key={f.key}>
                <th scope="row" data-label={text.name}>
                  {f.label}
                </th>
                <td data-label={text.kind}>{factKindLabels[f.kind]}</td>
                <td data-label={text.values}>{f.values.join('; ')}</td>
                <td data-label={text.evidence}>{f.evidence.join('; ')}</td>
                <td data-label={text.origin}>{f.added ? text.added : f.computed ? text.computed : text.builtIn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="add-fact">{text.add}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)} aria-labelledby="add-fact">
        <input type="hidden" name="region" value={d.region.id} />
        <InputField meta={fields.label} label={text.label} type="text" />
        <fieldset className="inline-radios">
          <legend>{text.kindLegend}</legend>
          {getCollectionProps(fields.kind, { type: 'radio', options: [...factKinds] }).map(({ key, ...props }) => (
            <span key={key ?? props.value}>
              <input {...props} /> <label htmlFor={props.id}>{factKindLabels[props.value as keyof typeof factKindLabels]}</label>
            </span>
          ))}
          <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
        </fieldset>
        <div className="field field-wide">
          <label htmlFor={fields.values.id}>{text.valuesLabel}</label>
          <textarea {...getTextareaProps(fields.values, { ariaDescribedBy: `${fields.values.id}-hint` })} rows={4} />
          <span id={`${fields.values.id}-hint`} className="muted">
            {text.valuesHint}
          </span>
          <ErrorList id={fields.values.errorId} errors={fields.values.errors} />
        </div>
        <div className="field field-wide">
          <label htmlFor={fields.evidence.id}>{text.evidenceLabel}</label>
          <textarea {...getTextareaProps(fields.evidence)} rows={3} />
          <ErrorList id={fields.evidence.errorId} errors={fields.evidence.errors} />
        </div>
        <SubmitButton label={text.submit} busyLabel={text.busy} />
      </Form>
    </>
  )
}
