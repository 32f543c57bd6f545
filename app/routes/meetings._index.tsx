import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { createMeeting, meetingsList } from '~/domain/meetings.server'
import { meetingSchema } from '~/model/inputs/commission'
import { fieldErrors } from '~/model/inputs/login'
import { attempt, invalidForm } from '~/http/errors.server'
import { requireCommission } from '~/http/staff-commission.server'
import { formatDateTime, meetingStatusLabels } from '~/model/labels'
import { utcOffsetLabel } from '~/utils/dates'

const text = {
  title: 'Заседания комиссии',
  back: 'Мои задачи',
  workspace: 'Работа комиссии',
  none: 'Заседаний пока нет.',
  when: 'Дата и время',
  place: 'Место',
  items: 'Кандидатов в повестке',
  status: 'Состояние',
  protocol: 'Протокол',
  protocolNo: (n: number) => `Протокол № ${n}`,
  create: 'Новое заседание',
  heldAt: (zone: string) => `Дата и время заседания (местное время, ${zone})`,
  placeField: 'Место проведения',
  agenda: 'Повестка (необязательно)',
  agendaHint: 'Кандидатов в повестку вы добавите на странице заседания.',
  submit: 'Создать заседание',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

/** Who sees a commission's meetings: the secretary manages; the chair and the members see them (members to cast their own votes). */
const viewers = ['meeting:manage', 'meeting:decide', 'vote:cast'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, viewers)
  const l = await meetingsList(actor, commissionId)
  return { commission: { id: l.commission.id, name: l.commission.name }, meetings: l.meetings, canManage: l.canManage, timeZone: l.commission.timeZone }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, viewers, ['meeting:manage'])
  const parsed = meetingSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
  const meeting = parsed.data
  return attempt(async () => redirect(`/meetings/${await createMeeting(actor, commissionId, meeting)}`))
}

export default function MeetingsPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fields = actionData?.error.fields ?? {}
  return (
    <>
      <p className="no-print">
        <Link to="/dashboard">{text.back}</Link>
        {d.canManage ? (
          <>
            {' '}
            · <Link to={`/commission?commission=${d.commission.id}`}>{text.workspace}</Link>
          </>
        ) : null}
      </p>
      <h1>{text.title}</h1>
      <p className="muted">{d.commission.name}</p>
      {actionData?.error ? (
        <p className="alert" role="alert">
          {actionData.error.message}
        </p>
      ) : null}
      {d.meetings.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{text.when}</th>
              <th scope="col">{text.place}</th>
              <th scope="col">{text.items}</th>
              <th scope="col">{text.status}</th>
              <th scope="col">{text.protocol}</th>
            </tr>
          </thead>
          <tbody>
            {d.meetings.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <Link to={`/meetings/${m.id}`}>{formatDateTime(m.heldAt, d.timeZone)}</Link>
                </th>
                <td>{m.place}</td>
                <td>{m.itemCount}</td>
                <td>{meetingStatusLabels[m.status] ?? m.status}</td>
                <td>{m.protocolId ? <Link to={`/protocols/${m.protocolId}`}>{text.protocolNo(m.protocolNumber!)}</Link> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {d.canManage ? (
        <section aria-labelledby="create" className="card">
          <h2 id="create">{text.create}</h2>
          <Form method="post">
            <div className="field">
              <label htmlFor="heldAt">{text.heldAt(utcOffsetLabel(new Date(), d.timeZone))}</label>
              <input id="heldAt" name="heldAt" type="datetime-local" required aria-describedby={fields.heldAt ? 'heldAt-error' : undefined} />
              {fields.heldAt ? (
                <span id="heldAt-error" className="error">
                  {fields.heldAt}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="place">{text.placeField}</label>
              <input id="place" name="place" type="text" required minLength={3} maxLength={500} aria-describedby={fields.place ? 'place-error' : undefined} />
              {fields.place ? (
                <span id="place-error" className="error">
                  {fields.place}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="agenda">{text.agenda}</label>
              <textarea id="agenda" name="agenda" rows={3} maxLength={4000} aria-describedby="agenda-hint" />
              <span id="agenda-hint" className="muted">
                {text.agendaHint}
              </span>
              {fields.agenda ? <span className="error">{fields.agenda}</span> : null}
            </div>
            <button type="submit" disabled={busy}>
              {text.submit}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
