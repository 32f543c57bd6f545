// What the secretary reads of a candidate's reviews on a campaign's review
// form: per criterion the average and the spread (min–max) over the
// submitted reviews, the same for the total, and who has not yet reviewed.
// Pure, so the board and the application page show the same figures.

export type Criterion = { id: number; title: string; description: string; scaleMax: number }

export type ScoredReview = {
  memberName: string
  submitted: boolean
  /** criterion id → score; only the submitted review's scores count. */
  scores: Record<number, number>
}

export type Figures = { n: number; average: number | null; min: number | null; max: number | null }

export type ScoreSummary = {
  criteria: (Pick<Criterion, 'id' | 'title' | 'scaleMax'> & Figures)[]
  /** The sum over the criteria, of the reviews that scored every criterion. */
  total: Figures & { scaleMax: number }
  submitted: number
  assigned: number
  /** Reviewers whose review is not yet submitted, by name. */
  missing: string[]
}

export function figuresOf(values: number[]): Figures {
  if (values.length === 0) return { n: 0, average: null, min: null, max: null }
  return {
    n: values.length,
    average: values.reduce((s, v) => s + v, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  }
}

export function summariseScores(criteria: Criterion[], reviews: ScoredReview[]): ScoreSummary {
  const done = reviews.filter((r) => r.submitted)
  const complete = done.filter((r) => criteria.every((c) => r.scores[c.id] != null))
  return {
    criteria: criteria.map((c) => ({
      id: c.id,
      title: c.title,
      scaleMax: c.scaleMax,
      ...figuresOf(done.flatMap((r) => (r.scores[c.id] == null ? [] : [r.scores[c.id]]))),
    })),
    total: {
      scaleMax: criteria.reduce((s, c) => s + c.scaleMax, 0),
      ...figuresOf(complete.map((r) => criteria.reduce((s, c) => s + r.scores[c.id], 0))),
    },
    submitted: done.length,
    assigned: reviews.length,
    missing: reviews.filter((r) => !r.submitted).map((r) => r.memberName),
  }
}

/** A score as people write it: at most one decimal, with a comma (3,5). */
export function formatScore(x: number | null): string {
  if (x == null) return '—'
  return String(Math.round(x * 10) / 10).replace('.', ',')
}

export type ScoreEntry = { criterionId: number; score: number | null }

/**
 * A reviewer's scores checked against the form: every criterion scored, each
 * a whole number within its scale. The messages sit on the field of the
 * criterion (`scores[i].score`, i as the form numbers the rows); `unknown`
 * lists scores for criteria the form no longer has (it changed meanwhile).
 */
export function checkScores(criteria: Criterion[], entries: ScoreEntry[]) {
  const fields: Record<string, string> = {}
  const valid: { criterionId: number; score: number }[] = []
  criteria.forEach((c, position) => {
    const at = entries.findIndex((e) => e.criterionId === c.id)
    const name = `scores[${at < 0 ? position : at}].score`
    const score = at < 0 ? null : entries[at].score
    if (score == null) fields[name] = `Поставьте оценку по критерию «${c.title}» (от 0 до ${c.scaleMax}).`
    else if (!Number.isInteger(score) || score < 0 || score > c.scaleMax) fields[name] = `Оценка по критерию «${c.title}» — целое число от 0 до ${c.scaleMax}.`
    else valid.push({ criterionId: c.id, score })
  })
  const unknown = entries.filter((e) => !criteria.some((c) => c.id === e.criterionId)).map((e) => e.criterionId)
  return { fields, valid, unknown, total: valid.reduce((s, v) => s + v.score, 0) }
}
