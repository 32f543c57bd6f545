import type { Cell, ReportTable } from '~/model/statistics'
import { BarChart, ColumnChart } from './charts'
import { ColumnHeads } from './column-heads'

// One table of the statistics report on a page: its heading, the chart and,
// beside it, the table of the same numbers (the chart's text alternative).

const show = (v: Cell) => (v === null ? '—' : typeof v === 'number' ? v.toLocaleString('ru-RU') : v)

export function ReportFigure({ table, empty = 'Нет данных' }: { table: ReportTable; empty?: string }) {
  const c = table.chart
  const data = c ? table.rows.map((r) => ({ label: String(r[c.label] ?? '—'), value: typeof r[c.value] === 'number' ? (r[c.value] as number) : null })) : []
  const Chart = c?.kind === 'column' ? ColumnChart : BarChart
  return (
    <section className="report-figure" aria-labelledby={`${table.id}-heading`}>
      <h3 id={`${table.id}-heading`}>{table.title}</h3>
      {table.note ? <p className="muted">{table.note}</p> : null}
      <div className="report-figure-body">
        {c ? <Chart id={`${table.id}-chart`} title={table.title} desc={c.desc} data={data} limit={c.limit ?? null} empty={empty} /> : null}
        <div className="table-wrap">
          <table className="stack">
            <caption className="visually-hidden">{table.title}</caption>
            <ColumnHeads labels={table.columns.map((col) => col.head)} />
            <tbody>
              {table.rows.length === 0 ? (
                <tr>
                  <td colSpan={table.columns.length}>{empty}</td>
                </tr>
              ) : (
                table.rows.map((r, i) => <Row key={i} cells={r} table={table} />)
              )}
            </tbody>
            {table.total ? (
              <tfoot>
                <Row cells={table.total} table={table} />
              </tfoot>
            ) : null}
          </table>
        </div>
      </div>
    </section>
  )
}

function Row({ cells, table }: { cells: Cell[]; table: ReportTable }) {
  return (
    <tr>
      {cells.map((v, i) =>
        i === 0 ? (
          <th scope="row" key={i}>
            {show(v)}
          </th>
        ) : (
          <td key={i} data-label={table.columns[i].head} className={table.columns[i].kind === 'number' ? 'num' : undefined}>
            {show(v)}
          </td>
        ),
      )}
    </tr>
  )
}
