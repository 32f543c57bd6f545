import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { outboxListPage, readableOutboxRow, resendOutboxMessage, type OutboxListRow } from '~/domain/outbox.server'
import { orErrorPage } from '~/http/errors.server'
import { readEml, type EmlView } from '~/mail/eml.server'
import { env } from '~/utils/env.server'
import { handleForm } from '~/http/form.server'
import { redirectWithFlash } from '~/http/flash.server'
import { can, holds, roleTable } from '~/model/permissions'
import { requireSignedIn } from '~/http/session.server'
import { formatDateTime } from '~/model/labels'
import { outboxResendSchema } from '~/model/inputs/outbox'
import { regionTimeZones } from '~/domain/regions.server'
import { FALLBACK_TIME_ZONE } from '~/utils/dates'
import { firstHref, nextHref, pageOf, type Page } from '~/model/paging'
import { ListPager } from '~/ui/list-pager'
import { MessageView } from './message'
import { OutboxTable } from './table'
import { text } from './text'

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

// Times are shown in the zone of the message's region (PRODUCT §12), formatted on the server.
export type Row = Omit<OutboxListRow, 'createdAt' | 'nextAttemptAt' | 'sentAt'> & { createdAt: string; nextAttemptAt: string; sentAt: string | null }

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
  let message: { id: number; view: MessageFields | null } | null = null
  if (emlParam !== null) {
    const id = Number(emlParam)
    if (!Number.isSafeInteger(id) || id <= 0) throw new Response(text.badId, { status: 400 })
    const row = await orErrorPage(readableOutboxRow(actor, id))
    const eml = local ? await readEml(env().DATA_DIR, id) : null
    const [zone] = row.regionId === null ? [FALLBACK_TIME_ZONE] : [...(await regionTimeZones([row.regionId])).values()]
    message = { id, view: eml && readable(eml, zone ?? FALLBACK_TIME_ZONE) }
  }

  // Two lists on one page, one cursor each, so paging one keeps the other where it was.
  const [failedPage, recentPage] = await Promise.all([
    outboxListPage(regionIds, pageOf(url, 'failedAfter', 'int'), 'failed'),
    outboxListPage(regionIds, pageOf(url, 'after', 'int')),
  ])
  const failed = failedPage.rows
  const recent = recentPage.rows
  const regionsShown = [...new Set([...failed, ...recent].map((r) => r.regionId).filter((id): id is number => id !== null))]
  const zones = await regionTimeZones(regionsShown)
  const zoneOf = (regionId: number | null) => (regionId === null ? FALLBACK_TIME_ZONE : (zones.get(regionId) ?? FALLBACK_TIME_ZONE))
  return {
    local,
    everywhere,
    failed: failed.map(plain(zoneOf)),
    recent: recent.map(plain(zoneOf)),
    failedPager: pagerOf(url, failedPage, 'failedAfter'),
    recentPager: pagerOf(url, recentPage, 'after'),
    message,
    canResend: holds(actor, 'outbox:resend'),
  }
}

export type MessageFields = Omit<EmlView, 'raw'>

/**
 * The letter as people read it: decoded headers, the date in its region's
 * zone with the offset; the MIME source is the .eml download, not the page.
 */
function readable(eml: EmlView, zone: string): MessageFields {
  const { raw: _raw, ...fields } = eml
  const at = new Date(eml.date)
  return { ...fields, date: Number.isNaN(at.getTime()) ? eml.date : formatDateTime(at, zone) }
}

function pagerOf(url: URL, page: Page<unknown>, param: string) {
  return { from: page.from, count: page.rows.length, total: page.total, next: nextHref(url, page, param), first: firstHref(url, param) }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request)
  return handleForm(request, outboxResendSchema, async ({ id, acceptDuplicate }) => {
    await resendOutboxMessage(actor, id, { acceptDuplicate })
    return redirectWithFlash('/outbox', text.resent(id))
  })
}

export default function Outbox() {
  const { local, everywhere, failed, recent, failedPager, recentPager, message, canResend } = useLoaderData<typeof loader>()
  if (message) return <MessageView message={message} />
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.intro}</p>
      {local ? <p className="muted">{everywhere ? text.localModeAdmin : text.localMode}</p> : null}
      <section aria-labelledby="failed-h">
        <h2 id="failed-h">
          {text.failedTitle} <span className="badge">{failedPager.total ?? failed.length}</span>
        </h2>
        {failed.length === 0 ? <p className="muted">{text.noFailed}</p> : <div className="alert"><OutboxTable rows={failed} local={local} caption={text.failedTitle} resend={canResend} /></div>}
        <ListPager {...failedPager} label={text.failedPager} />
      </section>
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{text.recentTitle}</h2>
        {recent.length === 0 ? <p className="muted">{text.empty}</p> : <OutboxTable rows={recent} local={local} caption={text.recentTitle} />}
        <ListPager {...recentPager} label={text.recentPager} />
      </section>
    </>
  )
}
