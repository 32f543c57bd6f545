import { getCollectionProps, getInputProps, getSelectProps, type FieldMetadata } from '@conform-to/react'
import type { ButtonHTMLAttributes } from 'react'
import type { Catalogue } from '~/model/fact-catalogue'
import type { RuleFields } from '~/model/rule-set-form'
import { ErrorList } from '~/ui/form'
import { text } from './text'

type Button = ButtonHTMLAttributes<HTMLButtonElement>

/** Where a rule (or a group) comes from: the document and its item, joined into the clause when saved. */
export function SourceFields({ document, item }: { document: FieldMetadata<string>; item: FieldMetadata<string> }) {
  return (
    <div className="inline-form">
      <div className="field field-wide">
        <label htmlFor={document.id}>{text.document}</label>
        <input {...getInputProps(document, { type: 'text' })} />
        <ErrorList id={document.errorId} errors={document.errors} />
      </div>
      <div className="field">
        <label htmlFor={item.id}>{text.item}</label>
        <input {...getInputProps(item, { type: 'text', ariaDescribedBy: `${item.id}-hint` })} />
        <span id={`${item.id}-hint`} className="muted">
          {text.itemHint}
        </span>
        <ErrorList id={item.errorId} errors={item.errors} />
      </div>
    </div>
  )
}

/**
 * The condition that fits the chosen fact's kind: values to tick for a list,
 * «не менее» N for a number, «да» for a yes/no fact.
 */
function Condition({ f, catalogue }: { f: ReturnType<FieldMetadata<RuleFields>['getFieldset']>; catalogue: Catalogue }) {
  const fact = catalogue[String(f.fact.value ?? '')]
  if (!fact) return <p className="muted">{text.chooseFirst}</p>
  if (fact.kind === 'boolean') return <p>{text.isTrue}</p>
  if (fact.kind === 'number') {
    return (
      <div className="field">
        <label htmlFor={f.min.id}>{text.min}</label>
        <input {...getInputProps(f.min, { type: 'text' })} inputMode="decimal" />
        <ErrorList id={f.min.errorId} errors={f.min.errors} />
      </div>
    )
  }
  const boxes = getCollectionProps(f.values, { type: 'checkbox', options: fact.values.map((v) => v.value) })
  return (
    <fieldset className="inline-radios" aria-describedby={f.values.errors?.length ? f.values.errorId : undefined}>
      <legend>{text.values}</legend>
      {boxes.map(({ key: boxKey, ...props }, i) => (
        <span key={`${boxKey ?? ''}${props.value}`}>
          <input {...props} /> <label htmlFor={props.id}>{fact.values[i].label}</label>
        </span>
      ))}
      <ErrorList id={f.values.errorId} errors={f.values.errors} />
    </fieldset>
  )
}

/** One rule: its wording, the fact with its condition, the legal source; the internal code stays hidden. */
export function RuleEditor({ meta, n, catalogue, remove, apply }: { meta: FieldMetadata<RuleFields>; n: string; catalogue: Catalogue; remove: Button; apply: Button }) {
  const f = meta.getFieldset()
  return (
    <fieldset>
      <legend>{text.rule(n)}</legend>
      <input {...getInputProps(f.id, { type: 'hidden' })} />
      <div className="field field-wide">
        <label htmlFor={f.label.id}>{text.label}</label>
        <input {...getInputProps(f.label, { type: 'text' })} />
        <ErrorList id={f.label.errorId} errors={f.label.errors} />
      </div>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={f.fact.id}>{text.fact}</label>
          <select {...getSelectProps(f.fact)}>
            <option value="">{text.chooseFact}</option>
            {Object.entries(catalogue).map(([key, fact]) => (
              <option key={key} value={key}>
                {fact.label}
              </option>
            ))}
          </select>
          <ErrorList id={f.fact.errorId} errors={f.fact.errors} />
        </div>
        <button type="submit" className="secondary" {...apply}>
          {text.applyFact}
        </button>
      </div>
      <Condition f={f} catalogue={catalogue} />
      <SourceFields document={f.document} item={f.item} />
      <button type="submit" className="secondary" aria-label={text.removeRuleNamed(n)} {...remove}>
        {text.removeRule}
      </button>
    </fieldset>
  )
}
