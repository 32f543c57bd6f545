import { Link } from '@remix-run/react'
import { municipalValueLabel } from '~/model/indicator-form'
import { reportText as t } from '~/model/indicator-tables'
import { metLabel, type FormRow } from '~/model/indicators'
import { ColumnHeads } from '~/ui/column-heads'

// The yearly indicator report's tables on its page (Khabarovsk protocol №4,
// question 3): municipal and regional indicators, then each municipal
// indicator by municipality, with the links to enter a value where the
// reader may (hidden in print).

const text = {
  enter: 'Внести значение',
  change: 'Изменить',
  file: 'документ',
  link: 'ссылка',
  empty: 'Муниципалитетов нет.',
}

type Confirmed = { valueId: number | null; hasFile: boolean; evidenceUrl: string | null; confirmation: string }

/**
 * The confirmation cell of a value, regional or one municipality's: its
 * words, document and link, and — where the reader may enter it — the link to
 * enter or change it, named after what it is for (`name`).
 */
function ConfirmationCell({ reportId, value, enter }: { reportId: number; value: Confirmed; enter: { href: string; name: string } | null }) {
  const action = value.valueId ? text.change : text.enter
  return (
    <td data-label={t.confirmation}>
      <span className="pre">{value.confirmation}</span>
      {value.hasFile && value.valueId ? (
        <>
          {' '}
          <a href={`/reports/${reportId}/evidence/${value.valueId}`}>{text.file}</a>
        </>
      ) : null}
      {value.evidenceUrl ? (
        <>
          {' '}
          <a href={value.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank">
            {text.link}
          </a>
        </>
      ) : null}
      {enter ? (
        <span className="no-print">
          {' '}
          <Link to={enter.href} aria-label={`${action}: ${enter.name}`}>
            {action}
          </Link>
        </span>
      ) : null}
    </td>
  )
}

export function ReportTables({ rows, reportId, enterRegional, enterMunicipal }: { rows: FormRow[]; reportId: number; enterRegional: boolean; enterMunicipal: 'all' | number[] }) {
  const mayEnterIn = (municipalityId: number) => enterMunicipal === 'all' || enterMunicipal.includes(municipalityId)
  const sections = (['municipal', 'regional'] as const).map((level) => ({ level, rows: rows.filter((x) => x.level === level) })).filter((s) => s.rows.length > 0)
  const valueHref = (row: FormRow, municipalityId?: number) => `/reports/${reportId}/value?indicator=${row.indicatorId}${municipalityId ? `&municipality=${municipalityId}` : ''}`
  return (
    <>
      {sections.map((s) => (
        <section key={s.level} aria-labelledby={`section-${s.level}`}>
          <h2 id={`section-${s.level}`}>{t.section(s.level)}</h2>
          <div className="table-wrap">
            <table className="stack">
              <caption>{t.section(s.level)}</caption>
              <ColumnHeads labels={[t.number, t.indicator, t.minimum, t.actual, t.met, t.confirmation]} />
              <tbody>
                {s.rows.map((row, n) => (
                  <tr key={row.indicatorId}>
                    <td data-label={t.number}>{n + 1}</td>
                    <th scope="row">
                      {row.title}
                      {row.template ? <span className="muted"> ({t.template})</span> : null}
                    </th>
                    <td data-label={t.minimum}>{row.minimum}</td>
                    <td data-label={t.actual}>
                      {row.actualText}
                      {row.computation ? <span className="muted"> ({t.computed})</span> : null}
                    </td>
                    <td data-label={t.met}>{metLabel(row.met)}</td>
                    <ConfirmationCell reportId={reportId} value={row} enter={s.level === 'regional' && enterRegional && !row.computation ? { href: valueHref(row), name: row.title } : null} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      {rows
        .filter((row) => row.level === 'municipal')
        .map((row, n) => (
          <section key={row.indicatorId} aria-labelledby={`municipal-${row.indicatorId}`}>
            <h2 id={`municipal-${row.indicatorId}`}>{t.byMunicipality(n + 1)}</h2>
            <p>{row.title}</p>
            {row.municipalities.length === 0 ? (
              <p className="muted">{text.empty}</p>
            ) : (
              <div className="table-wrap">
                <table className="stack">
                  <caption>{t.byMunicipality(n + 1)}</caption>
                  <ColumnHeads labels={[t.municipality, t.value, t.met, t.confirmation]} />
                  <tbody>
                    {row.municipalities.map((l) => (
                      <tr key={l.municipalityId}>
                        <th scope="row">{l.name}</th>
                        <td data-label={t.value}>{municipalValueLabel(row, l.actual)}</td>
                        <td data-label={t.met}>{metLabel(l.met)}</td>
                        <ConfirmationCell reportId={reportId} value={l} enter={!row.computation && mayEnterIn(l.municipalityId) ? { href: valueHref(row, l.municipalityId), name: l.name } : null} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
    </>
  )
}
