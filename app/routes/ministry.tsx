import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { fieldErrorHelpers } from '~/ui/field-errors'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { attempt, invalidForm, orErrorPage } from '~/http/errors.server'
import { decideApplications, ministryQueue } from '~/domain/ministry.server'
import { fieldErrors } from '~/model/inputs/login'
import { ministryDecisionSchema } from '~/model/inputs/ministry'
import { formatOrder, formObject } from '~/model/inputs/orders'
import { redirectWithFlash } from '~/http/flash.server'
import { requireRegion } from '~/http/staff-region.server'
import { campaignStateLabels, sourceLabels } from '~/model/labels'
import { RegionPicker } from '~/ui/region-picker'

const text = {
  title: 'Согласование состава актива',
  lead: 'Список кандидатов, рекомендованных комиссией. Отметьте кандидатов и согласуйте их приказом или верните в комиссию с указанием причины.',
  empty: 'Кандидатов на согласовании нет.',
  campaign: 'Отбор',
  choose: 'Выбрать',
  chooseOne: (name: string) => `Выбрать: ${name}`,
  name: 'ФИО',
  organisation: 'Место работы',
  municipality: 'Муниципалитет',
  source: 'Основание',
  approveTitle: 'Согласовать выбранных',
  approveHint: 'Согласование оформляется приказом: укажите его номер, дату и название. Номер и дата приказа в регионе не повторяются.',
  orderNumber: 'Номер приказа',
  orderDate: 'Дата приказа',
  orderTitle: 'Название приказа',
  orderTitleDefault: 'Об утверждении состава регионального методического актива',
  approve: 'Согласовать выбранных',
  returnTitle: 'Вернуть выбранных в комиссию',
  reason: 'Причина возврата (обязательно)',
  return: 'Вернуть выбранных в комиссию',
  orders: 'Приказы об утверждении состава',
  noOrders: 'Приказов пока нет.',
  appendix: 'приложение к приказу',
  approved: (n: number) => `Согласовано кандидатов: ${n}. Приказ зарегистрирован.`,
  returned: (n: number) => `Возвращено в комиссию кандидатов: ${n}.`,
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'approval:decide')
  const queue = await orErrorPage(ministryQueue(actor, region.id))
  return {
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    ...queue,
  }
}

type Values = { ids: string[]; orderNumber?: string; orderDate?: string; orderTitle?: string; reason?: string }

export async function action({ request }: ActionFunctionArgs) {
  const form = formObject(await request.formData(), ['ids'])
  const { actor, region } = await requireRegion(request, 'approval:decide', String(form.region ?? ''))
  const values = form as Values
  const parsed = ministryDecisionSchema.safeParse(form)
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error), values)
  const decision = parsed.data
  return attempt(async () => {
    const r = await decideApplications(actor, region.id, decision)
    // The order's appendix is linked from the list of orders on the page.
    const done = decision.intent === 'approve' ? text.approved(r.decided.length) : text.returned(r.decided.length)
    return redirectWithFlash(`/ministry?region=${region.id}`, done)
  }, values)
}

export default function Ministry() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fields = a?.error.fields ?? {}
  const v: Partial<Values> = a?.values ?? {}
  const checked = new Set(v.ids ?? [])
  const { err, described } = fieldErrorHelpers(fields)
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      {a?.error ? (
        <p className="alert" role="alert">
          {fields.ids ?? a.error.message}
        </p>
      ) : null}

      {d.groups.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="region" value={d.region.id} />
          {d.groups.map((g) => (
            <fieldset key={g.campaign.id}>
              <legend>
                {text.campaign}: {g.campaign.title} <span className="badge">{campaignStateLabels[g.campaign.state] ?? g.campaign.state}</span>
              </legend>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{text.choose}</th>
                      <th scope="col">{text.name}</th>
                      <th scope="col">{text.organisation}</th>
                      <th scope="col">{text.municipality}</th>
                      <th scope="col">{text.source}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.applications.map((app) => (
                      <tr key={app.id}>
                        <td>
                          <input
                            type="checkbox"
                            name="ids"
                            value={app.id}
                            id={`app-${app.id}`}
                            defaultChecked={checked.has(String(app.id))}
                            aria-label={text.chooseOne(app.fullName)}
                          />
                        </td>
                        <th scope="row">
                          <Link to={`/applications/${app.id}`}>{app.fullName}</Link>
                        </th>
                        <td>{app.organisationName ?? '—'}</td>
                        <td>{app.municipalityName ?? '—'}</td>
                        <td>{sourceLabels[app.source]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
          ))}

          <section className="card" aria-labelledby="approve-title">
            <h2 id="approve-title">{text.approveTitle}</h2>
            <p className="muted">{text.approveHint}</p>
            <div className="field">
              <label htmlFor="orderNumber">{text.orderNumber}</label>
              <input id="orderNumber" name="orderNumber" defaultValue={v.orderNumber ?? ''} aria-describedby={described('orderNumber')} />
              {err('orderNumber')}
            </div>
            <div className="field">
              <label htmlFor="orderDate">{text.orderDate}</label>
              <input id="orderDate" name="orderDate" type="date" defaultValue={v.orderDate ?? ''} aria-describedby={described('orderDate')} />
              {err('orderDate')}
            </div>
            <div className="field">
              <label htmlFor="orderTitle">{text.orderTitle}</label>
              <input id="orderTitle" name="orderTitle" defaultValue={v.orderTitle ?? text.orderTitleDefault} aria-describedby={described('orderTitle')} />
              {err('orderTitle')}
            </div>
            <button type="submit" name="intent" value="approve" disabled={busy}>
              {text.approve}
            </button>
          </section>

          <section className="card" aria-labelledby="return-title">
            <h2 id="return-title">{text.returnTitle}</h2>
            <div className="field">
              <label htmlFor="reason">{text.reason}</label>
              <textarea id="reason" name="reason" rows={3} defaultValue={v.reason ?? ''} aria-describedby={described('reason')} />
              {err('reason')}
            </div>
            <button type="submit" name="intent" value="return" className="danger" disabled={busy}>
              {text.return}
            </button>
          </section>
        </Form>
      )}

      <h2>{text.orders}</h2>
      {d.orders.length === 0 ? (
        <p className="muted">{text.noOrders}</p>
      ) : (
        <ul>
          {d.orders.map((o) => (
            <li key={o.id}>
              {formatOrder(o)} «{o.title}» — <Link to={`/orders/${o.id}/appendix`}>{text.appendix}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
