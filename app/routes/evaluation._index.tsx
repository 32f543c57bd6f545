import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { evaluationRanking } from '~/domain/evaluation.server'
import { orErrorPage } from '~/http/errors.server'
import { requireRegion } from '~/http/staff-region.server'
import { schoolYearLabel } from '~/model/evaluation'
import { evaluationText as e } from '~/model/evaluation-text'
import { formatCount, formatDate } from '~/model/labels'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { can } from '~/model/permissions'
import { parseId } from '~/utils/parse-id'
import { countOf } from '~/utils/plural'
import { ColumnHeads } from '~/ui/column-heads'
import { ListPager } from '~/ui/list-pager'
import { RegionPicker } from '~/ui/region-picker'

// The ranking of members by their score in a school year (issue 10 §2.3): the
// region's for its coordinator and ministry officer, a municipality's for its
// coordinator. Filters go to the server as a plain GET form.

const text = {
  title: 'Оценка эффективности работы членов актива',
  lead: 'Баллы считаются по подтверждённым записям о методической работе, проведённой в учебном году, по перечню видов работы и баллам региона.',
  filter: 'Отбор списка',
  year: 'Учебный год',
  municipality: 'Муниципалитет',
  group: 'Группа',
  subject: 'Предмет',
  all: 'все',
  apply: 'Показать',
  caption: (year: string) => `Члены актива по баллам, ${year}, сначала наибольшие`,
  member: 'Член актива',
  none: 'Членов актива с такими условиями нет.',
  pages: 'Страницы рейтинга',
  thresholdLine: (n: number, from: string, last: string) => `Порог учебного года — ${countOf(n, 'балл', 'балла', 'баллов')}; учитываются записи ${e.period(from, last)}.`,
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

const param = (url: URL, name: string) => url.searchParams.get(name)?.trim() || null

export async function loader({ request }: LoaderFunctionArgs) {
  // a municipal coordinator works in the region of their municipality (the domain keeps them to it); staff of several regions pick one
  const { actor, region, choices } = await requireRegion(request, 'evaluation:read', undefined, { municipal: true })
  const url = new URL(request.url)
  const year = Number(param(url, 'year'))
  const filter = {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    municipalityId: parseId(param(url, 'municipality') ?? ''),
    groupId: parseId(param(url, 'group') ?? ''),
    subject: param(url, 'subject')?.slice(0, 100) ?? null,
  }
  const data = await orErrorPage(evaluationRanking(actor, region.id, filter, pageOf(url, 'after', 'int')))
  url.searchParams.set('region', String(region.id))
  const y = data.year
  return {
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    filter: { ...filter, year: y.year },
    years: [y.current, y.current - 1, y.current - 2, y.current - 3].map((n) => ({ value: n, label: schoolYearLabel(n) })),
    year: { label: schoolYearLabel(y.year), threshold: y.threshold, from: formatDate(y.from, y.timeZone), last: formatDate(y.last, y.timeZone) },
    lists: data.choices,
    page: data.page,
    // the member's page is the roster's (the regional coordinator's)
    memberLinks: can(actor, 'roster:change', { regionId: region.id }),
    next: nextHref(url, data.page),
    first: firstHref(url),
  }
}

function Select({ id, label, value, options }: { id: string; label: string; value: string | number | null; options: { value: string | number; label: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={id} defaultValue={value ?? ''}>
        {id === 'year' ? null : <option value="">{text.all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export default function EvaluationRanking() {
  const d = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={d.region} choices={d.choices} />
      <p>{text.lead}</p>
      <p className="muted">{e.noConsequence}</p>
      <Form method="get" role="search" aria-label={text.filter} className="filter-grid">
        <input type="hidden" name="region" value={d.region.id} />
        <Select id="year" label={text.year} value={d.filter.year} options={d.years} />
        <Select id="municipality" label={text.municipality} value={d.filter.municipalityId} options={d.lists.municipalities.map((m) => ({ value: m.id, label: m.name }))} />
        <Select id="group" label={text.group} value={d.filter.groupId} options={d.lists.groups.map((g) => ({ value: g.id, label: g.name }))} />
        <Select id="subject" label={text.subject} value={d.filter.subject} options={d.lists.subjects.map((s) => ({ value: s, label: s }))} />
        <p className="actions">
          <button type="submit">{text.apply}</button>
        </p>
      </Form>
      <p>{text.thresholdLine(d.year.threshold, d.year.from, d.year.last)}</p>
      {d.page.rows.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{text.caption(d.year.label)}</caption>
            <ColumnHeads labels={[text.member, text.municipality, text.group, e.confirmed, e.points, e.flag]} />
            <tbody>
              {d.page.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {d.memberLinks ? <Link to={`/members/${r.id}`}>{r.name}</Link> : r.name}
                  </th>
                  <td data-label={text.municipality}>{r.municipalityName ?? '—'}</td>
                  <td data-label={text.group}>{r.groupName ?? '—'}</td>
                  <td data-label={e.confirmed}>{formatCount(r.confirmed)}</td>
                  <td data-label={e.points}>{formatCount(r.points)}</td>
                  <td data-label={e.flag}>{r.low ? <strong>{e.low}</strong> : e.meets}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager from={d.page.from} count={d.page.rows.length} total={d.page.total} next={d.next} first={d.first} label={text.pages} />
    </>
  )
}
