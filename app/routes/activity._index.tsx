import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { activityQueuePage } from '~/domain/activity.server'
import { orErrorPage } from '~/http/errors.server'
import { regionsWith, staffRegion } from '~/http/staff-region.server'
import { requireSignedIn } from '~/http/session.server'
import { regionById } from '~/domain/regions.server'
import { activityLevelLabels, activityStateLabels, type ActivityLevel } from '~/model/activity'
import { formatDate } from '~/model/labels'
import { firstHref, nextHref, pageOf } from '~/model/paging'
import { ColumnHeads } from '~/ui/column-heads'
import { ListPager } from '~/ui/list-pager'
import { RegionPicker } from '~/ui/region-picker'

const text = {
  title: 'Записи о методической работе на подтверждении',
  lead: 'Члены актива отправили эти записи на подтверждение. Откройте запись, проверьте документ или ссылку и подтвердите её или верните на доработку с указанием причины.',
  none: 'Записей, ожидающих решения, нет.',
  caption: 'Записи на подтверждении, сначала давние',
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
  const actor = await requireSignedIn(request)
  // a municipal coordinator works in the region of their municipality; regional staff pick one
  const municipal = actor.grants.find((g) => g.role === 'municipalCoordinator' && g.regionId != null)
  const { region, choices } =
    regionsWith(actor, 'activity:confirm').length > 0 || !municipal
      ? await staffRegion(actor, 'activity:confirm', request)
      : { region: await orErrorPage(regionById(municipal.regionId!).then((r) => r ?? Promise.reject(new Response('Регион не найден.', { status: 404 })))), choices: [] }
  const url = new URL(request.url)
  const data = await orErrorPage(activityQueuePage(actor, region.id, pageOf(url)))
  url.searchParams.set('region', String(region.id))
  return {
    region: { id: region.id, name: region.name },
    choices: choices.map((r) => ({ id: r.id, name: r.name })),
    ...data,
    next: nextHref(url, data.page),
    first: firstHref(url),
  }
}

export default function ActivityQueue() {
  const { region, choices, page, timeZone, next, first } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{text.title}</h1>
      <RegionPicker region={region} choices={choices} />
      <p>{text.lead}</p>
      {page.rows.length === 0 ? (
        <p className="muted">{text.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption>{text.caption}</caption>
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
