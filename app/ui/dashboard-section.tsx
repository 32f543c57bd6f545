import { Link } from '@remix-run/react'
import type { Section } from '~/domain/dashboard.server'
import { ApplicationTable } from '~/ui/application-table'
import { roleLabels } from '~/model/permissions'
import { applicationStateLabels, campaignStateLabels, formatDate, formatCount } from '~/model/labels'
import { ListPager } from '~/ui/list-pager'
import { ColumnHeads } from '~/ui/column-heads'
import { DeadlineList } from '~/ui/deadline-list'
import { TermsView } from '~/ui/term-sections'
import { unitAfterComparison } from '~/utils/plural'

// One section of the dashboard: what waits for one of the person's roles.

const text = {
  invitations: 'Перейти к приглашениям',
  municipality: 'Муниципалитет',
  assigned: 'Назначен',
  allReviews: (shown: number, total: number) => `Показаны первые ${shown} из ${formatCount(total)}: все кандидаты, ожидающие вашего отзыва, — в разделе «Мои отзывы на кандидатов»`,
  campaign: 'Отбор',
  state: 'Состояние',
  deadline: 'Приём до',
  teachers: 'Педагогов',
  members: 'Членов актива',
  perMember: 'Педагогов на одного члена',
  limit: (n: number) => `Показатель региона: не более ${n} ${unitAfterComparison(n, 'педагогов на одного члена актива')}.`,
  pager: (title: string) => `Страницы списка «${title}»`,
}

type Pager = Parameters<typeof ListPager>[0]

export function SectionView({ s, timeZone }: { s: Section & { pager?: Pager }; timeZone: string }) {
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
      {s.kind === 'admin' ? (
        <p className="muted">
          {s.empty} <Link to="/people/invitations">{text.invitations}</Link>
        </p>
      ) : null}
      {s.kind === 'deadlines' ? <DeadlineList items={s.items} /> : null}
      {s.kind === 'terms' || s.kind === 'myTerm' ? <TermsView s={s} /> : null}
    </section>
  )
}
