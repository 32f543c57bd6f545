import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { publicSelections } from '~/domain/public-selections.server'
import { getSignedIn } from '~/http/session.server'
import { ApplyActions, Deadline, RequirementList } from '~/ui/selection'
import { text } from '~/ui/selection-text'

// The open selections for everyone, without sign-in (issue 9, item 7;
// PRODUCT §7.2). Not in the public cache: a campaign opens and closes without
// the roster changing, and «Подать заявление» depends on who is signed in.

export const handle = { hydrate: false, scripts: ['/auto-submit.js'] }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.region ? text.regionTitle(data.region.name) : text.title} — ${text.site}` },
  { name: 'description', content: text.lead },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get('region') ?? ''
  const actor = await getSignedIn(request)
  return publicSelections({ regionCode: /^[a-z0-9-]{1,80}$/.test(code) ? code : undefined, actor })
}

export default function Selections() {
  const { regions, region, selections } = useLoaderData<typeof loader>()
  const anonymous = selections.some((s) => s.apply === 'signIn')
  return (
    <>
      <h1>{region ? text.regionTitle(region.name) : text.title}</h1>
      <p className="lead">{text.lead}</p>
      {anonymous ? <p>{text.how}</p> : null}
      <form method="get" action="/selections" className="filters inline-form" data-auto-submit="">
        <div className="field">
          <label htmlFor="s-region">{text.filter}</label>
          <select id="s-region" name="region" defaultValue={region?.code ?? ''}>
            <option value="">{text.allRegions}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{text.show}</button>
      </form>

      {selections.length === 0 ? (
        <p className="muted">
          {region ? text.noneInRegion(region.name) : text.none}
          {region ? (
            <>
              {' '}
              <Link to="/selections">{text.allSelections}</Link>
            </>
          ) : null}
        </p>
      ) : (
        <ul className="plain selections">
          {selections.map((s) => (
            <li key={s.id}>
              <article className="card selection" aria-labelledby={`sel-${s.id}`}>
                <h2 id={`sel-${s.id}`}>
                  <Link to={`/selections/${s.id}`}>{s.title}</Link>
                </h2>
                <p className="selection-level">{text.level(s.municipalityName)}</p>
                <p>
                  {text.region}: <Link to={`/regions/${s.regionCode}`}>{s.regionName}</Link>
                </p>
                <Deadline s={s} />
                <details className="requirements-details">
                  <summary>{text.requirements}</summary>
                  <RequirementList requirements={s.requirements} headingLevel={3} />
                </details>
                <ApplyActions s={s} />
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
