import { getFormProps, getTextareaProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { FormReply } from '~/http/form.server'
import { appealDecisionLabels, appealStateLabels } from '~/model/appeals'
import { EVIDENCE_ACCEPT } from '~/model/inputs/application'
import { appealFileSchema, appealWithdrawSchema } from '~/model/inputs/appeals'
import { formatDate, formatDateTime } from '~/model/labels'
import { Confirmable } from '~/ui/confirm'
import { checkEvidenceSize, ErrorList, FormErrors, SubmitButton, useSchemaForm } from '~/ui/form'
import type { PageData } from './route'

// Appeals on the application page (issue 10 §5): the filing form while the
// period is open (or when it ended), then each appeal with its state, its
// meeting and the commission's decision.

export const appealText = {
  title: 'Апелляция',
  lead: (lastDay: string, days: number) =>
    `Если вы не согласны с решением, подайте апелляцию до ${lastDay} включительно (${days} рабочих дней после решения, по местному времени региона). Её рассмотрит отборочная комиссия на заседании.`,
  over: (lastDay: string) => `Срок подачи апелляции на это решение истёк ${lastDay}.`,
  body: 'Доводы апелляции',
  bodyHint: 'Почему вы не согласны с решением; на что комиссии обратить внимание.',
  files: 'Документы (PDF, JPEG или PNG, до 5 МБ каждый)',
  submit: 'Подать апелляцию',
  busy: 'Отправка…',
  against: (decision: string) => `На решение ${decision}`,
  filedAt: 'Подана',
  state: 'Состояние',
  meeting: 'Заседание комиссии',
  protocol: (n: number) => `протокол № ${n}`,
  decision: 'Решение комиссии',
  reason: 'Основание',
  documents: 'Документы апелляции',
  withdraw: 'Отозвать апелляцию',
  withdrawQuestion: 'Отозвать апелляцию? Подать её снова на это решение будет нельзя.',
  withdrawYes: 'Да, отозвать',
}

type Props = { d: PageData; lastResult: FormReply | undefined }

export function AppealSection({ d, lastResult }: Props) {
  const { period, appeals } = d.appeal
  if (!period && appeals.length === 0) return null
  return (
    <section className="card" aria-labelledby="appeal">
      <h2 id="appeal">{appealText.title}</h2>
      {period ? (
        period.open ? (
          <>
            <p>{appealText.lead(formatDate(period.lastDay, d.timeZone), period.days)}</p>
            <FileAppeal lastResult={lastResult} />
          </>
        ) : (
          <p className="muted">{appealText.over(formatDate(period.lastDay, d.timeZone))}</p>
        )
      ) : null}
      {appeals.map((a) => (
        <Appeal key={a.id} a={a} d={d} lastResult={lastResult} />
      ))}
    </section>
  )
}

function FileAppeal({ lastResult }: { lastResult: FormReply | undefined }) {
  const [form, fields] = useSchemaForm(appealFileSchema, { id: 'appeal-file', lastResult, intent: 'appeal' })
  const filesError = lastResult?.form === 'appeal' ? lastResult.error?.files : undefined
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="appeal" />
      <div className="field">
        <label htmlFor={fields.body.id}>{appealText.body}</label>
        <textarea {...getTextareaProps(fields.body, { ariaDescribedBy: fields.body.descriptionId })} rows={5} />
        <span id={fields.body.descriptionId} className="muted">
          {appealText.bodyHint}
        </span>
        <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
      </div>
      <div className="field">
        <label htmlFor="appeal-files">{appealText.files}</label>
        <input id="appeal-files" name="appealFiles" type="file" multiple accept={EVIDENCE_ACCEPT} onChange={checkEvidenceSize} aria-invalid={filesError ? true : undefined} aria-describedby={filesError ? 'appeal-files-error' : undefined} />
        <ErrorList id="appeal-files-error" errors={filesError} all />
      </div>
      <SubmitButton label={appealText.submit} busyLabel={appealText.busy} />
    </Form>
  )
}

function Appeal({ a, d, lastResult }: { a: PageData['appeal']['appeals'][number]; d: PageData; lastResult: FormReply | undefined }) {
  const [form] = useSchemaForm(appealWithdrawSchema, { id: `appeal-withdraw-${a.id}`, lastResult, intent: 'withdrawAppeal' })
  const final = a.state === 'upheld' || a.state === 'dismissed'
  return (
    <article className="appeal" aria-label={appealText.against(appealDecisionLabels[a.decisionState])}>
      <h3>{appealText.against(appealDecisionLabels[a.decisionState])}</h3>
      <dl className="facts">
        <dt>{appealText.filedAt}</dt>
        <dd>{formatDateTime(a.createdAt, d.timeZone)}</dd>
        <dt>{appealText.state}</dt>
        <dd>
          <strong className="badge" data-state={a.state}>
            {appealStateLabels[a.state]}
          </strong>
        </dd>
        {a.meetingAt && (a.state === 'onAgenda' || final) ? (
          <>
            <dt>{appealText.meeting}</dt>
            <dd>
              {formatDateTime(a.meetingAt, d.timeZone)}
              {a.protocolNumber != null ? `, ${appealText.protocol(a.protocolNumber)}` : ''}
            </dd>
          </>
        ) : null}
        {final && a.decision ? (
          <>
            <dt>{a.state === 'dismissed' ? appealText.reason : appealText.decision}</dt>
            <dd>{a.decision}</dd>
          </>
        ) : null}
      </dl>
      <blockquote>{a.body}</blockquote>
      {a.documents.length > 0 ? (
        <>
          <p>{appealText.documents}:</p>
          <ul>
            {a.documents.map((e) => (
              <li key={e.id}>
                {a.documentsReadable ? <a href={`/applications/${d.id}/evidence/${e.id}`}>{e.fileName}</a> : e.fileName}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {a.canWithdraw ? (
        <div className="event-form">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Confirmable
            confirmKey={`withdraw-appeal-${a.id}`}
            label={appealText.withdraw}
            question={appealText.withdrawQuestion}
            confirmLabel={appealText.withdrawYes}
            fields={{ intent: 'withdrawAppeal', appealId: a.id }}
            danger
          />
        </div>
      ) : null}
    </article>
  )
}
