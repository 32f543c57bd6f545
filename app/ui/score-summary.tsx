import { ColumnHeads } from '~/ui/column-heads'
import { formatScore, type Figures, type ScoreSummary } from '~/model/review-scores'

// A candidate's scores on the campaign's review form, as the secretary reads
// them: per criterion the average and the spread (min–max) over the submitted
// reviews, the total, and whose reviews are still missing. Compact on the
// review board, a table on the application page.

export const scoreText = {
  criterion: 'Критерий',
  average: 'Средний балл',
  spread: 'Разброс (мин.–макс.)',
  scale: 'Шкала',
  total: 'Итого',
  of: (max: number) => `из ${max}`,
  scaleOf: (max: number) => `0–${max}`,
  submitted: (n: number, of: number) => `Представлено отзывов: ${n} из ${of}.`,
  missing: 'Нет отзыва',
  allIn: 'Все назначенные рецензенты представили отзывы.',
  noReviewers: 'Рецензенты не назначены.',
  noScores: 'оценок пока нет',
  caption: 'Оценки по критериям формы отзыва',
}

const spread = (f: Figures) => (f.min == null || f.max == null ? '—' : f.min === f.max ? String(f.min) : `${f.min}–${f.max}`)

/** «3,5 (3–4) из 5», or «оценок пока нет». */
function line(f: Figures, scaleMax: number) {
  return f.n === 0 ? scoreText.noScores : `${formatScore(f.average)} (${spread(f)}) ${scoreText.of(scaleMax)}`
}

function Missing({ s }: { s: ScoreSummary }) {
  if (s.assigned === 0) return <p className="muted">{scoreText.noReviewers}</p>
  return (
    <p>
      {scoreText.submitted(s.submitted, s.assigned)}{' '}
      {s.missing.length > 0 ? (
        <>
          {scoreText.missing}: <strong>{s.missing.join(', ')}</strong>.
        </>
      ) : (
        <span className="muted">{scoreText.allIn}</span>
      )}
    </p>
  )
}

/** The review board's cell. */
export function ScoreList({ s }: { s: ScoreSummary }) {
  return (
    <>
      <ul className="plain">
        {s.criteria.map((c) => (
          <li key={c.id}>{`${c.title}: ${line(c, c.scaleMax)}`}</li>
        ))}
        <li>
          <strong>{`${scoreText.total}: ${line(s.total, s.total.scaleMax)}`}</strong>
        </li>
      </ul>
      <Missing s={s} />
    </>
  )
}

/** The application page's section. */
export function ScoreTable({ s }: { s: ScoreSummary }) {
  const rows = [
    ...s.criteria.map((c) => ({ key: String(c.id), title: c.title, f: c as Figures, max: c.scaleMax })),
    { key: 'total', title: scoreText.total, f: s.total as Figures, max: s.total.scaleMax },
  ]
  return (
    <>
      <div className="table-wrap">
        <table className="stack">
          <caption className="visually-hidden">{scoreText.caption}</caption>
          <ColumnHeads labels={[scoreText.criterion, scoreText.average, scoreText.spread, scoreText.scale]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.key === 'total' ? <strong>{r.title}</strong> : r.title}</th>
                <td data-label={scoreText.average}>{r.f.n === 0 ? '—' : formatScore(r.f.average)}</td>
                <td data-label={scoreText.spread}>{spread(r.f)}</td>
                <td data-label={scoreText.scale}>{scoreText.scaleOf(r.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Missing s={s} />
    </>
  )
}
