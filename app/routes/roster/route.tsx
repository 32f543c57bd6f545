import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { rosterPage } from '~/domain/roster.server'
import { parseRosterFilter, rosterHref } from '~/model/roster-filter'
import { RosterFilters } from './filters'
import { MemberTable } from './member-table'
import { Pager } from './pager'
import { text } from './text'

// No React on the client: the page is plain HTML; the one script is the
// filter's progressive enhancement (/auto-submit.js).
export const handle = { hydrate: false, scripts: ['/auto-submit.js'] }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.region ? text.regionTitle(data.region.name) : text.title },
  { name: 'description', content: text.lead },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const data = await rosterPage(parseRosterFilter(new URL(request.url).searchParams))
  // A page past the last (an old link after members left, a typed number)
  // would say «Никого не найдено» under «Найдено: 110» and offer only the
  // empty page before it: the visitor goes to the last page instead.
  if (data.filter.page > data.pages) throw redirect(rosterHref({ ...data.filter, page: data.pages }))
  return data
}

export default function Roster() {
  const { filter, total, members, options, region, order, pages } = useLoaderData<typeof loader>()
  const title = region ? text.regionTitle(region.name) : text.title
  return (
    <>
      <h1>{title}</h1>
      {order ? <p className="lead">{text.orderTitle(order.number, order.date)}</p> : null}
      <p className="muted">{text.lead}</p>
      {region ? (
        <p>
          <Link to={`/regions/${region.code}`}>{text.about}</Link>
          {order ? (
            <>
              {' · '}
              <a href={rosterHref({ region: region.code })}>{text.allOfRegion}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <RosterFilters filter={filter} options={options} />

      <p role="status" className="count">
        <strong>{text.found(total)}</strong>
        {pages > 1 ? <span className="muted"> · {text.current(filter.page, pages)}</span> : null}
      </p>

      {members.length === 0 ? <p>{text.nothing}</p> : <MemberTable members={members} caption={title} oneRegion={Boolean(region)} />}

      <Pager filter={filter} pages={pages} />

      <h2>{text.openData}</h2>
      <ul>
        <li>
          <a href={rosterHref({ ...filter, page: 1 }, '/roster.csv')}>{text.csv}</a>
        </li>
        <li>
          <a href={rosterHref({ ...filter, page: 1 }, '/roster.json')}>{text.json}</a>
        </li>
      </ul>
    </>
  )
}
