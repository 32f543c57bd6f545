import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { attempt, invalidForm, orErrorPage } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { ruleSetView, saveRuleSetVersion } from '~/domain/rule-set-admin.server'
import { factCatalog } from '~/model/eligibility'
import { ruleSetEditSchema } from '~/model/inputs/coordinator'
import { fieldErrors } from '~/model/inputs/login'
import { idParam } from '~/http/errors.server'
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

type Values = { json?: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  const form = Object.fromEntries(await request.formData()) as Record<string, unknown>
  const values: Values = { json: typeof form.json === 'string' ? form.json : '' }
  const parsed = ruleSetEditSchema.safeParse(form)
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error), values)
  const json = parsed.data.json
  return attempt(async () => redirectWithFlash(`/rule-sets/${await saveRuleSetVersion(actor, id, json)}`, text.saved), values)
}

export default function RuleSetEdit() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const issues: { path: string; message: string }[] = a?.error.issues ?? []
  const fieldError = a?.error.fields?.json
  return (
    <>
      <p>
        <Link to={`/rule-sets/${d.id}`}>{text.back}</Link>
      </p>
      <h1>{text.title(d.title)}</h1>
      <p>{text.lead(d.code, d.next)}</p>
      {a?.error ? (
        <div className="alert" role="alert">
          <p>{a.error.message}</p>
          {issues.length > 0 ? (
            <>
              <h2 className="visually-hidden">{text.issues}</h2>
              <ul id="json-issues">
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
      <Form method="post" noValidate>
        <div className="field field-wide">
          <label htmlFor="json">{text.json}</label>
          <textarea
            id="json"
            name="json"
            rows={30}
            spellCheck={false}
            className="code"
            defaultValue={a?.values.json ?? d.json}
            aria-invalid={issues.length > 0 || !!fieldError}
            aria-describedby={issues.length > 0 ? 'json-issues' : fieldError ? 'json-error' : undefined}
          />
          {fieldError ? (
            <span id="json-error" className="error">
              {fieldError}
            </span>
          ) : null}
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
