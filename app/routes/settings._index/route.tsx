import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { settingsOverview } from '~/domain/region-settings.server'
import { orErrorPage } from '~/http/errors.server'
import { requireSettingsRegion } from '~/http/settings-region.server'
import { formatCount } from '~/model/labels'
import { quorumLabel } from '~/model/inputs/region-settings'
import { can } from '~/model/permissions'
import { timeZoneLabel } from '~/model/time-zones'
import { SettingsNav, settingsHref } from '~/ui/settings-nav'
import { text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireSettingsRegion(request)
  const mayCreate = can(actor, 'region:create', {})
  if (!region) return { overview: null, choices, mayCreate }
  const o = await orErrorPage(settingsOverview(actor, region.id))
  return {
    choices,
    mayCreate,
    overview: {
      region: { code: o.region.code, name: o.region.name, timeZone: timeZoneLabel(o.region.timeZone), termYears: o.region.termYears, ministryName: o.region.ministryName, siteUrl: o.region.siteUrl },
      operator: o.operator,
      quorum: o.commissions === 0 ? null : o.quorum === 'mixed' ? 'mixed' : quorumLabel(o.quorum),
      municipalities: o.municipalities,
      directions: o.directions,
    },
  }
}

function Row({ label, children, href }: { label: string; children: ReactNode; href?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {children}
        {href ? (
          <>
            {' '}
            <Link to={href} aria-label={text.changeOf(label)}>
              {text.change}
            </Link>
          </>
        ) : null}
      </dd>
    </>
  )
}

export default function SettingsHub() {
  const d = useLoaderData<typeof loader>()
  const newRegion = d.mayCreate ? (
    <p>
      <Link to="/settings/regions/new" className="button">
        {text.newRegion}
      </Link>
    </p>
  ) : null
  if (!d.overview) {
    return (
      <>
        <h1>{text.title}</h1>
        <p>{text.noRegion}</p>
        {newRegion}
      </>
    )
  }
  const { region: r, operator: op, municipalities: m, directions } = d.overview
  const href = (path: string) => settingsHref(path, r.code)
  return (
    <>
      <h1>{text.titleOf(r.name)}</h1>
      <SettingsNav region={r} choices={d.choices} current="/settings" />
      {op.demo ? <p className="warning">{text.demoOperator}</p> : !op.name ? <p className="warning">{text.noOperator}</p> : null}
      <h2>{text.summary}</h2>
      <dl className="facts">
        <Row label={text.municipalities} href={href('/settings/municipalities')}>
          {text.municipalitiesLine(m.count, formatCount(m.teachers))}
          {m.estimated > 0 ? ` (${text.estimates(m.estimated)})` : ''}
        </Row>
        <Row label={text.directions} href={href('/settings/directions')}>
          {text.directionsLine(directions.count, directions.groups)}
        </Row>
        <Row label={text.timeZone} href={href('/settings/general')}>
          {r.timeZone}
        </Row>
        <Row label={text.term} href={href('/settings/general')}>{text.termYears(r.termYears)}</Row>
        <Row label={text.quorum} href={href('/settings/general')}>{d.overview.quorum === null ? text.noCommission : d.overview.quorum === 'mixed' ? text.quorumMixed : d.overview.quorum}</Row>
        <Row label={text.ministry} href={href('/settings/general')}>{r.ministryName || text.notSet}</Row>
        <Row label={text.site} href={href('/settings/general')}>{r.siteUrl || text.notSet}</Row>
        <Row label={text.operator} href={href('/settings/operator')}>
          {op.name ? `${op.name}, ИНН ${op.inn}, ОГРН ${op.ogrn}` : text.notSet}
        </Row>
      </dl>
      <p>
        <Link to={`/regions/${r.code}/coverage`}>{text.coverage}</Link>
      </p>
      {newRegion}
    </>
  )
}
