import { Form } from '@remix-run/react'
import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { useMemo } from 'react'
import { activityLevelLabels, activityLevels } from '~/model/activity'
import { activitySchemaFor } from '~/model/inputs/activity'
import { EVIDENCE_ACCEPT } from '~/model/inputs/application'
import { ErrorList, FormErrors, InputField, SelectField, useSchemaForm } from '~/ui/form'

// The member's record of methodological work: the same form makes a new
// record and corrects a draft or a returned one. Multipart, for the file.

export const activityFormText = {
  kind: 'Вид работы',
  choose: '— выберите —',
  heldOn: 'Дата проведения',
  level: 'Уровень',
  audience: 'Число участников (слушателей)',
  description: 'Краткое описание: тема, для кого, где проводилось',
  evidenceFile: 'Подтверждающий документ (PDF, JPEG или PNG, не более 5 МБ)',
  evidenceFileKept: (name: string) => `Уже приложен: ${name}. Новый файл заменит его.`,
  evidenceUrl: 'или ссылка на материал (страница мероприятия, публикация)',
  evidenceHint: 'Для отправки на подтверждение нужен документ или ссылка.',
  save: 'Сохранить черновик',
  submit: 'Отправить на подтверждение',
  busy: 'Сохранение…',
}
const t = activityFormText

export type ActivityDefaults = { kind: string; heldOn: string; level: string; audience: number; description: string; evidenceUrl: string | null; rowVersion: number }

/** `kinds`: the region's catalogue (code and label), as the action checks them. */
export function ActivityForm({ lastResult, defaults, fileName, busy, kinds }: { lastResult: unknown; defaults?: ActivityDefaults; fileName?: string | null; busy: boolean; kinds: { code: string; label: string }[] }) {
  const schema = useMemo(() => activitySchemaFor(kinds.map((k) => k.code)), [kinds])
  const [form, f] = useSchemaForm(schema, {
    id: 'activity',
    lastResult: lastResult as never,
    defaultValue: defaults ? { ...defaults, audience: String(defaults.audience), evidenceUrl: defaults.evidenceUrl ?? '', rowVersion: String(defaults.rowVersion) } : undefined,
  })
  const fileError = (lastResult as { error?: Record<string, string[]> } | undefined)?.error?.evidenceFile
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {defaults ? <input {...getInputProps(f.rowVersion, { type: 'hidden' })} /> : null}
      <SelectField meta={f.kind} label={t.kind} placeholder={t.choose} options={kinds.map((k) => ({ value: k.code, label: k.label }))} />
      <InputField meta={f.heldOn} label={t.heldOn} type="date" />
      <SelectField meta={f.level} label={t.level} placeholder={t.choose} options={activityLevels.map((l) => ({ value: l, label: activityLevelLabels[l] }))} />
      <InputField meta={f.audience} label={t.audience} type="number" min={0} inputMode="numeric" />
      <div className="field">
        <label htmlFor={f.description.id}>{t.description}</label>
        <textarea {...getTextareaProps(f.description)} rows={4} />
        <ErrorList id={f.description.errorId} errors={f.description.errors} />
      </div>
      <fieldset>
        <legend>{t.evidenceHint}</legend>
        <div className="field">
          <label htmlFor="evidenceFile">{t.evidenceFile}</label>
          <input id="evidenceFile" name="evidenceFile" type="file" accept={EVIDENCE_ACCEPT} aria-invalid={fileError ? true : undefined} aria-describedby={fileError ? 'evidenceFile-error' : undefined} />
          {fileName ? <span className="muted">{t.evidenceFileKept(fileName)}</span> : null}
          <ErrorList id="evidenceFile-error" errors={fileError} all />
        </div>
        <InputField meta={f.evidenceUrl} label={t.evidenceUrl} type="url" />
      </fieldset>
      <p className="actions">
        <button type="submit" name="intent" value="submit" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>{' '}
        <button type="submit" name="intent" value="save" className="secondary" disabled={busy}>
          {t.save}
        </button>
      </p>
    </Form>
  )
}
