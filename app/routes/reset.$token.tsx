import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps, getInputProps } from '@conform-to/react'
import { resetLinkUsable, resetPassword } from '~/domain/account-links.server'
import { newPasswordSchema } from '~/model/inputs/account'
import { PASSWORD_MIN } from '~/model/inputs/register'
import { orErrorPage } from '~/http/errors.server'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { passRetryAfter } from '~/http/retry-after'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'

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

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }, { name: 'referrer', content: 'no-referrer' }]

// why: the address holds the secret; no cache or proxy keeps the page
export const headers: HeadersFunction = (args) => {
  const out = new Headers(passRetryAfter(args))
  out.set('Cache-Control', 'no-store')
  return out
}

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
  const busy = useNavigation().state === 'submitting'
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
        <div className="field">
          <label htmlFor={fields.password.id}>{text.password}</label>
          <input
            {...getInputProps(fields.password, { type: 'password' })}
            autoComplete="new-password"
            aria-describedby={[fields.password.errors ? fields.password.errorId : '', 'password-hint'].filter(Boolean).join(' ')}
          />
          <span id="password-hint" className="muted">
            {text.passwordHint}
          </span>
          <ErrorList id={fields.password.errorId} errors={fields.password.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.passwordConfirm.id}>{text.passwordConfirm}</label>
          <input {...getInputProps(fields.passwordConfirm, { type: 'password' })} autoComplete="new-password" />
          <ErrorList id={fields.passwordConfirm.errorId} errors={fields.passwordConfirm.errors} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? text.busy : text.submit}
        </button>
      </Form>
    </>
  )
}
