import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps, getTextareaProps } from '@conform-to/react'
import { idParam, orErrorPage } from '~/http/errors.server'
import { handleForm, type FormReply } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { ruleSetView, saveRuleSetVersion } from '~/domain/rule-set-admin.server'
import { factCatalog } from '~/model/eligibility'
import { ruleSetEditSchema } from '~/model/inputs/coordinator'
import { ErrorList, useSchemaForm } from '~/ui/form'
import { requireSignedIn } from '~/http/session.server'

const text = {
  saved: 'Изменения сохранены как новая версия.',
  title: (t: string) => `Изменение набора требований: ${t}`,
  back: 'К набору требований',
  lead: (code: string, next: number) =>
    `Сохранение создаст версию ${next} набора «${code}». Текущая версия останется без изменений: заявления, проверенные по ней, сохранят свои результаты. Номер версии в документе проставляется автоматически.`,
  json: 'Документ набора требований (JSON)',
  save: 'Сохранить как новую версию',
  issues: 'Ошибки в документе',
  facts: 'Сведения, которые можно проверять (поле fact)',
  ops: 'Виды проверок (поле test.op): «in» — значение из списка values; «gte» — число не меньше value; «isTrue» — да.',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? text.title(data.title) : 'Набор требований'} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const v = await orErrorPage(ruleSetView(actor, idParam(params.id)))
  return { id: v.id, title: v.title, code: v.code, json: v.json, next: v.latestVersion + 1 }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  return handleForm(request, ruleSetEditSchema, async ({ json }) => redirectWithFlash(`/rule-sets/${await saveRuleSetVersion(actor, id, json)}`, text.saved))
}

export default function RuleSetEdit() {
  const d = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(ruleSetEditSchema, { id: 'rule-set-edit', lastResult: reply, defaultValue: { json: d.json } })
  // Problems inside the document (each with its place), beside the field's own errors.
  const issues = (reply as FormReply | undefined)?.issues ?? []
  const issuesId = `${fields.json.id}-issues`
  return (
    <>
      <p>
        <Link to={`/rule-sets/${d.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title(d.title)}</h1>
      <p>{text.lead(d.code, d.next)}</p>
      {form.errors?.length ? (
        <div className="alert" role="alert" id={form.errorId}>
          <p>{form.errors.join(' ')}</p>
          {issues.length > 0 ? (
            <>
              <h2 className="visually-hidden">{text.issues}</h2>
              <ul id={issuesId}>
                {issues.map((i, n) => (
                  <li key={n}>
                    <code>{i.path}</code>: {i.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <div className="field field-wide">
          <label htmlFor={fields.json.id}>{text.json}</label>
          <textarea
            {...getTextareaProps(fields.json, { ariaDescribedBy: issues.length > 0 ? issuesId : undefined })}
            aria-invalid={issues.length > 0 || !fields.json.valid || undefined}
            rows={30}
            spellCheck={false}
            className="code"
          />
          <ErrorList id={fields.json.errorId} errors={fields.json.errors} />
        </div>
        <button type="submit" disabled={busy}>
          {text.save}
        </button>
      </Form>
      <details>
        <summary>{text.facts}</summary>
        <ul>
          {Object.entries(factCatalog).map(([key, f]) => (
            <li key={key}>
              <code>{key}</code> — {f.label}
            </li>
          ))}
        </ul>
        <p>{text.ops}</p>
      </details>
    </>
  )
}
