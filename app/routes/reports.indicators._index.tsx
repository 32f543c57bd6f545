import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { regionIndicators } from '~/domain/indicators.server'
import { orErrorPage } from '~/http/errors.server'
import { requireRegion } from '~/http/staff-region.server'
import { computationLabels, indicatorLevelLabels, minimumLabel } from '~/model/indicators'
import { ColumnHeads } from '~/ui/column-heads'
import { RegionPicker } from '~/ui/region-picker'

// GET /reports/indicators[?region=<id>] — the region's indicators for its
// yearly report (issue 10 §2.5): the regional coordinator sees the wording,
// the minimum per year, how the value is obtained and the source, and edits each.

const text = {
  title: 'Показатели отчёта и их минимальные значения',
  back: 'К отчётам',
  lead: 'Список показателей — данные региона: он установлен из пресета (для Хабаровского края — форма протокола РУМО № 4 от 13.12.2023, вопрос 3; для других регионов — типовой шаблон) и изменяется здесь. Отчёты, уже направленные комиссии, сохраняют форму, с которой были направлены.',
  indicator: 'Показатель',
  minimum: 'Минимальное значение в год',
  how: 'Как получается значение',
  source: 'Источник',
  entered: 'вносится с подтверждением',
  computed: (what: string) => `рассчитывает реестр: ${what}`,
  template: 'типовой показатель',
  edit: 'Изменить',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, region, choices } = await requireRegion(request, 'report:manage')
  const indicators = await orErrorPage(regionIndicators(actor, region.id))
  return { region: { id: region.id, name: region.name }, choices: choices.map((r) => ({ id: r.id, name: r.name })), indicators }
}

export default function Indicators() {
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <p>
        <Link to={`/reports?region=${d.region.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      {(['municipal', 'regional'] as const).map((level) => (
        <div className="table-wrap" key={level}>
          <table className="stack">
            <caption>{indicatorLevelLabels[level]}</caption>
            <ColumnHeads labels={[text.indicator, text.minimum, text.how, text.source, text.edit]} />
            <tbody>
              {d.indicators
                .filter((i) => i.level === level)
                .map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      {i.title}
                      {i.template ? <span className="muted"> — {text.template}</span> : null}
                    </th>
                    <td data-label={text.minimum}>{minimumLabel(i)}</td>
                    <td data-label={text.how}>{i.computation ? text.computed(computationLabels[i.computation]) : text.entered}</td>
                    <td data-label={text.source}>{i.source}</td>
                    <td data-label={text.edit}>
                      <Link to={`/reports/indicators/${i.id}`} aria-label={`${text.edit}: ${i.title}`}>
                        {text.edit}
                      </Link>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  )
}
