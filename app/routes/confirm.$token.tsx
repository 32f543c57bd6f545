import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { confirmEmail, confirmLinkUsable } from '~/domain/account-links.server'
import { buttonSchema } from '~/model/inputs/account'
import { orErrorPage } from '~/http/errors.server'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { tokenPageHeaders, tokenPageMeta } from '~/http/token-page'
import { getSignedIn } from '~/http/session.server'
import { safeRedirect } from '~/utils/safe-redirect'
import { FormErrors, useSchemaForm } from '~/ui/form'

const text = {
  title: 'Подтверждение адреса электронной почты',
  lead: 'Нажмите кнопку, чтобы подтвердить, что адрес принадлежит вам. После этого можно подавать заявления.',
  submit: 'Подтвердить адрес',
  busy: 'Подтверждение…',
  invalidTitle: 'Ссылка недействительна',
  invalid: 'Ссылка уже использована, устарела (она действует 7 дней) или набрана с ошибкой. Если адрес ещё не подтверждён, войдите и запросите новое письмо.',
  again: 'Запросить новое письмо',
  done: 'Адрес электронной почты подтверждён. Теперь можно подавать заявления.',
}

export const meta: MetaFunction = () => tokenPageMeta(text.title)

export const headers = tokenPageHeaders

// Opening the link only shows a button: mail scanners that fetch every link
// in a letter must not confirm an address on its owner's behalf.
export async function loader({ params, context }: LoaderFunctionArgs) {
  return { usable: await orErrorPage(confirmLinkUsable(params.token ?? '', context?.clientAddress ?? 'unknown')) }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // The link may name the page the person registered from (?redirectTo=, kept by the form's own address).
  const back = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '')
  const next = (await getSignedIn(request)) ? back || '/campaigns' : back ? `/login?redirectTo=${encodeURIComponent(back)}` : '/login'
  return handleForm(request, buttonSchema, () =>
    confirmEmail(params.token ?? '', context?.clientAddress ?? 'unknown').then(() => redirectWithFlash(next, text.done)),
  )
}

export default function ConfirmEmail() {
  const { usable } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [form] = useSchemaForm(buttonSchema, { id: 'confirm', lastResult })
  if (!usable || lastResult?.code === 'LINK_INVALID') {
    return (
      <>
        <h1>{text.invalidTitle}</h1>
        <p>{text.invalid}</p>
        <p>
          <Link to="/confirm">{text.again}</Link>
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
        <button type="submit" disabled={busy}>
          {busy ? text.busy : text.submit}
        </button>
      </Form>
    </>
  )
}
