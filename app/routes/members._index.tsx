import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { orErrorPage } from '~/http/errors.server'
import { rosterList } from '~/domain/roster-admin.server'
import { formatOrder } from '~/model/inputs/orders'
import { requireRegion } from '~/http/staff-region.server'
import { formatCount, memberStateLabels } from '~/model/labels'
import { RegionPicker } from '~/ui/region-picker'
import { ListPager } from '~/ui/list-pager'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { scrollRegion } from '~/ui/table-scroll'

/** The states a member can be in, in the order the labels list them. */
const memberStates = Object.keys(memberStateLabels) as (keyof typeof memberStateLabels)[]

const text = {
  title: 'Состав методического актива',
  lead: 'Изменения состава (приостановление, исключение, окончание срока) вносятся по приказу на странице члена актива.',
  filter: 'Отбор списка',
  state: 'Состояние',
  all: 'все',
  q: 'ФИО',
  apply: 'Показать',
  found: (n: number) => `Найдено: ${formatCount(n)}`,
  empty: 'Никого не найдено.',
  name: 'ФИО',
  workplace: 'Место работы',
  public: 'В открытом реестре',
  publicHint: 'Показывается ли член актива в открытом реестре сейчас: действует и дал согласие на публикацию ФИО.',
  yes: 'да',
  no: 'нет',
  order: 'Приказ о включении',
  pages: 'Страницы списка членов актива',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'roster:change')
  const url = new URL(request.url)
  const stateParam = url.searchParams.get('state')
  const state = stateParam && (memberStates as readonly string[]).includes(stateParam) ? stateParam : null
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100) || null
  const page = await orErrorPage(rosterList(actor, region.id, { state, q, ...pageOf(url, 'after', 'text') }))
  // The region stays in the links: a coordinator of several regions pages the one they chose.
  url.searchParams.set('region', String(region.id))
  return {
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    state,
    q,
    total: page.total ?? 0,
    members: page.rows,
    from: page.from,
    next: nextHref(url, page),
    first: firstHref(url),
  }
}

export default function Members() {
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      <Form method="get" role="search" aria-label={text.filter} className="filter-grid">
        <input type="hidden" name="region" value={d.region.id} />
        <div className="field">
          <label htmlFor="state">{text.state}</label>
          <select id="state" name="state" defaultValue={d.state ?? ''}>
            <option value="">{text.all}</option>
            {memberStates.map((s) => (
              <option key={s} value={s}>
                {memberStateLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q">{text.q}</label>
          <input id="q" name="q" type="search" defaultValue={d.q ?? ''} />
        </div>
        <div className="field">
          <span aria-hidden="true">&nbsp;</span>
          <button type="submit">{text.apply}</button>
        </div>
      </Form>
      <p role="status" aria-live="polite">
        {text.found(d.total)}
      </p>
      {d.members.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <div {...scrollRegion(text.title)}>
          <table className="staff-table">
            <thead>
              <tr>
                <th scope="col">{text.name}</th>
                <th scope="col">{text.workplace}</th>
                <th scope="col">{text.state}</th>
                <th scope="col" title={text.publicHint}>
                  {text.public}
                </th>
                <th scope="col">{text.order}</th>
              </tr>
            </thead>
            <tbody>
              {d.members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/members/${m.id}`}>{m.fullName}</Link>
                  </th>
                  <td>
                    <span className="clamp" title={m.organisationName ?? undefined}>
                      {m.organisationName ?? '—'}
                    </span>
                  </td>
                  <td>
                    <span className="badge" data-state={m.state}>
                      {memberStateLabels[m.state] ?? ''}
                    </span>
                  </td>
                  <td>{m.listed ? text.yes : text.no}</td>
                  <td>{m.admittedOrder ? formatOrder(m.admittedOrder) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager from={d.from} count={d.members.length} total={d.total} next={d.next} first={d.first} label={text.pages} />
    </>
  )
}
