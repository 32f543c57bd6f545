import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { FormStatus } from '~/ui/form-status'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { declareConflict } from '~/domain/commission.server'
import { reviewerView, submitReview } from '~/domain/reviews.server'
import { recommendationLabels, recommendations, reviewsActionSchema } from '~/model/inputs/commission'
import { fieldErrors } from '~/model/inputs/login'
import { attempt, invalidForm } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireCommission } from '~/http/staff-commission.server'
import { formatDateTime } from '~/model/labels'

const text = {
  title: 'Мои кандидаты на рассмотрении',
  back: 'Мои задачи',
  meetings: 'Заседания комиссии',
  progress: (done: number, total: number) => `Рассмотрено ${done} из ${total}`,
  none: 'Вам пока не назначены кандидаты. Секретарь комиссии распределит их после проверки документов.',
  open: 'Открыть заявление',
  organisation: 'Организация',
  position: 'Должность',
  subjects: 'Предметная область',
  campaign: 'Отбор',
  yourReview: 'Ваш отзыв',
  given: (at: string) => `Отзыв представлен ${at}. Его можно изменить до решения комиссии.`,
  notYet: 'Отзыв ещё не представлен.',
  recommendation: 'Рекомендация',
  comment: 'Комментарий',
  score: (max: number) => `Оценка по рубрике отбора (от 0 до ${max}, необязательно)`,
  save: 'Сохранить отзыв',
  conflict: 'Конфликт интересов',
  conflictHint:
    'Если вы связаны с кандидатом (родство, совместная работа, подчинённость и т. п.), заявите о конфликте интересов: вы не будете рассматривать этого кандидата и голосовать по нему, назначение снимается.',
  candidate: 'Кандидат',
  reason: 'В чём состоит конфликт интересов',
  declare: 'Заявить о конфликте интересов',
  noCandidates: 'Нет кандидатов, по которым можно заявить конфликт.',
  myRecusals: 'Мои отводы',
  automatic: 'автоматически: ',
  declared: 'заявлен мной: ',
  saved: 'Отзыв сохранён.',
  recused: 'Конфликт интересов заявлен: вы отведены от рассмотрения кандидата.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'application:review')
  const v = await reviewerView(actor, commissionId)
  return {
    commission: { id: v.commission.id, name: v.commission.name },
    timeZone: v.commission.timeZone,
    progress: v.progress,
    assignments: v.assignments,
    recusals: v.recusals.map((r) => ({ applicationId: r.applicationId, fullName: r.fullName, kind: r.kind, reason: r.reason })),
    conflictCandidates: v.conflictCandidates,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'application:review')
  const form = Object.fromEntries(await request.formData())
  const parsed = reviewsActionSchema.safeParse(form)
  if (!parsed.success) return invalidForm({ ...fieldErrors(parsed.error), target: String(form.applicationId ?? '') })
  const f = parsed.data
  const back = `/reviews?commission=${commissionId}`
  return attempt(async () => {
    if (f.intent === 'review') {
      await submitReview(actor, f)
      return redirectWithFlash(back, text.saved)
    }
    await declareConflict(actor, f)
    return redirectWithFlash(back, text.recused)
  })
}

