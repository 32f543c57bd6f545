import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, type useForm } from '@conform-to/react'
import { useMemo } from 'react'
import { idParam, orErrorPage } from '~/http/errors.server'
import { handleForm, parseSubmission, refused, type FormReply } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireSignedIn } from '~/http/session.server'
import { editorCatalogue, previewRuleSet, ruleSetEditor, saveRuleSetForm, type RuleSetPreview } from '~/domain/rule-set-editor.server'
import { ruleSetFormSchema } from '~/model/inputs/rule-set'
import type { RuleSetFields } from '~/model/rule-set-form'
import { ErrorList, FormErrors, InputField, useSchemaForm } from '~/ui/form'
import { GroupsEditor, RulesEditor } from './lists'
import { Preview } from './preview'
import { text } from './text'

// The structured editor of a rule set (issue 11 §3). Adding and removing
// rules and groups are conform's list intents: with JavaScript they happen in
// the page, without it the action applies them and answers with the form,
// saving nothing. «Проверить на заявлениях» answers with the preview.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? text.title(data.title) : 'Набор требований'} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return orErrorPage(ruleSetEditor(actor, idParam(params.id)))
}

type EditReply = FormReply & { preview?: RuleSetPreview }

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const schema = ruleSetFormSchema(await orErrorPage(editorCatalogue(actor, id)))
  const formData = await request.formData()
  const submission = await parseSubmission(formData, schema)
  // A list intent (add, remove) or a field check: the changed form, nothing saved.
  if (submission.status === undefined) return data<EditReply>(submission.reply())
  if (submission.status === 'success' && submission.value.intent === 'preview') {
    try {
      return data<EditReply>({ ...submission.reply(), form: 'preview', preview: await previewRuleSet(actor, id, submission.value) })
    } catch (e) {
      return refused(submission, e)
    }
  }
  return handleForm(formData, schema, async (value) => redirectWithFlash(`/rule-sets/${await saveRuleSetForm(actor, id, value)}`, text.saved))
}

export type EditorFields = ReturnType<typeof useForm<RuleSetFields, unknown, string[]>>[1]
export type EditorForm = ReturnType<typeof useForm<RuleSetFields, unknown, string[]>>[0]

export default function RuleSetEdit() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as EditReply | undefined
  const schema = useMemo(() => ruleSetFormSchema(d.catalogue), [d.catalogue])
  const [rawForm, rawFields] = useSchemaForm(schema, { id: 'rule-set-edit', lastResult: reply, defaultValue: d.fields })
  // why: the schema's inputs are `unknown` (it preprocesses what the browser sends); the fields are the document's.
  const form = rawForm as unknown as EditorForm
  const fields = rawFields as unknown as EditorFields
  const issues = reply?.issues ?? []
  return (
    <>
      <p>
        <Link to={`/rule-sets/${d.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title(d.title)}</h1>
      <p>{text.lead(d.next)}</p>
      {d.regionWide ? (
        <p>
          <Link to={`/rule-sets/facts?region=${d.regionId}`}>{text.moreFacts}</Link>
        </p>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      {issues.length > 0 ? (
        <ul aria-label={text.issues} className="error">
          {issues.map((i, n) => (
            <li key={n}>{i.message}</li>
          ))}
        </ul>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        {/* why: Enter in a text box presses the form's first submit button; let that be the preview, not «Удалить». */}
        <button type="submit" name="intent" value="preview" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {text.preview}
        </button>
        <InputField meta={fields.title} label={text.setTitle} type="text" />
        <h2>{text.required}</h2>
        <RulesEditor form={form} list={fields.required} prefix="" catalogue={d.catalogue} addLabel={text.addRequired} emptyLabel={text.noRequired} />
        <h2>{text.groups}</h2>
        <GroupsEditor form={form} groups={fields.groups} catalogue={d.catalogue} />
        {d.fastTrack ? <p className="muted">{text.fastTrack(d.fastTrack)}</p> : null}
        <ErrorList id={fields.required.errorId} errors={fields.required.errors} />
        {reply?.preview ? <Preview preview={reply.preview} /> : null}
        <div className="actions">
          <button type="submit" name="intent" value="preview" className="secondary">
            {text.preview}
          </button>
          <button type="submit" name="intent" value="save">
            {text.save}
          </button>
        </div>
      </Form>
    </>
  )
}
