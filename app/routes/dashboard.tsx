import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { dashboardFor } from '~/domain/dashboard.server'
import { exportsFor } from '~/exports/exports.server'
import { holds, type Permission } from '~/model/permissions'
import { everywhereWith, regionsWith } from '~/http/staff-region.server'
import { requireSignedIn } from '~/http/session.server'
import { actorTimeZone } from '~/domain/time-zone.server'
import { formatCount, formatDateTime, notificationLabel } from '~/model/labels'
import { ExportLinks } from '~/ui/export-links'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { SectionView } from '~/ui/dashboard-section'

const text = {
  title: 'Мои задачи',
  notifications: 'Уведомления',
  noNotifications: 'Новых уведомлений нет.',
  allNotifications: (unread: number) => (unread > 0 ? `Все уведомления (непрочитанных: ${formatCount(unread)})` : 'Все уведомления'),
  noRoles: 'У вашей учётной записи пока нет ролей. Обратитесь к администратору.',
  consent: 'Согласие на публикацию моих данных в открытом реестре',
  sections: 'Разделы',
  exports: 'Выгрузки для Excel',
  withPrivate: 'с личными данными (просмотр записывается в журнал)',
}

// Workspaces, each shown to whoever holds its permission somewhere.
// `regionWide`: the screen works on a whole region, so a municipal grant of the same permission (issue 10 §6) does not open it.
const workspaces: { to: string; label: string; permission: Permission; regionWide?: true }[] = [
  { to: '/campaigns', label: 'Открытые отборы: подать заявление', permission: 'application:create' },
  { to: '/campaigns', label: 'Открытые отборы: выдвинуть кандидата', permission: 'application:nominate' },
  { to: '/commission', label: 'Комиссия: проверка заявлений и распределение', permission: 'meeting:manage' },
  { to: '/commission/appeals', label: 'Апелляции, ожидающие решения комиссии', permission: 'meeting:manage' },
  { to: '/reviews', label: 'Мои отзывы на кандидатов', permission: 'application:review' },
  { to: '/meetings', label: 'Заседания комиссии', permission: 'vote:cast' },
  { to: '/meetings', label: 'Заседания комиссии', permission: 'meeting:manage' },
  { to: '/ministry', label: 'Согласование состава и приказы', permission: 'approval:decide' },
  { to: '/campaigns/manage', label: 'Управление отборами и публикация', permission: 'campaign:manage' },
  { to: '/rule-sets', label: 'Требования к кандидатам (наборы правил)', permission: 'ruleSet:manage', regionWide: true },
  { to: '/coordinator/commission', label: 'Состав комиссии', permission: 'commission:manage' },
  { to: '/members', label: 'Изменения состава актива', permission: 'roster:change' },
  { to: '/imports', label: 'Загрузка таблиц', permission: 'import:run' },
  { to: '/outbox', label: 'Почта и уведомления', permission: 'outbox:read' },
  { to: '/my/activity', label: 'Моя методическая работа (для членов актива)', permission: 'activity:record' },
  { to: '/activity', label: 'Записи о методической работе на подтверждении', permission: 'activity:confirm' },
  { to: '/people', label: 'Сотрудники и роли', permission: 'user:manage' },
  { to: '/people/invitations', label: 'Сотрудники: приглашения', permission: 'user:manage' },
  // the region's statistics (mayReadStatistics): its ministry officer and coordinator, and the administrator; not a municipal coordinator
  { to: '/statistics', label: 'Статистика региона', permission: 'order:record', regionWide: true },
  { to: '/statistics', label: 'Статистика региона', permission: 'region:manage' },
  { to: '/settings', label: 'Настройки региона', permission: 'region:manage' },
  { to: '/evaluation', label: 'Оценка эффективности членов актива', permission: 'evaluation:read' },
  { to: '/settings/evaluation', label: 'Оценка эффективности: баллы, пороги и учебный год', permission: 'evaluation:manage' },
  { to: '/reports', label: 'Отчёты о достижении показателей', permission: 'report:manage' },
]

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const url = new URL(request.url)
  const [{ sections, notifications }, timeZone] = await Promise.all([dashboardFor(actor, (param) => pageOf(url, param, 'text')), actorTimeZone(actor)])
  const opens = (w: (typeof workspaces)[number]) =>
    w.regionWide ? everywhereWith(actor, w.permission) || regionsWith(actor, w.permission).length > 0 : holds(actor, w.permission)
  const links = workspaces.filter(opens).filter((w, i, all) => all.findIndex((x) => x.to === w.to) === i)
  return {
    name: actor.user.displayName,
    sections: sections.map((s) =>
      s.kind === 'applications'
        ? { ...s, pager: { from: s.page.from, count: s.items.length, total: s.page.total, next: nextHref(url, { ...s.page, rows: s.items }, s.param), first: firstHref(url, s.param) } }
        : s,
    ),
    notifications,
    timeZone,
    links: links.map(({ to, label }) => ({ to, label })),
    exports: exportsFor(actor),
    manageConsent: holds(actor, 'consent:manageOwn') && actor.user.personId !== null,
  }
}

export default function Dashboard() {
  const { name, sections, notifications, links, exports, manageConsent, timeZone } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>
        {text.title}: {name}
      </h1>
      {links.length ? (
        <nav aria-labelledby="workspaces" className="card">
          <h2 id="workspaces">{text.sections}</h2>
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <Link to={l.to}>{l.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <ExportLinks exports={exports} title={text.exports} privateLabel={text.withPrivate} />
      {manageConsent ? (
        <p>
          <Link to="/my/consent">{text.consent}</Link>
        </p>
      ) : null}
      {sections.length === 0 ? <p>{text.noRoles}</p> : sections.map((s) => <SectionView key={`${s.role}-${s.title}`} s={s} timeZone={timeZone} />)}
      <section aria-labelledby="notifications" className="card">
        <h2 id="notifications">{text.notifications}</h2>
        {notifications.count === 0 ? (
          <p className="muted">{text.noNotifications}</p>
        ) : (
          <ul>
            {notifications.rows.map((n) => (
              <li key={n.id}>
                {n.href ? <Link to={n.href}>{notificationLabel(n.template, n.municipal)}</Link> : notificationLabel(n.template, n.municipal)}{' '}
                <span className="muted">{formatDateTime(n.createdAt, timeZone)}</span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/my/notifications">{text.allNotifications(notifications.count)}</Link>
        </p>
      </section>
    </>
  )
}
