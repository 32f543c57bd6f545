import { TERM_END_GROUND } from '~/model/leaving-grounds'
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { irreversibleMemberEvents, memberChangeFormSchema, memberEventsWithGround, type MemberEventType } from '~/model/inputs/coordinator'
import { formatOrder } from '~/model/inputs/orders'
import { memberEventLabels } from '~/model/labels'
import { detached, replyFor, type Reply } from '~/ui/action-button'
import { Confirmable } from '~/ui/confirm'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { text } from './text'

// One change of the composition, made by an order (existing or new). An
// exclusion or the end of a term cannot be undone: those go through the
// confirmation step, which asks for the reason and the order at its last step.

type Order = { id: number; number: string; date: string; title: string }
type Ground = { code: string; label: string }

export function EventForm({
  event,
  name,
  orders,
  grounds,
  rowVersion,
  reply,
}: {
  event: MemberEventType
  name: string
  orders: Order[]
  grounds: Ground[]
  rowVersion: number
  reply: Reply
}) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(memberChangeFormSchema, {
    id: `change-${event}`,
    lastResult: replyFor(reply, event),
    intent: event,
    defaultValue: { orderChoice: orders.length > 0 ? 'existing' : 'new', orderTitle: text.orderTitleDefault },
  })
  const needsGround = memberEventsWithGround.includes(event)
  const hidden = { intent: event, event, rowVersion }
  const inputs = (
    <>
      {needsGround ? (
        <div className="field">
          <label htmlFor={fields.ground.id}>{text.ground}</label>
          <select {...detached(getSelectProps(fields.ground))}>
            <option value="">{text.chooseGround}</option>
            {grounds.filter((g) => g.code !== TERM_END_GROUND).map((g) => (
              <option key={g.code} value={g.code}>
                {g.label}
              </option>
            ))}
          </select>
          <ErrorList id={fields.ground.errorId} errors={fields.ground.errors} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={fields.reason.id}>{needsGround ? text.comment : text.reasonOptional}</label>
        <textarea {...detached(getTextareaProps(fields.reason))} rows={2} />
        <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <fieldset>
        <legend>{text.order}</legend>
        <div>
          <input {...detached(getInputProps(fields.orderChoice, { type: 'radio', value: 'existing' }))} id={`${fields.orderChoice.id}-existing`} disabled={orders.length === 0} />{' '}
          <label htmlFor={`${fields.orderChoice.id}-existing`}>{text.useExisting}</label>
        </div>
        {orders.length === 0 ? (
          <p className="muted">{text.noOrders}</p>
        ) : (
          <div className="field">
            <label htmlFor={fields.orderId.id}>{text.useExisting}</label>
            <select {...detached(getSelectProps(fields.orderId))}>
              <option value="">{text.chooseOrder}</option>
              {orders.map((o) => (
                <option key={o.id} value={o.id}>
                  {formatOrder(o)} «{o.title}»
                </option>
              ))}
            </select>
            <ErrorList id={fields.orderId.errorId} errors={fields.orderId.errors} />
          </div>
        )}
        <div>
          <input {...detached(getInputProps(fields.orderChoice, { type: 'radio', value: 'new' }))} id={`${fields.orderChoice.id}-new`} />{' '}
          <label htmlFor={`${fields.orderChoice.id}-new`}>{text.useNew}</label>
        </div>
        {(['orderNumber', 'orderDate', 'orderTitle'] as const).map((key) => (
          <div className="field" key={key}>
            <label htmlFor={fields[key].id}>{text[key]}</label>
            <input {...detached(getInputProps(fields[key], { type: key === 'orderDate' ? 'date' : 'text' }))} />
            <ErrorList id={fields[key].errorId} errors={fields[key].errors} />
          </div>
        ))}
        <ErrorList id={fields.orderChoice.errorId} errors={fields.orderChoice.errors} />
      </fieldset>
      <ErrorList id={fields.confirmed.errorId} errors={fields.confirmed.errors} />
    </>
  )

  if (irreversibleMemberEvents.includes(event)) {
    return (
      <div className="card">
        <h3>{memberEventLabels[event]}</h3>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Confirmable
          confirmKey={event.toLowerCase()}
          label={memberEventLabels[event]}
          question={text.confirmQuestion[event](name)}
          confirmLabel={text.confirmLabel[event]}
          fields={hidden}
          danger
        >
          {inputs}
        </Confirmable>
      </div>
    )
  }
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h3>{memberEventLabels[event]}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {inputs}
      <button type="submit" disabled={busy}>
        {memberEventLabels[event]}
      </button>
    </Form>
  )
}
