import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { peopleList, regionalRoles } from '~/domain/people-admin.server'
import { orErrorPage } from '~/http/errors.server'
import { requireRegion } from '~/http/staff-region.server'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { roleLabels, type Role } from '~/model/permissions'
import { ColumnHeads } from '~/ui/column-heads'
import { ListPager } from '~/ui/list-pager'
import { RegionPicker } from '~/ui/region-picker'
import { text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'user:manage')
  const url = new URL(request.url)
  const roleParam = url.searchParams.get('role')
  const role = regionalRoles.find((r) => r === roleParam) ?? null
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100) || null
  const page = await orErrorPage(peopleList(actor, region.id, { q, role, ...pageOf(url, 'after', 'text') }))
  // The region stays in the links: an administrator pages the region they chose.
  url.searchParams.set('region', String(region.id))
  return {
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    roles: regionalRoles,
    role,
    q,
    total: page.total ?? 0,
    people: page.rows,
    from: page.from,
    next: nextHref(url, page),
    first: firstHref(url),
  }
}

export default function People() {
  const d = useLoaderData<typeof loader>()
  const inRegion = `?region=${d.region.id}`
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      <p>
        {text.invitationsHint} <Link to={`/people/invitations${inRegion}`}>{text.invitations}</Link>
      </p>
      <Form method="get" role="search" aria-label={text.filter} className="filter-grid">
        <input type="hidden" name="region" value={d.region.id} />
        <div className="field">
          <label htmlFor="q">{text.q}</label>
          <input id="q" name="q" type="search" defaultValue={d.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="role">{text.role}</label>
          <select id="role" name="role" defaultValue={d.role ?? ''}>
            <option value="">{text.all}</option>
            {d.roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <span aria-hidden="true">&nbsp;</span>
          <button type="submit">{text.apply}</button>
        </div>
      </Form>
      <p role="status" aria-live="polite">
        {text.found(d.total)}
      </p>
      {d.people.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="staff-table stack">
            <ColumnHeads labels={[text.name, text.login, text.grants, text.state]} />
            <tbody>
              {d.people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/people/${p.id}${inRegion}`}>{p.displayName}</Link>
                  </th>
                  <td data-label={text.login}>{p.login}</td>
                  <td data-label={text.grants}>
                    <ul className="plain">
                      {p.grants.map((g) => (
                        <li key={g.id}>
                          {roleLabels[g.role as Role]}
                          {g.scope ? `: ${g.scope}` : ''}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label={text.state}>{p.active ? text.active : text.inactive}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager from={d.from} count={d.people.length} total={d.total} next={d.next} first={d.first} label={text.pages} />
    </>
  )
}
