import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { applicationFormContext, type FormTarget } from '~/domain/application-form.server'
import { orErrorPage } from '~/http/errors.server'
import { applicationFormAction } from '~/http/application-post.server'
import { idParam, publicBase } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { ApplicationForm } from '~/ui/application-form'
import { formModeOf, type FormMode } from './application-form-routes'

// One page for /apply/:campaignId (self-nomination), /nominate/:campaignId
// (a municipal nomination) and /applications/:id/edit (a draft): the same
// loader, action and form; only the target and the texts depend on the mode.

const text: Record<FormMode, { title: string; lead: (campaign: string, region: string) => string; back: string }> = {
  self: {
    title: 'Заявление на включение в методический актив',
    lead: (campaign, region) => `Отбор «${campaign}», ${region}. Заполните заявление и сохраните черновик; подать его можно на следующей странице.`,
    back: 'К списку отборов',
  },
  nominate: {
    title: 'Представление кандидата от муниципалитета',
    lead: (campaign, region) =>
      `Отбор «${campaign}», ${region}. Кандидат не нуждается в учётной записи: его адрес электронной почты сохраняется как рабочий. После сохранения черновика представление можно подать на странице заявления.`,
    back: 'К списку отборов',
  },
  edit: {
    title: 'Изменение черновика заявления',
    lead: (campaign, region) => `Отбор «${campaign}», ${region}. Новые документы добавляются к уже загруженным.`,
    back: 'К заявлению',
  },
}

function targetOf(request: Request, params: LoaderFunctionArgs['params']): FormTarget {
  const mode = formModeOf(new URL(request.url).pathname)
  return mode === 'edit' ? { mode, applicationId: idParam(params.id) } : { mode, campaignId: idParam(params.campaignId) }
}

export const meta: MetaFunction = ({ location }) => [{ title: `${text[formModeOf(location.pathname)].title} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return orErrorPage(applicationFormContext(actor, targetOf(request, params), publicBase(request)))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  return applicationFormAction(request, actor, targetOf(request, params))
}

export default function ApplicationFormPage() {
  const ctx = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const t = text[ctx.mode]
  return (
    <>
      <p>
        <Link to={ctx.mode === 'edit' ? `/applications/${ctx.applicationId}` : '/campaigns'}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.lead(ctx.campaign.title, ctx.campaign.regionName)}</p>
      <ApplicationForm ctx={ctx} values={actionData?.values} errors={actionData?.error.fields} />
    </>
  )
}
