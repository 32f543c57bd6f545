import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, getSelectProps } from '@conform-to/react'
import { registerApplicant, registrationRegions } from '~/domain/registration.server'
import { PASSWORD_MIN, registerSchema } from '~/model/inputs/register'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { getSignedIn, startSession } from '~/http/session.server'
import { passRetryAfter } from '~/http/retry-after'
import { safeRedirect } from '~/utils/safe-redirect'
import { ErrorList, FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'

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
  const [form, fields] = useSchemaForm(registerSchema, { id: 'register', lastResult })
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <InputField meta={fields.login} label={text.login} type="email" hint={text.loginHint} autoComplete="username" />
        <InputField meta={fields.lastName} label={text.lastName} type="text" autoComplete="family-name" />
        <InputField meta={fields.firstName} label={text.firstName} type="text" autoComplete="given-name" />
        <InputField meta={fields.middleName} label={text.middleName} type="text" autoComplete="additional-name" />
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
        <InputField meta={fields.password} label={text.password} type="password" hint={text.passwordHint} autoComplete="new-password" />
        <InputField meta={fields.passwordConfirm} label={text.passwordConfirm} type="password" autoComplete="new-password" />
        <SubmitButton label={text.submit} busyLabel={text.busy} />
      </Form>
      <p>
        {text.haveAccount} <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login'}>{text.signIn}</Link>
      </p>
    </>
  )
}
