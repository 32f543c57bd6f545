import { Link } from '@remix-run/react'
import { applicationStateLabels, formatDate, sourceLabels } from '~/model/labels'

// The list of applications that staff and applicants see on their screens.

const text = {
  name: 'Кандидат',
  organisation: 'Организация',
  source: 'Основание',
  state: 'Состояние',
  updated: 'Изменено',
}

export type ApplicationListItem = {
  id: number
  fullName: string
  organisationName: string | null
  municipalityName: string | null
  source: string
  state: string
  updatedAt: Date | string
}

/** `timeZone`: the region's, in which the dates are shown. */
export function ApplicationTable({ items, empty, timeZone }: { items: ApplicationListItem[]; empty: string; timeZone: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{text.name}</th>
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
              <td>
                {a.organisationName ?? '—'}
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
