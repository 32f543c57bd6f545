import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { FormStatus } from '~/ui/form-status'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { addAgendaItem, castOwnVote, closeMeeting, meetingView, recordVotes, removeAgendaItem, setAttendance } from '~/domain/meetings.server'
import { attendanceLabels, attendanceStatuses, meetingActionInput, meetingActionSchema, voteChoices, voteLabels } from '~/model/inputs/commission'
import { fieldErrors } from '~/model/inputs/login'
import { attempt, idParam, invalidForm, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireSignedIn } from '~/http/session.server'
import { commissionRoleLabels, formatDateTime, itemDecisionLabels, meetingStatusLabels } from '~/model/labels'

const text = {
  title: (when: string) => `Заседание комиссии ${when}`,
  back: 'Все заседания',
  place: 'Место',
  status: 'Состояние',
  agendaText: 'Повестка',
  protocol: (n: number) => `Протокол № ${n}`,
  attendance: 'Присутствие',
  member: 'Член комиссии',
  role: 'Роль',
  mark: 'Отметка',
  noVote: 'без права голоса',
  saveAttendance: 'Сохранить присутствие',
  quorum: 'Кворум',
  quorumLine: (present: number, members: number, required: number) =>
    `Присутствуют ${present} из ${members} членов комиссии с правом голоса; для кворума нужно не менее ${required}.`,
  quorumYes: 'Кворум есть: голосование возможно.',
  quorumNo: 'Кворума нет: голосование и решения невозможны.',
  quorumClosed: 'Заседание закрыто; решения приняты при кворуме.',
  items: 'Кандидаты в повестке',
  noItems: 'В повестке пока нет кандидатов.',
  open: 'Заявление',
  reviews: (r: { recommend: number; reject: number; defer: number }) =>
    `Отзывы: рекомендовать – ${r.recommend}, отклонить – ${r.reject}, отложить – ${r.defer}.`,
  recused: 'Отведены (не голосуют)',
  tally: (t: { for: number; against: number; abstain: number }) => `«за» – ${t.for}, «против» – ${t.against}, «воздержались» – ${t.abstain}`,
  votes: 'Голоса присутствующих',
  notMarked: 'не отмечен',
  recordVotes: 'Записать голоса',
  removeItem: 'Убрать из повестки',
  myVote: 'Мой голос',
  vote: 'Проголосовать',
  iAmRecused: 'Вы отведены от рассмотрения этого кандидата и не голосуете.',
  decision: 'Решение',
  addItem: 'Добавить кандидата в повестку',
  candidate: 'Кандидат на рассмотрении',
  add: 'Добавить',
  noCandidates: 'Все кандидаты на рассмотрении уже в повестке.',
  close: 'Закрыть заседание и оформить протокол',
  closeHint:
    'Решение по каждому кандидату принимается большинством поданных голосов: «за» больше половины — рекомендовать, «против» больше половины — не рекомендовать, иначе — отложить. После закрытия изменения невозможны.',
  saved: 'Сохранено.',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${text.title(formatDateTime(data.meeting.heldAt, data.timeZone))} — Реестр методического актива` : 'Заседание' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const v = await orErrorPage(meetingView(actor, idParam(params.id)))
  return {
    meeting: v.meeting,
    commission: { id: v.commission.id, name: v.commission.name },
    timeZone: v.commission.timeZone,
    members: v.members,
    quorum: v.quorum,
    items: v.items,
    candidates: v.candidates,
    canManage: v.canManage,
    canVoteSelf: v.canVoteSelf,
    open: v.open,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const parsed = meetingActionSchema.safeParse(meetingActionInput(await request.formData()))
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
  const f = parsed.data
  return attempt(async () => {
    switch (f.intent) {
      case 'attendance':
        await setAttendance(actor, id, f.entries)
        break
      case 'addItem':
        await addAgendaItem(actor, id, f.applicationId)
        break
      case 'removeItem':
        await removeAgendaItem(actor, id, f.applicationId)
        break
      case 'votes':
        await recordVotes(actor, id, f.applicationId, f.entries)
        break
      case 'vote':
        await castOwnVote(actor, id, f.applicationId, f.choice)
        break
      case 'close': {
        const { protocolId } = await closeMeeting(actor, id)
        return redirect(`/protocols/${protocolId}`)
      }
    }
    return redirectWithFlash(`/meetings/${id}`, text.saved)
  })
}

export default function MeetingPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fields = actionData?.error.fields ?? {}
  const voters = d.members.filter((m) => m.voter)
  return (
    <>
      <p className="no-print">
        <Link to={`/meetings?commission=${d.commission.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title(formatDateTime(d.meeting.heldAt, d.timeZone))}</h1>
      <dl className="facts">
        <dt>{text.place}</dt>
        <dd>{d.meeting.place}</dd>
        <dt>{text.status}</dt>
        <dd>
          {meetingStatusLabels[d.meeting.status] ?? d.meeting.status}
          {d.meeting.protocolId ? (
            <>
              {' '}
              — <Link to={`/protocols/${d.meeting.protocolId}`}>{text.protocol(d.meeting.protocolNumber!)}</Link>
            </>
          ) : null}
        </dd>
        {d.meeting.agenda ? (
          <>
            <dt>{text.agendaText}</dt>
            <dd className="pre">{d.meeting.agenda}</dd>
          </>
        ) : null}
      </dl>
      <FormStatus
        error={actionData?.error ? [actionData.error.message, ...Object.values(fields).filter(Boolean)].join(' ') : null}
      />

      <section aria-labelledby="quorum" className="card">
        <h2 id="quorum">{text.quorum}</h2>
        <p>{text.quorumLine(d.quorum.present, d.quorum.members, d.quorum.required)}</p>
        <p>
          <strong className={d.quorum.reached ? 'ok' : 'error'}>{!d.open ? text.quorumClosed : d.quorum.reached ? text.quorumYes : text.quorumNo}</strong>
        </p>
      </section>

      <section aria-labelledby="attendance">
        <h2 id="attendance">{text.attendance}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="attendance" />
          <table>
            <thead>
              <tr>
                <th scope="col">{text.member}</th>
                <th scope="col">{text.role}</th>
                <th scope="col">{text.mark}</th>
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
                  <td>
                    {d.canManage ? (
                      <fieldset className="inline-radios">
                        <legend className="visually-hidden">
                          {text.mark}: {m.name}
                        </legend>
                        {attendanceStatuses.map((s) => (
                          <span key={s}>
                            <input type="radio" id={`att-${m.id}-${s}`} name={`att-${m.id}`} value={s} defaultChecked={m.status === s} />{' '}
                            <label htmlFor={`att-${m.id}-${s}`}>{attendanceLabels[s]}</label>{' '}
                          </span>
                        ))}
                      </fieldset>
                    ) : (
                      attendanceLabels[m.status]
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.canManage ? (
            <button type="submit" disabled={busy}>
              {text.saveAttendance}
            </button>
          ) : null}
        </Form>
      </section>

      <section aria-labelledby="items">
        <h2 id="items">{text.items}</h2>
        {d.items.length === 0 ? <p className="muted">{text.noItems}</p> : null}
        {d.items.map((item, n) => {
          const h = `item-${item.applicationId}`
          const recusedIds = new Set(item.recused.map((r) => r.memberId))
          const eligible = voters.filter((m) => m.status !== 'absent' && !recusedIds.has(m.id))
          return (
            <article key={item.applicationId} className="card" aria-labelledby={h}>
              <h3 id={h}>
                {n + 1}. {item.fullName}
              </h3>
              <p>
                {[item.personPosition, item.organisationName].filter(Boolean).join(', ')} ·{' '}
                <Link to={`/applications/${item.applicationId}`}>
                  {text.open}: {item.fullName}
                </Link>
              </p>
              <p className="muted">{text.reviews(item.reviews)}</p>
              {item.recused.length > 0 ? (
                <p>
                  {text.recused}: {item.recused.map((r) => r.name).join(', ')}
                </p>
              ) : null}
              <p>
                <strong>{text.tally(item.tally)}</strong>
                {item.decision ? (
                  <>
                    {' '}
                    — {text.decision}: <strong>{itemDecisionLabels[item.decision]}</strong>
                  </>
                ) : null}
              </p>

              {d.canManage && item.state === 'inReview' ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="votes" />
                  <input type="hidden" name="applicationId" value={item.applicationId} />
                  <table>
                    <caption className="visually-hidden">
                      {text.votes}: {item.fullName}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{text.member}</th>
                        {voteChoices.map((c) => (
                          <th scope="col" key={c}>
                            {voteLabels[c]}
                          </th>
                        ))}
                        <th scope="col">{text.notMarked}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {eligible.map((m) => (
                        <tr key={m.id}>
                          <th scope="row">{m.name}</th>
                          {voteChoices.map((c) => (
                            <td key={c}>
                              <input
                                type="radio"
                                name={`vote-${m.id}`}
                                value={c}
                                defaultChecked={item.votes[m.id] === c}
                                aria-label={`${m.name}: ${voteLabels[c]}`}
                              />
                            </td>
                          ))}
                          <td>
                            <input type="radio" name={`vote-${m.id}`} value="" defaultChecked={!item.votes[m.id]} aria-label={`${m.name}: ${text.notMarked}`} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <button type="submit" disabled={busy || !d.quorum.reached || eligible.length === 0}>
                    {text.recordVotes}
                  </button>
                </Form>
              ) : null}

              {d.canVoteSelf && item.state === 'inReview' ? (
                item.iAmRecused ? (
                  <p className="muted">{text.iAmRecused}</p>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="vote" />
                    <input type="hidden" name="applicationId" value={item.applicationId} />
                    <fieldset className="inline-radios">
                      <legend>
                        {text.myVote}: {item.fullName}
                      </legend>
                      {voteChoices.map((c) => (
                        <span key={c}>
                          <input type="radio" id={`my-${item.applicationId}-${c}`} name="choice" value={c} defaultChecked={item.myVote === c} required />{' '}
                          <label htmlFor={`my-${item.applicationId}-${c}`}>{voteLabels[c]}</label>{' '}
                        </span>
                      ))}
                    </fieldset>
                    <button type="submit" disabled={busy || !d.quorum.reached}>
                      {text.vote}
                    </button>
                  </Form>
                )
              ) : null}

              {d.canManage ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="removeItem" />
                  <input type="hidden" name="applicationId" value={item.applicationId} />
                  <button type="submit" className="link" disabled={busy}>
                    {text.removeItem}: {item.fullName}
                  </button>
                </Form>
              ) : null}
            </article>
          )
        })}

        {d.canManage ? (
          d.candidates.length === 0 ? (
            <p className="muted">{text.noCandidates}</p>
          ) : (
            <Form method="post" className="card">
              <input type="hidden" name="intent" value="addItem" />
              <div className="field">
                <label htmlFor="add-item">{text.candidate}</label>
                <select id="add-item" name="applicationId" required>
                  {d.candidates.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.fullName}
                      {c.organisationName ? ` (${c.organisationName})` : ''}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" disabled={busy}>
                {text.addItem}
              </button>
            </Form>
          )
        ) : null}
      </section>

      {d.canManage ? (
        <section aria-labelledby="close" className="card">
          <h2 id="close">{text.close}</h2>
          <p className="muted">{text.closeHint}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="close" />
            <button type="submit" disabled={busy || !d.quorum.reached}>
              {text.close}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
