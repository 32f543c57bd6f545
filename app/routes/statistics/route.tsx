import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { campaignLabel, regionStatistics, statisticsRegion } from '~/domain/statistics.server'
import { idParam, orErrorPage } from '~/http/errors.server'
import { requireSignedIn } from '~/http/session.server'
import { formatDateTime } from '~/model/labels'
import { RegionPicker } from '~/ui/region-picker'
import { ReportFigure } from '~/ui/report-figure'
import { text } from './text'

// GET /statistics[?region=<id or code>][&campaign=<id>] — the region's
// statistics for its regional coordinator and ministry officer (coverage:read
// in the region) and the administrator (any region). Downloads: the same
// report as /statistics.xlsx and /statistics.docx with the same query.

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const url = new URL(request.url)
  const { region, choices } = await orErrorPage(statisticsRegion(actor, url.searchParams.get('region')))
  const campaign = url.searchParams.get('campaign')
  const report = await orErrorPage(regionStatistics(actor, region, campaign ? idParam(campaign) : null))
  const query = new URLSearchParams({ region: String(region.id), ...(report.campaign ? { campaign: String(report.campaign.id) } : {}) })
  return {
    ...report,
    generatedAt: formatDateTime(report.generatedAt, region.timeZone),
    campaigns: report.campaigns.map((c) => ({ id: c.id, label: campaignLabel(c) })),
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    query: query.toString(),
  }
}

export default function Statistics() {
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.heading(d.region.name)}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      <p className="muted">{text.asOf(d.generatedAt)}</p>
      <nav aria-labelledby="statistics-contents" className="card no-print">
        <h2 id="statistics-contents">{text.downloads}</h2>
        <ul className="link-list">
          <li>
            <a href={`/statistics.xlsx?${d.query}`}>{text.xlsx}</a>
          </li>
          <li>
            <a href={`/statistics.docx?${d.query}`}>{text.docx}</a>
          </li>
          <li>
            <Link to={`/regions/${d.region.code}/statistics`}>{text.publicPage}</Link>
          </li>
        </ul>
      </nav>

      <h2>{text.members}</h2>
      {d.members.map((t) => (
        <ReportFigure key={t.id} table={t} empty={text.empty} />
      ))}

      <h2>{text.coverage}</h2>
      <ReportFigure table={d.coverage} empty={text.empty} />

      <h2>{text.selection}</h2>
      {d.campaign === null ? (
        <p className="muted">{text.noCampaigns}</p>
      ) : (
        <>
          <Form method="get" className="inline-form no-print">
            <input type="hidden" name="region" value={d.region.id} />
            <label htmlFor="statistics-campaign">{text.campaign}</label>{' '}
            <select id="statistics-campaign" name="campaign" defaultValue={d.campaign.id}>
              {d.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>{' '}
            <button type="submit">{text.show}</button>
          </Form>
          <p className="print-only">{d.campaigns.find((c) => c.id === d.campaign?.id)?.label}</p>
          {d.selection.map((t) => (
            <ReportFigure key={t.id} table={t} empty={text.empty} />
          ))}
        </>
      )}
    </>
  )
}
