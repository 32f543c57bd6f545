import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { enterValue, valueForm } from '~/domain/indicator-values.server'
import { fileTooLarge, readMultipart, textFields } from '~/http/application-post.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { minimumLabel } from '~/model/indicators'
import { EVIDENCE_ACCEPT } from '~/model/inputs/application'
import { valueSchema } from '~/model/inputs/indicator-report'
import { parseId } from '~/utils/parse-id'
import { ErrorList, FormErrors, InputField, useSchemaForm } from '~/ui/form'

// GET/POST /reports/<id>/value?indicator=<id>[&municipality=<id>] — one actual
// value of the report entered by hand, with its confirmation and evidence (a
// document or a link): a regional value by the regional coordinator, a
// municipality's by its coordinator (or the region's).

const text = {
  title: 'Фактическое значение показателя',
  back: 'К отчёту',
  indicator: 'Показатель',
  municipality: 'Муниципалитет',
  minimum: 'Минимальное значение в год',
  source: 'Источник показателя',
  actual: (unit: string) => `Фактическое значение${unit ? ` (${unit})` : ''}`,
  answer: 'Выполняется ли показатель в муниципалитете',
  yes: 'да',
  no: 'нет',
  // the schema's message asks for a number, which a yes/no question does not show
  chooseAnswer: 'Выберите «да» или «нет»',
  confirmation: 'Подтверждение: чем подтверждается значение (документ, его реквизиты, пояснение)',
  evidence: 'Подтверждающий документ или ссылка (нужно одно из двух)',
  file: 'Документ (PDF, JPEG или PNG, не более 5 МБ)',
  fileKept: (name: string) => `Уже приложен: ${name}. Новый файл заменит его.`,
  url: 'или ссылка на документ или страницу',
  save: 'Сохранить значение',
  busy: 'Сохранение…',
  saved: 'Значение сохранено.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

const target = (request: Request) => {
  const q = new URL(request.url).searchParams
  return { indicator: idParam(q.get('indicator')), municipality: parseId(q.get('municipality') ?? '') }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const { indicator, municipality } = target(request)
  return orErrorPage(valueForm(actor, idParam(params.id), indicator, municipality))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const body = await readMultipart(request)
  if (!body.ok) return fileTooLarge(body.field)
  const file = body.files.find((f) => f.field === 'evidenceFile') ?? null
  return handleForm(textFields(body.fd), valueSchema, async (v) => {
    await enterValue(actor, id, v, file)
    return redirectWithFlash(`/reports/${id}`, text.saved)
  })
}

export default function ValuePage() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [form, f] = useSchemaForm(valueSchema, {
    id: 'value',
    lastResult: lastResult as never,
    defaultValue: {
      indicatorId: String(d.indicator.id),
      municipalityId: d.municipality ? String(d.municipality.id) : '',
      actual: d.value?.actual == null ? '' : String(d.value.actual),
      confirmation: d.value?.confirmation ?? '',
      evidenceUrl: d.value?.evidenceUrl ?? '',
    },
  })
  const fileError = (lastResult as { error?: Record<string, string[]> } | undefined)?.error?.evidenceFile
  return (
    <>
      <p>
        <Link to={`/reports/${d.report.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title}</h1>
      <dl className="facts">
        <dt>{text.indicator}</dt>
        <dd>{d.indicator.title}</dd>
        {d.municipality ? (
          <>
            <dt>{text.municipality}</dt>
            <dd>{d.municipality.name}</dd>
          </>
        ) : null}
        <dt>{text.minimum}</dt>
        <dd>{minimumLabel(d.indicator)}</dd>
        <dt>{text.source}</dt>
        <dd>{d.indicator.source}</dd>
      </dl>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="value" />
        <input {...getInputProps(f.indicatorId, { type: 'hidden' })} />
        <input {...getInputProps(f.municipalityId, { type: 'hidden' })} />
        {d.yesNo ? (
          <fieldset aria-describedby={f.actual.errors?.length ? f.actual.errorId : undefined}>
            <legend>{text.answer}</legend>
            {[
              ['1', text.yes],
              ['0', text.no],
            ].map(([value, label]) => (
              <label key={value} className="choice">
                <input type="radio" name={f.actual.name} value={value} defaultChecked={f.actual.initialValue === value} /> {label}
              </label>
            ))}
            <ErrorList id={f.actual.errorId} errors={f.actual.errors?.length ? [text.chooseAnswer] : undefined} />
          </fieldset>
        ) : (
          <InputField meta={f.actual} label={text.actual(d.indicator.unit)} type="text" inputMode="decimal" />
        )}
        <div className="field">
          <label htmlFor={f.confirmation.id}>{text.confirmation}</label>
          <textarea {...getTextareaProps(f.confirmation)} rows={4} />
          <ErrorList id={f.confirmation.errorId} errors={f.confirmation.errors} />
        </div>
        <fieldset>
          <legend>{text.evidence}</legend>
          <div className="field">
            <label htmlFor="evidenceFile">{text.file}</label>
            <input id="evidenceFile" name="evidenceFile" type="file" accept={EVIDENCE_ACCEPT} aria-invalid={fileError ? true : undefined} aria-describedby={fileError ? 'evidenceFile-error' : undefined} />
            {d.value?.evidenceFileName ? <span className="muted">{text.fileKept(d.value.evidenceFileName)}</span> : null}
            <ErrorList id="evidenceFile-error" errors={fileError} />
          </div>
          <InputField meta={f.evidenceUrl} label={text.url} type="url" />
        </fieldset>
        <p className="actions">
          <button type="submit" disabled={busy}>
            {busy ? text.busy : text.save}
          </button>
        </p>
      </Form>
    </>
  )
}
