import { Form, useNavigation } from '@remix-run/react'
import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from '@conform-to/react'
import { previewFormSchema, UPLOAD_ACCEPT } from '~/model/inputs/imports'
import { campaignStateLabels } from '~/model/labels'
import { ErrorList, useSchemaForm } from '~/ui/form'
import type { KindInfo } from './reference'
import { text } from './text'

export type Scope = {
  label: string
  campaigns: { id: number; title: string; state: string }[]
  municipalities: { id: number; name: string }[]
}

/** The first step: what is loaded, into which campaign, and the file; the server checks it and shows the preview. */
export function UploadForm({ kinds, scopes, lastResult }: { kinds: KindInfo[]; scopes: Scope[]; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(previewFormSchema, { id: 'import-check', lastResult })
  const regional = scopes.filter((s) => s.municipalities.length > 0)
  const municipalityHint = `${fields.municipalityId.id}-hint`
  const fileHint = `${fields.file.id}-hint`
  return (
    <section aria-labelledby="check" className="card">
      <h2 id="check">{text.check}</h2>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <div className="field">
          <label htmlFor={fields.kind.id}>{text.kind}</label>
          <select {...getSelectProps(fields.kind)}>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.campaignId.id}>{text.campaign}</label>
          <select {...getSelectProps(fields.campaignId)}>
            {scopes.map((s) => (
              <optgroup key={s.label} label={s.label}>
                {s.campaigns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title} ({campaignStateLabels[c.state] ?? c.state})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <ErrorList id={fields.campaignId.errorId} errors={fields.campaignId.errors} />
        </div>
        {regional.length ? (
          <div className="field">
            <label htmlFor={fields.municipalityId.id}>{text.municipality}</label>
            <select {...getSelectProps(fields.municipalityId, { ariaDescribedBy: municipalityHint })}>
              <option value="">{text.municipalityAny}</option>
              {regional.map((s) => (
                <optgroup key={s.label} label={s.label}>
                  {s.municipalities.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <span id={municipalityHint} className="muted">
              {text.municipalityHint}
            </span>
            <ErrorList id={fields.municipalityId.errorId} errors={fields.municipalityId.errors} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={fields.file.id}>{text.file}</label>
          <input {...getInputProps(fields.file, { type: 'file', ariaDescribedBy: fileHint })} accept={UPLOAD_ACCEPT} />
          <span id={fileHint} className="muted">
            {text.fileHint}
          </span>
          <ErrorList id={fields.file.errorId} errors={fields.file.errors} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? text.checking : text.check}
        </button>
      </Form>
    </section>
  )
}
