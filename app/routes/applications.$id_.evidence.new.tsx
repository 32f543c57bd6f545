import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps, getSelectProps } from '@conform-to/react'
import { addEvidence, evidenceUploadContext } from '~/domain/evidence.server'
import { EVIDENCE_ACCEPT, evidenceMessages } from '~/model/inputs/application'
import { evidenceFormSchema } from '~/model/inputs/application-page'
import { readMultipart } from '~/http/application-post.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm, parseSubmission, refused } from '~/http/form.server'
import { requireSignedIn } from '~/http/session.server'
import { applicationStateLabels } from '~/model/labels'
import { checkEvidenceSize, ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { AppError } from '../../workflows/errors'

const text = {
  title: 'Добавить документ',
  lead: (name: string, state: string) => `Заявление: ${name} (этап: «${state}»).`,
  needsInfo: 'Комиссия запросила сведения. Ответить на запрос и приложить к ответу документы можно на странице заявления.',
  fact: 'Что подтверждает документ',
  chooseFact: '— выберите —',
  file: 'Файл (PDF, JPEG или PNG, не более 5 МБ)',
  upload: 'Загрузить',
  busy: 'Загрузка…',
  uploaded: 'Уже загружено',
  none: 'Документов пока нет.',
  back: 'К заявлению',
  done: 'Документ загружен.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return orErrorPage(evidenceUploadContext(actor, idParam(params.id)))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const body = await readMultipart(request)
  if (!body.ok) {
    return refused(await parseSubmission(new FormData(), evidenceFormSchema), new AppError('FILE_TOO_LARGE', 413, evidenceMessages.tooLarge, { fields: { file: evidenceMessages.tooLarge } }))
  }
  const fields = new FormData()
  fields.set('fact', String(body.fd.get('fact') ?? ''))
  const file = body.files.find((f) => f.field === 'file') ?? null
  return handleForm(fields, evidenceFormSchema, (v) => addEvidence(actor, id, v.fact, file).then(() => redirectWithFlash(`/applications/${id}`, text.done)))
}

export default function NewEvidence() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(evidenceFormSchema, { id: 'evidence', lastResult })
  // The file is checked by the server (its bytes); its error comes back under the field's name.
  const fileError = lastResult?.error?.file
  return (
    <>
      <p>
        <Link to={`/applications/${d.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title}</h1>
      <p>{text.lead(d.fullName, applicationStateLabels[d.state])}</p>
      {d.state === 'needsInformation' ? <p className="card">{text.needsInfo}</p> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <div className="field">
          <label htmlFor={fields.fact.id}>{text.fact}</label>
          <select {...getSelectProps(fields.fact)}>
            <option value="">{text.chooseFact}</option>
            {d.facts.map((f) => (
              <option key={f.fact} value={f.fact}>
                {f.label}
              </option>
            ))}
          </select>
          <ErrorList id={fields.fact.errorId} errors={fields.fact.errors} />
        </div>
        <div className="field">
          <label htmlFor="file">{text.file}</label>
          <input id="file" name="file" type="file" accept={EVIDENCE_ACCEPT} onChange={checkEvidenceSize} required aria-invalid={fileError ? true : undefined} aria-describedby={fileError ? 'file-error' : undefined} />
          <ErrorList id="file-error" errors={fileError} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? text.busy : text.upload}
        </button>
      </Form>
      <h2>{text.uploaded}</h2>
      {d.evidence.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <ul>
          {d.evidence.map((e) => (
            <li key={e.id}>
              {d.facts.find((f) => f.fact === e.fact)?.label}: <a href={`/applications/${d.id}/evidence/${e.id}`}>{e.fileName}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
