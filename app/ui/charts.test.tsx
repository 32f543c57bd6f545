import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { BarChart, ColumnChart } from '~/ui/charts'

const bars = (html: string) => [...html.matchAll(/<rect class="bar[^"]*" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => m.slice(1).map(Number))

describe('SVG charts', () => {
  it('a bar chart is an image named by its title and description', () => {
    const html = renderToStaticMarkup(<BarChart id="m" title="Члены актива по муниципалитетам" desc="Столбцы по муниципалитетам." data={[{ label: 'Томск', value: 10 }]} />)
    expect(html).toMatch(/^<svg[^>]* role="img" aria-labelledby="m-title m-desc"/)
    expect(html).toContain('<title id="m-title">Члены актива по муниципалитетам</title>')
    expect(html).toContain('<desc id="m-desc">Столбцы по муниципалитетам.</desc>')
  })

  it('bars are proportional to their values, the largest the longest, zero as no bar', () => {
    const html = renderToStaticMarkup(
      <BarChart id="p" title="t" desc="d" data={[{ label: 'А', value: 40 }, { label: 'Б', value: 10 }, { label: 'В', value: 20 }, { label: 'Г', value: 0 }]} />,
    )
    const widths = bars(html).map((b) => b[2])
    expect(widths).toHaveLength(4)
    expect(widths[0] / widths[1]).toBeCloseTo(4, 5)
    expect(widths[2] / widths[1]).toBeCloseTo(2, 5)
    expect(widths[3]).toBe(0)
    // every bar starts at the same edge
    expect(new Set(bars(html).map((b) => b[0])).size).toBe(1)
    // the values are printed as Russian numbers
    expect(renderToStaticMarkup(<BarChart id="q" title="t" desc="d" data={[{ label: 'А', value: 12500 }]} />)).toContain('12\u00a0500')
  })

  it('a limit line sits at its value on the same scale, and the bars over it are marked', () => {
    const html = renderToStaticMarkup(<BarChart id="l" title="t" desc="d" limit={100} data={[{ label: 'А', value: 50 }, { label: 'Б', value: 150 }]} />)
    const [a, b] = bars(html)
    const line = Number(/<line class="limit" x1="([\d.]+)"/.exec(html)![1])
    expect((line - a[0]) / a[2]).toBeCloseTo(2, 5)
    expect(html).toMatch(/<rect class="bar over"[^>]* width="([\d.]+)"/)
    expect(b[2] / a[2]).toBeCloseTo(3, 5)
  })

  it('no data: a small chart that says so, in its description too; a missing value is a dash', () => {
    for (const Chart of [BarChart, ColumnChart]) {
      const html = renderToStaticMarkup(<Chart id="e" title="Пусто" desc="Описание." data={[]} />)
      expect(html).toContain('<title id="e-title">Пусто</title>')
      expect(html).toContain('<desc id="e-desc">Описание. Нет данных.</desc>')
      expect(html).toContain('>Нет данных</text>')
      expect(bars(html)).toEqual([])
    }
    const dash = renderToStaticMarkup(<BarChart id="n" title="t" desc="d" data={[{ label: 'А', value: null }]} />)
    expect(bars(dash)).toEqual([])
    expect(dash).toContain('>—</text>')
  })

  it('columns rise from one baseline in proportion to their values', () => {
    const html = renderToStaticMarkup(<ColumnChart id="c" title="По неделям" desc="d" data={[{ label: 'с 05.10', value: 3 }, { label: 'с 12.10', value: 0 }, { label: 'с 19.10', value: 6 }]} />)
    expect(html).toContain('role="img"')
    expect(html).toContain('aria-labelledby="c-title c-desc"')
    const cols = bars(html)
    expect(cols).toHaveLength(3)
    const [h1, h2, h3] = cols.map((c) => c[3])
    expect(h3 / h1).toBeCloseTo(2, 5)
    expect(h2).toBe(0)
    // the bottoms line up
    expect(new Set(cols.map((c) => +(c[1] + c[3]).toFixed(6))).size).toBe(1)
  })
})
