import { markNotificationsRead, notificationCount, notificationPage, unreadNotificationsFor, type Notification } from '../../db/queries/outbox.server'
import { AppError } from '../../workflows/errors'
import { PAGE_SIZE, toPage, type Cursor, type Page } from '~/model/paging'
import type { Actor } from '~/model/permissions'
import type { SessionActor } from './sessions.server'
import { actorTimeZone } from './time-zone.server'

// A person's notifications (issue 11 §4.4) are the outbox rows addressed to
// them: the letter and the notice are one record, so a notice cannot exist
// without its letter. Reading them is the person's own business: every query
// is bound to the actor's user id, and nothing here is audited.

export type NotificationRow = Notification & { href: string | null }

/** Where a notice leads: the record it is about, when the person has a page for it. */
function hrefOf(n: Notification): string | null {
  if (n.entityId == null) return null
  switch (n.entity) {
    case 'application':
      return `/applications/${n.entityId}`
    case 'meeting':
      return `/meetings/${n.entityId}`
    case 'commission':
      // A deleted meeting's notice: the commission's meetings, where the others still are.
      return `/meetings?commission=${n.entityId}`
    case 'consent':
      return '/my/consent'
    case 'activity':
      return `/activity/${n.entityId}`
    case 'appeal':
      return `/appeals/${n.entityId}`
    case 'indicatorReport':
      return `/reports/${n.entityId}`
    default:
      return null
  }
}
const withHref = (n: Notification): NotificationRow => ({ ...n, href: hrefOf(n) })

/** The unread notices for the dashboard: the newest few and how many there are. */
export async function unreadNotifications(actor: Actor, limit = 5): Promise<{ rows: NotificationRow[]; count: number }> {
  const { rows, count } = await unreadNotificationsFor(actor.userId, limit)
  return { rows: rows.map(withHref), count }
}

export async function myNotifications(actor: SessionActor, page: { after: Cursor | null; from: number }): Promise<{ page: Page<NotificationRow>; unread: number; timeZone: string }> {
  const [rows, total, unread, timeZone] = await Promise.all([
    notificationPage(actor.userId, page.after, PAGE_SIZE + 1),
    notificationCount(actor.userId),
    unreadNotificationsFor(actor.userId, 0).then((u) => u.count),
    actorTimeZone(actor),
  ])
  return { page: toPage(rows.map(withHref), PAGE_SIZE, page.from, total, (r) => r.id), unread, timeZone }
}

/** Marks one of the actor's notices read, or all of them (`id` null); another person's notice is simply not found. */
export async function markRead(actor: Actor, id: number | null): Promise<number> {
  const marked = await markNotificationsRead(actor.userId, id)
  if (id !== null && marked === 0) throw new AppError('NOTIFICATION_NOT_FOUND', 404, 'Уведомление не найдено.', { id })
  return marked
}
