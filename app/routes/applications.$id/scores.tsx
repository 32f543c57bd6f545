import type { ScoreSummary } from '~/model/review-scores'
import { ScoreTable } from '~/ui/score-summary'
import { text } from './text'

// The reviews' figures on the campaign's review form, for those who weigh them (see applicationView).
export function ReviewScores({ s }: { s: ScoreSummary }) {
  return (
    <section aria-labelledby="review-scores">
      <h2 id="review-scores">{text.scores.title}</h2>
      <p className="muted">{text.scores.hint}</p>
      <ScoreTable s={s} />
    </section>
  )
}
