import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { fieldErrorHelpers } from '~/ui/field-errors'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { attempt, invalidForm, orErrorPage } from '~/http/errors.server'
import { changeMember, memberView } from '~/domain/roster-admin.server'
import { memberChangeSchema, memberEventsWithReason, type MemberEventType } from '~/model/inputs/coordinator'
import { fieldErrors } from '~/model/inputs/login'
import { formatOrder, formObject } from '~/model/inputs/orders'
import { idParam } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { redirectWithFlash } from '~/http/flash.server'
import { formatDate, formatDateTime, memberAuditLabels, memberEventLabels, memberStateLabels } from '~/model/labels'

const text = {
  back: 'Состав актива',
  state: 'Состояние',
  workplace: 'Место работы',
  position: 'Должность',
  subjects: 'Предметная область',
  municipality: 'Муниципалитет',
  public: 'В открытом реестре',
  publicYes: 'да (есть согласие на публикацию ФИО)',
  publicNo: 'нет (нет согласия на публикацию)',
  admitted: 'Включён приказом',
  term: 'Срок полномочий до',
  lastChange: 'Последнее изменение по приказу',
  actions: 'Изменения состава',
  actionsHint: 'Каждое изменение вносится приказом: выберите зарегистрированный приказ об изменении состава или зарегистрируйте новый.',
  noActions: 'Изменений для этого члена актива сейчас нет.',
  reason: 'Причина',
  reasonOptional: 'Причина (необязательно)',
  order: 'Приказ',
  useExisting: 'Зарегистрированный приказ',
  chooseOrder: '— выберите приказ —',
  noOrders: 'Приказов об изменении состава ещё нет.',
  useNew: 'Новый приказ',
  orderNumber: 'Номер приказа',
  orderDate: 'Дата приказа',
  orderTitle: 'Название приказа',
  orderTitleDefault: 'О внесении изменений в состав регионального методического актива',
  history: 'История',
  consents: 'История согласий на обработку и публикацию (просмотр записывается в журнал)',
  noHistory: 'Изменений по приказам пока не было.',
  done: 'Изменение внесено.',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.member.fullName ?? 'Член актива'} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const v = await orErrorPage(memberView(actor, idParam(params.id)))
  return v
}

type Values = Partial<Record<'event' | 'reason' | 'orderChoice' | 'orderId' | 'orderNumber' | 'orderDate' | 'orderTitle', string>>

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const form = formObject(await request.formData())
  const values = form as Values
  const parsed = memberChangeSchema.safeParse(form)
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error), values)
  const change = parsed.data
  return attempt(async () => {
    await changeMember(actor, id, change)
    return redirectWithFlash(`/members/${id}`, text.done)
  }, values)
}

type EventFormProps = {
  event: MemberEventType
  orders: { id: number; number: string; date: string; title: string }[]
  rowVersion: number
  values: Values
  fields: Record<string, string | undefined>
  message: string | null
  busy: boolean
}

