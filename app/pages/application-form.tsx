import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { applicationFormContext, type FormTarget } from '~/domain/application-form.server'
import { orErrorPage } from '~/http/errors.server'
import { applicationFormAction } from '~/http/application-post.server'
import { idParam, publicBase } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { ApplicationForm } from '~/ui/application-form'
import { endOfRegionDay, formatDay, utcOffsetLabel } from '~/utils/dates'
import { formModeOf, type FormMode } from './application-form-routes'

// One page for /apply/:campaignId (self-nomination), /nominate/:campaignId
// (a municipal nomination) and /applications/:id/edit (a draft): the same
// loader, action and form; only the target and the texts depend on the mode.

const text = {
  modes: {
    self: {
      title: 'Заявление на включение в методический актив',
      lead: 'Заполните заявление и сохраните черновик. Подать его можно на следующей странице, проверив сведения.',
      back: 'К списку отборов',
    },
    nominate: {
      title: 'Представление кандидата от муниципалитета',
      lead: 'Учётная запись кандидату не нужна: его адрес электронной почты сохраняется как рабочий. После сохранения черновика представление можно подать на странице заявления.',
      back: 'К списку отборов',
    },
    edit: {
      title: 'Изменение черновика заявления',
      lead: 'Новые документы добавляются к уже загруженным.',
      back: 'К заявлению',
    },
  } satisfies Record<FormMode, { title: string; lead: string; back: string }>,
  campaign: 'Отбор',
  region: 'Регион',
  deadline: 'Последний день приёма',
  deadlineValue: (day: string, offset: string) => `${formatDay(day)} включительно, до 24:00 по местному времени региона (${offset})`,
  noDeadline: 'не установлен',
  existing: (id: number) => `У вас уже есть заявление на этот отбор: № ${id}. Второе заявление на тот же отбор подать нельзя — продолжите работу с этим.`,
  openExisting: (id: number) => `Открыть заявление № ${id}`,
}

function targetOf(request: Request, params: LoaderFunctionArgs['params']): FormTarget {
  const mode = formModeOf(new URL(request.url).pathname)
  return mode === 'edit' ? { mode, applicationId: idParam(params.id) } : { mode, campaignId: idParam(params.campaignId) }
}

export const meta: MetaFunction<typeof loader> = ({ location, data }) => {
  const title = text.modes[formModeOf(location.pathname)].title
  return [{ title: `${title}${data ? ` — ${data.campaign.title}` : ''} — Реестр методического актива` }]
}

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
  const lastResult = useActionData<typeof action>()
  const t = text.modes[ctx.mode]
  const { campaign } = ctx
  return (
    <>
      <p>
        <Link to={ctx.mode === 'edit' ? `/applications/${ctx.applicationId}` : '/campaigns'}>{t.back}</Link>
      </p>
      <h1>{t.title}</h1>
      <dl className="campaign-facts">
        <dt>{text.campaign}</dt>
        <dd>{campaign.title}</dd>
        <dt>{text.region}</dt>
        <dd>{campaign.regionName}</dd>
        <dt>{text.deadline}</dt>
        <dd>
          {campaign.closesOn
            ? text.deadlineValue(campaign.closesOn, utcOffsetLabel(endOfRegionDay(campaign.closesOn, campaign.timeZone), campaign.timeZone))
            : text.noDeadline}
        </dd>
      </dl>
      {ctx.existing !== null ? (
        <div className="card" role="status">
          <p>{text.existing(ctx.existing)}</p>
          <p>
            <Link to={`/applications/${ctx.existing}`} className="button">
              {text.openExisting(ctx.existing)}
            </Link>
          </p>
        </div>
      ) : (
        <>
          <p>{t.lead}</p>
          <ApplicationForm ctx={ctx} lastResult={lastResult} />
        </>
      )}
    </>
  )
}
