import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { dashboardFor, type Section } from '~/domain/dashboard.server'
import { exportsFor } from '~/exports/exports.server'
import { ApplicationTable } from '~/ui/application-table'
import { holds, roleLabels, type Permission } from '~/model/permissions'
import { requireSignedIn } from '~/http/session.server'
import { actorTimeZone } from '~/domain/time-zone.server'
import { applicationStateLabels, campaignStateLabels, formatDate, formatDateTime, notificationLabel, formatCount } from '~/model/labels'
import { ExportLinks } from '~/ui/export-links'
import { ListPager } from '~/ui/list-pager'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { ColumnHeads } from '~/ui/column-heads'

const text = {
  title: 'Мои задачи',
  notifications: 'Уведомления',
  noNotifications: 'Новых уведомлений нет.',
  municipality: 'Муниципалитет',
  state: 'Состояние',
  assigned: 'Назначен',
  allReviews: (shown: number, total: number) => `Показаны первые ${shown} из ${formatCount(total)}: все кандидаты, ожидающие вашего отзыва, — в разделе «Мои отзывы на кандидатов»`,
  campaign: 'Отбор',
  deadline: 'Приём до',
  teachers: 'Педагогов',
  members: 'Членов актива',
  perMember: 'Педагогов на одного члена',
  limit: (n: number) => `Показатель региона: не более ${n} педагогов на одного члена актива.`,
  noRoles: 'У вашей учётной записи пока нет ролей. Обратитесь к администратору.',
  consent: 'Согласие на публикацию моих данных в открытом реестре',
  sections: 'Разделы',
  exports: 'Выгрузки для Excel',
  withPrivate: 'с личными данными (просмотр записывается в журнал)',
  pager: (title: string) => `Страницы списка «${title}»`,
}

// Workspaces, each shown to whoever holds its permission somewhere.
const workspaces: { to: string; label: string; permission: Permission }[] = [
  { to: '/campaigns', label: 'Открытые отборы: подать заявление', permission: 'application:create' },
  { to: '/campaigns', label: 'Открытые отборы: выдвинуть кандидата', permission: 'application:nominate' },
  { to: '/commission', label: 'Комиссия: проверка заявлений и распределение', permission: 'meeting:manage' },
  { to: '/reviews', label: 'Мои отзывы на кандидатов', permission: 'application:review' },
  { to: '/meetings', label: 'Заседания комиссии', permission: 'vote:cast' },
  { to: '/meetings', label: 'Заседания комиссии', permission: 'meeting:manage' },
  { to: '/ministry', label: 'Согласование состава и приказы', permission: 'approval:decide' },
  { to: '/campaigns/manage', label: 'Управление отборами и публикация', permission: 'campaign:manage' },
  { to: '/rule-sets', label: 'Требования к кандидатам (наборы правил)', permission: 'ruleSet:manage' },
  { to: '/coordinator/commission', label: 'Состав комиссии', permission: 'commission:manage' },
  { to: '/members', label: 'Изменения состава актива', permission: 'roster:change' },
  { to: '/imports', label: 'Загрузка таблиц', permission: 'import:run' },
  { to: '/outbox', label: 'Почта и уведомления', permission: 'outbox:read' },
  { to: '/settings', label: 'Настройки региона', permission: 'region:manage' },
]

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request)
  const url = new URL(request.url)
  const [{ sections, notifications }, timeZone] = await Promise.all([dashboardFor(actor, (param) => pageOf(url, param)), actorTimeZone(actor)])
  const links = workspaces.filter((w) => holds(actor, w.permission)).filter((w, i, all) => all.findIndex((x) => x.to === w.to) === i)
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

type Pager = Parameters<typeof ListPager>[0]

function SectionView({ s, timeZone }: { s: Section & { pager?: Pager }; timeZone: string }) {
  const headingId = `s-${s.role}-${s.title.length}-${s.kind}`
  return (
    <section aria-labelledby={headingId} className="card" data-role={s.role}>
      <h2 id={headingId}>
        {s.title} <span className="badge">{roleLabels[s.role]}</span>
      </h2>
      {s.kind === 'applications' ? <ApplicationTable items={s.items} empty={s.empty} timeZone={timeZone} /> : null}
      {s.kind === 'applications' && s.pager ? <ListPager {...s.pager} label={text.pager(s.title)} /> : null}
      {s.kind === 'reviews' ? (
        s.items.length === 0 ? (
          <p className="muted">{s.empty}</p>
        ) : (
          <ul>
            {s.items.map((r) => (
              <li key={r.applicationId}>
                <Link to={`/applications/${r.applicationId}`}>{r.fullName}</Link> — {text.assigned.toLowerCase()} {formatDate(r.assignedAt, timeZone)}
              </li>
            ))}
            {s.total > s.items.length ? (
              <li>
                <Link to="/reviews">{text.allReviews(s.items.length, s.total)}</Link>
              </li>
            ) : null}
          </ul>
        )
      ) : null}
      {s.kind === 'campaigns' ? (
        s.items.length === 0 ? (
          <p className="muted">{s.empty}</p>
        ) : (
          <>
            <table className="staff-table">
              <ColumnHeads labels={[text.campaign, text.state, text.deadline]} />
              <tbody>
                {s.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/campaigns/manage/${c.id}`}>{c.title}</Link>
                    </th>
                    <td>{campaignStateLabels[c.state]}</td>
                    <td>{c.closesOn ? formatDate(c.closesOn) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              {s.counts.map((c) => (
                <span key={c.state} className="badge">
                  {applicationStateLabels[c.state]}: {c.n}
                </span>
              ))}
            </p>
          </>
        )
      ) : null}
      {s.kind === 'coverage' ? (
        <>
          {s.limit ? <p>{text.limit(s.limit)}</p> : null}
          <table>
            <ColumnHeads labels={[text.municipality, text.teachers, text.members, text.perMember]} />
            <tbody>
              {s.items.map((c) => (
                <tr key={c.municipalityId}>
                  <td>{c.name}</td>
                  <td>{c.teachers}</td>
                  <td>{c.members}</td>
                  <td>{c.members ? Math.round(c.teachers / c.members) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {s.kind === 'admin' ? <p className="muted">{s.empty}</p> : null}
    </section>
  )
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
        {notifications.length === 0 ? (
          <p className="muted">{text.noNotifications}</p>
        ) : (
          <ul>
            {notifications.map((n) => (
              <li key={n.id}>
                {notificationLabel(n.template)} <span className="muted">{formatDateTime(n.createdAt, timeZone)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
