import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { activityQueuePage } from '~/domain/activity.server'
import { orErrorPage } from '~/http/errors.server'
import { requireRegion } from '~/http/staff-region.server'
import {
  activityLevelLabels,
  activityListViewLabels,
  activityListViews,
  activityStateLabels,
  type ActivityLevel,
  type ActivityListShow,
} from '~/model/activity'
import { formatDate } from '~/model/labels'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { ColumnHeads } from '~/ui/column-heads'
import { ListPager } from '~/ui/list-pager'
import { RegionPicker } from '~/ui/region-picker'

const text = {
  title: 'Записи о методической работе',
  titleOf: { pending: 'Записи о методической работе на подтверждении', confirmed: 'Подтверждённые записи о методической работе', all: 'Записи о методической работе' } as Record<ActivityListShow, string>,
  lead: 'Члены актива отправили эти записи на подтверждение. Откройте запись, проверьте документ или ссылку и подтвердите её или верните на доработку с указанием причины.',
  leadOther: 'Записи членов актива, включая загруженные из таблиц мероприятий региона; сначала новые.',
  none: 'Записей, ожидающих решения, нет.',
  noneOther: 'Таких записей нет.',
  caption: 'Записи на подтверждении, сначала давние',
  captionOther: 'Записи о методической работе, сначала новые',
  show: 'Показать',
  apply: 'Показать',
  member: 'Член актива',
  municipality: 'Муниципалитет',
  kind: 'Вид работы',
  date: 'Дата',
  level: 'Уровень',
  state: 'Состояние',
  pages: 'Страницы списка записей',
}

export const meta: MetaFunction = () => [{ title: `${text.title} — Реестр методического актива` }]

export async function loader({ request }: LoaderFunctionArgs) {
  // a municipal coordinator works in the region of their municipality (the domain keeps them to it); staff of several regions pick one
  const { actor, region, choices } = await requireRegion(request, 'activity:confirm', undefined, { municipal: true })
  const url = new URL(request.url)
  const asked = url.searchParams.get('show')
  const show: ActivityListShow = activityListViews.find((v) => v === asked) ?? 'pending'
  const data = await orErrorPage(activityQueuePage(actor, region.id, pageOf(url, 'after', 'int'), show))
  url.searchParams.set('region', String(region.id))
  return {
    show,
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    ...data,
    next: nextHref(url, data.page),
    first: firstHref(url),
  }
}

export default function ActivityQueue() {
  const { show, region, choices, page, timeZone, next, first } = useLoaderData<typeof loader>()
  const pending = show === 'pending'
  return (
    <>
      <h1>{text.titleOf[show]}</h1>
      <RegionPicker region={region} choices={choices} />
      <Form method="get" className="inline-form">
        <input type="hidden" name="region" value={region.id} />
        <label htmlFor="activity-show">{text.show}</label>{' '}
        <select id="activity-show" name="show" defaultValue={show}>
          {activityListViews.map((v) => (
            <option key={v} value={v}>
              {activityListViewLabels[v]}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{text.apply}</button>
      </Form>
      <p>{pending ? text.lead : text.leadOther}</p>
      {page.rows.length === 0 ? (
        <p className="muted">{pending ? text.none : text.noneOther}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{pending ? text.caption : text.captionOther}</caption>
            <ColumnHeads labels={[text.member, text.municipality, text.kind, text.date, text.level, text.state]} />
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/activity/${r.id}`}>{r.memberName}</Link>
                  </th>
                  <td data-label={text.municipality}>{r.municipalityName ?? '—'}</td>
                  <td data-label={text.kind}>{r.kindLabel}</td>
                  <td data-label={text.date}>{formatDate(r.heldOn, timeZone)}</td>
                  <td data-label={text.level}>{activityLevelLabels[r.level as ActivityLevel]}</td>
                  <td data-label={text.state}>{activityStateLabels[r.state]}</td>
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
