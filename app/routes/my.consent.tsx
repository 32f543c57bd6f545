import { getFormProps, getInputProps, getTextareaProps } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { orErrorPage, publicBase } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { handleForm } from '~/http/form.server'
import { allowedFieldsPhrase, publicFieldLabels, publicFields } from '~/model/consent'
import { disseminationFormSchema, withdrawConsentSchema } from '~/model/inputs/consent'
import { disseminationDocument, myConsents, ownPerson, setDisseminationConsent, withdrawDisseminationConsent } from '~/domain/consent.server'
import { Confirmable } from '~/ui/confirm'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'
import { requireSignedIn } from '~/http/session.server'
import { personTimeZone } from '~/domain/time-zone.server'
import { formatDateTime } from '~/model/labels'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

const text = {
  title: 'Согласие на публикацию моих данных',
  lead: 'Здесь вы решаете, какие сведения о вас можно показывать в открытом реестре методического актива. Изменения действуют сразу: со следующего запроса к любой публичной странице и к открытым данным.',
  current: 'Что публикуется сейчас',
  allowed: (fields: string) => `Вы разрешили публиковать ${fields}.`,
  none: 'Вы не давали согласия на публикацию своих данных, поэтому в открытом реестре вас нет.',
  noneWithdrawn: (when: string) => `Вы отозвали согласие на публикацию ${when}, поэтому в открытом реестре вас нет.`,
  choose: 'Выберите сведения, которые разрешаете публиковать',
  hintNone: 'Вы ещё не давали согласия на публикацию, поэтому ничего не отмечено. Без разрешения публиковать ФИО вы не будете показаны в реестре.',
  hintWithdrawn: 'Согласие отозвано, поэтому ничего не отмечено. Чтобы снова появиться в реестре, отметьте сведения и сохраните: без разрешения публиковать ФИО вы не будете показаны в реестре.',
  hintGiven: 'Отмечены сведения, которые вы разрешили публиковать сейчас. Измените отметки и сохраните. Без разрешения публиковать ФИО вы не будете показаны в реестре.',
  region: 'Регион, в актив которого вы включены, публикуется вместе с ФИО всегда: список актива региона сам называет регион. Муниципалитет публикуется, только если вы его отметите.',
  conditions: 'Условия и запреты (необязательно)',
  validUntil: 'Срок действия согласия (необязательно, по умолчанию — до отзыва)',
  validUntilHint: 'Последний день включительно: согласие действует до полуночи по местному времени вашего региона.',
  save: 'Сохранить согласие',
  withdraw: 'Отозвать согласие полностью',
  withdrawHint: 'После отзыва ваши данные сразу исчезнут со всех публичных страниц и из открытых данных.',
  withdrawQuestion: 'Отозвать согласие на публикацию? Ваши данные сразу исчезнут из открытого реестра и открытых данных. Чтобы снова появиться в реестре, согласие нужно будет дать заново.',
  withdrawConfirm: 'Да, отозвать согласие',
  document: 'Текст согласия',
  history: 'История согласий',
  given: 'Дано',
  withdrawn: 'Отозвано',
  superseded: 'Заменено',
  fields: 'Сведения',
  saved: 'Согласие сохранено.',
  withdrawnOk: 'Согласие отозвано. Ваши данные сняты с публикации.',
}

const listOf = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)])

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
  await orErrorPage(ownPerson(actor))
  const form = await request.formData()
  if (form.get('intent') === 'withdraw') {
    return handleForm(form, withdrawConsentSchema, () => withdrawDisseminationConsent(actor).then(() => redirectWithFlash('/my/consent', text.withdrawnOk)))
  }
  return handleForm(form, disseminationFormSchema, (consent) =>
    setDisseminationConsent(actor, consent).then((result) => redirectWithFlash('/my/consent', result.withdrawn ? text.withdrawnOk : text.saved)),
  )
}

export default function MyConsent() {
  const { current, history, doc, timeZone } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(disseminationFormSchema, {
    id: 'consent',
    lastResult,
    intent: 'save',
    defaultValue: { fields: current?.fields ?? [], conditions: current?.conditions ?? '', validUntil: current?.validUntil ?? '' },
  })
  const [withdrawForm, withdrawFields] = useSchemaForm(withdrawConsentSchema, { id: 'withdraw', lastResult, intent: 'withdraw' })
  const ticked = new Set(listOf(fields.fields.initialValue))
  // Withdrawn, not never given: the page says so rather than «вы ещё не давали согласия».
  const lastWithdrawn = current ? null : (history.filter((c) => c.purpose === 'dissemination' && c.withdrawnAt).map((c) => c.withdrawnAt!).sort().at(-1) ?? null)
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <h2>{text.current}</h2>
      <p>{current ? text.allowed(allowedFieldsPhrase(current.fields)) : lastWithdrawn ? text.noneWithdrawn(formatDateTime(lastWithdrawn, timeZone)) : text.none}</p>

      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="save" />
        <fieldset aria-describedby="fields-hint fields-region">
          <legend>{text.choose}</legend>
          <p className="muted" id="fields-hint">
            {current ? text.hintGiven : lastWithdrawn ? text.hintWithdrawn : text.hintNone}
          </p>
          <p className="muted" id="fields-region">
            {text.region}
          </p>
          {publicFields.map((f) => (
            <div key={f}>
              <input type="checkbox" id={`f-${f}`} name={fields.fields.name} value={f} defaultChecked={ticked.has(f)} />{' '}
              <label htmlFor={`f-${f}`}>{publicFieldLabels[f]}</label>
            </div>
          ))}
          <ErrorList id={fields.fields.errorId} errors={fields.fields.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.conditions.id}>{text.conditions}</label>
          <textarea {...getTextareaProps(fields.conditions)} rows={3} />
          <ErrorList id={fields.conditions.errorId} errors={fields.conditions.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.validUntil.id}>{text.validUntil}</label>
          <input {...getInputProps(fields.validUntil, { type: 'date' })} aria-describedby={[fields.validUntil.errors ? fields.validUntil.errorId : null, 'validUntil-hint'].filter(Boolean).join(' ')} />
          <span id="validUntil-hint" className="muted">
            {text.validUntilHint}
          </span>
          <ErrorList id={fields.validUntil.errorId} errors={fields.validUntil.errors} />
        </div>
        <button type="submit" disabled={busy}>
          {text.save}
        </button>
      </Form>

      {current ? (
        <div className="card">
          <p>{text.withdrawHint}</p>
          <FormErrors id={withdrawForm.errorId} errors={[...(withdrawForm.errors ?? []), ...(withdrawFields.confirmed.errors ?? [])]} />
          <Confirmable
            confirmKey="withdraw"
            label={text.withdraw}
            question={text.withdrawQuestion}
            confirmLabel={text.withdrawConfirm}
            fields={{ intent: 'withdraw' }}
            danger
          />
        </div>
      ) : null}

      <h2>{text.document}</h2>
      <pre className="document">{doc.body}</pre>

      <h2>{text.history}</h2>
      <div {...scrollRegion(text.history)}>
        <table>
          <ColumnHeads labels={[text.given, text.fields, text.withdrawn]} />
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
      </div>
    </>
  )
}
