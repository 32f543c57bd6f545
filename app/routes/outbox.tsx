import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { listOutbox, outboxRowById, resendOutboxMessage, type OutboxListRow } from '~/domain/outbox.server'
import { readEml } from '~/mail/eml.server'
import { env } from '~/utils/env.server'
import { attempt, invalidForm } from '~/http/errors.server'
import { redirectWithFlash } from '~/http/flash.server'
import { can, holds, roleTable } from '~/model/permissions'
import { requireSignedIn } from '~/http/session.server'
import { FormStatus } from '~/ui/form-status'
import { formatDateTime, notificationLabels } from '~/model/labels'
import { regionTimeZones } from '~/domain/regions.server'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'

const text = {
  title: 'Исходящие уведомления',
  intro: 'Последние 100 писем вашего региона из очереди уведомлений. Недоставленные письма выделены; их нужно проверить.',
  localMode: 'Почтовый сервер (SMTP_URL) не настроен: письма записываются как файлы .eml в папку данных, их можно открыть здесь.',
  failedTitle: 'Не доставлены',
  noFailed: 'Недоставленных писем нет.',
  recentTitle: 'Последние письма',
  empty: 'Писем пока нет.',
  id: '№',
  created: 'Создано',
  template: 'Уведомление',
  recipient: 'Получатель',
  status: 'Состояние',
  attempts: 'Попыток',
  error: 'Ошибка',
  open: 'Открыть письмо',
  noAddress: 'нет адреса',
  messageTitle: (id: number) => `Письмо № ${id}`,
  from: 'От',
  to: 'Кому',
  subject: 'Тема',
  date: 'Дата',
  messageId: 'Message-ID',
  source: 'Исходный текст (.eml)',
  back: 'К списку писем',
  noFile: 'Файл письма не найден: возможно, оно отправлено через SMTP или папка данных очищена.',
  forbidden: 'Нет доступа к очереди уведомлений.',
  notFound: 'Письмо не найдено.',
  badId: 'Неверный номер письма.',
  statuses: {
    pending: 'В очереди',
    sending: 'Отправляется',
    sent: 'Отправлено',
    failed: 'Не доставлено',
  } as Record<OutboxListRow['status'], string>,
  delivery: { smtp: 'по SMTP', file: 'в файл .eml', inApp: 'только в личном кабинете' } as Record<string, string>,
  failure: {
    rejected: 'почтовый сервер отклонил письмо',
    attempts: 'исчерпаны попытки отправки',
    unknown: 'исход неизвестен: письмо могло дойти. Проверьте журнал почтового сервера по Message-ID; само письмо повторно не отправляется',
    template: 'ошибка шаблона письма',
  } as Record<string, string>,
  nextAttempt: (at: string) => `следующая попытка ${at}`,
  action: 'Действие',
  resend: 'Отправить снова',
  resendBusy: 'Отправка…',
  resendLabel: (id: number) => `Отправить письмо № ${id} снова`,
  acceptDuplicate: 'Понимаю, что адресат может получить письмо дважды',
  duplicateWarning: 'Если письмо всё же дошло, адресат получит его второй раз (с тем же Message-ID).',
  resent: (id: string) => `Письмо № ${id} снова поставлено в очередь на отправку.`,
  badResendId: 'Неверный номер письма.',
  templates: {
    ...notificationLabels,
    consentChanged: 'Согласие на распространение изменено',
    consentWithdrawn: 'Согласие на распространение отозвано',
    digest: 'Сводка задач',
  } as Record<string, string>,
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

// Times are shown in the zone of the message's region (PRODUCT §12), formatted on the server.
type Row = Omit<OutboxListRow, 'createdAt' | 'nextAttemptAt' | 'sentAt'> & { createdAt: string; nextAttemptAt: string; sentAt: string | null }

const plain = (zoneOf: (regionId: number | null) => string) => (r: OutboxListRow): Row => ({
  ...r,
  createdAt: formatDateTime(r.createdAt, zoneOf(r.regionId)),
  nextAttemptAt: formatDateTime(r.nextAttemptAt, zoneOf(r.regionId)),
  sentAt: r.sentAt ? formatDateTime(r.sentAt, zoneOf(r.regionId)) : null,
})

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  if (!holds(actor, 'outbox:read')) throw new Response(text.forbidden, { status: 403 })
  // A region-scoped grant sees its region; an 'all'-scoped one (admin) sees every row.
  const everywhere = actor.grants.some((g) => roleTable[g.role].scope === 'all' && roleTable[g.role].permissions.includes('outbox:read'))
  const regionIds = everywhere
    ? ('all' as const)
    : [...new Set(actor.grants.flatMap((g) => (g.regionId != null && can(actor, 'outbox:read', { regionId: g.regionId }) ? [g.regionId] : [])))]
  const local = !env().SMTP_URL

  const url = new URL(request.url)
  const emlParam = url.searchParams.get('eml')
  let message: { id: number; view: Awaited<ReturnType<typeof readEml>> } | null = null
  if (emlParam !== null) {
    const id = Number(emlParam)
    if (!Number.isSafeInteger(id) || id <= 0) throw new Response(text.badId, { status: 400 })
    const row = await outboxRowById(id)
    // A row outside the actor's regions is answered as missing, not as forbidden.
    if (!row || !can(actor, 'outbox:read', { regionId: row.regionId })) throw new Response(text.notFound, { status: 404 })
    message = { id, view: local ? await readEml(env().DATA_DIR, id) : null }
  }

  const [failed, recent] = await Promise.all([
    listOutbox({ regionIds, limit: 100, status: 'failed' }),
    listOutbox({ regionIds, limit: 100 }),
  ])
  const regionsShown = [...new Set([...failed, ...recent].map((r) => r.regionId).filter((id): id is number => id !== null))]
  const zones = await regionTimeZones(regionsShown)
  const zoneOf = (regionId: number | null) => (regionId === null ? FALLBACK_TIME_ZONE : (zones.get(regionId) ?? FALLBACK_TIME_ZONE))
  return {
    local,
    failed: failed.map(plain(zoneOf)),
    recent: recent.map(plain(zoneOf)),
    message,
    canResend: holds(actor, 'outbox:resend'),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  const form = await request.formData()
  const id = Number(form.get('id'))
  if (!Number.isSafeInteger(id) || id <= 0) return invalidForm({}, null, text.badResendId)
  return attempt(async () => {
    await resendOutboxMessage(actor, id, { acceptDuplicate: form.get('acceptDuplicate') === 'on' })
    return redirectWithFlash('/outbox', text.resent(String(id)))
  })
}

// A form per failed row; where the outcome is unknown the confirmation is a
// required checkbox, so it works without JavaScript and the server checks it too.
function ResendForm({ r }: { r: Row }) {
  const busy = useNavigation().formData?.get('id') === String(r.id)
  const confirmId = `accept-duplicate-${r.id}`
  return (
    <Form method="post" aria-label={text.resendLabel(r.id)}>
      <input type="hidden" name="id" value={r.id} />
      {r.failure === 'unknown' ? (
        <>
          <p className="muted" id={`${confirmId}-hint`}>
            {text.duplicateWarning}
          </p>
          <div>
            <input type="checkbox" id={confirmId} name="acceptDuplicate" value="on" required aria-describedby={`${confirmId}-hint`} />{' '}
            <label htmlFor={confirmId}>{text.acceptDuplicate}</label>
          </div>
        </>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? text.resendBusy : text.resend}
      </button>
    </Form>
  )
}

function StatusCell({ r }: { r: Row }) {
  if (r.status === 'failed') {
    return (
      <td>
        <strong>{text.statuses.failed}</strong>
        {r.failure ? <div>{text.failure[r.failure]}</div> : null}
      </td>
    )
  }
  return (
    <td>
      {text.statuses[r.status]}
      {r.status === 'sent' && r.delivery ? <div className="muted">{text.delivery[r.delivery]}</div> : null}
      {r.status === 'pending' && r.attempts > 0 ? <div className="muted">{text.nextAttempt(r.nextAttemptAt)}</div> : null}
    </td>
  )
}

function OutboxTable({ rows, local, caption, resend = false }: { rows: Row[]; local: boolean; caption: string; resend?: boolean }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{text.id}</th>
            <th scope="col">{text.created}</th>
            <th scope="col">{text.template}</th>
            <th scope="col">{text.recipient}</th>
            <th scope="col">{text.status}</th>
            <th scope="col">{text.attempts}</th>
            <th scope="col">{text.error}</th>
            {resend ? <th scope="col">{text.action}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.status === 'failed' ? 'error' : undefined} data-status={r.status}>
              <td>
                {local && r.delivery === 'file' ? <Link to={`/outbox?eml=${r.id}`} aria-label={`${text.open} ${r.id}`}>{r.id}</Link> : r.id}
              </td>
              <td>{r.createdAt}</td>
              <td>{text.templates[r.template] ?? r.template}</td>
              <td>{r.recipientEmail ?? <span className="muted">{text.noAddress}</span>}</td>
              <StatusCell r={r} />
              <td>{r.attempts}</td>
              <td>{r.lastError ? <code>{r.lastError}</code> : null}</td>
              {resend ? (
                <td>
                  <ResendForm r={r} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function Outbox() {
  const { local, failed, recent, message, canResend } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (message) {
    const v = message.view
    return (
      <>
        <h1>{text.messageTitle(message.id)}</h1>
        <p>
          <Link to="/outbox">{text.back}</Link>
        </p>
        {v ? (
          <>
            <dl className="facts">
              <dt>{text.from}</dt>
              <dd>{v.from}</dd>
              <dt>{text.to}</dt>
              <dd>{v.to}</dd>
              <dt>{text.subject}</dt>
              <dd>{v.subject}</dd>
              <dt>{text.date}</dt>
              <dd>{v.date}</dd>
              <dt>{text.messageId}</dt>
              <dd>
                <code>{v.messageId}</code>
              </dd>
            </dl>
            <pre className="document">{v.text}</pre>
            <details>
              <summary>{text.source}</summary>
              <pre className="document">{v.raw}</pre>
            </details>
          </>
        ) : (
          <p className="alert">{text.noFile}</p>
        )}
      </>
    )
  }
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.intro}</p>
      {local ? <p className="muted">{text.localMode}</p> : null}
      <FormStatus error={actionData?.error.message} />
      <section aria-labelledby="failed-h">
        <h2 id="failed-h">
          {text.failedTitle} <span className="badge">{failed.length}</span>
        </h2>
        {failed.length === 0 ? <p className="muted">{text.noFailed}</p> : <div className="alert"><OutboxTable rows={failed} local={local} caption={text.failedTitle} resend={canResend} /></div>}
      </section>
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{text.recentTitle}</h2>
        {recent.length === 0 ? <p className="muted">{text.empty}</p> : <OutboxTable rows={recent} local={local} caption={text.recentTitle} />}
      </section>
    </>
  )
}
