import { rosterHref, type RosterFilter } from '~/model/roster-filter'
import { text } from './text'

function pageNumbers(current: number, pages: number): number[] {
  const set = new Set([1, pages, current - 2, current - 1, current, current + 1, current + 2])
  return [...set].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b)
}

export function Pager({ filter, pages }: { filter: RosterFilter; pages: number }) {
  if (pages <= 1) return null
  return (
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
  )
}
