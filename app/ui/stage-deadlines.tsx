import { Fragment } from 'react'
import type { FieldMetadata } from '@conform-to/react'
import { stageFields, stages, type StageDeadlines } from '~/model/campaign-stages'
import { deadlineFieldLabelsOf } from '~/model/municipal-selection'
import { formatDay } from '~/utils/dates'
import { InputField } from '~/ui/form'

// The days of a campaign's stages (issue 11, §4.1): the same inputs on the
// creation form and the campaign page's form, and the same list to read them.

const text = {
  legend: 'Сроки этапов отбора',
  closesHint: 'Этот день включительно: приём закроется автоматически в полночь по местному времени региона.',
  stagesHint: 'Каждый срок — последний день этапа включительно, по местному времени региона; за 3 дня и в этот день ответственным придёт напоминание.',
  notSet: 'не задано',
}

type DeadlineFieldName = 'opensOn' | (typeof stageFields)[keyof typeof stageFields]
const order: DeadlineFieldName[] = ['opensOn', ...stages.map((s) => stageFields[s])]

/** The form's starting values: the campaign's days as the inputs hold them ('' when unset). */
export function deadlineDefaults(d: { opensOn: string | null } & StageDeadlines): Record<DeadlineFieldName, string> {
  return Object.fromEntries(order.map((name) => [name, d[name] ?? ''])) as Record<DeadlineFieldName, string>
}

/** The six date inputs: opening day, then each stage's last day, in the order of the stages; `municipal`: a municipality's own selection. */
export function StageDeadlineFields({ fields, municipal = false }: { fields: Record<DeadlineFieldName, FieldMetadata<unknown>>; municipal?: boolean }) {
  const labels = deadlineFieldLabelsOf(municipal)
  return (
    <fieldset className="stage-deadlines">
      <legend>{text.legend}</legend>
      <p className="muted">{text.stagesHint}</p>
      {order.map((name) => (
        <InputField key={name} meta={fields[name]} label={labels[name]} type="date" hint={name === 'closesOn' ? text.closesHint : undefined} />
      ))}
    </fieldset>
  )
}

/** The days as a list of facts (the campaign page); `showUnset` lists the stages with no day too. */
export function StageDeadlineFacts({ d, showUnset = true, municipal = false }: { d: { opensOn: string | null } & StageDeadlines; showUnset?: boolean; municipal?: boolean }) {
  const labels = deadlineFieldLabelsOf(municipal)
  return (
    <>
      {order
        .filter((name) => showUnset || d[name])
        .map((name) => (
          <Fragment key={name}>
            <dt>{labels[name]}</dt>
            <dd>{d[name] ? formatDay(d[name]!) : text.notSet}</dd>
          </Fragment>
        ))}
    </>
  )
}
