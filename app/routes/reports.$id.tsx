import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { reportStep, reportView } from '~/domain/indicator-reports.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { municipalValueLabel } from '~/model/indicator-form'
import { reportText as t } from '~/model/indicator-tables'
import { metLabel, reportStateLabels, type FormRow } from '~/model/indicators'
import { reportEventSchema } from '~/model/inputs/indicator-report'
import { formatDate } from '~/model/labels'
import { ColumnHeads } from '~/ui/column-heads'
import { FormErrors } from '~/ui/form'

// GET /reports/<id> — the yearly indicator report as its form (Khabarovsk
// protocol №4, question 3): indicator, minimum, actual, met, confirmation;
// printable (the print stylesheet hides the controls) and downloadable.
// POST: a step of the report (send to the commission, withdraw, take back
// for rework) or a recount of the registry's values.

const text = {
  back: 'Ко всем отчётам',
  region: 'Регион',
  state: 'Состояние',
  returned: 'Комиссия вернула отчёт на доработку:',
  downloads: 'Скачать отчёт',
  docx: 'Документ Word (.docx)',
  xlsx: 'Таблица Excel (.xlsx)',
  print: 'Для печати откройте печать страницы в браузере: элементы управления на бумагу не выводятся.',
  enter: 'Внести значение',
  change: 'Изменить',
  file: 'документ',
  link: 'ссылка',
  steps: 'Работа с отчётом',
  protocol: 'Открыть протокол',
  onAgenda: (date: string) => `Включён в повестку заседания комиссии ${date}.`,
  events: {
    SUBMIT: 'Направить на утверждение комиссией',
    WITHDRAW: 'Отозвать с утверждения',
    REWORK: 'Продолжить работу над отчётом',
    RECOMPUTE: 'Пересчитать показатели реестра',
  } as Record<string, string>,
  done: {
    submitted: 'Отчёт направлен на утверждение комиссией.',
    draft: 'Отчёт снова можно заполнять.',
    recomputed: 'Показатели реестра пересчитаны.',
  },
  empty: 'Муниципалитетов нет.',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? t.title(data.report.year) : 'Отчёт'} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const v = await orErrorPage(reportView(actor, idParam(params.id)))
  return {
    ...v,
    approvedOn: v.report.meetingHeldAt ? formatDate(v.report.meetingHeldAt, v.timeZone) : null,
    agendaOn: v.agendaMeeting ? formatDate(v.agendaMeeting.heldAt, v.timeZone) : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  return handleForm(request, reportEventSchema, async (f) => {
    const to = await reportStep(actor, id, f)
    return redirectWithFlash(`/reports/${id}`, f.event === 'RECOMPUTE' ? text.done.recomputed : to === 'submitted' ? text.done.submitted : text.done.draft)
  })
}

