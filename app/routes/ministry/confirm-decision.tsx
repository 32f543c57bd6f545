import { Confirmable } from '~/ui/confirm'
import { formatOrder } from '~/model/inputs/orders'
import { text } from './text'

export type Asking =
  | { intent: 'approve'; ids: number[]; names: string[]; orderNumber: string; orderDate: string; orderTitle: string }
  | { intent: 'return'; ids: number[]; names: string[]; reason: string }

/** The second step: the whole decision in words, and the form that makes it (`confirmed=yes`). */
export function ConfirmDecision({ hidden, asking }: { hidden: Record<string, number>; asking: Asking }) {
  const approve = asking.intent === 'approve'
  const fields: Record<string, string | number> = approve
    ? { ...hidden, intent: 'approve', orderNumber: asking.orderNumber, orderDate: asking.orderDate, orderTitle: asking.orderTitle }
    : { ...hidden, intent: 'return', reason: asking.reason }
  const question = approve
    ? text.askApprove(asking.ids.length, formatOrder({ number: asking.orderNumber, date: asking.orderDate }), asking.orderTitle)
    : text.askReturn(asking.ids.length)
  return (
    <Confirmable
      confirmKey={asking.intent}
      label={approve ? text.approve : text.return}
      question={question}
      confirmLabel={approve ? text.yesApprove : text.yesReturn}
      fields={fields}
      danger={!approve}
    >
      {asking.names.length ? (
        <p>
          {text.chosen}: {asking.names.join(', ')}.
        </p>
      ) : null}
      {approve ? null : (
        <p>
          {text.reasonGiven}: {asking.reason}
        </p>
      )}
      {asking.ids.map((id) => (
        <input key={id} type="hidden" name="ids" value={id} />
      ))}
    </Confirmable>
  )
}
