import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { endAllMySessions, endMySession, mySessions } from '~/domain/sessions.server'
import { endAllSessionsSchema, endSessionSchema } from '~/model/inputs/account'
import { formatDateTime } from '~/model/labels'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireSignedIn } from '~/http/session.server'
import { FormErrors, useSchemaForm } from '~/ui/form'
import { ColumnHeads } from '~/ui/column-heads'
import { scrollRegion } from '~/ui/table-scroll'

const text = {
  title: 'Сеансы входа',
  lead: 'Здесь видно, где открыта ваша учётная запись. Если сеанс вам незнаком, завершите его и смените пароль.',
  caption: 'Открытые сеансы',
  device: 'Браузер и система',
  started: 'Вход',
  lastSeen: 'Последняя активность',
  action: 'Действие',
  current: 'Этот сеанс',
  end: 'Завершить',
  endLabel: (device: string, started: string) => `Завершить сеанс: ${device}, вход ${started}`,
  signOut: 'Выйти',
  everywhere: 'Выйти на всех устройствах',
  everywhereHint: 'Завершатся все сеансы, и этот тоже: войти снова можно будет только с паролем.',
  ended: 'Сеанс завершён.',
  signedOut: 'Вы вышли из учётной записи.',
  signedOutEverywhere: 'Все сеансы завершены. Войдите снова.',
  times: 'Время указано по часовому поясу вашего региона.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return mySessions(actor)
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const form = await request.formData()
  if (form.get('intent') === 'everywhere') {
    return handleForm(form, endAllSessionsSchema, () => endAllMySessions(actor).then(() => redirectWithFlash('/login', text.signedOutEverywhere)))
  }
  return handleForm(form, endSessionSchema, (f) =>
    endMySession(actor, f.ref).then(({ current }) => (current ? redirectWithFlash('/login', text.signedOut) : redirectWithFlash('/my/sessions', text.ended))),
  )
}

export default function MySessions() {
  const { sessions, timeZone } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [one] = useSchemaForm(endSessionSchema, { id: 'end-one', lastResult, intent: 'one' })
  const [all] = useSchemaForm(endAllSessionsSchema, { id: 'end-all', lastResult, intent: 'everywhere' })
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <FormErrors id={one.errorId} errors={one.errors} />
      <div {...scrollRegion(text.caption)}>
        <table>
          <caption>{text.caption}</caption>
          <ColumnHeads labels={[text.device, text.started, text.lastSeen, text.action]} />
          <tbody>
            {sessions.map((s) => {
              const started = formatDateTime(s.createdAt, timeZone)
              return (
                <tr key={s.ref}>
                  <th scope="row">
                    {s.device}
                    {s.current ? <div className="muted">{text.current}</div> : null}
                  </th>
                  <td>{started}</td>
                  <td>{formatDateTime(s.lastSeenAt, timeZone)}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="one" />
                      <input type="hidden" name="ref" value={s.ref} />
                      <button type="submit" className="link" disabled={busy} aria-label={s.current ? text.signOut : text.endLabel(s.device, started)}>
                        {s.current ? text.signOut : text.end}
                      </button>
                    </Form>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{text.times}</p>
      <h2>{text.everywhere}</h2>
      <p>{text.everywhereHint}</p>
      <FormErrors id={all.errorId} errors={all.errors} />
      <Form method="post" {...getFormProps(all)}>
        <input type="hidden" name="intent" value="everywhere" />
        <button type="submit" disabled={busy}>
          {text.everywhere}
        </button>
      </Form>
    </>
  )
}
