import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { Form, Link, useNavigation } from '@remix-run/react'
import type { FormReply } from '~/http/form.server'
import { ineligibleSchema, plainEventSchema, requestInfoSchema, withdrawSchema, type PlainEventIntent } from '~/model/inputs/application-page'
import { Confirmable } from '~/ui/confirm'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import type { PageData } from './route'
import { text } from './text'

// The buttons the machine offers this person now. A button that cannot
// succeed is shown disabled with its reason beside it, never pressed into a
// refusal.

type Props = { d: PageData; lastResult: FormReply | undefined }

export function ActionsCard({ d, lastResult }: Props) {
  const any = d.plainEvents.length > 0 || d.canRequestInfo || d.canMarkIneligible || d.canWithdraw
  // The appeal card above may offer the only action (file or withdraw an
  // appeal): then «no actions for you» would be false, and the card is left out.
  const appealOffers = Boolean(d.appeal.period?.open) || d.appeal.appeals.some((a) => a.canWithdraw)
  if (!any && appealOffers) return null
  return (
    <section className="card" aria-labelledby="actions">
      <h2 id="actions">{text.actions.title}</h2>
      {d.reapplyCampaignId !== null ? (
        <>
          <p>{text.actions.reapplyHint}</p>
          <p>
            <Link to={`/apply/${d.reapplyCampaignId}`} className="button">
              {text.actions.reapply}
            </Link>
          </p>
        </>
      ) : !any ? (
        <p className="muted">{text.actions.none}</p>
      ) : null}
      {d.plainEvents.map((e) => (
        <PlainEvent key={e.intent} intent={e.intent} blocked={e.blocked} rowVersion={d.rowVersion} lastResult={lastResult} />
      ))}
      {d.canRequestInfo ? <RequestInfo rowVersion={d.rowVersion} lastResult={lastResult} /> : null}
      {d.canMarkIneligible ? <MarkIneligible rowVersion={d.rowVersion} lastResult={lastResult} /> : null}
      {d.canWithdraw ? <Withdraw rowVersion={d.rowVersion} lastResult={lastResult} /> : null}
    </section>
  )
}

function PlainEvent({ intent, blocked, rowVersion, lastResult }: { intent: PlainEventIntent; blocked: string | null; rowVersion: number; lastResult: FormReply | undefined }) {
  const [form] = useSchemaForm(plainEventSchema, { id: `event-${intent}`, lastResult, intent })
  const busy = useNavigation().state === 'submitting'
  const reasonId = `${form.id}-blocked`
  return (
    <Form method="post" className="event-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="rowVersion" value={rowVersion} />
      <button type="submit" disabled={busy || blocked !== null} aria-describedby={blocked ? reasonId : undefined}>
        {text.actions.plain[intent]}
      </button>
      {blocked ? (
        <p id={reasonId} className="muted blocked-reason">
          {blocked}
        </p>
      ) : null}
    </Form>
  )
}

function RequestInfo({ rowVersion, lastResult }: { rowVersion: number; lastResult: FormReply | undefined }) {
  const [form, fields] = useSchemaForm(requestInfoSchema, { id: 'request-info', lastResult, intent: 'requestInfo' })
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" className="event-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="requestInfo" />
      <input type="hidden" name="rowVersion" value={rowVersion} />
      <div className="field">
        <label htmlFor={fields.message.id}>{text.actions.requestMessage}</label>
        <textarea {...getTextareaProps(fields.message)} rows={3} />
        <ErrorList id={fields.message.errorId} errors={fields.message.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.replyBy.id}>{text.actions.replyBy}</label>
        <input {...getInputProps(fields.replyBy, { type: 'date', ariaDescribedBy: fields.replyBy.descriptionId })} />
        <span id={fields.replyBy.descriptionId} className="muted">
          {text.actions.replyByHint}
        </span>
        <ErrorList id={fields.replyBy.errorId} errors={fields.replyBy.errors} />
      </div>
      <button type="submit" disabled={busy}>
        {text.actions.requestInfo}
      </button>
    </Form>
  )
}

function MarkIneligible({ rowVersion, lastResult }: { rowVersion: number; lastResult: FormReply | undefined }) {
  const [form, fields] = useSchemaForm(ineligibleSchema, { id: 'ineligible', lastResult, intent: 'ineligible' })
  const busy = useNavigation().state === 'submitting'
  return (
    <Form method="post" className="event-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="ineligible" />
      <input type="hidden" name="rowVersion" value={rowVersion} />
      <div className="field">
        <label htmlFor={fields.reasons.id}>{text.actions.ineligibleReasons}</label>
        <textarea {...getTextareaProps(fields.reasons)} rows={3} />
        <ErrorList id={fields.reasons.errorId} errors={fields.reasons.errors} />
      </div>
      <button type="submit" disabled={busy} className="danger">
        {text.actions.ineligible}
      </button>
    </Form>
  )
}

function Withdraw({ rowVersion, lastResult }: { rowVersion: number; lastResult: FormReply | undefined }) {
  const [form] = useSchemaForm(withdrawSchema, { id: 'withdraw', lastResult, intent: 'withdraw' })
  return (
    <div className="event-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Confirmable
        confirmKey="withdraw"
        label={text.actions.withdraw}
        question={text.actions.withdrawQuestion}
        confirmLabel={text.actions.withdrawConfirm}
        fields={{ intent: 'withdraw', rowVersion }}
        danger
      />
    </div>
  )
}
