import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { isEmailConfirmed, resendEmailConfirmation } from '~/domain/account-links.server'
import { buttonSchema } from '~/model/inputs/account'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { passRetryAfter } from '~/http/retry-after'
import { requireSignedIn } from '~/http/session.server'
import { FormErrors, useSchemaForm } from '~/ui/form'

const text = {
  title: 'Подтверждение адреса',
  confirmed: (login: string) => `Адрес ${login} подтверждён.`,
  pending: (login: string) =>
    `Адрес ${login} ещё не подтверждён. Откройте письмо, которое пришло после регистрации, и перейдите по ссылке из него. Без подтверждения можно заполнить заявление, но не подать его.`,
  resend: 'Отправить письмо ещё раз',
  busy: 'Отправка…',
  sent: 'Письмо отправлено. Ссылка из прежнего письма больше не действует.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export const headers = passRetryAfter

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  return { login: actor.user.login, confirmed: await isEmailConfirmed(actor.userId) }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  return handleForm(request, buttonSchema, () => resendEmailConfirmation(actor.userId).then(() => redirectWithFlash('/confirm', text.sent)))
}

export default function ConfirmStatus() {
  const { login, confirmed } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [form] = useSchemaForm(buttonSchema, { id: 'resend', lastResult })
  return (
    <>
      <h1>{text.title}</h1>
      {confirmed ? (
        <p>{text.confirmed(login)}</p>
      ) : (
        <>
          <p>{text.pending(login)}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Form method="post" {...getFormProps(form)}>
            <button type="submit" disabled={busy}>
              {busy ? text.busy : text.resend}
            </button>
          </Form>
        </>
      )}
    </>
  )
}
