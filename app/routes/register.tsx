import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps, getInputProps, getSelectProps } from '@conform-to/react'
import { registerApplicant, registrationRegions } from '~/domain/registration.server'
import { PASSWORD_MIN, registerSchema } from '~/model/inputs/register'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { getSignedIn, startSession } from '~/http/session.server'
import { passRetryAfter } from '~/http/retry-after'
import { safeRedirect } from '~/utils/safe-redirect'
import { ErrorList, FormErrors, useSchemaForm } from '~/ui/form'

const text = {
  title: 'Регистрация педагога',
  lead: 'Учётная запись нужна, чтобы подать заявление на включение в методический актив, следить за его рассмотрением и управлять согласиями на обработку и публикацию данных.',
  login: 'Адрес электронной почты (он же логин)',
  loginHint: 'На него придёт письмо со ссылкой для подтверждения: без подтверждения заявление не подать.',
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество (если есть)',
  region: 'Регион',
  chooseRegion: '— выберите регион —',
  password: 'Пароль',
  passwordHint: `Не короче ${PASSWORD_MIN} символов.`,
  passwordConfirm: 'Пароль ещё раз',
  submit: 'Зарегистрироваться',
  busy: 'Регистрация…',
  haveAccount: 'Уже есть учётная запись?',
  signIn: 'Войти',
  registered: (login: string) =>
    `Учётная запись создана. Мы отправили письмо на ${login}: перейдите по ссылке из него, чтобы подтвердить адрес. До подтверждения можно заполнить заявление, но не подать его.`,
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export const headers = passRetryAfter

const FALLBACK = '/campaigns'

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = new URL(request.url).searchParams.get('redirectTo')
  if (await getSignedIn(request)) throw redirect(safeRedirect(redirectTo, FALLBACK))
  return { regions: await registrationRegions(), redirectTo: redirectTo ? safeRedirect(redirectTo, '') : '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleForm(
    request,
    registerSchema,
    async (f) => {
      const signedIn = await startSession(await registerApplicant(f, context?.clientAddress ?? 'unknown'), safeRedirect(f.redirectTo, FALLBACK))
      // the session's cookie and the one-time message, on the same redirect
      const flash = (await redirectWithFlash('/', text.registered(f.login))).headers.get('Set-Cookie')
      if (flash) signedIn.headers.append('Set-Cookie', flash)
      return signedIn
    },
    { hideFields: ['password', 'passwordConfirm'] },
  )
}

export default function Register() {
  const { regions, redirectTo } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [form, fields] = useSchemaForm(registerSchema, { id: 'register', lastResult })
  const describedBy = (field: { errorId: string; errors?: string[] }, hint: string) => [field.errors ? field.errorId : '', hint].filter(Boolean).join(' ')
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="field">
          <label htmlFor={fields.login.id}>{text.login}</label>
          <input {...getInputProps(fields.login, { type: 'email' })} autoComplete="username" aria-describedby={describedBy(fields.login, 'login-hint')} />
          <span id="login-hint" className="muted">
            {text.loginHint}
          </span>
          <ErrorList id={fields.login.errorId} errors={fields.login.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.lastName.id}>{text.lastName}</label>
          <input {...getInputProps(fields.lastName, { type: 'text' })} autoComplete="family-name" />
          <ErrorList id={fields.lastName.errorId} errors={fields.lastName.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.firstName.id}>{text.firstName}</label>
          <input {...getInputProps(fields.firstName, { type: 'text' })} autoComplete="given-name" />
          <ErrorList id={fields.firstName.errorId} errors={fields.firstName.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.middleName.id}>{text.middleName}</label>
          <input {...getInputProps(fields.middleName, { type: 'text' })} autoComplete="additional-name" />
          <ErrorList id={fields.middleName.errorId} errors={fields.middleName.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.regionId.id}>{text.region}</label>
          <select {...getSelectProps(fields.regionId)}>
            <option value="">{text.chooseRegion}</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <ErrorList id={fields.regionId.errorId} errors={fields.regionId.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>{text.password}</label>
          <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" aria-describedby={describedBy(fields.password, 'password-hint')} />
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
      <p>
        {text.haveAccount} <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login'}>{text.signIn}</Link>
      </p>
    </>
  )
}
