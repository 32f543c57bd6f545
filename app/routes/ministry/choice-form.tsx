import { Form, Link, useNavigation, useSearchParams } from '@remix-run/react'
import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import type { QueueGroup } from '~/domain/ministry.server'
import { ministryChoiceSchema } from '~/model/inputs/ministry'
import { campaignStateLabels, sourceLabels } from '~/model/labels'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { text } from './text'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

// The first step: tick candidates, fill in the order (or the reason) and
// press one of the two buttons. A GET: the values travel in the address, the
// page then asks for confirmation (confirm-decision.tsx), and «Отмена» comes
// back here with everything as it was typed. The list is paged: the choice
// covers the ticked candidates of the page shown (the form keeps the cursor).

export function ChoiceForm({
  hidden,
  orderTitleDefault,
  groups,
  lastResult,
}: {
  /** the region, and a municipal authority's municipality (issue 10 §6) */
  hidden: Record<string, number>
  orderTitleDefault: string
  groups: QueueGroup[]
  lastResult: SubmissionResult<string[]> | null | undefined
}) {
  const [params] = useSearchParams()
  const busy = useNavigation().state !== 'idle'
  const typed = (name: string) => params.get(name) ?? undefined
  const [form, fields] = useSchemaForm(ministryChoiceSchema, {
    id: 'ministry-choice',
    lastResult,
    defaultValue: { ids: params.getAll('ids'), orderNumber: typed('orderNumber'), orderDate: typed('orderDate'), orderTitle: typed('orderTitle') ?? orderTitleDefault, reason: typed('reason') },
  })
  const initial = fields.ids.initialValue
  const checked = new Set((Array.isArray(initial) ? initial : [initial]).filter((x): x is string => typeof x === 'string'))
  return (
    <Form method="get" {...getFormProps(form)} preventScrollReset>
      <FormErrors id={form.errorId} errors={form.errors} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {/* The confirmation shows the same page of the list, so the names asked about are the ticked ones. */}
      {['after', 'afterN'].map((k) => (params.get(k) ? <input key={k} type="hidden" name={k} value={params.get(k) ?? ''} /> : null))}
      <p className="muted">{text.pageScope}</p>
      <ErrorList id={fields.ids.errorId} errors={fields.ids.errors} />
      {groups.map((g) => (
        <fieldset key={g.campaign.id} aria-describedby={fields.ids.errors ? fields.ids.errorId : undefined}>
          <legend>
            {text.campaign}: {g.campaign.title} <span className="badge">{campaignStateLabels[g.campaign.state] ?? g.campaign.state}</span>
          </legend>
          <div {...scrollRegion(`${text.campaign}: ${g.campaign.title}`)}>
            <table className="staff-table">
              <ColumnHeads labels={[text.choose, text.name, text.organisation, text.municipality, text.source]} />
              <tbody>
                {g.applications.map((app) => (
                  <tr key={app.id}>
                    <td>
                      <input
                        type="checkbox"
                        name={fields.ids.name}
                        value={app.id}
                        id={`app-${app.id}`}
                        defaultChecked={checked.has(String(app.id))}
                        aria-label={text.chooseOne(app.fullName)}
                      />
                    </td>
                    <th scope="row">
                      <Link to={`/applications/${app.id}`}>{app.fullName}</Link>
                    </th>
                    <td title={app.organisationName ?? undefined}>
                      <span className="clamp">{app.organisationName ?? '—'}</span>
                    </td>
                    <td>{app.municipalityName ?? '—'}</td>
                    <td>{sourceLabels[app.source]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
      ))}

      <section className="card" aria-labelledby="approve-title">
        <h2 id="approve-title">{text.approveTitle}</h2>
        <p className="muted">{text.approveHint}</p>
        <div className="field">
          <label htmlFor={fields.orderNumber.id}>{text.orderNumber}</label>
          <input {...getInputProps(fields.orderNumber, { type: 'text' })} />
          <ErrorList id={fields.orderNumber.errorId} errors={fields.orderNumber.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.orderDate.id}>{text.orderDate}</label>
          <input {...getInputProps(fields.orderDate, { type: 'date' })} />
          <ErrorList id={fields.orderDate.errorId} errors={fields.orderDate.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.orderTitle.id}>{text.orderTitle}</label>
          <input {...getInputProps(fields.orderTitle, { type: 'text' })} />
          <ErrorList id={fields.orderTitle.errorId} errors={fields.orderTitle.errors} />
        </div>
        <button type="submit" name="confirm" value="approve" disabled={busy}>
          {text.approve}
        </button>
      </section>

      <section className="card" aria-labelledby="return-title">
        <h2 id="return-title">{text.returnTitle}</h2>
        <div className="field">
          <label htmlFor={fields.reason.id}>{text.reason}</label>
          <textarea {...getTextareaProps(fields.reason)} rows={3} />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <button type="submit" name="confirm" value="return" className="danger" disabled={busy}>
          {text.return}
        </button>
      </section>
    </Form>
  )
}
