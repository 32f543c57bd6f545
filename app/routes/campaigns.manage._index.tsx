import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { fieldErrorHelpers } from '~/ui/field-errors'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { attempt, invalidForm, orErrorPage } from '~/http/errors.server'
import { campaignsPage, createCampaign } from '~/domain/campaign-admin.server'
import { campaignCreateSchema } from '~/model/inputs/coordinator'
import { fieldErrors } from '~/model/inputs/login'
import { formObject } from '~/model/inputs/orders'
import { redirectWithFlash } from '~/http/flash.server'
import { requireRegion } from '~/http/staff-region.server'
import { campaignStateLabels, formatDate } from '~/model/labels'
import { RegionPicker } from '~/ui/region-picker'

const text = {
  created: 'Отбор создан.',
  title: 'Отборы в методический актив',
  list: 'Отборы региона',
  empty: 'Отборов пока нет.',
  campaign: 'Отбор',
  state: 'Состояние',
  opens: 'Начало приёма',
  closes: 'Окончание приёма',
  create: 'Новый отбор',
  createHint: 'Отбор создаётся в состоянии «Подготовка»; приём заявлений начинается кнопкой «Открыть приём заявлений» на странице отбора.',
  campaignTitle: 'Название отбора',
  ruleSet: 'Набор требований (версия)',
  chooseRuleSet: '— выберите набор требований —',
  commission: 'Комиссия',
  opensOn: 'Дата начала приёма заявлений',
  closesOn: 'Последний день приёма заявлений',
  closesHint: 'Этот день включительно: приём закроется автоматически в полночь по местному времени региона.',
  submit: 'Создать отбор',
  ruleSets: 'Наборы требований',
  noRuleSets: 'У региона нет наборов требований.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'campaign:manage')
  const page = await orErrorPage(campaignsPage(actor, region.id))
  return {
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    campaigns: page.campaigns,
    ruleSets: page.ruleSets.map((r) => ({ id: r.id, code: r.code, version: r.version, title: r.title })),
    commissions: page.commissions.map((c) => ({ id: c.id, name: c.name })),
  }
}

type Values = Partial<Record<'title' | 'ruleSetId' | 'commissionId' | 'opensOn' | 'closesOn', string>>

export async function action({ request }: ActionFunctionArgs) {
  const form = formObject(await request.formData())
  const { actor, region } = await requireRegion(request, 'campaign:manage', String(form.region ?? ''))
  const values = form as Values
  const parsed = campaignCreateSchema.safeParse(form)
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error), values)
  const campaign = parsed.data
  return attempt(async () => redirectWithFlash(`/campaigns/manage/${await createCampaign(actor, region.id, campaign)}`, text.created), values)
}

export default function CampaignsManage() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fields = a?.error.fields ?? {}
  const v: Values = a?.values ?? {}
  const { err, described } = fieldErrorHelpers(fields)
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>
        <Link to={`/rule-sets?region=${d.region.id}`}>{text.ruleSets}</Link>
      </p>

      <h2>{text.list}</h2>
      {d.campaigns.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{text.campaign}</th>
                <th scope="col">{text.state}</th>
                <th scope="col">{text.opens}</th>
                <th scope="col">{text.closes}</th>
              </tr>
            </thead>
            <tbody>
              {d.campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/campaigns/manage/${c.id}`}>{c.title}</Link>
                  </th>
                  <td>
                    <span className="badge" data-state={c.state}>
                      {campaignStateLabels[c.state] ?? c.state}
                    </span>
                  </td>
                  <td>{c.opensOn ? formatDate(c.opensOn) : '—'}</td>
                  <td>{c.closesOn ? formatDate(c.closesOn) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">{text.create}</h2>
        <p className="muted">{text.createHint}</p>
        {a?.error && !a.error.fields ? (
          <p className="alert" role="alert">
            {a.error.message}
          </p>
        ) : null}
        {d.ruleSets.length === 0 ? <p className="alert">{text.noRuleSets}</p> : null}
        <Form method="post" noValidate>
          <input type="hidden" name="region" value={d.region.id} />
          <div className="field">
            <label htmlFor="title">{text.campaignTitle}</label>
            <input id="title" name="title" defaultValue={v.title ?? ''} aria-describedby={described('title')} aria-invalid={!!fields.title} />
            {err('title')}
          </div>
          <div className="field">
            <label htmlFor="ruleSetId">{text.ruleSet}</label>
            <select id="ruleSetId" name="ruleSetId" defaultValue={v.ruleSetId ?? ''} aria-describedby={described('ruleSetId')} aria-invalid={!!fields.ruleSetId}>
              <option value="">{text.chooseRuleSet}</option>
              {d.ruleSets.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title} — {r.code}, версия {r.version}
                </option>
              ))}
            </select>
            {err('ruleSetId')}
          </div>
          <div className="field">
            <label htmlFor="commissionId">{text.commission}</label>
            <select id="commissionId" name="commissionId" defaultValue={v.commissionId ?? String(d.commissions[0]?.id ?? '')} aria-describedby={described('commissionId')}>
              {d.commissions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {err('commissionId')}
          </div>
          <div className="field">
            <label htmlFor="opensOn">{text.opensOn}</label>
            <input id="opensOn" name="opensOn" type="date" defaultValue={v.opensOn ?? ''} aria-describedby={described('opensOn')} />
            {err('opensOn')}
          </div>
          <div className="field">
            <label htmlFor="closesOn">{text.closesOn}</label>
            <input id="closesOn" name="closesOn" type="date" defaultValue={v.closesOn ?? ''} aria-describedby={fields.closesOn ? 'closesOn-error' : 'closesOn-hint'} />
            <span id="closesOn-hint" className="muted">
              {text.closesHint}
            </span>
            {err('closesOn')}
          </div>
          <button type="submit" disabled={busy}>
            {text.submit}
          </button>
        </Form>
      </section>
    </>
  )
}
