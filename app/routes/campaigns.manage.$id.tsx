import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { idParam, orErrorPage } from '~/http/errors.server'
import { handleForm } from '~/http/form.server'
import { getFormProps } from '@conform-to/react'
import { applyCampaignEvent, campaignView, changeCampaignDeadlines } from '~/domain/campaign-admin.server'
import { changeAppealDays } from '~/domain/appeals.server'
import { appealDaysSchema } from '~/model/inputs/appeals'
import { publishApproved } from '~/domain/publish.server'
import { campaignActionSchema, campaignConfirmedEvents, campaignDeadlinesSchema } from '~/model/inputs/coordinator'
import { Confirmable } from '~/ui/confirm'
import { FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'
import { deadlineDefaults, StageDeadlineFacts, StageDeadlineFields } from '~/ui/stage-deadlines'
import { can } from '~/model/permissions'
import { requireSignedIn } from '~/http/session.server'
import { redirectWithFlash } from '~/http/flash.server'
import { campaignEventLabels, campaignStateLabels } from '~/model/labels'
import { applicationStatesOf } from '~/model/municipal-selection'
import { ColumnHeads } from '~/ui/column-heads'

const text = {
  back: 'Все отборы',
  state: 'Состояние',
  deadlines: 'Сроки',
  editDeadlines: 'Изменить сроки этапов',
  saveDeadlines: 'Сохранить сроки',
  saving: 'Сохранение…',
  ruleSet: 'Набор требований',
  version: (n: number) => `версия ${n}`,
  commission: 'Комиссия',
  applications: 'Заявления по состояниям',
  noApplications: 'Заявлений пока нет.',
  applicationState: 'Состояние заявления',
  count: 'Количество',
  total: 'Всего',
  actions: 'Действия',
  noActions: 'Сейчас действий для вас нет.',
  publishTitle: 'Публикация',
  publishHint: (n: number, municipal: boolean) =>
    `${municipal ? 'Согласованных муниципальным органом управления образованием' : 'Согласованных министерством'} кандидатов: ${n}. Каждый станет членом актива; в открытом реестре будут показаны только те, кто дал согласие на публикацию ФИО.`,
  publishQuestion: (n: number, title: string) =>
    `Опубликовать утверждённый состав отбора «${title}»? Согласованные кандидаты (${n}) станут членами актива, а те, кто дал согласие, появятся в открытом реестре. Отменить публикацию нельзя.`,
  publishYes: 'Да, опубликовать',
  confirmEvent: {
    CLOSE: (title: string) => `Завершить приём заявлений в отбор «${title}»? Новые заявления подать будет нельзя; открыть приём снова нельзя.`,
    ARCHIVE: (title: string) => `Перенести отбор «${title}» в архив? Вернуть его из архива нельзя.`,
  } as Record<string, (title: string) => string>,
  confirmEventYes: { CLOSE: 'Да, завершить приём', ARCHIVE: 'Да, перенести в архив' } as Record<string, string>,
  appealDays: 'Срок подачи апелляции',
  appealDaysValue: (n: number) => `${n} рабочих дней после решения (понедельник — пятница; праздничные дни не исключаются)`,
  appealDaysField: 'Рабочих дней на апелляцию',
  appealDaysHint: 'Считаются со дня, следующего за решением «не соответствует требованиям» или «отклонено», по местному времени региона. Если срок приходится на праздники, задайте больше дней.',
  saveAppealDays: 'Сохранить срок апелляции',
  done: {
    appealDays: 'Срок подачи апелляции сохранён.',
    event: 'Состояние отбора изменено.',
    deadlines: 'Сроки этапов отбора сохранены.',
    published: 'Утверждённый состав опубликован.',
  },
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.campaign.title ?? 'Отбор'} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const v = await orErrorPage(campaignView(actor, idParam(params.id)))
  return {
    ...v,
    ruleSetLink: can(actor, 'ruleSet:manage', { regionId: v.campaign.regionId, campaignMunicipalityId: v.ruleSet?.municipalityId ?? null }),
    // the domain refuses the same (a finished campaign keeps the days it ran by)
    editDeadlines: can(actor, 'campaign:manage', { regionId: v.campaign.regionId, campaignMunicipalityId: v.campaign.municipalityId }) && !['published', 'archived'].includes(v.campaign.state),
    editAppealDays: can(actor, 'campaign:manage', { regionId: v.campaign.regionId, campaignMunicipalityId: v.campaign.municipalityId }),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  // someone who may not open this campaign is told 403 before their form is looked at
  await orErrorPage(campaignView(actor, id))
  const form = await request.formData()
  if (form.get('intent') === 'appealDays') {
    return handleForm(form, appealDaysSchema, (v) => changeAppealDays(actor, id, v.appealDays).then(() => redirectWithFlash(`/campaigns/manage/${id}`, text.done.appealDays)))
  }
  if (form.get('intent') === 'deadlines') {
    return handleForm(form, campaignDeadlinesSchema, async ({ intent: _intent, ...days }) => {
      await changeCampaignDeadlines(actor, id, days)
      return redirectWithFlash(`/campaigns/manage/${id}`, text.done.deadlines)
    })
  }
  return handleForm(form, campaignActionSchema, async (f) => {
    if (f.intent === 'publish') {
      await publishApproved(actor, id)
      return redirectWithFlash(`/campaigns/manage/${id}`, text.done.published)
    }
    await applyCampaignEvent(actor, id, f.event, f.rowVersion)
    return redirectWithFlash(`/campaigns/manage/${id}`, text.done.event)
  })
}

export default function CampaignManage() {
  const d = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'submitting'
  const reply = useActionData<typeof action>()
  // The state forms carry only hidden fields: a refusal is shown once, above them.
  const [form, fields] = useSchemaForm(campaignActionSchema, { id: 'campaign-action', lastResult: reply?.form === 'deadlines' || reply?.form === 'appealDays' ? null : reply })
  const [appealForm, appealFields] = useSchemaForm(appealDaysSchema, {
    id: 'campaign-appeal-days',
    intent: 'appealDays',
    lastResult: reply,
    defaultValue: { appealDays: String(d.campaign.appealDays) },
  })
  const [daysForm, days] = useSchemaForm(campaignDeadlinesSchema, {
    id: 'campaign-deadlines',
    intent: 'deadlines',
    lastResult: reply,
    defaultValue: deadlineDefaults(d.campaign),
  })
  const refusal = [...(form.errors ?? []), ...Object.values(fields).flatMap((f) => f.errors ?? [])]
  const c = d.campaign
  const total = d.counts.reduce((s, x) => s + x.n, 0)
  return (
    <>
      <p>
        <Link to={`/campaigns/manage?region=${c.regionId}${c.municipalityId !== null ? `&municipality=${c.municipalityId}` : ''}`}>{text.back}</Link> · <Link to={`/campaigns/manage/${c.id}/review-form`}>Форма отзыва рецензента</Link>
      </p>
      <h1>{c.title}</h1>
      <p>
        {text.state}:{' '}
        <strong className="badge" data-state={c.state}>
          {campaignStateLabels[c.state] ?? c.state}
        </strong>
      </p>
      <FormErrors id={form.errorId} errors={refusal} />

      <section className="card" aria-labelledby="actions">
        <h2 id="actions">{text.actions}</h2>
        {d.events.length === 0 && !d.canPublish ? <p className="muted">{text.noActions}</p> : null}
        {d.events.map((event) =>
          campaignConfirmedEvents.includes(event) ? (
            <div className="event-form" key={event}>
              <Confirmable
                confirmKey={event.toLowerCase()}
                label={campaignEventLabels[event]}
                question={text.confirmEvent[event](c.title)}
                confirmLabel={text.confirmEventYes[event]}
                fields={{ intent: 'event', event, rowVersion: c.rowVersion }}
              />
            </div>
          ) : (
            <Form method="post" key={event} className="event-form">
              <input type="hidden" name="intent" value="event" />
              <input type="hidden" name="event" value={event} />
              <input type="hidden" name="rowVersion" value={c.rowVersion} />
              <button type="submit" disabled={busy}>
                {campaignEventLabels[event]}
              </button>
            </Form>
          ),
        )}
        {d.canPublish ? (
          <div className="event-form">
            <h3>{text.publishTitle}</h3>
            <p>{text.publishHint(d.approvedCount, c.municipalityId !== null)}</p>
            <Confirmable
              confirmKey="publish"
              label={campaignEventLabels.PUBLISH}
              question={text.publishQuestion(d.approvedCount, c.title)}
              confirmLabel={text.publishYes}
              fields={{ intent: 'publish' }}
            />
          </div>
        ) : null}
      </section>

      <h2>{text.deadlines}</h2>
      <dl className="facts">
        <StageDeadlineFacts d={c} municipal={c.municipalityId !== null} />
        <dt>{text.ruleSet}</dt>
        <dd>
          {d.ruleSet ? (
            d.ruleSetLink ? (
              <Link to={`/rule-sets/${d.ruleSet.id}`}>
                {d.ruleSet.title} ({text.version(d.ruleSet.version)})
              </Link>
            ) : (
              `${d.ruleSet.title} (${text.version(d.ruleSet.version)})`
            )
          ) : (
            '—'
          )}
        </dd>
        <dt>{text.commission}</dt>
        <dd>{d.commission ?? '—'}</dd>
        <dt>{text.appealDays}</dt>
        <dd>{text.appealDaysValue(c.appealDays)}</dd>
      </dl>

      {d.editDeadlines ? (
        <section className="card" aria-labelledby="edit-deadlines">
          <h2 id="edit-deadlines">{text.editDeadlines}</h2>
          <FormErrors id={daysForm.errorId} errors={daysForm.errors} />
          <Form method="post" {...getFormProps(daysForm)}>
            <input type="hidden" name="intent" value="deadlines" />
            <StageDeadlineFields fields={days} municipal={c.municipalityId !== null} />
            <SubmitButton label={text.saveDeadlines} busyLabel={text.saving} />
          </Form>
        </section>
      ) : null}

      {d.editAppealDays ? (
        <section className="card" aria-labelledby="edit-appeal-days">
          <h2 id="edit-appeal-days">{text.appealDays}</h2>
          <FormErrors id={appealForm.errorId} errors={appealForm.errors} />
          <Form method="post" {...getFormProps(appealForm)}>
            <input type="hidden" name="intent" value="appealDays" />
            <InputField meta={appealFields.appealDays} label={text.appealDaysField} type="number" hint={text.appealDaysHint} />
            <SubmitButton label={text.saveAppealDays} busyLabel={text.saving} />
          </Form>
        </section>
      ) : null}

      <h2>{text.applications}</h2>
      {d.counts.length === 0 ? (
        <p className="muted">{text.noApplications}</p>
      ) : (
        <table>
          <ColumnHeads labels={[text.applicationState, text.count]} />
          <tbody>
            {d.counts.map((x) => (
              <tr key={x.state}>
                <th scope="row">{applicationStatesOf(c.municipalityId)[x.state] ?? x.state}</th>
                <td>{x.n}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{text.total}</th>
              <td>{total}</td>
            </tr>
          </tbody>
        </table>
      )}
    </>
  )
}
