import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { applicationEventSchema, applicationView, applyApplicationEvent } from '~/domain/application-view.server'
import { verifyFact } from '~/domain/applications.server'
import { factCatalog, factKeys, valueLabels, type FactKey, type Outcome } from '~/model/eligibility'
import { fieldErrors } from '~/model/inputs/login'
import { attempt, idParam, invalidForm, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { applicationEventUi } from '~/ui/application-events'
import { applicationStateLabels, formatDate, formatDateTime, sourceLabels } from '~/model/labels'
import { auditActionLabels } from '~/ui/timeline'

const text = {
  unknownFact: 'Неизвестный критерий',
  title: (name: string) => `Заявление: ${name}`,
  state: 'Состояние',
  source: 'Основание',
  workplace: 'Место работы',
  position: 'Должность',
  municipality: 'Муниципалитет',
  subjects: 'Предметная область',
  email: 'Рабочая почта',
  privateTitle: 'Сведения ограниченного доступа',
  phone: 'Телефон',
  birthDate: 'Дата рождения',
  privateEmail: 'Личная почта',
  eligibility: 'Соответствие требованиям',
  notEvaluated: 'Проверка ещё не проводилась: заявление не подано.',
  required: 'Обязательные требования',
  facts: 'Заявленные сведения',
  verified: 'подтверждено',
  unverified: 'не подтверждено',
  verify: 'Подтвердить по документам',
  evidence: 'Документы',
  noEvidence: 'Документы не загружены.',
  download: 'скачать',
  timeline: 'История',
  actions: 'Действия',
  noActions: 'Сейчас действий для вас нет.',
  infoRequest: 'Запрошены сведения',
  returnReason: 'Причина возврата',
  back: 'К списку задач',
  edit: 'Редактировать черновик',
  addDocument: 'Добавить документ',
  yes: 'да',
  no: 'нет',
}

const outcomeText: Record<Outcome, string> = { pass: 'выполнено', fail: 'не выполнено', unverified: 'требует подтверждения' }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? text.title(data.fullName) : 'Заявление' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const v = await orErrorPage(applicationView(actor, idParam(params.id)))
  const a = v.application
  const screen = v.events.includes('ADMIT') || v.events.includes('REQUEST_INFO')
  return {
    id: a.id,
    fullName: a.fullName,
    state: a.state,
    rowVersion: a.rowVersion,
    source: a.source,
    municipality: a.municipalityName,
    workplace: a.organisationName,
    person: v.person ? { position: v.person.position, subjects: v.person.subjects, workEmail: v.person.workEmail } : null,
    privateData: v.privateData,
    facts: a.facts,
    eligibility: a.eligibility,
    evidence: v.evidence,
    timeline: v.timeline,
    timeZone: v.timeZone,
    events: v.events,
    canVerify: screen,
    own: v.own,
    canEdit: a.state === 'draft' && (v.own || v.nominatedByMe),
    canAddEvidence: v.own && (a.state === 'draft' || a.state === 'needsInformation'),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const form = Object.fromEntries(await request.formData())
  const rowVersion = form.rowVersion ? Number(form.rowVersion) : undefined
  if (form.intent === 'verify') {
    const fact = String(form.fact)
    if (!factKeys.includes(fact as FactKey)) return invalidForm({ fact: text.unknownFact })
    return attempt(async () => {
      await verifyFact(id, fact as FactKey, actor)
      return redirect(`/applications/${id}`)
    })
  }
  const parsed = applicationEventSchema.safeParse(form)
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
  const event = parsed.data
  return attempt(async () => {
    await applyApplicationEvent(actor, id, event, rowVersion)
    return redirect(`/applications/${id}`)
  })
}

function showValue(v: unknown) {
  if (typeof v === 'boolean') return v ? text.yes : text.no
  return valueLabels[String(v)] ?? String(v)
}

export default function ApplicationPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fields = actionData?.error.fields ?? {}
  return (
    <>
      <p>
        <Link to="/dashboard">{text.back}</Link>
      </p>
      <h1>{text.title(d.fullName)}</h1>
      <p>
        {text.state}: <strong className="badge" data-state={d.state}>{applicationStateLabels[d.state] ?? d.state}</strong> · {text.source}: {sourceLabels[d.source]}
      </p>
      {d.canEdit || d.canAddEvidence ? (
        <p>
          {d.canEdit ? <Link to={`/applications/${d.id}/edit`}>{text.edit}</Link> : null}
          {d.canEdit && d.canAddEvidence ? ' · ' : null}
          {d.canAddEvidence ? <Link to={`/applications/${d.id}/evidence/new`}>{text.addDocument}</Link> : null}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="alert" role="alert">
          {actionData.error.message}
        </p>
      ) : null}

      <section className="card" aria-labelledby="actions">
        <h2 id="actions">{text.actions}</h2>
        {d.events.length === 0 ? <p className="muted">{text.noActions}</p> : null}
        {d.events.map((event) => {
          const ui = applicationEventUi[event]
          const inputName = ui.input
          return (
            <Form method="post" key={event} className="event-form">
              <input type="hidden" name="event" value={event} />
              <input type="hidden" name="rowVersion" value={d.rowVersion} />
              {inputName ? (
                <div className="field">
                  <label htmlFor={`in-${event}`}>{ui.inputLabel}</label>
                  <textarea id={`in-${event}`} name={inputName} rows={3} required />
                  {fields[inputName] ? <span className="error">{fields[inputName]}</span> : null}
                </div>
              ) : null}
              <button type="submit" disabled={busy} className={ui.danger ? 'danger' : undefined}>
                {ui.label}
              </button>
            </Form>
          )
        })}
      </section>

      <section aria-labelledby="person">
        <h2 id="person">{d.fullName}</h2>
        <dl className="facts">
          <dt>{text.workplace}</dt>
          <dd>{d.workplace ?? '—'}</dd>
          <dt>{text.position}</dt>
          <dd>{d.person?.position || '—'}</dd>
          <dt>{text.municipality}</dt>
          <dd>{d.municipality ?? '—'}</dd>
          <dt>{text.subjects}</dt>
          <dd>{d.person?.subjects.join(', ') || '—'}</dd>
          <dt>{text.email}</dt>
          <dd>{d.person?.workEmail ?? '—'}</dd>
        </dl>
        {d.privateData ? (
          <>
            <h3>{text.privateTitle}</h3>
            <dl className="facts">
              <dt>{text.phone}</dt>
              <dd>{d.privateData.phone ?? '—'}</dd>
              <dt>{text.birthDate}</dt>
              <dd>{d.privateData.birthDate ? formatDate(d.privateData.birthDate) : '—'}</dd>
              <dt>{text.privateEmail}</dt>
              <dd>{d.privateData.privateEmail ?? '—'}</dd>
            </dl>
          </>
        ) : null}
      </section>

      <section aria-labelledby="eligibility">
        <h2 id="eligibility">{text.eligibility}</h2>
        {!d.eligibility ? (
          <p className="muted">{text.notEvaluated}</p>
        ) : (
          <>
            <p>
              <strong>{d.eligibility.summary}</strong>
            </p>
            <h3>{text.required}</h3>
            <ul className="rules">
              {d.eligibility.required.map((r) => (
                <li key={r.id} data-outcome={r.outcome}>
                  <strong>{r.label}</strong> — {outcomeText[r.outcome]}. {r.explanation} <span className="muted">({r.clause})</span>
                </li>
              ))}
            </ul>
            {d.eligibility.groups.map((g) => (
              <div key={g.id}>
                <h3>{g.label}</h3>
                <p>
                  {outcomeText[g.outcome]}: {g.explanation} <span className="muted">({g.clause})</span>
                </p>
                <ul className="rules">
                  {g.rules.map((r) => (
                    <li key={r.id} data-outcome={r.outcome}>
                      {r.label} — {outcomeText[r.outcome]}. {r.explanation}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="facts">
        <h2 id="facts">{text.facts}</h2>
        <table>
          <tbody>
            {(Object.entries(d.facts) as [FactKey, { value: unknown; verified: boolean; source: string }][]).map(([key, f]) => (
              <tr key={key}>
                <th scope="row">{factCatalog[key]?.label ?? key}</th>
                <td>{showValue(f.value)}</td>
                <td>{f.verified ? text.verified : text.unverified}</td>
                <td>
                  {d.canVerify && !f.verified ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="verify" />
                      <input type="hidden" name="fact" value={key} />
                      <button type="submit" disabled={busy} aria-label={`${text.verify}: ${factCatalog[key]?.label ?? key}`}>
                        {text.verify}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="evidence">
        <h2 id="evidence">{text.evidence}</h2>
        {d.evidence.length === 0 ? (
          <p className="muted">{text.noEvidence}</p>
        ) : (
          <ul>
            {d.evidence.map((e) => (
              <li key={e.id}>
                {factCatalog[e.fact as FactKey]?.label ?? e.fact}: <a href={`/applications/${d.id}/evidence/${e.id}`}>{e.fileName}</a> ({Math.ceil(e.sizeBytes / 1024)} КБ)
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">{text.timeline}</h2>
        <ol className="timeline">
          {d.timeline.map((t) => (
            <li key={t.id}>
              <span className="muted">{formatDateTime(t.at, d.timeZone)}</span> — {auditActionLabels[t.action] ?? t.action}
              {t.toState && t.toState !== t.fromState ? ` → ${applicationStateLabels[t.toState] ?? t.toState}` : ''}
              {t.actorName ? <span className="muted"> ({t.actorName})</span> : null}
              {t.reason ? <div>«{t.reason}»</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}
