import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, getInputProps } from '@conform-to/react'
import { createReportIn, reportList } from '~/domain/indicator-reports.server'
import { orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { reportStateLabels } from '~/model/indicators'
import { newReportSchema } from '~/model/inputs/indicator-report'
import { formatDate } from '~/model/labels'
import { ColumnHeads } from '~/ui/column-heads'
import { ErrorList, FormErrors, SubmitButton, useSchemaForm } from '~/ui/form'
import { RegionPicker } from '~/ui/region-picker'

// GET /reports[?region=<id>] — the region's yearly indicator reports (issue 10
// §2.5), newest year first; the regional coordinator starts the year's report.
// A municipal coordinator opens a report to enter their municipality's values.

const text = {
  title: 'Отчёты о достижении показателей',
  lead: 'Ежегодный отчёт о достижении региональных и муниципальных показателей: минимальное значение в год, фактическое значение и его подтверждение. Показатели, которые знает реестр, рассчитываются сами; остальные вносят координаторы с подтверждающими документами. Готовый отчёт направляется на утверждение комиссией.',
  caption: 'Отчёты по годам',
  year: 'Год',
  state: 'Состояние',
  updated: 'Изменён',
  none: 'Отчётов пока нет.',
  create: 'Новый отчёт',
  yearLabel: 'Год отчёта',
  submit: 'Составить отчёт',
  busy: 'Составление…',
  created: (year: number) => `Отчёт за ${year} год составлен; значения, которые знает реестр, рассчитаны.`,
  indicators: 'Показатели региона и их минимальные значения',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return orErrorPage(reportList(actor, new URL(request.url).searchParams.get('region')))
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  return handleForm(request, newReportSchema, async (f) => {
    const id = await createReportIn(actor, f.region ?? null, f.year)
    return redirectWithFlash(`/reports/${id}`, text.created(f.year))
  })
}

export default function Reports() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, f] = useSchemaForm(newReportSchema, { id: 'create', lastResult, intent: 'create', defaultValue: { year: String(d.currentYear) } })
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      {d.reports.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{text.caption}</caption>
            <ColumnHeads labels={[text.year, text.state, text.updated]} />
            <tbody>
              {d.reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/reports/${r.id}`}>{r.year}</Link>
                  </th>
                  <td data-label={text.state}>{reportStateLabels[r.state]}</td>
                  <td data-label={text.updated}>{formatDate(r.updatedAt, d.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.mayCreate ? (
        <>
          <p>
            <Link to={`/reports/indicators?region=${d.region.id}`}>{text.indicators}</Link>
          </p>
          <section aria-labelledby="create-heading" className="card">
            <h2 id="create-heading">{text.create}</h2>
            <Form method="post" {...getFormProps(form)}>
              <FormErrors id={form.errorId} errors={form.errors} />
              <input type="hidden" name="intent" value="create" />
              <input type="hidden" name="region" value={d.region.id} />
              <div className="field">
                <label htmlFor={f.year.id}>{text.yearLabel}</label>
                <input {...getInputProps(f.year, { type: 'number' })} min={2000} max={d.currentYear} inputMode="numeric" />
                <ErrorList id={f.year.errorId} errors={f.year.errors} />
              </div>
              <SubmitButton label={text.submit} busyLabel={text.busy} />
            </Form>
          </section>
        </>
      ) : null}
    </>
  )
}
