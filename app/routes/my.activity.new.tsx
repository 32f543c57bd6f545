import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { recordKinds } from '~/domain/activity.server'
import { activityFormAction } from '~/http/activity-post.server'
import { requireSignedIn } from '~/http/session.server'
import { ActivityForm } from '~/ui/activity-form'

const text = { title: 'Новая запись о методической работе', back: 'Ко всем записям', notMember: 'Записи о методической работе ведут действующие члены методического актива.' }

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const kinds = await recordKinds(actor, null)
  return { member: kinds.length > 0, kinds }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  return activityFormAction(request, actor, null)
}

export default function NewActivity() {
  const { member, kinds } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <p>
        <Link to="/my/activity">{text.back}</Link>
      </p>
      <h1>{text.title}</h1>
      {member ? <ActivityForm lastResult={lastResult} busy={busy} kinds={kinds} /> : <p>{text.notMember}</p>}
    </>
  )
}
