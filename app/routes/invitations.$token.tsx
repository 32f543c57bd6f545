import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { acceptInvitation, invitationForLink } from '~/domain/invitations.server'
import { timeZoneOfRegion } from '~/domain/regions.server'
import { acceptAsSignedInSchema, acceptInvitationSchema, acceptNewAccountSchema } from '~/model/inputs/invitations'
import { PASSWORD_MIN } from '~/model/inputs/register'
import { formatDateTime } from '~/model/labels'
import { orErrorPage } from '~/http/errors.server'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { getSignedIn, startSession } from '~/http/session.server'
import { tokenPageHeaders, tokenPageMeta } from '~/http/token-page'
import { FormErrors, InputField, SubmitButton, useSchemaForm } from '~/ui/form'

const text = {
  title: 'Приглашение в реестр методического актива',
  lead: (region: string) => `Вас приглашают работать в реестре методического актива — ${region}.`,
  role: 'Роль',
  scope: 'Где',
  login: 'Вход по адресу',
  expires: 'Ссылка действует до',
  createLead: 'Учётной записи с этим адресом ещё нет. Проверьте имя и придумайте пароль: учётная запись будет создана, адрес — подтверждён, роль — выдана.',
  displayName: 'Фамилия, имя и отчество',
  password: 'Пароль',
  passwordHint: `Не короче ${PASSWORD_MIN} символов.`,
  passwordConfirm: 'Пароль ещё раз',
  create: 'Создать учётную запись и принять приглашение',
  join: 'Принять приглашение',
  busy: 'Сохранение…',
  joinLead: (email: string) => `Вы вошли как ${email}. Роль будет добавлена к вашей учётной записи.`,
  signInLead: (email: string) => `Учётная запись ${email} уже есть. Войдите в неё, чтобы принять приглашение.`,
  signIn: 'Войти и принять приглашение',
  otherAccount: (current: string, email: string) =>
    `Сейчас вы вошли как ${current}, а приглашение адресовано ${email}. Выйдите (кнопка «Выйти» вверху страницы), войдите как ${email} и снова откройте ссылку из письма.`,
  invalidTitle: 'Ссылка недействительна',
  invalid: 'Приглашение уже принято, отозвано, устарело (ссылка действует 7 дней) или ссылка набрана с ошибкой. Если приглашение нужно, попросите координатора отправить его снова.',
  home: 'На главную',
  created: 'Учётная запись создана, приглашение принято. Добро пожаловать!',
  accepted: 'Приглашение принято: роль добавлена к вашей учётной записи.',
}

export const meta: MetaFunction = () => tokenPageMeta(text.title)

export const headers = tokenPageHeaders

// Opening the link only shows the page: mail scanners that fetch every link
// in a letter must not accept an invitation on anyone's behalf.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const link = await orErrorPage(invitationForLink(params.token ?? '', context?.clientAddress ?? 'unknown'))
  if (!link) return data({ usable: false as const }, { status: 404 })
  const [signedIn, timeZone] = await Promise.all([getSignedIn(request), timeZoneOfRegion(link.regionId)])
  return data({
    usable: true as const,
    email: link.email,
    displayName: link.displayName,
    roleLabel: link.roleLabel,
    regionName: link.regionName,
    scopeName: link.scopeName,
    expires: formatDateTime(link.expiresAt, timeZone),
    accountExists: link.accountExists,
    signedInAs: signedIn?.user.login ?? null,
  })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await getSignedIn(request)
  return handleForm(
    request,
    acceptInvitationSchema,
    async (f) => {
      const r = await acceptInvitation(params.token ?? '', f, { signedInUserId: signedIn?.userId ?? null, clientAddress: context?.clientAddress ?? 'unknown' })
      if (!r.created) return redirectWithFlash('/dashboard', text.accepted)
      // the session's cookie and the one-time message, on the same redirect
      const res = await startSession(r.userId, '/dashboard')
      const flash = (await redirectWithFlash('/dashboard', text.created)).headers.get('Set-Cookie')
      if (flash) res.headers.append('Set-Cookie', flash)
      return res
    },
    { hideFields: ['password', 'passwordConfirm'] },
  )
}

type Usable = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { usable: true }>

function CreateAccount({ d }: { d: Usable }) {
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useSchemaForm(acceptNewAccountSchema, { id: 'accept-create', lastResult, defaultValue: { displayName: d.displayName } })
  return (
    <>
      <p>{text.createLead}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <InputField meta={fields.displayName} label={text.displayName} type="text" autoComplete="name" />
        <InputField meta={fields.password} label={text.password} type="password" hint={text.passwordHint} autoComplete="new-password" />
        <InputField meta={fields.passwordConfirm} label={text.passwordConfirm} type="password" autoComplete="new-password" />
        <SubmitButton label={text.create} busyLabel={text.busy} />
      </Form>
    </>
  )
}

function Join({ email }: { email: string }) {
  const lastResult = useActionData<typeof action>()
  const [form] = useSchemaForm(acceptAsSignedInSchema, { id: 'accept-join', lastResult })
  return (
    <>
      <p>{text.joinLead(email)}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="join" />
        <SubmitButton label={text.join} busyLabel={text.busy} />
      </Form>
    </>
  )
}

function SignIn({ d, path }: { d: Usable; path: string }) {
  if (d.signedInAs) return <p>{text.otherAccount(d.signedInAs, d.email)}</p>
  return (
    <>
      <p>{text.signInLead(d.email)}</p>
      <p>
        <Link to={`/login?redirectTo=${encodeURIComponent(path)}`} className="button">
          {text.signIn}
        </Link>
      </p>
    </>
  )
}

export default function AcceptInvitation() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const path = useLocation().pathname
  if (!d.usable || lastResult?.code === 'LINK_INVALID') {
    return (
      <>
        <h1>{text.invalidTitle}</h1>
        <p>{text.invalid}</p>
        <p>
          <Link to="/">{text.home}</Link>
        </p>
      </>
    )
  }
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead(d.regionName)}</p>
      <dl className="facts">
        <dt>{text.role}</dt>
        <dd>{d.roleLabel}</dd>
        {d.scopeName ? (
          <>
            <dt>{text.scope}</dt>
            <dd>{d.scopeName}</dd>
          </>
        ) : null}
        <dt>{text.login}</dt>
        <dd>{d.email}</dd>
        <dt>{text.expires}</dt>
        <dd>{d.expires}</dd>
      </dl>
      {!d.accountExists ? <CreateAccount d={d} /> : d.signedInAs === d.email ? <Join email={d.email} /> : <SignIn d={d} path={path} />}
    </>
  )
}
