import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { createMeeting, meetingsList } from '~/domain/meetings.server'
import { meetingSchema } from '~/model/inputs/commission'
import { handleForm } from '~/http/form.server'
import { requireCommission } from '~/http/staff-commission.server'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { formatDateTime, meetingStatusLabels } from '~/model/labels'
import { utcOffsetLabel } from '~/utils/dates'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

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
  return handleForm(request, meetingSchema, async (meeting) => redirect(`/meetings/${await createMeeting(actor, commissionId, meeting)}`))
}

export default function MeetingsPage() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(meetingSchema, { id: 'meeting', lastResult })
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
      {d.meetings.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <div {...scrollRegion(text.title)}>
          <table className="staff-table">
            <ColumnHeads labels={[text.when, text.place, text.items, text.status, text.protocol]} />
            <tbody>
              {d.meetings.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/meetings/${m.id}`}>{formatDateTime(m.heldAt, d.timeZone)}</Link>
                  </th>
                  <td>{m.place}</td>
                  <td>{m.itemCount}</td>
                  <td>{meetingStatusLabels[m.status] ?? ''}</td>
                  <td>{m.protocolId ? <Link to={`/protocols/${m.protocolId}`}>{text.protocolNo(m.protocolNumber!)}</Link> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {d.canManage ? (
        <section aria-labelledby="create" className="card">
          <h2 id="create">{text.create}</h2>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <div className="field">
              <label htmlFor={fields.heldAt.id}>{text.heldAt(utcOffsetLabel(new Date(), d.timeZone))}</label>
              <input {...getInputProps(fields.heldAt, { type: 'datetime-local' })} />
              <ErrorList id={fields.heldAt.errorId} errors={fields.heldAt.errors} />
            </div>
            <div className="field">
              <label htmlFor={fields.place.id}>{text.placeField}</label>
              <input {...getInputProps(fields.place, { type: 'text' })} />
              <ErrorList id={fields.place.errorId} errors={fields.place.errors} />
            </div>
            <div className="field">
              <label htmlFor={fields.agenda.id}>{text.agenda}</label>
              <textarea
                {...getTextareaProps(fields.agenda)}
                rows={3}
                aria-describedby={[fields.agenda.errors ? fields.agenda.errorId : null, 'agenda-hint'].filter(Boolean).join(' ')}
              />
              <span id="agenda-hint" className="muted">
                {text.agendaHint}
              </span>
              <ErrorList id={fields.agenda.errorId} errors={fields.agenda.errors} />
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
