import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { ApplicationTable } from '~/ui/application-table'
import { FormStatus } from '~/ui/form-status'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import {
  addReviewer,
  assignReviewersAutomatically,
  commissionWorkspace,
  removeReviewer,
  sendRecommendedToMinistry,
} from '~/domain/commission.server'
import { commissionActionSchema, recommendationLabels } from '~/model/inputs/commission'
import { fieldErrors } from '~/model/inputs/login'
import { attempt, invalidForm } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireCommission } from '~/http/staff-commission.server'
import { campaignStateLabels, commissionRoleLabels } from '~/model/labels'

const text = {
  title: 'Работа комиссии',
  meetings: 'Заседания комиссии',
  back: 'Мои задачи',
  queue: 'Проверка заявлений',
  queueHint: 'Поданные заявления ждут проверки документов. Откройте заявление, чтобы подтвердить критерии, запросить сведения, признать несоответствие или допустить к рассмотрению.',
  queueEmpty: 'Нет заявлений, ожидающих проверки.',
  board: 'Рассмотрение кандидатов',
  boardEmpty: 'Нет кандидатов на рассмотрении комиссии.',
  perApplication: 'Рецензентов на кандидата',
  autoAssign: 'Распределить автоматически',
  autoHint: 'Рецензенты назначаются из действующих председателя и членов комиссии: сначала наименее загруженные; отведённые (конфликт интересов) не назначаются никогда.',
  name: 'Кандидат',
  organisation: 'Организация',
  source: 'Основание',
  state: 'Состояние',
  updated: 'Изменено',
  reviewers: 'Рецензенты',
  progress: 'Отзывы',
  recused: 'Отводы',
  add: 'Добавить рецензента',
  addButton: 'Добавить',
  remove: 'Снять',
  chooseMember: 'Член комиссии',
  noReviewers: 'не назначены',
  waiting: 'ждём отзыва',
  reviewed: (n: number, of: number) => `рассмотрено ${n} из ${of}`,
  automatic: 'автоматически',
  declared: 'заявлен членом комиссии',
  members: 'Состав и загрузка',
  role: 'Роль',
  open: 'Открытых назначений',
  noVote: 'без права голоса',
  ministry: 'Направление на согласование',
  ministryHint: 'Рекомендованные комиссией кандидаты отбора направляются в министерство одним действием; отбор, если он на этапе работы комиссии, — вместе с ними.',
  campaign: 'Отбор',
  inReview: 'На рассмотрении',
  recommended: 'Рекомендовано',
  send: 'Направить рекомендованных на согласование',
  nothing: 'нет рекомендованных',
  done: {
    assigned: (n: number) => `Назначено рецензентов: ${n}.`,
    added: 'Рецензент добавлен.',
    removed: 'Рецензент снят.',
    sent: (n: number) => `Направлено на согласование кандидатов: ${n}.`,
  },
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'meeting:manage', ['application:readCommission'])
  const w = await commissionWorkspace(actor, commissionId)
  return {
    commission: { id: w.commission.id, name: w.commission.name },
    timeZone: w.commission.timeZone,
    queue: w.queue.map((a) => ({ id: a.id, fullName: a.fullName, organisationName: a.organisationName, municipalityName: a.municipalityName, source: a.source, state: a.state, updatedAt: a.updatedAt })),
    board: w.board,
    members: w.members,
    campaigns: w.campaigns,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'meeting:manage', ['application:readCommission'])
  const parsed = commissionActionSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
  const back = (message: string) => redirectWithFlash(`/commission?commission=${commissionId}`, message)
  const f = parsed.data
  return attempt(async () => {
    switch (f.intent) {
      case 'autoAssign':
        return back(text.done.assigned((await assignReviewersAutomatically(actor, commissionId, f.perApplication)).assigned))
      case 'addReviewer':
        await addReviewer(actor, f.applicationId, f.memberId)
        return back(text.done.added)
      case 'removeReviewer':
        await removeReviewer(actor, f.applicationId, f.memberId)
        return back(text.done.removed)
      case 'sendToMinistry':
        return back(text.done.sent((await sendRecommendedToMinistry(actor, f.campaignId)).sent))
    }
  })
}