function Evidence({ reportId, row }: { reportId: number; row: { valueId: number | null; hasFile: boolean; evidenceUrl: string | null; confirmation: string } }) {
  return (
    <>
      <span className="pre">{row.confirmation}</span>
      {row.hasFile && row.valueId ? (
        <>
          {' '}
          <a href={`/reports/${reportId}/evidence/${row.valueId}`}>{text.file}</a>
        </>
      ) : null}
      {row.evidenceUrl ? (
        <>
          {' '}
          <a href={row.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank">
            {text.link}
          </a>
        </>
      ) : null}
    </>
  )
}

export default function ReportPage() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const r = d.report
  const mayEnterIn = (municipalityId: number) => d.enterMunicipal === 'all' || (Array.isArray(d.enterMunicipal) && d.enterMunicipal.includes(municipalityId))
  const sections = (['municipal', 'regional'] as const).map((level) => ({ level, rows: d.rows.filter((x) => x.level === level) })).filter((s) => s.rows.length > 0)
  const steps = [...d.events.filter((e) => e in text.events), ...(d.mayRecompute ? ['RECOMPUTE'] : [])]
  const valueHref = (row: FormRow, municipalityId?: number) => `/reports/${r.id}/value?indicator=${row.indicatorId}${municipalityId ? `&municipality=${municipalityId}` : ''}`
  return (
    <>
      <p className="no-print">
        <Link to="/reports">{text.back}</Link>
      </p>
      <h1>{t.title(r.year)}</h1>
      <p>{t.lead}</p>
      <dl className="facts">
        <dt>{text.region}</dt>
        <dd>{r.regionName}</dd>
        <dt>{text.state}</dt>
        <dd>{reportStateLabels[r.state]}</dd>
      </dl>
      {r.state === 'approved' ? (
        <p>
          <strong>{t.approved(r.protocolNumber, d.approvedOn)}</strong>
          {r.protocolId ? (
            <>
              {' '}
              <Link to={`/protocols/${r.protocolId}`} className="no-print">
                {text.protocol}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      {d.agendaOn ? <p>{text.onAgenda(d.agendaOn)}</p> : null}
      {r.returnReason && r.state !== 'approved' ? (
        <div className="card" role="note">
          <p>{text.returned}</p>
          <blockquote className="pre">{r.returnReason}</blockquote>
        </div>
      ) : null}
      <p className="muted">{t.asOf(d.asOf)}</p>
      <nav aria-labelledby="report-downloads" className="card no-print">
        <h2 id="report-downloads">{text.downloads}</h2>
        <ul className="link-list">
          <li>
            <a href={`/reports/${r.id}.docx`}>{text.docx}</a>
          </li>
          <li>
            <a href={`/reports/${r.id}.xlsx`}>{text.xlsx}</a>
          </li>
        </ul>
        <p className="muted">{text.print}</p>
      </nav>

      {sections.map((s) => (
        <section key={s.level} aria-labelledby={`section-${s.level}`}>
          <h2 id={`section-${s.level}`}>{t.section(s.level)}</h2>
          <div className="table-wrap">
            <table className="stack">
              <caption>{t.section(s.level)}</caption>
              <ColumnHeads labels={[t.number, t.indicator, t.minimum, t.actual, t.met, t.confirmation]} />
              <tbody>
                {s.rows.map((row, n) => (
                  <tr key={row.indicatorId}>
                    <td data-label={t.number}>{n + 1}</td>
                    <th scope="row">
                      {row.title}
                      {row.template ? <span className="muted"> ({t.template})</span> : null}
                    </th>
                    <td data-label={t.minimum}>{row.minimum}</td>
                    <td data-label={t.actual}>
                      {row.actualText}
                      {row.computation ? <span className="muted"> ({t.computed})</span> : null}
                    </td>
                    <td data-label={t.met}>{metLabel(row.met)}</td>
                    <td data-label={t.confirmation}>
                      <Evidence reportId={r.id} row={row} />
                      {s.level === 'regional' && d.enterRegional && !row.computation ? (
                        <span className="no-print">
                          {' '}
                          <Link to={valueHref(row)} aria-label={`${row.valueId ? text.change : text.enter}: ${row.title}`}>
                            {row.valueId ? text.change : text.enter}
                          </Link>
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      {d.rows
        .filter((row) => row.level === 'municipal')
        .map((row, n) => (
          <section key={row.indicatorId} aria-labelledby={`municipal-${row.indicatorId}`}>
            <h2 id={`municipal-${row.indicatorId}`}>{t.byMunicipality(n + 1)}</h2>
            <p>{row.title}</p>
            {row.municipalities.length === 0 ? (
              <p className="muted">{text.empty}</p>
            ) : (
              <div className="table-wrap">
                <table className="stack">
                  <caption>{t.byMunicipality(n + 1)}</caption>
                  <ColumnHeads labels={[t.municipality, t.value, t.met, t.confirmation]} />
                  <tbody>
                    {row.municipalities.map((l) => (
                      <tr key={l.municipalityId}>
                        <th scope="row">{l.name}</th>
                        <td data-label={t.value}>{municipalValueLabel(row, l.actual)}</td>
                        <td data-label={t.met}>{metLabel(l.met)}</td>
                        <td data-label={t.confirmation}>
                          <Evidence reportId={r.id} row={l} />
                          {!row.computation && mayEnterIn(l.municipalityId) ? (
                            <span className="no-print">
                              {' '}
                              <Link to={valueHref(row, l.municipalityId)} aria-label={`${l.valueId ? text.change : text.enter}: ${l.name}`}>
                                {l.valueId ? text.change : text.enter}
                              </Link>
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}

      {steps.length > 0 ? (
        <section aria-labelledby="steps-heading" className="card no-print">
          <h2 id="steps-heading">{text.steps}</h2>
          <Form method="post">
            <FormErrors errors={(lastResult as { error?: Record<string, string[] | null> } | undefined)?.error?.['']} />
            <input type="hidden" name="intent" value="event" />
            <input type="hidden" name="rowVersion" value={r.rowVersion} />
            <p className="actions">
              {steps.map((e, i) => (
                <span key={e}>
                  {i > 0 ? ' ' : null}
                  <button type="submit" name="event" value={e} className={i === 0 ? undefined : 'secondary'}>
                    {text.events[e]}
                  </button>
                </span>
              ))}
            </p>
          </Form>
        </section>
      ) : null}
    </>
  )
}
