import { getInputProps, type FieldMetadata } from '@conform-to/react'
import type { Catalogue } from '~/model/fact-catalogue'
import type { GroupFields, RuleFields } from '~/model/rule-set-form'
import { ErrorList, InputField } from '~/ui/form'
import { RuleEditor, SourceFields } from './rule-fields'
import type { EditorForm } from './route'
import { text } from './text'

/** A new rule starts with the document its neighbours cite, so the user types only the item. */
const blankRule = (document = ''): RuleFields => ({ id: '', label: '', fact: '', values: [], min: '', document, item: '' })

/** A list of rules (the required ones or a group's) with its add and remove buttons. */
export function RulesEditor({
  form,
  list,
  prefix,
  catalogue,
  addLabel,
  emptyLabel,
}: {
  form: EditorForm
  list: FieldMetadata<RuleFields[]>
  prefix: string
  catalogue: Catalogue
  addLabel: string
  emptyLabel?: string
}) {
  const rules = list.getFieldList()
  const document = rules.length > 0 ? (rules[0].getFieldset().document.value ?? '') : ''
  return (
    <>
      {rules.length === 0 && emptyLabel ? <p className="muted">{emptyLabel}</p> : null}
      {rules.map((rule, i) => (
        <RuleEditor
          key={rule.key ?? rule.id}
          meta={rule}
          n={`${prefix}${i + 1}`}
          catalogue={catalogue}
          remove={form.remove.getButtonProps({ name: list.name, index: i })}
          apply={form.validate.getButtonProps({ name: rule.getFieldset().fact.name })}
        />
      ))}
      <ErrorList id={list.errorId} errors={list.errors} />
      <p>
        <button type="submit" className="secondary" {...form.insert.getButtonProps({ name: list.name, defaultValue: blankRule(document) })}>
          {addLabel}
        </button>
      </p>
    </>
  )
}

/** The "at least N of" groups: label, source and N, each with its rules. */
export function GroupsEditor({ form, groups, catalogue }: { form: EditorForm; groups: FieldMetadata<GroupFields[]>; catalogue: Catalogue }) {
  const list = groups.getFieldList()
  return (
    <>
      {list.map((group, i) => {
        const g = group.getFieldset()
        return (
          <fieldset key={group.key ?? group.id}>
            <legend>{g.label.value || text.group(i + 1)}</legend>
            <input {...getInputProps(g.id, { type: 'hidden' })} />
            <InputField meta={g.label} label={text.groupLabel} type="text" />
            <SourceFields document={g.document} item={g.item} />
            <InputField meta={g.atLeast} label={text.atLeast} type="number" min={1} step={1} />
            <h3>{text.groupRules}</h3>
            <RulesEditor form={form} list={g.rules} prefix={`${i + 1}.`} catalogue={catalogue} addLabel={text.addGroupRule} />
            <button type="submit" className="secondary" aria-label={text.removeGroupNamed(i + 1)} {...form.remove.getButtonProps({ name: groups.name, index: i })}>
              {text.removeGroup}
            </button>
          </fieldset>
        )
      })}
      <p>
        <button
          type="submit"
          className="secondary"
          {...form.insert.getButtonProps({ name: groups.name, defaultValue: { id: '', label: '', document: '', item: '', atLeast: '1', rules: [blankRule()] } })}
        >
          {text.addGroup}
        </button>
      </p>
    </>
  )
}
