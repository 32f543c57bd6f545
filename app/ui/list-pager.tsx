import { Link } from '@remix-run/react'
import { formatCount } from '~/model/labels'

// Under every paged staff list: where the reader is («Показаны 51–100 из 1 355»)
// and the way on. Plain links, so it works without JavaScript; nothing is
// ever cut off without saying so.

export const pagerText = {
  shown: (from: number, to: number, total: number | null) => {
    // One row is «Показан 1 из 1» (or «Показан 51-й» without a total), never a range «1–1».
    if (from === to) return total === null ? `Показан ${formatCount(from)}-й` : `Показан ${formatCount(from)} из ${formatCount(total)}`
    return total === null ? `Показаны ${formatCount(from)}–${formatCount(to)}` : `Показаны ${formatCount(from)}–${formatCount(to)} из ${formatCount(total)}`
  },
  none: 'Ничего не найдено.',
  next: 'Следующие →',
  first: '← В начало списка',
  label: 'Страницы списка',
}

export function ListPager({ from, count, total, next, first, label = pagerText.label }: { from: number; count: number; total: number | null; next: string | null; first: string | null; label?: string }) {
  if (count === 0 && from === 1) return null
  return (
    <nav aria-label={label} className="list-pager">
      <p className="muted">{pagerText.shown(from, from + count - 1, total)}</p>
      <p>
        {from > 1 && first ? (
          <Link to={first} rel="first">
            {pagerText.first}
          </Link>
        ) : null}{' '}
        {next ? (
          <Link to={next} rel="next">
            {pagerText.next}
          </Link>
        ) : null}
      </p>
    </nav>
  )
}
