import { attempt, invalidForm, orErrorPage, publicBase } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { fieldErrors } from '~/model/inputs/login'
import { publicFieldLabels, publicFields } from '~/model/consent'
import { disseminationDocument, disseminationFormSchema, myConsents, setDisseminationConsent, withdrawDisseminationConsent } from '~/domain/consent.server'
import { requireSignedIn } from '~/http/session.server'
import { personTimeZone } from '~/domain/time-zone.server'
import { formatDateTime } from '~/model/labels'

const text = {
  title: 'Согласие на публикацию моих данных',
  lead: 'Здесь вы решаете, какие сведения о вас можно показывать в открытом реестре методического актива. Изменения действуют сразу: со следующего запроса к любой публичной странице и к открытым данным.',
  current: 'Сейчас разрешено публиковать',
  none: 'Согласие на распространение не дано: в открытом реестре вас нет.',
  choose: 'Выберите сведения, которые разрешаете публиковать',
  hint: 'Ничего не отмечено заранее. Без согласия на публикацию ФИО вы не будете показаны в реестре.',
  region: 'Регион, в актив которого вы включены, публикуется вместе с ФИО всегда: список актива региона сам называет регион. Муниципалитет публикуется, только если вы его отметите.',
  conditions: 'Условия и запреты (необязательно)',
  validUntil: 'Срок действия согласия (необязательно, по умолчанию — до отзыва)',
  validUntilHint: 'Последний день включительно: согласие действует до полуночи по местному времени вашего региона.',
  save: 'Сохранить согласие',
  withdraw: 'Отозвать согласие полностью',
  withdrawHint: 'После отзыва ваши данные сразу исчезнут со всех публичных страниц и из открытых данных.',
  document: 'Текст согласия',
  history: 'История согласий',
  given: 'Дано',
  withdrawn: 'Отозвано',
  superseded: 'Заменено',
  fields: 'Сведения',
  saved: 'Согласие сохранено.',
  withdrawnOk: 'Согласие отозвано. Ваши данные сняты с публикации.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const mine = await orErrorPage(myConsents(actor))
  const origin = publicBase(request)
  const doc = await disseminationDocument(mine.personId, origin, mine.current ? { fields: mine.current.fields, conditions: mine.current.conditions, validUntil: mine.current.validUntil } : undefined)
  return { ...mine, doc, timeZone: await personTimeZone(mine.personId) }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const form = await request.formData()
  if (form.get('intent') === 'withdraw') {
    return attempt(async () => {
      await withdrawDisseminationConsent(actor)
      return redirectWithFlash('/my/consent', text.withdrawnOk)
    })
  }
  const parsed = disseminationFormSchema.safeParse({
    fields: form.getAll('fields'),
    conditions: form.get('conditions') ?? '',
    validUntil: form.get('validUntil') ?? '',
  })
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error))
  const consent = parsed.data
  return attempt(async () => {
    const result = await setDisseminationConsent(actor, consent)
    return redirectWithFlash('/my/consent', result.withdrawn ? text.withdrawnOk : text.saved)
  })
}

export default function MyConsent() {
  const { current, history, doc, timeZone } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const refused = actionData?.error
  const errors: Record<string, string | undefined> = refused ? (refused.fields ?? { form: refused.message }) : {}
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      {errors.form ? (
        <p className="alert" role="alert">
          {errors.form}
        </p>
      ) : null}
      <h2>{text.current}</h2>
      {current ? (
        <ul>
          {current.fields.map((f) => (
            <li key={f}>{publicFieldLabels[f as keyof typeof publicFieldLabels] ?? f}</li>
          ))}
        </ul>
      ) : (
        <p>{text.none}</p>
      )}

      <Form method="post">
        <fieldset>
          <legend>{text.choose}</legend>
          <p className="muted">{text.hint}</p>
          <p className="muted">{text.region}</p>
          {publicFields.map((f) => (
            <div key={f}>
              <input type="checkbox" id={`f-${f}`} name="fields" value={f} defaultChecked={current?.fields.includes(f) ?? false} />{' '}
              <label htmlFor={`f-${f}`}>{publicFieldLabels[f]}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="conditions">{text.conditions}</label>
          <textarea id="conditions" name="conditions" rows={3} defaultValue={current?.conditions ?? ''} aria-describedby={errors.conditions ? 'conditions-error' : undefined} />
          {errors.conditions ? <span id="conditions-error" className="error">{errors.conditions}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="validUntil">{text.validUntil}</label>
          <input id="validUntil" name="validUntil" type="date" defaultValue={current?.validUntil ?? ''} aria-describedby="validUntil-hint" />
          <span id="validUntil-hint" className="muted">
            {text.validUntilHint}
          </span>
          {errors.validUntil ? <span className="error">{errors.validUntil}</span> : null}
        </div>
        <button type="submit" name="intent" value="save" disabled={busy}>
          {text.save}
        </button>
      </Form>

      {current ? (
        <Form method="post" className="card">
          <p>{text.withdrawHint}</p>
          <button type="submit" name="intent" value="withdraw" disabled={busy}>
            {text.withdraw}
          </button>
        </Form>
      ) : null}

      <h2>{text.document}</h2>
      <pre className="document">{doc.body}</pre>

      <h2>{text.history}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{text.given}</th>
            <th scope="col">{text.fields}</th>
            <th scope="col">{text.withdrawn}</th>
          </tr>
        </thead>
        <tbody>
          {history
            .filter((c) => c.purpose === 'dissemination')
            .map((c) => (
              <tr key={c.id}>
                <td>{formatDateTime(c.givenAt, timeZone)}</td>
                <td>{c.fields.map((f) => publicFieldLabels[f as keyof typeof publicFieldLabels] ?? f).join(', ')}</td>
                <td>{c.withdrawnAt ? formatDateTime(c.withdrawnAt, timeZone) : c.supersededAt ? `${text.superseded} ${formatDateTime(c.supersededAt, timeZone)}` : '—'}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  )
}
