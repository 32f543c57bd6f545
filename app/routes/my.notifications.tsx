import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { getFormProps } from '@conform-to/react'
import { markRead, myNotifications } from '~/domain/notifications.server'
import { markAllReadSchema, markReadSchema } from '~/model/inputs/notifications'
import { formatCount, formatDateTime, notificationLabel } from '~/model/labels'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireSignedIn } from '~/http/session.server'
import { FormErrors, useSchemaForm } from '~/ui/form'
import { ColumnHeads } from '~/ui/column-heads'
import { ListPager } from '~/ui/list-pager'

const text = {
  title: 'Уведомления',
  lead: 'Уведомления приходят и на электронную почту; здесь собраны все, и прочитанные тоже.',
  none: 'Уведомлений пока нет.',
  unread: (n: number) => (n === 0 ? 'Непрочитанных нет.' : `Непрочитанных: ${formatCount(n)}.`),
  caption: 'Все уведомления, сначала новые',
  what: 'Уведомление',
  when: 'Когда',
  state: 'Состояние',
  isRead: 'прочитано',
  isNew: 'новое',
  open: 'Открыть',
  markOne: 'Отметить прочитанным',
  markOneLabel: (what: string, when: string) => `Отметить прочитанным: ${what}, ${when}`,
  markAll: 'Отметить все прочитанными',
  markedOne: 'Уведомление отмечено прочитанным.',
  markedAll: (n: number) => (n === 0 ? 'Непрочитанных уведомлений не было.' : `Отмечено прочитанными: ${formatCount(n)}.`),
  times: 'Время указано по часовому поясу вашего региона.',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const url = new URL(request.url)
  const data = await myNotifications(actor, pageOf(url, 'after', 'int'))
  return { ...data, next: nextHref(url, data.page), first: firstHref(url) }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const form = await request.formData()
  if (form.get('intent') === 'all') {
    return handleForm(form, markAllReadSchema, () => markRead(actor, null).then((n) => redirectWithFlash('/my/notifications', text.markedAll(n))))
  }
  return handleForm(form, markReadSchema, (f) => markRead(actor, f.id).then(() => redirectWithFlash('/my/notifications', text.markedOne)))
}

export default function MyNotifications() {
  const { page, unread, timeZone, next, first } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [one] = useSchemaForm(markReadSchema, { id: 'mark-one', lastResult, intent: 'one' })
  const [all] = useSchemaForm(markAllReadSchema, { id: 'mark-all', lastResult, intent: 'all' })
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <p>{text.unread(unread)}</p>
      <FormErrors id={one.errorId} errors={one.errors} />
      <FormErrors id={all.errorId} errors={all.errors} />
      {unread > 0 ? (
        <Form method="post" {...getFormProps(all)}>
          <input type="hidden" name="intent" value="all" />
          <button type="submit" disabled={busy}>
            {text.markAll}
          </button>
        </Form>
      ) : null}
      {page.rows.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{text.caption}</caption>
            <ColumnHeads labels={[text.what, text.when, text.state]} />
            <tbody>
              {page.rows.map((n) => {
                const what = notificationLabel(n.template, n.municipal)
                const when = formatDateTime(n.createdAt, timeZone)
                return (
                  <tr key={n.id} className={n.readAt ? undefined : 'unread'}>
                    <th scope="row">{n.href ? <Link to={n.href}>{what}</Link> : what}</th>
                    <td data-label={text.when}>{when}</td>
                    <td data-label={text.state}>
                      {n.readAt ? (
                        <span className="muted">{text.isRead}</span>
                      ) : (
                        <Form method="post" className="inline">
                          <strong>{text.isNew}</strong>{' '}
                          <input type="hidden" name="intent" value="one" />
                          <input type="hidden" name="id" value={n.id} />
                          <button type="submit" className="link" disabled={busy} aria-label={text.markOneLabel(what, when)}>
                            {text.markOne}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <ListPager from={page.from} count={page.rows.length} total={page.total} next={next} first={first} />
      <p className="muted">{text.times}</p>
    </>
  )
}
