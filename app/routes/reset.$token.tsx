import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { resetLinkUsable, resetPassword } from '~/domain/account-links.server'
import { newPasswordSchema } from '~/model/inputs/account'
import { PASSWORD_MIN } from '~/model/inputs/register'
import { orErrorPage } from '~/http/errors.server'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { tokenPageHeaders, tokenPageMeta } from '~/http/token-page'
import { FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'

const text = {
  title: 'Новый пароль',
  lead: 'Придумайте новый пароль. После сохранения все открытые сеансы этой учётной записи завершатся, и войти можно будет только с новым паролем.',
  password: 'Новый пароль',
  passwordHint: `Не короче ${PASSWORD_MIN} символов.`,
  passwordConfirm: 'Новый пароль ещё раз',
  submit: 'Сохранить пароль',
  busy: 'Сохранение…',
  invalidTitle: 'Ссылка недействительна',
  invalid: 'Ссылка уже использована, устарела (она действует 1 час) или набрана с ошибкой.',
  again: 'Запросить новую ссылку',
  done: 'Пароль изменён. Войдите с новым паролем.',
}

export const meta: MetaFunction = () => tokenPageMeta(text.title)

export const headers = tokenPageHeaders

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { usable: await orErrorPage(resetLinkUsable(params.token ?? '', context?.clientAddress ?? 'unknown')) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleForm(
    request,
    newPasswordSchema,
    (f) => resetPassword(params.token ?? '', f.password, context?.clientAddress ?? 'unknown').then(() => redirectWithFlash('/login', text.done)),
    { hideFields: ['password', 'passwordConfirm'] },
  )
}

export default function Reset() {
  const { usable } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(newPasswordSchema, { id: 'reset', lastResult })
  if (!usable || lastResult?.code === 'LINK_INVALID') {
    return (
      <>
        <h1>{text.invalidTitle}</h1>
        <p>{text.invalid}</p>
        <p>
          <Link to="/forgot">{text.again}</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <InputField meta={fields.password} label={text.password} type="password" hint={text.passwordHint} autoComplete="new-password" />
        <InputField meta={fields.passwordConfirm} label={text.passwordConfirm} type="password" autoComplete="new-password" />
        <SubmitButton label={text.submit} busyLabel={text.busy} />
      </Form>
    </>
  )
}
