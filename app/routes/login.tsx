import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useState } from 'react'
import { signIn } from '~/domain/sign-in.server'
import { fieldErrors, loginSchema, type FieldErrors } from '~/model/inputs/login'
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
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export const headers = passRetryAfter

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSignedIn(request)) throw redirect('/dashboard')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = loginSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), code: 'INVALID_FORM' }, { status: 400 })
  const result = await signIn(parsed.data.login, parsed.data.password, context?.clientAddress ?? 'unknown')
  if (!result.ok) {
    const errors: FieldErrors = { form: result.message }
    if (result.code === 'RATE_LIMITED') {
      return data({ errors, code: result.code }, { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } })
    }
    return data({ errors, code: result.code }, { status: 401 })
  }
  return startSession(result.userId, safeRedirect(parsed.data.redirectTo, '/dashboard'))
}

export default function Login() {
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const busy = useNavigation().state === 'submitting'
  const [clientErrors, setClientErrors] = useState<FieldErrors>({})
  const errors: FieldErrors = { ...actionData?.errors, ...clientErrors }
  return (
    <>
      <h1>{text.title}</h1>
      {errors.form ? (
        <p className="alert" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Form
        method="post"
        noValidate
        onSubmit={(e) => {
          const parsed = loginSchema.safeParse(Object.fromEntries(new FormData(e.currentTarget)))
          const found = parsed.success ? {} : fieldErrors(parsed.error)
          setClientErrors(found)
          if (!parsed.success) e.preventDefault()
        }}
      >
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <div className="field">
          <label htmlFor="login">{text.login}</label>
          <input id="login" name="login" type="email" autoComplete="username" required aria-invalid={!!errors.login} aria-describedby={errors.login ? 'login-error' : undefined} />
          {errors.login ? <span id="login-error" className="error">{errors.login}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="password">{text.password}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={!!errors.password} aria-describedby={errors.password ? 'password-error' : undefined} />
          {errors.password ? <span id="password-error" className="error">{errors.password}</span> : null}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? text.busy : text.submit}
        </button>
      </Form>
      <p>
        <Link to="/register">{text.register}</Link>
      </p>
      <p className="muted">{text.demo}</p>
    </>
  )
}
