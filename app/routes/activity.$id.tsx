import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { activityView, decideActivity } from '~/domain/activity.server'
import { activityFormAction } from '~/http/activity-post.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { activityLevelLabels, activityStateLabels, type ActivityLevel } from '~/model/activity'
import { activityDecisionSchema } from '~/model/inputs/activity'
import { formatDate, formatDateTime } from '~/model/labels'
import { ActivityForm } from '~/ui/activity-form'
import { allErrors, revalidateAfterStaleRow, type Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { FormStatus } from '~/ui/form-status'

const text = {
  title: 'Запись о методической работе',
  mine: 'Ко всем моим записям',
  queue: 'Ко всем записям на подтверждении',
  member: 'Член актива',
  municipality: 'Муниципалитет',
  kind: 'Вид работы',
  date: 'Дата проведения',
  level: 'Уровень',
  audience: 'Участников',
  description: 'Описание',
  evidence: 'Подтверждение',
  noEvidence: 'не приложено',
  file: (name: string) => `документ «${name}»`,
  link: 'ссылка на материал',
  state: 'Состояние',
  updated: 'Изменена',
  returned: 'Координатор вернул запись на доработку:',
  edit: 'Исправить запись',
  decide: 'Решение координатора',
  confirm: 'Подтвердить',
  return: 'Вернуть на доработку',
  reason: 'Что нужно исправить (обязательно при возврате)',
  busy: 'Сохранение…',
  confirmed: 'Запись подтверждена.',
  sentBack: 'Запись возвращена члену актива на доработку.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

// A decision refused because the record changed in another tab (409) reads
// the record again, so the page shows what it is now (and the refusal above).
export const shouldRevalidate = revalidateAfterStaleRow

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return orErrorPage(activityView(actor, idParam(params.id)))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  if (request.headers.get('Content-Type')?.startsWith('multipart/form-data')) return activityFormAction(request, actor, id)
  return handleForm(request, activityDecisionSchema, async (d) =>
    redirectWithFlash(`/activity/${id}`, (await decideActivity(actor, id, d)) === 'confirmed' ? text.confirmed : text.sentBack),
  )
}

export default function ActivityPage() {
  const r = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const decides = r.events.includes('CONFIRM')
  // A refusal whose form is no longer on the page (the record was confirmed,
  // returned or changed in another tab) is said at the top, not nowhere.
  const reply = lastResult as Reply
  const stray = reply && !(reply.form === 'decide' ? decides : r.editable) ? allErrors(reply.error ?? undefined) : []
  return (
    <>
      <p>
        <Link to={r.mine ? '/my/activity' : '/activity'}>{r.mine ? text.mine : text.queue}</Link>
      </p>
      <h1>{text.title}</h1>
      {stray.length > 0 ? <FormStatus error={stray.join(' ')} /> : null}
      <dl className="facts">
        {r.mine ? null : (
          <>
            <dt>{text.member}</dt>
            <dd>{r.memberName}</dd>
            <dt>{text.municipality}</dt>
            <dd>{r.municipalityName ?? '—'}</dd>
          </>
        )}
        <dt>{text.kind}</dt>
        <dd>{r.kindLabel}</dd>
        <dt>{text.date}</dt>
        <dd>{formatDate(r.heldOn, r.timeZone)}</dd>
        <dt>{text.level}</dt>
        <dd>{activityLevelLabels[r.level as ActivityLevel]}</dd>
        <dt>{text.audience}</dt>
        <dd>{r.audience}</dd>
        <dt>{text.description}</dt>
        <dd className="pre">{r.description}</dd>
        <dt>{text.evidence}</dt>
        <dd>
          {r.evidenceFileName ? <a href={`/activity/${r.id}/evidence`}>{text.file(r.evidenceFileName)}</a> : null}
          {r.evidenceFileName && r.evidenceUrl ? '; ' : null}
          {r.evidenceUrl ? (
            <a href={r.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank">
              {text.link}
            </a>
          ) : null}
          {!r.evidenceFileName && !r.evidenceUrl ? text.noEvidence : null}
        </dd>
        <dt>{text.state}</dt>
        <dd>{activityStateLabels[r.state]}</dd>
        <dt>{text.updated}</dt>
        <dd>{formatDateTime(r.updatedAt, r.timeZone)}</dd>
      </dl>
      {r.returnReason && r.state !== 'confirmed' ? (
        <div className="card" role="note">
          <p>{text.returned}</p>
          <blockquote className="pre">{r.returnReason}</blockquote>
        </div>
      ) : null}
      {r.editable ? (
        <>
          <h2>{text.edit}</h2>
          <ActivityForm
            lastResult={lastResult?.form === 'decide' ? undefined : lastResult}
            busy={busy}
            fileName={r.evidenceFileName}
            kinds={r.kinds}
            defaults={{ kind: r.kind, heldOn: r.heldOn, level: r.level, audience: r.audience, description: r.description, evidenceUrl: r.evidenceUrl, rowVersion: r.rowVersion }}
          />
        </>
      ) : null}
      {decides ? <DecisionForm rowVersion={r.rowVersion} lastResult={lastResult} busy={busy} /> : null}
    </>
  )
}

function DecisionForm({ rowVersion, lastResult, busy }: { rowVersion: number; lastResult: unknown; busy: boolean }) {
  const [form, f] = useSchemaForm(activityDecisionSchema, { id: 'decide', lastResult: lastResult as never, intent: 'decide', defaultValue: { rowVersion: String(rowVersion) } })
  return (
    <section aria-labelledby="decide-heading" className="card">
      <h2 id="decide-heading">{text.decide}</h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="decide" />
        <input {...getInputProps(f.rowVersion, { type: 'hidden' })} />
        <div className="field">
          <label htmlFor={f.reason.id}>{text.reason}</label>
          <textarea {...getTextareaProps(f.reason)} rows={3} />
          <ErrorList id={f.reason.errorId} errors={f.reason.errors} />
        </div>
        <p className="actions">
          <button type="submit" name="decision" value="confirm" disabled={busy}>
            {text.confirm}
          </button>{' '}
          <button type="submit" name="decision" value="return" className="secondary" disabled={busy}>
            {text.return}
          </button>
        </p>
      </Form>
    </section>
  )
}
