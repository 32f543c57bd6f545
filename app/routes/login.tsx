import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { authenticate } from '~/domain/sign-in.server'
import { loginSchema } from '~/model/inputs/login'
import { handleForm } from '~/http/form.server'
import { FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'
import { getSignedIn, startSession } from '~/http/session.server'
import { safeRedirect } from '~/utils/safe-redirect'
import { passRetryAfter } from '~/http/retry-after'

const text = {
  title: 'Вход',
  login: 'Логин (адрес электронной почты)',
  password: 'Пароль',
  submit: 'Войти',
  busy: 'Вход…',
  demo: 'Демонстрационные учётные записи перечислены в README и в консоли при запуске.',
  register: 'Нет учётной записи? Зарегистрироваться',
  forgot: 'Забыли пароль?',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export const headers = passRetryAfter

export async function loader({ request }: LoaderFunctionArgs) {
  // already signed in: straight on to where the visitor was going
  if (await getSignedIn(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/dashboard'))
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleForm(
    request,
    loginSchema,
    async (f) => startSession(await authenticate(f.login, f.password, context?.clientAddress ?? 'unknown'), safeRedirect(f.redirectTo, '/dashboard')),
    { hideFields: ['password'] },
  )
}

export default function Login() {
  const lastResult = useActionData<typeof action>()
  const [params] = useSearchParams()
  const [form, fields] = useSchemaForm(loginSchema, { id: 'login', lastResult })
  return (
    <>
      <h1>{text.title}</h1>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <InputField meta={fields.login} label={text.login} type="email" autoComplete="username" />
        <InputField meta={fields.password} label={text.password} type="password" autoComplete="current-password" />
        <SubmitButton label={text.submit} busyLabel={text.busy} />
      </Form>
      <p>
        <Link to="/forgot">{text.forgot}</Link>
      </p>
      <p>
        <Link to={params.get('redirectTo') ? `/register?redirectTo=${encodeURIComponent(params.get('redirectTo')!)}` : '/register'}>{text.register}</Link>
      </p>
      <p className="muted">{text.demo}</p>
    </>
  )
}
