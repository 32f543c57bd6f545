import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { idParam, orErrorPage } from '~/http/errors.server'
import { commissionPage } from '~/domain/commission-admin.server'
import { changeCommissionOrInvite } from '~/domain/invitations.server'
import { commissionActionSchema } from '~/model/inputs/coordinator'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireSelection } from '~/http/staff-selection.server'
import { RegionPicker } from '~/ui/region-picker'
import { revalidateAfterStaleRow } from '~/ui/action-button'
import { AddMember, MemberOrganisation } from './forms'
import { Members } from './members'
import { text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

// A 404/409 means the composition changed in another tab: read it again.
export const shouldRevalidate = revalidateAfterStaleRow

export async function loader({ request }: LoaderFunctionArgs) {
  // a municipality's coordinator manages its own commission (issue 10 §6): ?municipality=
  const { actor, region, choices, municipality } = await requireSelection(request, 'commission:manage')
  const url = new URL(request.url)
  const requested = url.searchParams.get('commission')
  const page = await orErrorPage(commissionPage(actor, region.id, requested ? idParam(requested) : null, municipality?.id ?? null))
  return {
    municipality,
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    ...page,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  // The region the form was sent from decides whose coordinator may act; read before the form is parsed.
  const form = await request.formData()
  const { actor, region, municipality } = await requireSelection(request, 'commission:manage', form)
  const here = `/coordinator/commission?region=${region.id}${municipality ? `&municipality=${municipality.id}` : ''}`
  return handleForm(form, commissionActionSchema, (change) =>
    changeCommissionOrInvite(actor, change.commissionId, change).then(({ invited }) =>
      redirectWithFlash(`${here}&commission=${change.commissionId}`, invited && change.intent === 'add' ? text.invited(change.login) : text.done),
    ),
  )
}

export default function CommissionComposition() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const c = d.commission
  const hidden = { region: d.region.id, commissionId: c?.id ?? 0, ...(d.municipality ? { municipality: d.municipality.id } : {}) }
  const active = d.members.filter((m) => m.active)
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      {d.commissions.length > 1 ? (
        <Form method="get" className="inline-form">
          <input type="hidden" name="region" value={d.region.id} />
          {d.municipality ? <input type="hidden" name="municipality" value={d.municipality.id} /> : null}
          <label htmlFor="commission-picker">{text.commission}</label>{' '}
          <select id="commission-picker" name="commission" defaultValue={c?.id}>
            {d.commissions.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{text.show}</button>
        </Form>
      ) : null}
      {!c ? (
        <p className="muted">{text.noCommission}</p>
      ) : (
        <>
          <h2>{c.name}</h2>
          <p>{text.lead}</p>
          <Members members={d.members} hidden={hidden} reply={reply} />
          {active.length > 0 ? <MemberOrganisation members={active} organisations={d.organisations} hidden={hidden} reply={reply} /> : null}
          <AddMember organisations={d.organisations} hidden={hidden} reply={reply} />
        </>
      )}
    </>
  )
}