function EventForm({ event, orders, rowVersion, values: v, fields, message, busy }: EventFormProps) {
  const mine = v.event === event
  const f = mine ? fields : {}
  const val = mine ? v : {}
  const id = (name: string) => `${event}-${name}`
  const { err } = fieldErrorHelpers(f, `${event}-`)
  const needsReason = memberEventsWithReason.includes(event)
  const choice = val.orderChoice ?? (orders.length > 0 ? 'existing' : 'new')
  return (
    <Form method="post" noValidate className="card">
      <h3>{memberEventLabels[event]}</h3>
      {mine && message ? (
        <p className="alert" role="alert">
          {message}
        </p>
      ) : null}
      <input type="hidden" name="event" value={event} />
      <input type="hidden" name="rowVersion" value={rowVersion} />
      <div className="field">
        <label htmlFor={id('reason')}>{needsReason ? text.reason : text.reasonOptional}</label>
        <textarea
          id={id('reason')}
          name="reason"
          rows={2}
          defaultValue={val.reason ?? ''}
          aria-invalid={!!f.reason}
          aria-describedby={f.reason ? id('reason-error') : undefined}
        />
        {err('reason')}
      </div>
      <fieldset>
        <legend>{text.order}</legend>
        <div>
          <input
            type="radio"
            id={id('choice-existing')}
            name="orderChoice"
            value="existing"
            defaultChecked={choice === 'existing'}
            disabled={orders.length === 0}
          />{' '}
          <label htmlFor={id('choice-existing')}>{text.useExisting}</label>
        </div>
        {orders.length === 0 ? (
          <p className="muted">{text.noOrders}</p>
        ) : (
          <div className="field">
            <label htmlFor={id('orderId')}>{text.useExisting}</label>
            <select
              id={id('orderId')}
              name="orderId"
              defaultValue={val.orderId ?? ''}
              aria-invalid={!!f.orderId}
              aria-describedby={f.orderId ? id('orderId-error') : undefined}
            >
              <option value="">{text.chooseOrder}</option>
              {orders.map((o) => (
                <option key={o.id} value={o.id}>
                  {formatOrder(o)} «{o.title}»
                </option>
              ))}
            </select>
            {err('orderId')}
          </div>
        )}
        <div>
          <input type="radio" id={id('choice-new')} name="orderChoice" value="new" defaultChecked={choice === 'new'} />{' '}
          <label htmlFor={id('choice-new')}>{text.useNew}</label>
        </div>
        <div className="field">
          <label htmlFor={id('orderNumber')}>{text.orderNumber}</label>
          <input id={id('orderNumber')} name="orderNumber" defaultValue={val.orderNumber ?? ''} aria-describedby={f.orderNumber ? id('orderNumber-error') : undefined} />
          {err('orderNumber')}
        </div>
        <div className="field">
          <label htmlFor={id('orderDate')}>{text.orderDate}</label>
          <input id={id('orderDate')} name="orderDate" type="date" defaultValue={val.orderDate ?? ''} aria-describedby={f.orderDate ? id('orderDate-error') : undefined} />
          {err('orderDate')}
        </div>
        <div className="field">
          <label htmlFor={id('orderTitle')}>{text.orderTitle}</label>
          <input id={id('orderTitle')} name="orderTitle" defaultValue={val.orderTitle ?? text.orderTitleDefault} aria-describedby={f.orderTitle ? id('orderTitle-error') : undefined} />
          {err('orderTitle')}
        </div>
        {err('orderChoice')}
      </fieldset>
      <button type="submit" disabled={busy} className={event === 'EXCLUDE' ? 'danger' : undefined}>
        {memberEventLabels[event]}
      </button>
    </Form>
  )
}

export default function MemberPage() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const m = d.member
  const v: Values = a?.values ?? {}
  const fields = a?.error.fields ?? {}

  return (
    <>
      <p>
        <Link to={`/members?region=${m.regionId}`}>{text.back}</Link>
        {' · '}
        <Link to={`/people/${m.personId}/consents`}>{text.consents}</Link>
      </p>
      <h1>{m.fullName}</h1>
      <p>
        {text.state}:{' '}
        <strong className="badge" data-state={m.state}>
          {memberStateLabels[m.state] ?? m.state}
        </strong>
      </p>
      <dl className="facts">
        <dt>{text.workplace}</dt>
        <dd>{m.organisationName ?? '—'}</dd>
        <dt>{text.position}</dt>
        <dd>{m.position || '—'}</dd>
        <dt>{text.subjects}</dt>
        <dd>{m.subjects.join(', ') || '—'}</dd>
        <dt>{text.municipality}</dt>
        <dd>{m.municipalityName ?? '—'}</dd>
        <dt>{text.public}</dt>
        <dd>{m.public ? text.publicYes : text.publicNo}</dd>
        <dt>{text.admitted}</dt>
        <dd>{m.admittedOrder ? formatOrder(m.admittedOrder) : '—'}</dd>
        <dt>{text.term}</dt>
        <dd>{m.termEndsOn ? formatDate(m.termEndsOn) : '—'}</dd>
        {m.changedOrder ? (
          <>
            <dt>{text.lastChange}</dt>
            <dd>
              {formatOrder(m.changedOrder)}
              {m.changeReason ? `: ${m.changeReason}` : ''}
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="actions">
        <h2 id="actions">{text.actions}</h2>
        {d.events.length === 0 ? <p className="muted">{text.noActions}</p> : <p>{text.actionsHint}</p>}
        {d.events.map((e) => (
          <EventForm
            key={e}
            event={e}
            orders={d.orders}
            rowVersion={m.rowVersion}
            values={v}
            fields={fields}
            message={a?.error && !a.error.fields ? a.error.message : null}
            busy={busy}
          />
        ))}
      </section>

      <section aria-labelledby="history">
        <h2 id="history">{text.history}</h2>
        {d.history.length === 0 ? <p className="muted">{text.noHistory}</p> : null}
        <ol className="timeline">
          {d.history.map((h) => (
            <li key={h.id}>
              <span className="muted">{formatDateTime(h.at, d.timeZone)}</span> — {memberAuditLabels[h.action] ?? h.action}
              {h.toState && h.toState !== h.fromState ? ` → ${memberStateLabels[h.toState] ?? h.toState}` : ''}
              {h.order ? ` (приказ ${formatOrder(h.order)} «${h.order.title}»)` : ''}
              {h.actorName ? <span className="muted"> — {h.actorName}</span> : null}
              {h.reason ? <div>«{h.reason}»</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}
