import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import type { SerializeFrom } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { changeDirections, directionSettings } from '~/domain/direction-settings.server'
import { orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireSettingsRegionOf } from '~/http/settings-region.server'
import { addDirectionSchema, addGroupSchema, directionActionSchema, renameDirectionSchema, renameGroupSchema } from '~/model/inputs/region-settings'
import { ActionButton, revalidateAfterStaleRow, strayOf, type Reply } from '~/ui/action-button'
import { FormErrors } from '~/ui/form'
import { SettingsNav, settingsHref } from '~/ui/settings-nav'
import { NameForm, RemoveRow } from './forms'
import { text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

// A 404/409 means a direction or group changed in another tab: read the list again.
export const shouldRevalidate = revalidateAfterStaleRow

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireSettingsRegionOf(request)
  const directions = await orErrorPage(directionSettings(actor, region.id))
  return {
    region: { code: region.code, name: region.name },
    choices,
    directions: directions.map((d) => ({ id: d.id, name: d.name, groups: d.groups.map((g) => ({ id: g.id, name: g.name })) })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const requested = form.get('region')
  const { actor, region } = await requireSettingsRegionOf(request, typeof requested === 'string' ? requested : '')
  return handleForm(form, directionActionSchema, (a) =>
    changeDirections(actor, region.id, a).then(() => redirectWithFlash(settingsHref('/settings/directions', region.code), text.done)),
  )
}

type Direction = SerializeFrom<typeof loader>['directions'][number]

/** The row forms on the page, by intent (the fields each sends besides `intent`), for a refusal whose row is gone. */
function rowsOf(directions: Direction[], region: string) {
  const moves = (idName: string, ids: number[]) =>
    ids.flatMap((id, i) => [...(i > 0 ? [{ region, [idName]: id, move: 'up' }] : []), ...(i < ids.length - 1 ? [{ region, [idName]: id, move: 'down' }] : [])])
  const directionIds = directions.map((d) => ({ directionId: d.id }))
  const groupIds = directions.flatMap((d) => d.groups.map((g) => ({ groupId: g.id })))
  return {
    moveDirection: moves('directionId', directions.map((d) => d.id)),
    moveGroup: directions.flatMap((d) => moves('groupId', d.groups.map((g) => g.id))),
    renameDirection: directionIds,
    removeDirection: directionIds,
    addGroup: directionIds,
    renameGroup: groupIds,
    removeGroup: groupIds,
  }
}

function Moves({ intent, idName, id, name, first, last, region, reply }: { intent: 'moveDirection' | 'moveGroup'; idName: 'directionId' | 'groupId'; id: number; name: string; first: boolean; last: boolean; region: string; reply: Reply }) {
  return (
    <>
      {!first ? <ActionButton intent={intent} fields={{ region, [idName]: id, move: 'up' }} reply={reply} label={text.up} accessibleLabel={text.upOf(name)} /> : null}
      {!last ? <ActionButton intent={intent} fields={{ region, [idName]: id, move: 'down' }} reply={reply} label={text.down} accessibleLabel={text.downOf(name)} /> : null}
    </>
  )
}

function DirectionCard({ d, i, count, region, reply }: { d: Direction; i: number; count: number; region: string; reply: Reply }) {
  const headingId = `direction-${d.id}`
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{d.name}</h2>
      <NameForm schema={renameDirectionSchema} intent="renameDirection" fields={{ directionId: d.id }} region={region} reply={reply} label={text.directionName} button={text.rename} defaultName={d.name} />
      <Moves intent="moveDirection" idName="directionId" id={d.id} name={d.name} first={i === 0} last={i === count - 1} region={region} reply={reply} />
      <RemoveRow intent="removeDirection" fields={{ directionId: d.id }} region={region} reply={reply} label={text.removeDirection} question={text.removeDirectionQuestion(d.name)} />
      <h3>{text.groups}</h3>
      {d.groups.length === 0 ? <p className="muted">{text.noGroups}</p> : null}
      <ul className="plain">
        {d.groups.map((g, j) => (
          <li key={g.id} className="card">
            <NameForm schema={renameGroupSchema} intent="renameGroup" fields={{ groupId: g.id }} region={region} reply={reply} label={text.groupName} button={text.rename} defaultName={g.name} />
            <Moves intent="moveGroup" idName="groupId" id={g.id} name={g.name} first={j === 0} last={j === d.groups.length - 1} region={region} reply={reply} />
            <RemoveRow intent="removeGroup" fields={{ groupId: g.id }} region={region} reply={reply} label={text.removeGroup} question={text.removeGroupQuestion(g.name)} />
          </li>
        ))}
      </ul>
      <NameForm schema={addGroupSchema} intent="addGroup" fields={{ directionId: d.id }} region={region} reply={reply} label={text.addGroupTo(d.name)} button={text.addGroup} />
    </section>
  )
}

export default function Directions() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const code = d.region.code
  return (
    <>
      <h1>{text.titleOf(d.region.name)}</h1>
      <SettingsNav region={d.region} choices={d.choices} current="/settings/directions" />
      <p>{text.lead}</p>
      {/* A refusal for a direction or group no longer on the page (removed in another tab) is said here. */}
      <FormErrors errors={strayOf(reply, rowsOf(d.directions, code))} />
      {d.directions.length === 0 ? <p className="muted">{text.empty}</p> : null}
      {d.directions.map((x, i) => (
        <DirectionCard key={x.id} d={x} i={i} count={d.directions.length} region={code} reply={reply} />
      ))}
      <section className="card" aria-labelledby="add-direction">
        <h2 id="add-direction">{text.addDirection}</h2>
        <NameForm schema={addDirectionSchema} intent="addDirection" fields={{}} region={code} reply={reply} label={text.directionName} button={text.addDirection} />
      </section>
    </>
  )
}
