import type { ReactNode } from 'react'

// Charts as server-rendered SVG: no JavaScript, printable, read by screen
// readers through <title> and <desc> (role="img", aria-labelledby). Every
// chart stands beside a table of the same numbers (WCAG 1.1.1: the table is
// the text alternative of the picture). Pure: the same data, the same markup.

export type ChartDatum = { label: string; value: number | null }
export type ChartProps = {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string
  title: string
  desc: string
  data: ChartDatum[]
  /** A reference line at this value (e.g. the coverage indicator). */
  limit?: number | null
  /** Shown inside an empty chart. */
  empty?: string
}

const EMPTY = 'Нет данных'
const fmt = (v: number) => v.toLocaleString('ru-RU')
const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

function Frame({ id, title, desc, width, height, children }: { id: string; title: string; desc: string; width: number; height: number; children: ReactNode }) {
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  )
}

/**
 * The longest bar is the largest value, every other bar proportional to it
 * (zero at the label edge); a limit beyond the values widens the axis so the
 * line stays inside.
 */
/** A chart with no data says so, in the picture and in its description. */
function EmptyChart({ id, title, desc, empty, width }: { id: string; title: string; desc: string; empty: string; width: number }) {
  return (
    <Frame id={id} title={title} desc={`${desc} ${empty}.`} width={width} height={40}>
      <text x={8} y={26}>
        {empty}
      </text>
    </Frame>
  )
}

export function BarChart({ id, title, desc, data, limit = null, empty = EMPTY }: ChartProps) {
  const width = 640
  const labelW = 250
  const plotW = width - labelW - 70
  const barH = 18
  const gap = 8
  if (data.length === 0) {
    return <EmptyChart id={id} title={title} desc={desc} empty={empty} width={width} />
  }
  const max = Math.max(...data.map((d) => d.value ?? 0), limit ?? 0, 1)
  const x = (v: number) => labelW + (Math.max(0, v) / max) * plotW
  const height = data.length * (barH + gap) + gap + 4
  return (
    <Frame id={id} title={title} desc={desc} width={width} height={height}>
      {data.map((d, i) => {
        const y = gap + i * (barH + gap)
        return (
          <g key={`${i}-${d.label}`}>
            <text className="chart-label" x={labelW - 6} y={y + barH - 5} textAnchor="end">
              {shorten(d.label, 36)}
            </text>
            {d.value === null ? (
              <text x={labelW + 4} y={y + barH - 5}>
                —
              </text>
            ) : (
              <>
                <rect className={`bar${limit && d.value > limit ? ' over' : ''}`} x={labelW} y={y} width={x(d.value) - labelW} height={barH} />
                <text className="chart-value" x={x(d.value) + 4} y={y + barH - 5}>
                  {fmt(d.value)}
                </text>
              </>
            )}
          </g>
        )
      })}
      <line className="axis" x1={labelW} x2={labelW} y1={0} y2={height} />
      {limit ? <line className="limit" x1={x(limit)} x2={x(limit)} y1={0} y2={height} /> : null}
    </Frame>
  )
}

/** Vertical columns along an even axis (weeks, years): heights proportional to the largest value. */
export function ColumnChart({ id, title, desc, data, empty = EMPTY }: ChartProps) {
  const width = 640
  const plotH = 160
  const top = 20
  const bottom = 44
  if (data.length === 0) {
    return <EmptyChart id={id} title={title} desc={desc} empty={empty} width={width} />
  }
  const max = Math.max(...data.map((d) => d.value ?? 0), 1)
  const slot = (width - 20) / data.length
  const colW = Math.max(2, Math.min(48, slot * 0.7))
  // Labels thin out when the columns are narrow, so they never overlap.
  const every = Math.max(1, Math.ceil(60 / slot))
  const base = top + plotH
  return (
    <Frame id={id} title={title} desc={desc} width={width} height={base + bottom}>
      {data.map((d, i) => {
        const cx = 10 + slot * i + slot / 2
        const h = ((d.value ?? 0) / max) * plotH
        return (
          <g key={`${i}-${d.label}`}>
            <rect className="bar" x={cx - colW / 2} y={base - h} width={colW} height={h} />
            {d.value && (every === 1 || i % every === 0) ? (
              <text className="chart-value" x={cx} y={base - h - 4} textAnchor="middle">
                {fmt(d.value)}
              </text>
            ) : null}
            {i % every === 0 ? (
              <text className="chart-label" x={cx} y={base + 16} textAnchor="middle">
                {shorten(d.label, 12)}
              </text>
            ) : null}
          </g>
        )
      })}
      <line className="axis" x1={10} x2={width - 10} y1={base} y2={base} />
    </Frame>
  )
}
