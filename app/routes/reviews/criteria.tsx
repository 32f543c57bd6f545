import { getInputProps, type FieldMetadata } from '@conform-to/react'
import type { z } from 'zod'
import type { reviewSchema } from '~/model/inputs/commission'
import { ErrorList } from '~/ui/form'
import { text } from './text'

// The campaign's review form inside a member's review: each criterion with
// its description and scale, one whole-number score each (rows
// `scores[i].criterionId`, hidden, and `scores[i].score`), all required.

type Criterion = { id: number; title: string; description: string; scaleMax: number }
type Row = { criterionId: unknown; score?: string }

export function CriteriaScores({ criteria, scores }: { criteria: Criterion[]; scores: FieldMetadata<Row[] | undefined, z.input<typeof reviewSchema>, string[]> }) {
  const rows = scores.getFieldList()
  return (
    <fieldset className="criteria">
      <legend>{text.criteria}</legend>
      <p className="muted">{text.criteriaHint}</p>
      {criteria.map((c, i) => {
        const row = rows[i]?.getFieldset()
        const name = `scores[${i}].score`
        const hintId = `${row?.score.id ?? name}-hint`
        return (
          <div className="field" key={c.id}>
            <input type="hidden" name={`scores[${i}].criterionId`} value={c.id} />
            <label htmlFor={row?.score.id}>{`${c.title} (${text.scale(c.scaleMax)})`}</label>
            {c.description ? (
              <span id={hintId} className="muted">
                {c.description}
              </span>
            ) : null}
            {row ? (
              <input
                {...getInputProps(row.score, { type: 'number', ariaDescribedBy: c.description ? hintId : undefined })}
                min={0}
                max={c.scaleMax}
                step={1}
                required
              />
            ) : (
              <input type="number" name={name} min={0} max={c.scaleMax} step={1} required />
            )}
            <ErrorList id={row?.score.errorId} errors={row?.score.errors} />
          </div>
        )
      })}
    </fieldset>
  )
}
