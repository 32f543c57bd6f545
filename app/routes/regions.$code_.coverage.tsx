import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { regionCoverage } from '~/domain/regions.server'
import { coverageStatus, coverageStatusLabels, coverageTotal, perMember } from '~/model/coverage'

const text = {
  title: (name: string) => `Обеспеченность методической поддержкой: ${name}`,
  indicator: (n: number) => `Показатель региона: не более ${n} педагогических работников на одного члена методического актива.`,
  noIndicator: 'Регион не установил предельного значения; показано фактическое число педагогов на одного члена актива.',
  municipality: 'Муниципалитет',
  teachers: 'Педагогов',
  members: 'Членов актива, всего',
  regional: 'В региональном активе',
  municipal: 'В муниципальных активах',
  levelsNote: 'Члены актива считаются по обоим уровням: регионального методического актива и муниципальных активов; «всего» — сумма обоих.',
  perMember: 'Педагогов на одного члена актива',
  status: 'Соответствие показателю',
  none: 'нет членов актива',
  chartTitle: 'Число педагогов на одного члена актива по муниципалитетам',
  chartDesc: (n: number | null) =>
    n ? `Горизонтальные столбцы; пунктирная линия — предельное значение ${n}. Те же данные приведены в таблице.` : 'Горизонтальные столбцы. Те же данные приведены в таблице.',
  back: 'К странице региона',
  estimate: 'оценка',
  estimateNote: '«Оценка» — число педагогов приблизительное, а не по отчётным данным; итог по региону с такими числами тоже оценка.',
  total: 'Всего по региону',
  year: (y: number) => `на ${y} год`,
  notFound: 'Регион не найден',
}

export const handle = { hydrate: false }

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? text.title(data.name) : text.notFound }]

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await regionCoverage(params.code ?? '')
  if (!found) throw new Response(text.notFound, { status: 404 })
  const { region, rows } = found
  return {
    code: region.code,
    name: region.name,
    limit: region.settings.coverage?.maxTeachersPerMember ?? null,
    rows: rows.map((r) => ({ ...r, perMember: perMember(r) })),
    total: {
      ...coverageTotal(rows),
      regional: rows.reduce((s, r) => s + r.regional, 0),
      municipal: rows.reduce((s, r) => s + r.municipal, 0),
      estimated: rows.some((r) => r.estimated),
    },
  }
}

function Teachers({ n, estimated, year }: { n: number; estimated: boolean; year?: number | null }) {
  return (
    <>
      {n.toLocaleString('ru-RU')}
      {year ? <span className="muted"> {text.year(year)}</span> : null}
      {estimated ? <span className="badge"> {text.estimate}</span> : null}
    </>
  )
}

function Chart({ rows, limit }: { rows: { name: string; perMember: number | null }[]; limit: number | null }) {
  const barH = 18
  const gap = 6
  const labelW = 330
  const width = 900
  const plotW = width - labelW - 60
  // The axis stops at four times the indicator so that one outlier does not
  // flatten every other bar; longer bars are cut at the edge, their value printed.
  const highest = Math.max(...rows.map((r) => r.perMember ?? 0), 1)
  const max = limit ? Math.min(Math.max(limit * 1.2, highest), limit * 4) : highest
  const x = (v: number) => labelW + (Math.min(v, max) / max) * plotW
  const height = rows.length * (barH + gap) + 30
  return (
    <svg className="chart" role="img" aria-labelledby="chart-title chart-desc" viewBox={`0 0 ${width} ${height}`} width="100%">
      <title id="chart-title">{text.chartTitle}</title>
      <desc id="chart-desc">{text.chartDesc(limit)}</desc>
      {rows.map((r, i) => {
        const y = i * (barH + gap) + 20
        return (
          <g key={r.name}>
            <text x={labelW - 8} y={y + barH - 4} textAnchor="end">
              {r.name.length > 44 ? `${r.name.slice(0, 43)}…` : r.name}
            </text>
            {r.perMember !== null ? (
              <>
                <rect className={`bar${limit && r.perMember > limit ? ' over' : ''}`} x={labelW} y={y} width={Math.max(1, x(r.perMember) - labelW)} height={barH} />
                <text x={x(r.perMember) + 4} y={y + barH - 4}>
                  {r.perMember}
                </text>
              </>
            ) : (
              <text x={labelW + 4} y={y + barH - 4}>
                {text.none}
              </text>
            )}
          </g>
        )
      })}
      {limit ? <line className="limit" x1={x(limit)} x2={x(limit)} y1={10} y2={height} /> : null}
    </svg>
  )
}

export default function CoveragePage() {
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title(d.name)}</h1>
      <p>{d.limit ? text.indicator(d.limit) : text.noIndicator}</p>
      <Chart rows={d.rows} limit={d.limit} />
      <div className="table-wrap">
        <table className="stack">
          <caption className="visually-hidden">{text.chartTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{text.municipality}</th>
              <th scope="col">{text.teachers}</th>
              <th scope="col">{text.regional}</th>
              <th scope="col">{text.municipal}</th>
              <th scope="col">{text.members}</th>
              <th scope="col">{text.perMember}</th>
              {d.limit ? <th scope="col">{text.status}</th> : null}
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.municipalityId}>
                <th scope="row">{r.name}</th>
                <td data-label={text.teachers}>
                  <Teachers n={r.teachers} estimated={r.estimated} year={r.year} />
                </td>
                <td data-label={text.regional}>{r.regional}</td>
                <td data-label={text.municipal}>{r.municipal}</td>
                <td data-label={text.members}>{r.members}</td>
                <td data-label={text.perMember}>{r.perMember ?? '—'}</td>
                {d.limit ? <td data-label={text.status}>{coverageStatusLabels[coverageStatus(r.perMember, d.limit) ?? 'none']}</td> : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{text.total}</th>
              <td data-label={text.teachers}>
                <Teachers n={d.total.teachers} estimated={d.total.estimated} />
              </td>
              <td data-label={text.regional}>{d.total.regional}</td>
              <td data-label={text.municipal}>{d.total.municipal}</td>
              <td data-label={text.members}>{d.total.members}</td>
              <td data-label={text.perMember}>{d.total.perMember ?? '—'}</td>
              {d.limit ? <td data-label={text.status}>{coverageStatusLabels[coverageStatus(d.total.perMember, d.limit) ?? 'none']}</td> : null}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted">{text.levelsNote}</p>
      {d.total.estimated ? <p className="muted">{text.estimateNote}</p> : null}
      <p>
        <Link to={`/regions/${d.code}`}>{text.back}</Link>
      </p>
    </>
  )
}
