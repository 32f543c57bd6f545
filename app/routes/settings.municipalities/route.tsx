import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { changeMunicipalities, municipalitySettings } from '~/domain/municipality-settings.server'
import { orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSettingsRegionOf } from '~/http/settings-region.server'
import { formatCount } from '~/model/labels'
import { municipalityActionSchema } from '~/model/inputs/region-settings'
import { ColumnHeads } from '~/ui/column-heads'
import { SettingsNav, settingsHref } from '~/ui/settings-nav'
import { AddMunicipality, EditMunicipality } from './forms'
import { text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireSettingsRegionOf(request)
  const list = await orErrorPage(municipalitySettings(actor, region.id))
  const editing = Number(new URL(request.url).searchParams.get('edit')) || null
  return {
    region: { code: region.code, name: region.name },
    choices,
    municipalities: list.map((m) => ({ id: m.id, name: m.name, teachersCount: m.teachersCount, teachersYear: m.teachersYear, teachersSource: m.teachersSource, teachersEstimated: m.teachersEstimated })),
    editing,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  // The region the form was sent from decides who may act; read before the form is parsed.
  const form = await request.formData()
  const requested = form.get('region')
  const { actor, region } = await requireSettingsRegionOf(request, typeof requested === 'string' ? requested : '')
  return handleForm(form, municipalityActionSchema, async (a) => {
    const done = await changeMunicipalities(actor, region.id, a)
    const message = a.intent === 'add' ? text.added(done.name) : a.intent === 'edit' ? text.saved(done.name) : text.removed(done.name)
    return redirectWithFlash(settingsHref('/settings/municipalities', region.code), message)
  })
}

export default function Municipalities() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const code = d.region.code
  const editing = d.municipalities.find((m) => m.id === d.editing)
  const total = d.municipalities.reduce((s, m) => s + m.teachersCount, 0)
  const anyEstimate = d.municipalities.some((m) => m.teachersEstimated)
  return (
    <>
      <h1>{text.titleOf(d.region.name)}</h1>
      <SettingsNav region={d.region} choices={d.choices} current="/settings/municipalities" />
      <p>{text.lead}</p>
      {editing ? <EditMunicipality key={editing.id} m={editing} region={code} reply={reply} /> : null}
      {d.municipalities.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption className="visually-hidden">{text.caption}</caption>
            <ColumnHeads labels={[text.name, text.teachers, text.year, text.source, text.actions]} />
            <tbody>
              {d.municipalities.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td data-label={text.teachers}>
                    {formatCount(m.teachersCount)}
                    {m.teachersEstimated ? <span className="badge"> {text.estimate}</span> : null}
                  </td>
                  <td data-label={text.year}>{m.teachersYear ?? '—'}</td>
                  <td data-label={text.source}>{m.teachersSource || '—'}</td>
                  <td data-label={text.actions}>
                    <Link to={`${settingsHref('/settings/municipalities', code)}&edit=${m.id}`} aria-label={text.editOf(m.name)}>
                      {text.edit}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{text.total}</th>
                <td data-label={text.teachers}>
                  {formatCount(total)}
                  {anyEstimate ? <span className="badge"> {text.estimate}</span> : null}
                </td>
                <td colSpan={3} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <AddMunicipality region={code} reply={reply} />
    </>
  )
}
