import { Link } from '@remix-run/react'
import type { MyTermSection, TermsSection } from '~/domain/term-dashboard.server'
import { pluralDays } from '~/model/campaign-stages'
import { formatCount, formatDate, memberStateLabels } from '~/model/labels'
import { ColumnHeads } from '~/ui/column-heads'

// The dashboard's terms (issue 10 §3.2): the coordinator's list of terms
// ending soon and a member's own term.

const text = {
  total: (n: number) => `Всего: ${formatCount(n)}.`,
  more: (shown: number, total: number) => `Показаны первые ${shown} из ${formatCount(total)}; все члены актива — в разделе «Изменения состава актива».`,
  caption: 'Члены актива, чей срок полномочий скоро истекает',
  name: 'Член актива',
  ends: 'Срок полномочий до',
  state: 'Состояние',
  myTerm: (day: string, left: number) =>
    left === 0 ? `Срок ваших полномочий истекает сегодня, ${formatDate(day)}.` : `Срок ваших полномочий — до ${formatDate(day)} включительно (осталось ${pluralDays(left)}).`,
  renew: 'Чтобы продолжить работу в активе, подайте заявление в новый отбор, когда он откроется.',
  campaigns: 'Открытые отборы',
  certificate: 'Справка о включении в состав актива (Word)',
  certificateHint: 'для портфолио при аттестации: приказ, срок полномочий, направление',
  hint: 'На следующий день после окончания срока член актива выводится из состава автоматически, со ссылкой на приказ, которым срок был установлен.',
}

export function TermsView({ s }: { s: TermsSection | MyTermSection }) {
  if (s.kind === 'myTerm') {
    return (
      <>
        <p>{text.myTerm(s.termEndsOn, s.daysLeft)}</p>
        <p>
          <a href="/my/certificate.docx" download>
            {text.certificate}
          </a>{' '}
          <span className="muted">— {text.certificateHint}</span>
        </p>
        {s.daysLeft <= 90 ? (
          <p>
            {text.renew} <Link to="/campaigns">{text.campaigns}</Link>
          </p>
        ) : null}
      </>
    )
  }
  if (s.total === 0) return <p className="muted">{s.empty}</p>
  return (
    <>
      <p>{text.total(s.total)}</p>
      <table className="staff-table">
        <caption>{text.caption}</caption>
        <ColumnHeads labels={[text.name, text.ends, text.state]} />
        <tbody>
          {s.items.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <Link to={`/members/${m.id}`}>{m.fullName}</Link>
              </th>
              <td>{formatDate(m.termEndsOn)}</td>
              <td>{memberStateLabels[m.state] ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.total > s.items.length ? (
        <p>
          <Link to="/members">{text.more(s.items.length, s.total)}</Link>
        </p>
      ) : null}
      <p className="muted">{text.hint}</p>
    </>
  )
}
