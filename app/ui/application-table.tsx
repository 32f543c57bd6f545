import { Link } from '@remix-run/react'
import { applicationStateLabels, formatDate, sourceLabels } from '~/model/labels'
import { scrollRegion } from '~/ui/table-scroll'

// The list of applications that staff and applicants see on their screens.

const text = {
  label: 'Заявления',
  name: 'Кандидат',
  campaign: 'Отбор',
  organisation: 'Организация',
  source: 'Основание',
  state: 'Состояние',
  updated: 'Изменено',
}

export type ApplicationListItem = {
  id: number
  fullName: string
  /** The campaign applied to; the column shows when the items carry it. */
  campaignTitle?: string
  organisationName: string | null
  municipalityName: string | null
  source: string
  state: string
  updatedAt: Date | string
}

/** `timeZone`: the region's, in which the dates are shown. */
/** `label`: the table's name for a screen reader (the scrolling region is named by it). */
export function ApplicationTable({ items, empty, timeZone, label = text.label }: { items: ApplicationListItem[]; empty: string; timeZone: string; label?: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>
  const withCampaign = items.some((a) => a.campaignTitle)
  return (
    <div {...scrollRegion(label)}>
      <table className="staff-table">
        <thead>
          <tr>
            <th scope="col">{text.name}</th>
            {withCampaign ? <th scope="col">{text.campaign}</th> : null}
            <th scope="col">{text.organisation}</th>
            <th scope="col">{text.source}</th>
            <th scope="col">{text.state}</th>
            <th scope="col">{text.updated}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <Link to={`/applications/${a.id}`}>{a.fullName}</Link>
              </th>
              {withCampaign ? (
                <td title={a.campaignTitle}>
                  <span className="clamp">{a.campaignTitle ?? '—'}</span>
                </td>
              ) : null}
              <td title={a.organisationName ?? undefined}>
                <span className="clamp">{a.organisationName ?? '—'}</span>
                {a.municipalityName ? <div className="muted">{a.municipalityName}</div> : null}
              </td>
              <td>{sourceLabels[a.source] ?? a.source}</td>
              <td>
                <span className="badge" data-state={a.state}>
                  {applicationStateLabels[a.state] ?? a.state}
                </span>
              </td>
              <td>{formatDate(a.updatedAt, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
