import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { applicationFormContext } from '~/domain/application-form.server'
import { applicationFormAction } from '~/http/application-post.server'
import { idParam, publicBase } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { ApplicationForm } from '~/ui/application-form'
import { AppError } from '../../workflows/errors'

const text = {
  title: 'Изменение черновика заявления',
  lead: (campaign: string, region: string) => `Отбор «${campaign}», ${region}. Новые документы добавляются к уже загруженным.`,
  back: 'К заявлению',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  try {
    return await applicationFormContext(actor, { mode: 'edit', applicationId: idParam(params.id) }, publicBase(request))
  } catch (e) {
    if (e instanceof AppError) throw new Response(e.message, { status: e.status })
    throw e
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  return applicationFormAction(request, actor, { mode: 'edit', applicationId: idParam(params.id) })
}

export default function EditApplication() {
  const ctx = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <p>
        <Link to={`/applications/${ctx.applicationId}`}>{text.back}</Link>
      </p>
      <h1>{text.title}</h1>
      <p>{text.lead(ctx.campaign.title, ctx.campaign.regionName)}</p>
      <ApplicationForm ctx={ctx} values={actionData?.values} errors={actionData?.error.fields} />
    </>
  )
}