export default function ReviewsPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fields = actionData?.error.fields ?? {}
  const errorFor = (id: number, key: string) => (fields.target === String(id) ? fields[key] : undefined)
  return (
    <>
      <p className="no-print">
        <Link to="/dashboard">{text.back}</Link> · <Link to={`/meetings?commission=${d.commission.id}`}>{text.meetings}</Link>
      </p>
      <h1>{text.title}</h1>
      <p className="muted">{d.commission.name}</p>
      <p>
        <strong className="stat">{text.progress(d.progress.done, d.progress.total)}</strong>
      </p>
      <progress max={Math.max(d.progress.total, 1)} value={d.progress.done} aria-label={text.progress(d.progress.done, d.progress.total)} />
      <FormStatus error={actionData?.error.message} />

      {d.assignments.length === 0 ? <p className="muted">{text.none}</p> : null}
      {d.assignments.map((a) => {
        const h = `cand-${a.applicationId}`
        return (
          <section key={a.applicationId} className="card" aria-labelledby={h}>
            <h2 id={h}>
              {a.fullName}{' '}
              {a.submittedAt ? <span className="badge">✓</span> : null}
            </h2>
            <dl className="facts">
              <dt>{text.organisation}</dt>
              <dd>{a.organisationName ?? '—'}</dd>
              <dt>{text.position}</dt>
              <dd>{a.position || '—'}</dd>
              <dt>{text.subjects}</dt>
              <dd>{a.subjects.join(', ') || '—'}</dd>
              <dt>{text.campaign}</dt>
              <dd>{a.campaignTitle}</dd>
            </dl>
            <p>
              <Link to={`/applications/${a.applicationId}`}>
                {text.open}: {a.fullName}
              </Link>
            </p>
            <p className="muted">{a.submittedAt ? text.given(formatDateTime(a.submittedAt, d.timeZone)) : text.notYet}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="review" />
              <input type="hidden" name="applicationId" value={a.applicationId} />
              <fieldset>
                <legend>
                  {text.yourReview}: {text.recommendation}
                </legend>
                {recommendations.map((r) => (
                  <div key={r}>
                    <input type="radio" id={`rec-${a.applicationId}-${r}`} name="recommendation" value={r} defaultChecked={a.recommendation === r} required />{' '}
                    <label htmlFor={`rec-${a.applicationId}-${r}`}>{recommendationLabels[r]}</label>
                  </div>
                ))}
                {errorFor(a.applicationId, 'recommendation') ? <span className="error">{errorFor(a.applicationId, 'recommendation')}</span> : null}
              </fieldset>
              <div className="field">
                <label htmlFor={`comment-${a.applicationId}`}>{text.comment}</label>
                <textarea id={`comment-${a.applicationId}`} name="comment" rows={3} maxLength={4000} defaultValue={a.comment ?? ''} />
                {errorFor(a.applicationId, 'comment') ? <span className="error">{errorFor(a.applicationId, 'comment')}</span> : null}
              </div>
              {a.rubricMax != null ? (
                <div className="field">
                  <label htmlFor={`score-${a.applicationId}`}>{text.score(a.rubricMax)}</label>
                  <input id={`score-${a.applicationId}`} name="score" type="number" min={0} max={a.rubricMax} step="any" defaultValue={a.score ?? ''} />
                  {errorFor(a.applicationId, 'score') ? <span className="error">{errorFor(a.applicationId, 'score')}</span> : null}
                </div>
              ) : null}
              <button type="submit" disabled={busy}>
                {text.save}
              </button>
            </Form>
          </section>
        )
      })}

      <section aria-labelledby="conflict" className="card">
        <h2 id="conflict">{text.conflict}</h2>
        <p className="muted">{text.conflictHint}</p>
        {d.conflictCandidates.length === 0 ? (
          <p className="muted">{text.noCandidates}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="conflict" />
            <div className="field">
              <label htmlFor="conflict-app">{text.candidate}</label>
              <select id="conflict-app" name="applicationId" required>
                {d.conflictCandidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.fullName}
                    {c.organisationName ? ` (${c.organisationName})` : ''}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="conflict-reason">{text.reason}</label>
              <textarea
                id="conflict-reason"
                name="reason"
                rows={3}
                required
                minLength={5}
                maxLength={2000}
                aria-describedby={fields.reason ? 'conflict-reason-error' : undefined}
              />
              {fields.reason ? (
                <span id="conflict-reason-error" className="error">
                  {fields.reason}
                </span>
              ) : null}
            </div>
            <button type="submit" disabled={busy} className="danger">
              {text.declare}
            </button>
          </Form>
        )}
        {d.recusals.length > 0 ? (
          <>
            <h3>{text.myRecusals}</h3>
            <ul>
              {d.recusals.map((r) => (
                <li key={r.applicationId}>
                  {r.fullName} — <span className="muted">{r.kind === 'automatic' ? text.automatic : text.declared}</span>
                  {r.reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  )
}
