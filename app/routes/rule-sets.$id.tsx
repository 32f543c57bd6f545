import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { scrollRegion } from '~/ui/table-scroll'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { idParam, orErrorPage } from '~/http/errors.server'
import { handleForm } from '~/http/form.server'
import { cloneRuleSet, ruleSetView, type RuleView } from '~/domain/rule-set-admin.server'
import { ruleSetCloneSchema } from '~/model/inputs/coordinator'
import { FormErrors, useSchemaForm } from '~/ui/form'
import { requireSignedIn } from '~/http/session.server'
import { redirectWithFlash } from '~/http/flash.server'
import { ColumnHeads } from '~/ui/column-heads'

const text = {
  back: 'Все наборы требований',
  backMunicipal: 'К отборам муниципалитета',
  meta: (owner: string, version: number) => `${owner}, версия ${version}`,
  notLatest: (n: number) => `Это не последняя версия набора: последняя — ${n}.`,
  required: 'Обязательные требования (должны выполняться все)',
  noRequired: 'Обязательных требований нет.',
  groups: 'Дополнительные требования',
  atLeast: (n: number, of: number) => `Должно выполняться не менее ${n} из ${of}.`,
  fastTrack: 'Ускоренный порядок',
  fastTrackHint: 'Кандидат, отвечающий одному из этих условий, допускается без документов: его сведения берутся из реестра.',
  rule: 'Требование',
  clause: 'Пункт положения',
  test: 'Проверка',
  clone: 'Скопировать в новую версию',
  cloneHint: 'Следующая версия набора с тем же содержанием; её можно изменить, не трогая текущую.',
  edit: 'Изменить (создать новую версию)',
  cloned: 'Создана новая версия (копия).',
  json: 'Документ набора требований (JSON, только просмотр)',
  download: 'Скачать JSON',
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? 'Набор требований'} — Реестр методического актива` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const v = await orErrorPage(ruleSetView(actor, idParam(params.id)))
  return v
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const id = idParam(params.id)
  return handleForm(request, ruleSetCloneSchema, async () => redirectWithFlash(`/rule-sets/${await cloneRuleSet(actor, id)}`, text.cloned))
}

function Rules({ rules, caption }: { rules: RuleView[]; caption: string }) {
  return (
    <div {...scrollRegion(caption)}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <ColumnHeads labels={[text.rule, text.clause, text.test]} />
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.label}</th>
              <td>{r.clause}</td>
              <td>{r.test}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function RuleSetPage() {
  const d = useLoaderData<typeof loader>()
  const [form] = useSchemaForm(ruleSetCloneSchema, { id: 'rule-set-clone', lastResult: useActionData<typeof action>() })
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <p>
        {d.regionWide || d.municipalityId === null ? (
          <Link to={`/rule-sets?region=${d.regionId}`}>{text.back}</Link>
        ) : (
          <Link to={`/campaigns/manage?municipality=${d.municipalityId}`}>{text.backMunicipal}</Link>
        )}
      </p>
      <h1>{d.title}</h1>
      <p className="muted">{text.meta(d.ownerName, d.version)}</p>
      {d.latestVersion > d.version ? <p className="card">{text.notLatest(d.latestVersion)}</p> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="card">
        <Form method="post" className="event-form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="clone" />
          <button type="submit" disabled={busy} aria-describedby="clone-hint">
            {text.clone}
          </button>{' '}
          <span id="clone-hint" className="muted">
            {text.cloneHint}
          </span>
        </Form>
        <Link to={`/rule-sets/${d.id}/edit`} className="button">
          {text.edit}
        </Link>
      </div>

      <h2>{text.required}</h2>
      {d.required.length === 0 ? <p className="muted">{text.noRequired}</p> : <Rules rules={d.required} caption={text.required} />}

      {d.groups.length > 0 ? <h2>{text.groups}</h2> : null}
      {d.groups.map((g) => (
        <section key={g.id} aria-labelledby={`g-${g.id}`}>
          <h3 id={`g-${g.id}`}>{g.label}</h3>
          <p>
            {text.atLeast(g.atLeast, g.rules.length)} <span className="muted">({g.clause})</span>
          </p>
          <Rules rules={g.rules} caption={g.label} />
        </section>
      ))}

      {d.fastTrack ? (
        <section aria-labelledby="fast-track">
          <h2 id="fast-track">{text.fastTrack}</h2>
          <p>
            {d.fastTrack.label} <span className="muted">({d.fastTrack.clause})</span>
          </p>
          <p className="muted">{text.fastTrackHint}</p>
          <Rules rules={d.fastTrack.rules} caption={text.fastTrack} />
        </section>
      ) : null}

      <details>
        <summary>{text.json}</summary>
        <p>
          <a href={`/rule-sets/${d.id}.json`} download>
            {text.download}
          </a>
        </p>
        <pre className="code">{d.json}</pre>
      </details>
    </>
  )
}
