import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { editIndicator, indicatorForEdit } from '~/domain/indicators.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { comparisonLabels, comparisons, indicatorLevelLabels } from '~/model/indicators'
import { indicatorEditSchema } from '~/model/inputs/indicator-report'
import { ErrorList, FormErrors, InputField, SelectField, SubmitButton, useSchemaForm } from '~/ui/form'

// GET/POST /reports/indicators/<id> — one indicator of the region's yearly
// report: its wording, unit, minimum per year (as a number, and as the source
// words it) and the source. The level and the computation stay as installed.

const text = {
  title: 'Показатель отчёта',
  back: 'К списку показателей',
  level: 'Уровень',
  indicatorTitle: 'Наименование показателя',
  unit: 'Единица измерения (например, %, чел.)',
  comparison: 'Фактическое значение должно быть',
  minimum: (municipal: boolean) => (municipal ? 'Минимальная доля муниципалитетов, в которых показатель выполнен, %' : 'Минимальное значение в год'),
  minimumText: 'Минимальное значение словами, как в документе (необязательно)',
  target: 'Значение, которого должен достичь муниципалитет (пусто — ответ «да» или «нет»)',
  source: 'Источник: документ и пункт',
  save: 'Сохранить показатель',
  busy: 'Сохранение…',
  saved: 'Показатель сохранён.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return orErrorPage(indicatorForEdit(actor, idParam(params.indicatorId)))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.indicatorId)
  return handleForm(request, indicatorEditSchema, async (e) => {
    await editIndicator(actor, { ...e, indicatorId: id })
    return redirectWithFlash(`/reports/indicators/${id}`, text.saved)
  })
}

export default function IndicatorPage() {
  const i = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const municipal = i.level === 'municipal'
  const [form, f] = useSchemaForm(indicatorEditSchema, {
    id: 'indicator',
    lastResult,
    defaultValue: {
      indicatorId: String(i.id),
      title: i.title,
      unit: i.unit,
      comparison: i.comparison,
      minimum: String(i.minimum),
      minimumText: i.minimumText,
      municipalTarget: i.municipalTarget === null ? '' : String(i.municipalTarget),
      source: i.source,
    },
  })
  return (
    <>
      <p>
        <Link to={`/reports/indicators?region=${i.regionId}`}>{text.back}</Link>
      </p>
      <h1>{text.title}</h1>
      <p>
        {text.level}: {indicatorLevelLabels[i.level].toLowerCase()}
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="indicator" />
        <input {...getInputProps(f.indicatorId, { type: 'hidden' })} />
        <div className="field">
          <label htmlFor={f.title.id}>{text.indicatorTitle}</label>
          <textarea {...getTextareaProps(f.title)} rows={3} />
          <ErrorList id={f.title.errorId} errors={f.title.errors} />
        </div>
        <InputField meta={f.unit} label={text.unit} type="text" />
        <SelectField meta={f.comparison} label={text.comparison} options={comparisons.map((c) => ({ value: c, label: comparisonLabels[c] }))} />
        <InputField meta={f.minimum} label={text.minimum(municipal)} type="text" inputMode="decimal" />
        <InputField meta={f.minimumText} label={text.minimumText} type="text" />
        {municipal ? <InputField meta={f.municipalTarget} label={text.target} type="text" inputMode="decimal" /> : null}
        <div className="field">
          <label htmlFor={f.source.id}>{text.source}</label>
          <textarea {...getTextareaProps(f.source)} rows={2} />
          <ErrorList id={f.source.errorId} errors={f.source.errors} />
        </div>
        <SubmitButton label={text.save} busyLabel={text.busy} />
      </Form>
    </>
  )
}
