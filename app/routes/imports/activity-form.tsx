import { Form, useNavigation } from '@remix-run/react'
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { previewFormSchema, UPLOAD_ACCEPT } from '~/model/inputs/imports'
import { ErrorList, SelectField, useSchemaForm } from '~/ui/form'
import { text } from './text'

// The events a region held with their participants (issue 10 §1.3): a file
// for a region, not a campaign, so it has its own form; the same check,
// preview and confirmation follow.

export type ActivityRegion = { id: number; label: string }

export function ActivityUploadForm({ regions, lastResult }: { regions: ActivityRegion[]; lastResult: (SubmissionResult<string[]> & { form?: string }) | null | undefined }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(previewFormSchema, { id: 'import-activity', lastResult, intent: 'activity' })
  const fileHint = `${fields.file.id}-hint`
  return (
    <section aria-labelledby="activity-check" className="card">
      <h2 id="activity-check">{text.activityTitle}</h2>
      <p>{text.activityLead}</p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="activity" />
        <input type="hidden" name="kind" value="activity" />
        {regions.length === 1 ? (
          <input type="hidden" name="regionId" value={regions[0].id} />
        ) : (
          <SelectField meta={fields.regionId} label={text.activityRegion} options={regions.map((r) => ({ value: r.id, label: r.label }))} />
        )}
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
