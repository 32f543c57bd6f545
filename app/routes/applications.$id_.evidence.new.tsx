import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { addEvidence, evidenceUploadContext } from '~/domain/evidence.server'
import { EVIDENCE_ACCEPT, evidenceUploadSchema, precheckEvidence } from '~/model/inputs/application'
import { readMultipart, tooLargeData } from '~/http/application-post.server'
import { fieldErrors, type FieldErrors } from '~/model/inputs/login'
import { attempt, idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { applicationStateLabels } from '~/model/labels'

const text = {
  title: 'Добавить документ',
  lead: (name: string, state: string) => `Заявление: ${name} (${state}).`,
  needsInfo: 'Комиссия запросила сведения. Загрузите документы, затем на странице заявления нажмите «Сведения представлены» — заявление вернётся на проверку.',
  fact: 'Что подтверждает документ',
  chooseFact: '— выберите —',
  file: 'Файл (PDF, JPEG или PNG, не более 5 МБ)',
  upload: 'Загрузить',
  busy: 'Загрузка…',
  uploaded: 'Уже загружено',
  none: 'Документов пока нет.',
  back: 'К заявлению',
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
  if (!body.ok) return tooLargeData(body.field)
  const file = body.files.find((f) => f.field === 'file') ?? null
  return attempt(async () => {
    await addEvidence(actor, id, String(body.fd.get('fact') ?? ''), file)
    return redirect(`/applications/${id}`)
  })
}

export default function NewEvidence() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [clientErrors, setClientErrors] = useState<FieldErrors>({})
  // Field errors next to their fields; a refusal of the whole upload above the form.
  const refused = actionData?.error
  const errors: FieldErrors = { ...(refused ? (refused.fields ?? { form: refused.message }) : {}), ...clientErrors }
  return (
    <>
      <p>
        <Link to={`/applications/${d.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title}</h1>
      <p>{text.lead(d.fullName, applicationStateLabels[d.state] ?? d.state)}</p>
      {d.state === 'needsInformation' ? <p className="card">{text.needsInfo}</p> : null}
      <div aria-live="polite">
        {errors.form ? (
          <p className="alert" role="alert">
            {errors.form}
          </p>
        ) : null}
      </div>
      <Form
        method="post"
        encType="multipart/form-data"
        noValidate
        onSubmit={(e) => {
          const fd = new FormData(e.currentTarget)
          const parsed = evidenceUploadSchema(d.facts.map((f) => f.fact)).safeParse({ fact: String(fd.get('fact') ?? '') })
          const found: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
          const file = fd.get('file')
          if (!(file instanceof File) || (file.size === 0 && file.name === '')) found.file = 'Выберите файл'
          else {
            const problem = precheckEvidence(file.name, file.size)
            if (problem) found.file = problem
          }
          setClientErrors(found)
          if (Object.keys(found).length > 0) e.preventDefault()
        }}
      >
        <div className="field">
          <label htmlFor="fact">{text.fact}</label>
          <select id="fact" name="fact" defaultValue="" required aria-invalid={errors.fact ? true : undefined} aria-describedby={errors.fact ? 'fact-error' : undefined}>
            <option value="">{text.chooseFact}</option>
            {d.facts.map((f) => (
              <option key={f.fact} value={f.fact}>
                {f.label}
              </option>
            ))}
          </select>
          {errors.fact ? (
            <span id="fact-error" className="error">
              {errors.fact}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="file">{text.file}</label>
          <input id="file" name="file" type="file" accept={EVIDENCE_ACCEPT} required aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? 'file-error' : undefined} />
          {errors.file ? (
            <span id="file-error" className="error">
              {errors.file}
            </span>
          ) : null}
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
              {d.facts.find((f) => f.fact === e.fact)?.label ?? e.fact}: <a href={`/applications/${d.id}/evidence/${e.id}`}>{e.fileName}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
