import { getFormProps } from '@conform-to/react'
import { Form, useSearchParams } from '@remix-run/react'
import { rescheduleSchema } from '~/model/inputs/commission'
import { allErrors, replyFor, type Reply } from '~/ui/action-button'
import { Confirmable } from '~/ui/confirm'
import { FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'
import { text } from './text'

// Correcting a meeting not yet closed: its date, time and place (typed in the
// region's wall clock, as when it was created), and deleting one created by
// mistake while nothing of it is recorded.

export function Schedule({ heldAt, place, zoneLabel, canDelete, reply }: { heldAt: string; place: string; zoneLabel: string; canDelete: boolean; reply: Reply }) {
  const [form, fields] = useSchemaForm(rescheduleSchema, { id: 'reschedule', lastResult: reply, intent: 'reschedule', defaultValue: { heldAt, place } })
  const refused = replyFor(reply, 'deleteMeeting')
  // open while the secretary is at it: a refused form, or the deletion's confirmation step
  const asking = useSearchParams()[0].get('confirm') === 'delete-meeting'
  return (
    <details className="card no-print" open={reply?.form === 'reschedule' || !!refused || asking}>
      <summary>{text.edit}</summary>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="reschedule" />
        <InputField meta={fields.heldAt} label={text.heldAt(zoneLabel)} type="datetime-local" />
        <InputField meta={fields.place} label={text.place} type="text" />
        <SubmitButton label={text.saveSchedule} busyLabel={`${text.saveSchedule}…`} />
      </Form>
      <FormErrors errors={refused ? allErrors(refused.error ?? undefined) : null} />
      {canDelete ? (
        <Confirmable confirmKey="delete-meeting" label={text.deleteMeeting} question={text.deleteQuestion} confirmLabel={text.deleteConfirm} fields={{ intent: 'deleteMeeting' }} danger />
      ) : (
        <p className="muted">{text.cannotDelete}</p>
      )}
    </details>
  )
}
