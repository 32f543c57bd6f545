import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { addGrant, personPage, removeGrant, setAccountActive } from '~/domain/people-admin.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { requireRegion } from '~/http/staff-region.server'
import { accountStateSchema, addGrantSchema, removeGrantSchema } from '~/model/inputs/people'
import { Account, History } from './account'
import { AddGrant, Grants } from './grants'
import { text } from './text'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.displayName ?? text.title} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, region } = await requireRegion(request, 'user:manage')
  const page = await orErrorPage(personPage(actor, region.id, idParam(params.id)))
  return { region: { id: region.id, name: region.name }, ...page }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const userId = idParam(params.id)
  // The region the form was sent from decides whose coordinator may act; read before the form is parsed.
  const form = await request.formData()
  const requested = form.get('region')
  const { actor, region } = await requireRegion(request, 'user:manage', typeof requested === 'string' ? requested : '')
  const back = (message: string) => redirectWithFlash(`/people/${userId}?region=${region.id}`, message)
  switch (form.get('intent')) {
    case 'grant':
      return handleForm(form, addGrantSchema, (g) => addGrant(actor, region.id, userId, g).then(() => back(text.granted)))
    case 'revoke':
      return handleForm(form, removeGrantSchema, (r) => removeGrant(actor, region.id, userId, r.grantId).then(() => back(text.removed)))
    default:
      return handleForm(form, accountStateSchema, (s) =>
        setAccountActive(actor, region.id, userId, s.intent === 'activate').then(() => back(s.intent === 'activate' ? text.activated : text.deactivated)),
      )
  }
}

export default function Person() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  return (
    <>
      <p>
        <Link to={`/people?region=${d.region.id}`}>{text.back}</Link>
      </p>
      <h1>{d.user.displayName}</h1>
      <Account d={d} reply={reply} />
      <Grants d={d} reply={reply} />
      {d.grantable.length > 0 && d.user.active ? <AddGrant d={d} reply={reply} /> : null}
      <History d={d} />
    </>
  )
}
