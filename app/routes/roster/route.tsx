import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { rosterPage } from '~/domain/roster.server'
import { parseRosterFilter, rosterHref } from '~/model/roster-filter'
import { formatDate } from '~/model/labels'

const text = {
  title: 'Реестр методического актива',
  regionTitle: (name: string) => `Методический актив: ${name}`,
  lead: 'Сведения публикуются с согласия членов актива на распространение персональных данных (ст. 10.1 Федерального закона № 152-ФЗ) и только в том объёме, который разрешил каждый из них.',
  filters: 'Отбор',
  region: 'Регион',
  allRegions: 'Все регионы',
  municipality: 'Муниципалитет',
  allMunicipalities: 'Все муниципалитеты',
  chooseRegionFirst: 'Сначала выберите регион',
  subject: 'Предметная область',
  allSubjects: 'Все предметы',
  group: 'Направление и группа',
  allGroups: 'Все группы',
  level: 'Уровень актива',
  allLevels: 'Региональный и муниципальные',
  regional: 'Региональный',
  municipal: 'Муниципальный',
  q: 'Поиск по ФИО или месту работы',
  find: 'Найти',
  reset: 'Сбросить',
  found: (n: number) => `Найдено: ${n.toLocaleString('ru-RU')}`,
  nothing: 'Никого не найдено. Измените условия поиска.',
  name: 'ФИО',
  workplace: 'Место работы, должность',
  subjects: 'Предметная область',
  email: 'Электронная почта',
  place: 'Регион, муниципалитет',
  groupCol: 'Направление, группа',
  order: 'Приказ',
  orderText: (n: string, d: string) => `№ ${n} от ${formatDate(d)}`,
  pages: 'Страницы',
  prev: 'Предыдущая',
  next: 'Следующая',
  page: (n: number) => `Страница ${n}`,
  current: (n: number, of: number) => `Страница ${n} из ${of}`,
  openData: 'Открытые данные',
  csv: 'CSV (для Excel)',
  json: 'JSON',
  about: 'О региональном активе',
}

export const handle = { hydrate: false }

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.region ? text.regionTitle(data.region.name) : text.title },
  { name: 'description', content: text.lead },
]

export async function loader({ request }: LoaderFunctionArgs) {
  return rosterPage(parseRosterFilter(new URL(request.url).searchParams))
}

function pageNumbers(current: number, pages: number): number[] {
  const set = new Set([1, pages, current - 2, current - 1, current, current + 1, current + 2])
  return [...set].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b)
}

export default function Roster() {
  const { filter, total, members, options, region, pages } = useLoaderData<typeof loader>()
  const dash = <span aria-label="не публикуется">—</span>
  return (
    <>
      <h1>{region ? text.regionTitle(region.name) : text.title}</h1>
      <p className="muted">{text.lead}</p>
      {region ? (
        <p>
          <Link to={`/regions/${region.code}`}>{text.about}</Link>
        </p>
      ) : null}
      <form method="get" action="/roster" className="filters" aria-labelledby="filters-title">
        <h2 id="filters-title" className="visually-hidden">
          {text.filters}
        </h2>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="f-q">{text.q}</label>
            <input id="f-q" name="q" type="search" defaultValue={filter.q ?? ''} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="f-region">{text.region}</label>
            <select id="f-region" name="region" defaultValue={filter.region ?? ''}>
              <option value="">{text.allRegions}</option>
              {options.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-municipality">{text.municipality}</label>
            <select id="f-municipality" name="municipality" defaultValue={filter.municipality ?? ''}>
              <option value="">{options.municipalities.length ? text.allMunicipalities : text.chooseRegionFirst}</option>
              {options.municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-subject">{text.subject}</label>
            <select id="f-subject" name="subject" defaultValue={filter.subject ?? ''}>
              <option value="">{text.allSubjects}</option>
              {options.subjects.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-group">{text.group}</label>
            <select id="f-group" name="group" defaultValue={filter.group ?? ''}>
              <option value="">{options.groups.length ? text.allGroups : text.chooseRegionFirst}</option>
              {options.groups.map((g) => (
                <option key={g.code} value={g.code}>
                  {g.direction}: {g.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-level">{text.level}</label>
            <select id="f-level" name="level" defaultValue={filter.level ?? ''}>
              <option value="">{text.allLevels}</option>
              <option value="regional">{text.regional}</option>
              <option value="municipal">{text.municipal}</option>
            </select>
          </div>
        </div>
        <p>
          <button type="submit">{text.find}</button> <a href="/roster">{text.reset}</a>
        </p>
      </form>

      <p role="status" className="count">
        <strong>{text.found(total)}</strong>
        {pages > 1 ? <span className="muted"> · {text.current(filter.page, pages)}</span> : null}
      </p>

      {members.length === 0 ? (
        <p>{text.nothing}</p>
      ) : (
        <div className="table-wrap">
          <table className="roster">
            <caption className="visually-hidden">{text.title}</caption>
            <thead>
              <tr>
                <th scope="col">{text.name}</th>
                <th scope="col">{text.workplace}</th>
                <th scope="col">{text.subjects}</th>
                <th scope="col">{text.email}</th>
                <th scope="col">{text.place}</th>
                <th scope="col">{text.groupCol}</th>
                <th scope="col">{text.order}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.fullName}</th>
                  <td>
                    {m.workplace ?? dash}
                    {m.position ? <div className="muted">{m.position}</div> : null}
                  </td>
                  <td>{m.subjects?.join(', ') || dash}</td>
                  <td>{m.workEmail ? <a href={`mailto:${m.workEmail}`}>{m.workEmail}</a> : dash}</td>
                  <td>
                    {m.regionName}
                    {m.municipality ? <div className="muted">{m.municipality}</div> : null}
                  </td>
                  <td>{m.group ? `${m.direction}: ${m.group}` : dash}</td>
                  <td>{m.orderNumber && m.orderDate ? text.orderText(m.orderNumber, m.orderDate) : dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pages > 1 ? (
        <nav aria-label={text.pages} className="pager">
          <ul>
            {filter.page > 1 ? (
              <li>
                <a href={rosterHref({ ...filter, page: filter.page - 1 })} rel="prev">
                  {text.prev}
                </a>
              </li>
            ) : null}
            {pageNumbers(filter.page, pages).map((n) => (
              <li key={n}>
                {n === filter.page ? (
                  <span aria-current="page">{n}</span>
                ) : (
                  <a href={rosterHref({ ...filter, page: n })} aria-label={text.page(n)}>
                    {n}
                  </a>
                )}
              </li>
            ))}
            {filter.page < pages ? (
              <li>
                <a href={rosterHref({ ...filter, page: filter.page + 1 })} rel="next">
                  {text.next}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      <h2>{text.openData}</h2>
      <ul>
        <li>
          <a href={rosterHref({ ...filter, page: 1 }, '/roster.csv')}>{text.csv}</a>
        </li>
        <li>
          <a href={rosterHref({ ...filter, page: 1 }, '/roster.json')}>{text.json}</a>
        </li>
      </ul>
    </>
  )
}
