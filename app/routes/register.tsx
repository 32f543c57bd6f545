import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useRef, useState, type InputHTMLAttributes } from 'react'
import { registerApplicant, registrationRegions } from '~/domain/registration.server'
import { fieldErrors, type FieldErrors } from '~/model/inputs/login'
import { PASSWORD_MIN, registerSchema, registerValues } from '~/model/inputs/register'
import { attempt, invalidForm } from '~/http/errors.server'
import { getSignedIn, startSession } from '~/http/session.server'
import { passRetryAfter } from '~/http/retry-after'

const text = {
  title: 'Регистрация педагога',
  lead: 'Учётная запись нужна, чтобы подать заявление на включение в методический актив, следить за его рассмотрением и управлять согласиями на обработку и публикацию данных.',
  login: 'Адрес электронной почты (он же логин)',
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
  errorsTitle: 'Исправьте ошибки в форме.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export const headers = passRetryAfter

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSignedIn(request)) throw redirect('/campaigns')
  return { regions: await registrationRegions() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = registerValues(await request.formData())
  const parsed = registerSchema.safeParse(values)
  const echo = { ...values, password: '', passwordConfirm: '' }
  if (!parsed.success) return invalidForm(fieldErrors(parsed.error), echo)
  const applicant = parsed.data
  // A refusal keeps what was typed (passwords excepted); a throttled attempt carries Retry-After.
  return attempt(async () => startSession(await registerApplicant(applicant, context?.clientAddress ?? 'unknown'), '/campaigns'), echo)
}

/** Refusals that belong next to one field rather than above the form. */
const fieldOfRefusal: Record<string, string> = { LOGIN_TAKEN: 'login' }

export default function Register() {
  const { regions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [clientErrors, setClientErrors] = useState<FieldErrors>({})
  const summary = useRef<HTMLParagraphElement>(null)
  const refused = actionData?.error
  const serverErrors: FieldErrors = !refused ? {} : (refused.fields ?? { [fieldOfRefusal[refused.code] ?? 'form']: refused.message })
  const errors: FieldErrors = { ...serverErrors, ...clientErrors }
  const v: Record<string, string> = actionData?.values ?? {}
  const field = (name: string, label: string, props: InputHTMLAttributes<HTMLInputElement>, hint?: string) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        defaultValue={props.type === 'password' ? undefined : v[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[errors[name] ? `${name}-error` : '', hint ? `${name}-hint` : ''].filter(Boolean).join(' ') || undefined}
        {...props}
      />
      {hint ? (
        <span id={`${name}-hint`} className="muted">
          {hint}
        </span>
      ) : null}
      {errors[name] ? (
        <span id={`${name}-error`} className="error">
          {errors[name]}
        </span>
      ) : null}
    </div>
  )
  const hasErrors = Object.values(errors).some(Boolean)
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <div aria-live="polite">
        {hasErrors ? (
          <p className="alert" role="alert" tabIndex={-1} ref={summary}>
            {errors.form ?? text.errorsTitle}
          </p>
        ) : null}
      </div>
      <Form
        method="post"
        noValidate
        onSubmit={(e) => {
          const parsed = registerSchema.safeParse(registerValues(new FormData(e.currentTarget)))
          setClientErrors(parsed.success ? {} : fieldErrors(parsed.error))
          if (!parsed.success) {
            e.preventDefault()
            requestAnimationFrame(() => summary.current?.focus())
          }
        }}
      >
        {field('login', text.login, { type: 'email', autoComplete: 'username', required: true })}
        {field('lastName', text.lastName, { autoComplete: 'family-name', required: true })}
        {field('firstName', text.firstName, { autoComplete: 'given-name', required: true })}
        {field('middleName', text.middleName, { autoComplete: 'additional-name' })}
        <div className="field">
          <label htmlFor="regionId">{text.region}</label>
          <select
            id="regionId"
            name="regionId"
            defaultValue={v.regionId ?? ''}
            required
            aria-invalid={errors.regionId ? true : undefined}
            aria-describedby={errors.regionId ? 'regionId-error' : undefined}
          >
            <option value="">{text.chooseRegion}</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          {errors.regionId ? (
            <span id="regionId-error" className="error">
              {errors.regionId}
            </span>
          ) : null}
        </div>
        {field('password', text.password, { type: 'password', autoComplete: 'new-password', required: true, minLength: PASSWORD_MIN }, text.passwordHint)}
        {field('passwordConfirm', text.passwordConfirm, { type: 'password', autoComplete: 'new-password', required: true })}
        <button type="submit" disabled={busy}>
          {busy ? text.busy : text.submit}
        </button>
      </Form>
      <p>
        {text.haveAccount} <Link to="/login">{text.signIn}</Link>
      </p>
    </>
  )
}
