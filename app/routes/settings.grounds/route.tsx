import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { getFormProps, getInputProps } from '@conform-to/react'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { changeGrounds, groundSettings } from '~/domain/leaving-grounds.server'
import { orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSettingsRegionOf } from '~/http/settings-region.server'
import { addGroundSchema, groundActionSchema, renameGroundSchema } from '~/model/inputs/leaving-grounds'
import { TERM_END_GROUND } from '~/model/leaving-grounds'
import { ActionButton, allErrors, replyFor, revalidateAfterStaleRow, strayOf, type Reply } from '~/ui/action-button'
import { ColumnHeads } from '~/ui/column-heads'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { SettingsNav, settingsHref } from '~/ui/settings-nav'
import { text } from './text'
import { scrollRegion } from '~/ui/table-scroll'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

// A 404/409 means a ground changed in another tab: read the list again.
export const shouldRevalidate = revalidateAfterStaleRow

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireSettingsRegionOf(request)
  const grounds = await orErrorPage(groundSettings(actor, region.id))
  return { region: { code: region.code, name: region.name }, choices, grounds: grounds.list, stored: grounds.stored }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const requested = form.get('region')
  const { actor, region } = await requireSettingsRegionOf(request, typeof requested === 'string' ? requested : '')
  return handleForm(form, groundActionSchema, (a) => changeGrounds(actor, region.id, a).then(() => redirectWithFlash(settingsHref('/settings/grounds', region.code), text.done)))
}

/** A label input with its button: `code` names the ground to rename, none adds a new one. */
function LabelForm({ region, code, label, reply }: { region: string; code?: string; label?: string; reply: Reply }) {
  const intent = code ? 'renameGround' : 'addGround'
  const match: Record<string, string> = code ? { code } : {}
  const [form, f] = useSchemaForm(code ? renameGroundSchema : addGroundSchema, {
    id: code ? `rename-${code}` : 'add-ground',
    lastResult: replyFor(reply, intent, match),
    intent,
    defaultValue: { label: label ?? '' },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="inline-form">
      <input type="hidden" name="region" value={region} />
      <input type="hidden" name="intent" value={intent} />
      {code ? <input type="hidden" name="code" value={code} /> : null}
      <div className="field">
        <label htmlFor={f.label.id}>{label ? text.labelOf(label) : text.newLabel}</label>
        <input {...getInputProps(f.label, { type: 'text' })} />
      </div>
      <button type="submit">{code ? text.rename : text.add}</button>
      <ErrorList id={form.errorId} errors={allErrors(form.allErrors)} />
    </Form>
  )
}

type Ground = { code: string; active: boolean }

const toggleFields = (region: string, g: Ground) => ({ region, code: g.code, active: g.active ? 'no' : 'yes' })

export default function Grounds() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const code = d.region.code
  // A refusal for a ground not in the table as it was sent (an unknown code, a state changed in another tab) is said above it.
  const stray = strayOf(reply, {
    renameGround: d.grounds.map((g) => ({ code: g.code })),
    toggleGround: d.grounds.filter((g) => g.code !== TERM_END_GROUND).map((g) => toggleFields(code, g)),
  })
  return (
    <>
      <h1>{text.titleOf(d.region.name)}</h1>
      <SettingsNav region={d.region} choices={d.choices} current="/settings/grounds" />
      <p>{text.lead}</p>
      {d.stored ? null : <p className="muted">{text.defaults}</p>}
      <FormErrors errors={stray} />
      <div {...scrollRegion(text.caption)}>
        <table className="staff-table">
          <caption>{text.caption}</caption>
          <ColumnHeads labels={[text.label, text.state, text.actions]} />
          <tbody>
            {d.grounds.map((g) => (
              <tr key={g.code}>
                <th scope="row">
                  <LabelForm region={code} code={g.code} label={g.label} reply={reply} />
                </th>
                <td>{g.active ? text.inList : text.offList}</td>
                <td>
                  {g.code === TERM_END_GROUND ? null : (
                    <ActionButton
                      intent="toggleGround"
                      fields={toggleFields(code, g)}
                      reply={reply}
                      label={g.active ? text.retire : text.restore}
                      accessibleLabel={g.active ? text.retireOf(g.label) : text.restoreOf(g.label)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="add-ground-heading">
        <h2 id="add-ground-heading">{text.add}</h2>
        <LabelForm region={code} reply={reply} />
      </section>
    </>
  )
}
