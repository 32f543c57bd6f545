import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { allErrors, type Reply } from '~/ui/action-button'
import { FormStatus } from '~/ui/form-status'
import { reportStep, reportView } from '~/domain/indicator-reports.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { reportText as t } from '~/model/indicator-tables'
import { reportStateLabels } from '~/model/indicators'
import { reportEventSchema } from '~/model/inputs/indicator-report'
import { formatDate } from '~/model/labels'
import { FormErrors } from '~/ui/form'
import { plural } from '~/utils/plural'
import { ReportTables } from '~/ui/report-tables'

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
  steps: 'Работа с отчётом',
  protocol: 'Открыть протокол',
  onAgenda: (date: string) => `Включён в повестку заседания комиссии ${date}.`,
  unanswered: (n: number, total: number) => `Не внесли данные: ${n} из ${total} ${plural(total, 'муниципалитета', 'муниципалитетов', 'муниципалитетов')}`,
  unansweredHint: 'Отчёт можно направить комиссии и без них: муниципальный показатель считается по муниципалитетам, представившим сведения.',
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

export default function ReportPage() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const r = d.report
  const steps = [...d.events.filter((e) => e in text.events), ...(d.mayRecompute ? ['RECOMPUTE'] : [])]
  // A step refused because the report moved on in the meantime (put on an
  // agenda, approved) may leave no step to show the refusal beside: it is
  // said at the top then, not nowhere.
  const stray = steps.length === 0 ? allErrors((lastResult as Reply)?.error ?? undefined) : []
  return (
    <>
      <p className="no-print">
        <Link to="/reports">{text.back}</Link>
      </p>
      <h1>{t.title(r.year)}</h1>
      {stray.length > 0 ? <FormStatus error={stray.join(' ')} /> : null}
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

      <ReportTables rows={d.rows} reportId={r.id} enterRegional={d.enterRegional} enterMunicipal={d.enterMunicipal} />

      {steps.length > 0 ? (
        <section aria-labelledby="steps-heading" className="card no-print">
          <h2 id="steps-heading">{text.steps}</h2>
          {d.unanswered && d.unanswered.missing.length > 0 ? (
            <div role="note">
              <p>
                <strong>{text.unanswered(d.unanswered.missing.length, d.unanswered.total)}</strong> — {d.unanswered.missing.join(', ')}.
              </p>
              <p className="muted">{text.unansweredHint}</p>
            </div>
          ) : null}
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
