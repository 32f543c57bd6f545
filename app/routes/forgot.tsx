import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { requestPasswordReset } from '~/domain/account-links.server'
import { forgotSchema } from '~/model/inputs/account'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { passRetryAfter } from '~/http/retry-after'
import { FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'

const text = {
  title: 'Восстановление пароля',
  lead: 'Укажите адрес электронной почты, с которым вы входите в реестр. Мы отправим на него ссылку для смены пароля; она действует 1 час.',
  login: 'Адрес электронной почты',
  submit: 'Отправить ссылку',
  busy: 'Отправка…',
  // the same answer whether or not the address has an account
  sent: 'Если учётная запись с этим адресом есть, мы отправили на него письмо со ссылкой для смены пароля. Ссылка действует 1 час. Письма нет несколько минут — проверьте папку «Спам».',
  back: 'Вернуться ко входу',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export const headers = passRetryAfter

export async function action({ request, context }: ActionFunctionArgs) {
  return handleForm(request, forgotSchema, (f) =>
    requestPasswordReset(f.login, context?.clientAddress ?? 'unknown').then(() => redirectWithFlash('/forgot', text.sent)),
  )
}

export default function Forgot() {
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(forgotSchema, { id: 'forgot', lastResult })
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <InputField meta={fields.login} label={text.login} type="email" autoComplete="username" />
        <SubmitButton label={text.submit} busyLabel={text.busy} />
      </Form>
      <p>
        <Link to="/login">{text.back}</Link>
      </p>
    </>
  )
}
