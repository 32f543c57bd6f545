import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import { Form, Link, useNavigation } from '@remix-run/react'
import type { SerializeFrom } from '@remix-run/node'
import { recommendationLabels, recommendations, reviewSchema } from '~/model/inputs/commission'
import { formatDateTime } from '~/model/labels'
import { replyFor, type Reply } from '~/ui/action-button'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { CriteriaScores } from './criteria'
import type { loader } from './route'
import { text } from './text'

// One assigned candidate with the member's own review form.

type Assignment = SerializeFrom<typeof loader>['assignments'][number]

export function ReviewCard({ a, timeZone, reply }: { a: Assignment; timeZone: string; reply: Reply }) {
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(reviewSchema, {
    id: `review-${a.applicationId}`,
    lastResult: replyFor(reply, 'review', { applicationId: a.applicationId }),
    intent: 'review',
    defaultValue: {
      recommendation: a.recommendation ?? undefined,
      comment: a.comment ?? '',
      score: a.score == null || a.criteria.length > 0 ? '' : String(a.score),
      scores: a.criteria.map((c) => ({ criterionId: String(c.id), score: c.score == null ? '' : String(c.score) })),
    },
  })
  const h = `cand-${a.applicationId}`
  return (
    <section className="card" aria-labelledby={h}>
      <h2 id={h}>
        {a.fullName} {a.submittedAt ? <span className="badge">✓ {text.reviewGiven}</span> : null}
      </h2>
      <dl className="facts">
        <dt>{text.organisation}</dt>
        <dd>{a.organisationName ?? '—'}</dd>
        <dt>{text.position}</dt>
        <dd>{a.position || '—'}</dd>
        <dt>{text.subjects}</dt>
        <dd>{a.subjects.join(', ') || '—'}</dd>
        <dt>{text.campaign}</dt>
        <dd>{a.campaignTitle}</dd>
      </dl>
      <p>
        <Link to={`/applications/${a.applicationId}`}>
          {text.open}: {a.fullName}
        </Link>
      </p>
      <p className="muted">{a.submittedAt ? text.given(formatDateTime(a.submittedAt, timeZone)) : text.notYet}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="applicationId" value={a.applicationId} />
        <fieldset aria-describedby={fields.recommendation.errors ? fields.recommendation.errorId : undefined}>
          <legend>
            {text.yourReview}: {text.recommendation}
          </legend>
          {recommendations.map((r) => {
            const id = `${fields.recommendation.id}-${r}`
            return (
              <div key={r}>
                <input {...getInputProps(fields.recommendation, { type: 'radio', value: r })} id={id} />{' '}
                <label htmlFor={id}>{recommendationLabels[r]}</label>
              </div>
            )
          })}
          <ErrorList id={fields.recommendation.errorId} errors={fields.recommendation.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.comment.id}>{text.comment}</label>
          <textarea {...getTextareaProps(fields.comment)} rows={3} />
          <ErrorList id={fields.comment.errorId} errors={fields.comment.errors} />
        </div>
        {a.criteria.length > 0 ? <CriteriaScores criteria={a.criteria} scores={fields.scores} /> : null}
        {a.rubricMax != null && a.criteria.length === 0 ? (
          <div className="field">
            <label htmlFor={fields.score.id}>{text.score(a.rubricMax)}</label>
            <input {...getInputProps(fields.score, { type: 'number' })} min={0} max={a.rubricMax} step="any" />
            <ErrorList id={fields.score.errorId} errors={fields.score.errors} />
          </div>
        ) : null}
        <button type="submit" disabled={busy}>
          {text.save}
        </button>
      </Form>
    </section>
  )
}
