import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { attempt, invalidForm, orErrorPage } from '~/http/errors.server'
import { changeCommission, commissionPage } from '~/domain/commission-admin.server'
import { commissionActionSchema, commissionRoles } from '~/model/inputs/coordinator'
import { fieldErrors } from '~/model/inputs/login'
import { formObject } from '~/model/inputs/orders'
import { idParam } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireRegion } from '~/http/staff-region.server'
import { commissionRoleLabels } from '~/model/labels'
import { RegionPicker } from '~/ui/region-picker'

const text = {
  title: 'Состав комиссии',
  noCommission: 'У региона нет комиссии.',
  commission: 'Комиссия',
  show: 'Показать',
  lead: 'Члены комиссии — пользователи системы. Организация члена комиссии нужна для автоматического самоотвода: он не рассматривает кандидатов из своей организации.',
  members: 'Члены комиссии',
  empty: 'В комиссии пока никого нет.',
  name: 'ФИО',
  login: 'Логин',
  role: 'Роль',
  organisation: 'Организация',
  status: 'Статус',
  active: 'в составе',
  inactive: 'выведен из состава',
  actions: 'Действия',
  changeRole: 'Изменить роль',
  roleOf: (name: string) => `Роль: ${name}`,
  deactivate: 'Вывести из состава',
  add: 'Добавить члена комиссии',
  addHint: 'Укажите логин существующей учётной записи. Если организация не выбрана, берётся место работы из профиля пользователя.',
  fromProfile: '— из профиля пользователя —',
  noOrganisation: '— не указана —',
  addSubmit: 'Добавить',
  orgTitle: 'Организация члена комиссии',
  member: 'Член комиссии',
  saveOrg: 'Сохранить организацию',
  done: 'Изменения сохранены.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'commission:manage')
  const url = new URL(request.url)
  const requested = url.searchParams.get('commission')
  const page = await orErrorPage(commissionPage(actor, region.id, requested ? idParam(requested) : null))
  return {
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    ...page,
  }
}

type Values = Partial<Record<'login' | 'role' | 'organisationId' | 'memberId' | 'intent', string>>

export async function action({ request }: ActionFunctionArgs) {
  const form = formObject(await request.formData())
  const { actor, region } = await requireRegion(request, 'commission:manage', String(form.region ?? ''))
  const commissionId = idParam(String(form.commissionId ?? ''))
  const values = form as Values
  const parsed = commissionActionSchema.safeParse(form)
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error), values)
  const change = parsed.data
  return attempt(async () => {
    await changeCommission(actor, commissionId, change)
    return redirectWithFlash(`/coordinator/commission?region=${region.id}&commission=${commissionId}`, text.done)
  }, values)
}

export default function CommissionComposition() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fields = a?.error.fields ?? {}
  const v: Values = a?.values ?? {}
  const addValues = v.intent === 'add' ? v : {}
  const c = d.commission
  const hidden = c ? (
    <>
      <input type="hidden" name="region" value={d.region.id} />
      <input type="hidden" name="commissionId" value={c.id} />
    </>
  ) : null
  const active = d.members.filter((m) => m.active)
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      {d.commissions.length > 1 ? (
        <Form method="get" className="inline-form">
          <input type="hidden" name="region" value={d.region.id} />
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
          {a?.error ? (
            <p className="alert" role="alert">
              {a.error.fields ? Object.values(a.error.fields).filter(Boolean).join(' ') || a.error.message : a.error.message}
            </p>
          ) : null}

          <h3>{text.members}</h3>
          {d.members.length === 0 ? (
            <p className="muted">{text.empty}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{text.name}</th>
                    <th scope="col">{text.login}</th>
                    <th scope="col">{text.role}</th>
                    <th scope="col">{text.organisation}</th>
                    <th scope="col">{text.status}</th>
                    <th scope="col">{text.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.members.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.name}</th>
                      <td>{m.login}</td>
                      <td>{commissionRoleLabels[m.role]}</td>
                      <td>{m.organisationName ?? '—'}</td>
                      <td>{m.active ? text.active : text.inactive}</td>
                      <td>
                        {m.active ? (
                          <>
                            <Form method="post" className="inline-form">
                              {hidden}
                              <input type="hidden" name="intent" value="role" />
                              <input type="hidden" name="memberId" value={m.id} />
                              <label htmlFor={`role-${m.id}`} className="visually-hidden">
                                {text.roleOf(m.name)}
                              </label>
                              <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                                {commissionRoles.map((r) => (
                                  <option key={r} value={r}>
                                    {commissionRoleLabels[r]}
                                  </option>
                                ))}
                              </select>{' '}
                              <button type="submit" disabled={busy}>
                                {text.changeRole}
                              </button>
                            </Form>
                            <Form method="post" className="inline-form">
                              {hidden}
                              <input type="hidden" name="intent" value="deactivate" />
                              <input type="hidden" name="memberId" value={m.id} />
                              <button type="submit" className="danger" disabled={busy} aria-label={`${text.deactivate}: ${m.name}`}>
                                {text.deactivate}
                              </button>
                            </Form>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {active.length > 0 ? (
            <section className="card" aria-labelledby="org-title">
              <h3 id="org-title">{text.orgTitle}</h3>
              <Form method="post">
                {hidden}
                <input type="hidden" name="intent" value="organisation" />
                <div className="field">
                  <label htmlFor="org-member">{text.member}</label>
                  <select id="org-member" name="memberId">
                    {active.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="org-organisation">{text.organisation}</label>
                  <select id="org-organisation" name="organisationId" defaultValue="">
                    <option value="">{text.noOrganisation}</option>
                    {d.organisations.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                        {o.municipality ? ` (${o.municipality})` : ''}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" disabled={busy}>
                  {text.saveOrg}
                </button>
              </Form>
            </section>
          ) : null}

          <section className="card" aria-labelledby="add-title">
            <h3 id="add-title">{text.add}</h3>
            <p className="muted">{text.addHint}</p>
            <Form method="post" noValidate>
              {hidden}
              <input type="hidden" name="intent" value="add" />
              <div className="field">
                <label htmlFor="add-login">{text.login}</label>
                <input
                  id="add-login"
                  name="login"
                  autoComplete="off"
                  defaultValue={addValues.login ?? ''}
                  aria-invalid={!!fields.login}
                  aria-describedby={fields.login ? 'add-login-error' : undefined}
                />
                {fields.login ? (
                  <span id="add-login-error" className="error">
                    {fields.login}
                  </span>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor="add-role">{text.role}</label>
                <select id="add-role" name="role" defaultValue={addValues.role ?? 'member'}>
                  {commissionRoles.map((r) => (
                    <option key={r} value={r}>
                      {commissionRoleLabels[r]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="add-organisation">{text.organisation}</label>
                <select id="add-organisation" name="organisationId" defaultValue={addValues.organisationId ?? ''}>
                  <option value="">{text.fromProfile}</option>
                  {d.organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                      {o.municipality ? ` (${o.municipality})` : ''}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" disabled={busy}>
                {text.addSubmit}
              </button>
            </Form>
          </section>
        </>
      )}
    </>
  )
}
