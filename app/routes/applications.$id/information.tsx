import { getFormProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import type { FormReply } from '~/http/form.server'
import { factCatalog, type FactKey } from '~/model/eligibility'
import { EVIDENCE_ACCEPT } from '~/model/inputs/application'
import { replySchema } from '~/model/inputs/application-page'
import { formatDate, formatDateTime } from '~/model/labels'
import { checkEvidenceSize, ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import type { PageData } from './route'
import { text } from './text'

// Requests for information and the replies, as one thread that both sides
// read; the open request comes first, with its deadline and, for the
// applicant, the reply form right under it.

type Props = { d: PageData; lastResult: FormReply | undefined }
type Entry = PageData['thread'][number]

export function InformationRequests({ d, lastResult }: Props) {
  const open = d.openRequest
  const answered = d.thread.filter((r) => r.repliedAt !== null).reverse()
  return (
    <section aria-labelledby="info-requests" className={open ? 'card info-request open' : 'info-request'}>
      <h2 id="info-requests">{open ? text.info.open : text.info.title}</h2>
      {open ? (
        <>
          <Request entry={open} timeZone={d.timeZone} />
          {open.replyBy ? (
            <p className="deadline">{(open.overdue ? text.info.overdue : text.info.replyBy)(formatDate(open.replyBy, d.timeZone))}</p>
          ) : null}
          {d.canReply ? (
            <>
              <p className="muted">{text.info.openLead}</p>
              <ReplyForm d={d} lastResult={lastResult} />
            </>
          ) : (
            <p className="muted">{text.info.waiting}</p>
          )}
        </>
      ) : null}
      {answered.length > 0 ? (
        <ol className="thread" aria-label={text.info.title}>
          {answered.map((r) => (
            <li key={r.id}>
              <Request entry={r} timeZone={d.timeZone} />
              <Reply entry={r} applicationId={d.id} timeZone={d.timeZone} linked={d.documentsReadable} />
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}

function Request({ entry, timeZone }: { entry: Entry; timeZone: string }) {
  return (
    <div className="thread-request">
      <p className="muted">
        {text.info.asked} · {text.info.from(entry.requestedByName ?? text.info.secretary, formatDateTime(entry.requestedAt, timeZone))}
      </p>
      <blockquote>{entry.message}</blockquote>
    </div>
  )
}

function Reply({ entry, applicationId, timeZone, linked }: { entry: Entry; applicationId: number; timeZone: string; linked: boolean }) {
  if (!entry.repliedAt) return null
  return (
    <div className="thread-reply">
      <p className="muted">
        {text.info.answered} · {text.info.from(entry.repliedByName ?? text.info.applicant, formatDateTime(entry.repliedAt, timeZone))}
      </p>
      {entry.reply ? <blockquote>{entry.reply}</blockquote> : <p className="muted">{text.info.noText}</p>}
      {entry.documents.length > 0 ? (
        <>
          <p>{text.info.documents}:</p>
          <ul>
            {entry.documents.map((e) => (
              <li key={e.id}>
                {factCatalog[e.fact as FactKey]?.label}: {linked ? <a href={`/applications/${applicationId}/evidence/${e.id}`}>{e.fileName}</a> : e.fileName}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}

function ReplyForm({ d, lastResult }: Props) {
  const [form, fields] = useSchemaForm(replySchema, { id: 'reply', lastResult, intent: 'reply' })
  const busy = useNavigation().state === 'submitting'
  const filesError = lastResult?.form === 'reply' ? lastResult.error?.files : undefined
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="rowVersion" value={d.rowVersion} />
      <div className="field">
        <label htmlFor={fields.reply.id}>{text.reply.text}</label>
        <textarea {...getTextareaProps(fields.reply, { ariaDescribedBy: fields.reply.descriptionId })} rows={4} />
        <span id={fields.reply.descriptionId} className="muted">
          {text.reply.textHint}
        </span>
        <ErrorList id={fields.reply.errorId} errors={fields.reply.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.fact.id}>{text.reply.fact}</label>
        <select {...getSelectProps(fields.fact)}>
          <option value="">{text.reply.chooseFact}</option>
          {d.replyFacts.map((f) => (
            <option key={f.fact} value={f.fact}>
              {f.label}
            </option>
          ))}
        </select>
        <ErrorList id={fields.fact.errorId} errors={fields.fact.errors} />
      </div>
      <div className="field">
        <label htmlFor="reply-files">{text.reply.files}</label>
        <input id="reply-files" name="files" type="file" multiple accept={EVIDENCE_ACCEPT} onChange={checkEvidenceSize} aria-invalid={filesError ? true : undefined} aria-describedby={filesError ? 'reply-files-error' : undefined} />
        <ErrorList id="reply-files-error" errors={filesError} all />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? text.reply.busy : text.reply.submit}
      </button>
    </Form>
  )
}
