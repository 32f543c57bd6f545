import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, getInputProps } from '@conform-to/react'
import { evaluationSettings, saveEvaluationSettings } from '~/domain/evaluation-catalogue.server'
import { orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireRegion } from '~/http/staff-region.server'
import { activityLevelLabels, activityLevels } from '~/model/activity'
import { monthNames } from '~/model/evaluation'
import { evaluationSettingsSchema } from '~/model/inputs/evaluation'
import { formatDateTime } from '~/model/labels'
import { ErrorList, FormErrors, InputField, SelectField, SubmitButton, useSchemaForm } from '~/ui/form'
import { SettingsNav, settingsHref } from '~/ui/settings-nav'
import { text } from './text'
import { scrollRegion } from '~/ui/table-scroll'

// The coordinator sets the school year's first day and edits the catalogue:
// the points table (a row per kind, a column per level) and the thresholds.
// Saving makes the catalogue's next version (evaluation-catalogue.server.ts).

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

const blankKind = { code: '', label: '', school: '', municipal: '', regional: '', federal: '' }
const blankYears = [{ year: '', value: '' }, { year: '', value: '' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'evaluation:manage')
  const s = await orErrorPage(evaluationSettings(actor, region.id))
  const doc = s.catalogue.document
  return {
    region: { code: region.code, name: region.name },
    choices: choices.map((r) => ({ code: r.code, name: r.name })),
    version: s.catalogue.version,
    source: 'template' in doc.source ? { template: true as const, note: doc.source.note } : { template: false as const, note: [doc.source.document, doc.source.item, doc.source.note].filter(Boolean).join('; ') },
    versions: s.versions.map((v) => text.versionLine(v.version, formatDateTime(v.createdAt, s.timeZone), v.createdByName)),
    kindLabels: doc.kinds.map((k) => k.label),
    values: {
      month: String(s.start.month),
      day: String(s.start.day),
      threshold: String(doc.threshold.default),
      kinds: [...doc.kinds.map((k) => ({ code: k.code, label: k.label, ...Object.fromEntries(activityLevels.map((l) => [l, String(k.points[l])])) })), blankKind],
      years: [...doc.threshold.years.map((y) => ({ year: String(y.year), value: String(y.value) })), ...blankYears],
    },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const { actor, region } = await requireRegion(request, 'evaluation:manage', String(form.get('region') ?? ''))
  return handleForm(form, evaluationSettingsSchema, async (input) => {
    const version = await saveEvaluationSettings(actor, region.id, input)
    return redirectWithFlash(settingsHref('/settings/evaluation', region.code), text.saved(version))
  })
}

export default function EvaluationSettings() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(evaluationSettingsSchema, { id: 'evaluation', lastResult: reply, defaultValue: d.values })
  const kinds = fields.kinds.getFieldList()
  const years = fields.years.getFieldList()
  return (
    <>
      <h1>{text.titleOf(d.region.name)}</h1>
      <SettingsNav region={d.region} choices={d.choices} current="/settings/evaluation" />
      <p>{text.lead}</p>
      <p>
        <strong>{d.source.template ? text.template : `${text.source}:`}</strong> {d.source.note}
      </p>
      <p className="muted">{text.version(d.version)}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="region" value={d.region.code} />
        <fieldset>
          <legend>{text.year}</legend>
          <p className="muted">{text.yearHint}</p>
          <SelectField meta={fields.month} label={text.month} options={monthNames.map((m, i) => ({ value: String(i + 1), label: m }))} />
          <InputField meta={fields.day} label={text.day} type="number" min={1} max={28} inputMode="numeric" />
        </fieldset>
        <InputField meta={fields.threshold} label={text.threshold} type="number" min={0} inputMode="numeric" />
        <div {...scrollRegion(text.points)}>
          <table>
            <caption>{text.points}</caption>
            <thead>
              <tr>
                <th scope="col">{text.kind}</th>
                {activityLevels.map((l) => (
                  <th scope="col" key={l}>
                    {activityLevelLabels[l]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {kinds.map((row, i) => {
                const f = row.getFieldset()
                const name = d.kindLabels[i] ?? text.newKind
                return (
                  <tr key={row.key}>
                    <th scope="row">
                      <input {...getInputProps(f.code, { type: 'hidden' })} />
                      <label htmlFor={f.label.id} className="visually-hidden">
                        {name}
                      </label>
                      <input {...getInputProps(f.label, { type: 'text' })} placeholder={i < d.kindLabels.length ? undefined : text.newKind} />
                      <ErrorList id={f.label.errorId} errors={f.label.errors} />
                    </th>
                    {activityLevels.map((l) => (
                      <td key={l}>
                        <label htmlFor={f[l].id} className="visually-hidden">
                          {text.cell(activityLevelLabels[l], name)}
                        </label>
                        <input {...getInputProps(f[l], { type: 'number' })} min={0} max={100} inputMode="numeric" />
                        <ErrorList id={f[l].errorId} errors={f[l].errors} />
                      </td>
                    ))}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        <p className="muted">{text.pointsHint}</p>
        <ErrorList id={fields.kinds.errorId} errors={fields.kinds.errors} />
        <fieldset>
          <legend>{text.years}</legend>
          <p className="muted">{text.yearsHint}</p>
          {years.map((row, i) => {
            const f = row.getFieldset()
            return (
              <div className="inline-form" key={row.key}>
                <InputField meta={f.year} label={text.yearOf(i)} type="number" min={2000} max={2100} inputMode="numeric" />
                <InputField meta={f.value} label={text.valueOf(i)} type="number" min={0} inputMode="numeric" />
              </div>
            )
          })}
        </fieldset>
        <SubmitButton label={text.save} busyLabel={text.saving} />
      </Form>
      <h2>{text.history}</h2>
      {d.versions.length ? (
        <ul>
          {d.versions.map((v) => (
            <li key={v}>{v}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link to="/evaluation">{text.ranking}</Link>
      </p>
    </>
  )
}
