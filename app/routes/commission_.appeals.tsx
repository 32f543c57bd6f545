import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { commissionAppeals } from '~/domain/appeals.server'
import { orErrorPage } from '~/http/errors.server'
import { requireCommission } from '~/http/staff-commission.server'
import { appealDecisionLabels, appealStateLabels } from '~/model/appeals'
import { formatDate, formatDateTime } from '~/model/labels'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { ColumnHeads } from '~/ui/column-heads'
import { ListPager } from '~/ui/list-pager'

// The secretary's list of appeals still to be decided (issue 10 §5): an
// appeal goes on a meeting's agenda from the meeting's page.

const text = {
  title: 'Апелляции, ожидающие решения комиссии',
  back: 'Работа комиссии',
  meetings: 'Заседания комиссии',
  lead: 'Апелляцию включают в повестку открытого заседания на его странице, в разделе «Другие вопросы повестки»; решение принимается голосованием и записывается в протокол.',
  none: 'Апелляций, ожидающих решения, нет.',
  caption: 'Апелляции, сначала давние',
  applicant: 'Заявитель',
  campaign: 'Отбор',
  decision: 'Обжалуемое решение',
  filed: 'Подана',
  state: 'Состояние',
  pages: 'Страницы списка апелляций',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, commissionId } = await requireCommission(request, 'meeting:manage')
  const url = new URL(request.url)
  const page = await orErrorPage(commissionAppeals(actor, commissionId, pageOf(url, 'after', 'int')))
  url.searchParams.set('commission', String(commissionId))
  return {
    commissionId,
    commissionName: page.commissionName,
    page,
    timeZone: page.timeZone,
    next: nextHref(url, page),
    first: firstHref(url),
  }
}

export default function CommissionAppeals() {
  const { commissionId, commissionName, page, timeZone, next, first } = useLoaderData<typeof loader>()
  return (
    <>
      <p className="no-print">
        <Link to={`/commission?commission=${commissionId}`}>{text.back}</Link> · <Link to={`/meetings?commission=${commissionId}`}>{text.meetings}</Link>
      </p>
      <h1>
        {text.title}: {commissionName}
      </h1>
      <p>{text.lead}</p>
      {page.rows.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{text.caption}</caption>
            <ColumnHeads labels={[text.applicant, text.campaign, text.decision, text.filed, text.state]} />
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/applications/${r.applicationId}`}>{r.fullName}</Link>
                  </th>
                  <td data-label={text.campaign}>{r.campaignTitle}</td>
                  <td data-label={text.decision}>{appealDecisionLabels[r.decisionState]}</td>
                  <td data-label={text.filed}>{formatDate(r.createdAt, timeZone)}</td>
                  <td data-label={text.state}>
                    {appealStateLabels[r.state]}
                    {r.state === 'onAgenda' && r.meetingAt ? `: ${formatDateTime(r.meetingAt, timeZone)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListPager from={page.from} count={page.rows.length} total={page.total} next={next} first={first} label={text.pages} />
    </>
  )
}