export default function CommissionPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fields = actionData?.error.fields ?? {}
  return (
    <>
      <p className="no-print">
        <Link to="/dashboard">{text.back}</Link> · <Link to={`/meetings?commission=${d.commission.id}`}>{text.meetings}</Link>
      </p>
      <h1>
        {text.title}: {d.commission.name}
      </h1>
      <FormStatus error={actionData?.error.message} />

      <section aria-labelledby="queue">
        <h2 id="queue">{text.queue}</h2>
        <p className="muted">{text.queueHint}</p>
        <ApplicationTable items={d.queue} empty={text.queueEmpty} timeZone={d.timeZone} />
      </section>

      <section aria-labelledby="board">
        <h2 id="board">{text.board}</h2>
        <Form method="post" className="card inline-form">
          <input type="hidden" name="intent" value="autoAssign" />
          <div className="field">
            <label htmlFor="perApplication">{text.perApplication}</label>
            <input
              id="perApplication"
              name="perApplication"
              type="number"
              min={1}
              max={10}
              defaultValue={3}
              required
              aria-describedby={fields.perApplication ? 'perApplication-error auto-hint' : 'auto-hint'}
            />
            {fields.perApplication ? (
              <span id="perApplication-error" className="error">
                {fields.perApplication}
              </span>
            ) : null}
          </div>
          <button type="submit" disabled={busy || d.board.length === 0}>
            {text.autoAssign}
          </button>
          <p id="auto-hint" className="muted">
            {text.autoHint}
          </p>
        </Form>
        {d.board.length === 0 ? (
          <p className="muted">{text.boardEmpty}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{text.name}</th>
                  <th scope="col">{text.reviewers}</th>
                  <th scope="col">{text.progress}</th>
                  <th scope="col">{text.recused}</th>
                  <th scope="col">{text.add}</th>
                </tr>
              </thead>
              <tbody>
                {d.board.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/applications/${a.id}`}>{a.fullName}</Link>
                      <div className="muted">{a.organisationName ?? ''}</div>
                    </th>
                    <td>
                      {a.reviewers.length === 0 ? <span className="muted">{text.noReviewers}</span> : null}
                      <ul className="plain">
                        {a.reviewers.map((r) => (
                          <li key={r.memberId}>
                            {r.name} —{' '}
                            {r.submitted ? (
                              <strong>
                                {r.recommendation ? recommendationLabels[r.recommendation as keyof typeof recommendationLabels].toLowerCase() : ''}
                                {r.score != null ? `, ${r.score} б.` : ''}
                              </strong>
                            ) : (
                              <span className="muted">{text.waiting}</span>
                            )}
                            {!r.submitted ? (
                              <Form method="post" className="inline">
                                <input type="hidden" name="intent" value="removeReviewer" />
                                <input type="hidden" name="applicationId" value={a.id} />
                                <input type="hidden" name="memberId" value={r.memberId} />
                                <button type="submit" className="link" disabled={busy} aria-label={`${text.remove}: ${r.name} (${a.fullName})`}>
                                  {text.remove}
                                </button>
                              </Form>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{text.reviewed(a.submitted, a.reviewers.length)}</td>
                    <td>
                      {a.recused.length === 0 ? '—' : null}
                      <ul className="plain">
                        {a.recused.map((r) => (
                          <li key={r.memberId}>
                            {r.name} <span className="muted">({r.kind === 'automatic' ? text.automatic : text.declared})</span>
                            <div className="muted">{r.reason}</div>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {a.addable.length > 0 ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="addReviewer" />
                          <input type="hidden" name="applicationId" value={a.id} />
                          <label htmlFor={`add-${a.id}`} className="visually-hidden">
                            {text.chooseMember} ({a.fullName})
                          </label>
                          <select id={`add-${a.id}`} name="memberId" required>
                            {a.addable.map((m) => (
                              <option key={m.memberId} value={m.memberId}>
                                {m.name}
                              </option>
                            ))}
                          </select>{' '}
                          <button type="submit" disabled={busy}>
                            {text.addButton}
                          </button>
                        </Form>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="members">
        <h2 id="members">{text.members}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{text.chooseMember}</th>
              <th scope="col">{text.role}</th>
              <th scope="col">{text.organisation}</th>
              <th scope="col">{text.open}</th>
            </tr>
          </thead>
          <tbody>
            {d.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td>
                  {commissionRoleLabels[m.role] ?? m.role}
                  {!m.voter ? <span className="muted"> ({text.noVote})</span> : null}
                </td>
                <td>{m.organisationName ?? '—'}</td>
                <td>{m.voter ? m.open : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="ministry">
        <h2 id="ministry">{text.ministry}</h2>
        <p className="muted">{text.ministryHint}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{text.campaign}</th>
              <th scope="col">{text.state}</th>
              <th scope="col">{text.inReview}</th>
              <th scope="col">{text.recommended}</th>
              <th scope="col">
                <span className="visually-hidden">{text.send}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {d.campaigns.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.title}</th>
                <td>{campaignStateLabels[c.state] ?? c.state}</td>
                <td>{c.inReview}</td>
                <td>{c.recommended}</td>
                <td>
                  {c.recommended > 0 ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="sendToMinistry" />
                      <input type="hidden" name="campaignId" value={c.id} />
                      <button type="submit" disabled={busy}>
                        {text.send}
                      </button>
                    </Form>
                  ) : (
                    <span className="muted">{text.nothing}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  )
}
